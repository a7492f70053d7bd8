package io.dialready.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.domain.DebtorRecord;
import io.dialready.domain.LookupResult;
import io.dialready.domain.PhoneCandidate;
import io.dialready.domain.PhoneType;
import io.dialready.domain.RankedDebtor;
import io.dialready.domain.RankedPhone;
import io.dialready.domain.Segment;
import io.dialready.domain.WhatsAppStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DebtorRankerTest {

    private final DebtorRanker ranker = new DebtorRanker();

    private static PhoneCandidate phone(String source, String e164, PhoneType type) {
        return new PhoneCandidate(source, e164, e164, e164.substring(3), type, null, null);
    }

    private static DebtorRecord debtor(String amount, Integer days) {
        return new DebtorRecord(2, "C1", "ANA", null, amount == null ? null : new BigDecimal(amount), null, days);
    }

    @Test
    void activeWhatsAppFirstThenMobilesThenFixedLinesKeepingSourceOrderWithinAGroup() {
        PhoneCandidate fixed = phone("FONE1", "+551134567890", PhoneType.FIXED_LINE);
        PhoneCandidate mobileA = phone("FONE2", "+5511987654321", PhoneType.MOBILE);
        PhoneCandidate mobileB = phone("FONE3", "+5511912345678", PhoneType.MOBILE);
        PhoneCandidate activeLate = phone("FONE4", "+5521998765432", PhoneType.MOBILE);
        PhoneCandidate unknownMobile = phone("FONE5", "+5521991234567", PhoneType.MOBILE);
        Map<String, LookupResult> answers = Map.of(
                fixed.e164(), LookupResult.SKIPPED,
                mobileA.e164(), new LookupResult(WhatsAppStatus.INACTIVE, null),
                mobileB.e164(), new LookupResult(WhatsAppStatus.PENDING, null),
                activeLate.e164(), new LookupResult(WhatsAppStatus.ACTIVE, "552198765432"),
                unknownMobile.e164(), LookupResult.UNKNOWN);

        RankedDebtor ranked =
                ranker.rank(debtor("1000", 10), List.of(fixed, mobileA, mobileB, activeLate, unknownMobile), answers);

        assertThat(ranked.phones())
                .extracting(p -> p.phone().source())
                .containsExactly("FONE4", "FONE2", "FONE3", "FONE5", "FONE1");
        assertThat(ranked.phones()).extracting(RankedPhone::rank).containsExactly(1, 2, 3, 4, 5);
        assertThat(ranked.hasActiveWhatsApp()).isTrue();
        assertThat(ranked.phones().get(0).lookup().whatsappId()).isEqualTo("552198765432");
    }

    @Test
    void anUnknownAnswerIsNotTreatedAsInactiveOrActive() {
        PhoneCandidate unknown = phone("A", "+5511987654321", PhoneType.MOBILE);
        PhoneCandidate inactive = phone("B", "+5511912345678", PhoneType.MOBILE);
        RankedDebtor ranked = ranker.rank(
                debtor("50", 5),
                List.of(unknown, inactive),
                Map.of(
                        unknown.e164(),
                        LookupResult.UNKNOWN,
                        inactive.e164(),
                        new LookupResult(WhatsAppStatus.INACTIVE, null)));
        assertThat(ranked.phones())
                .extracting(p -> p.lookup().status())
                .containsExactly(WhatsAppStatus.UNKNOWN, WhatsAppStatus.INACTIVE);
        assertThat(ranked.hasActiveWhatsApp()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "-5, 0-30",
                "0, 0-30",
                "30, 0-30",
                "31, 31-90",
                "90, 31-90",
                "91, 90+",
                "2000, 90+",
                "null, unknown"
            })
    void segmentsFollowDebtAge(Integer days, String segment) {
        assertThat(Segment.of(days).label()).isEqualTo(segment);
    }

    @Test
    void priorityPutsReachableDebtorsFirstThenHigherDebts() {
        PhoneCandidate m = phone("A", "+5511987654321", PhoneType.MOBILE);
        Map<String, LookupResult> active = Map.of(m.e164(), new LookupResult(WhatsAppStatus.ACTIVE, "5511987654321"));
        Map<String, LookupResult> inactive = Map.of(m.e164(), new LookupResult(WhatsAppStatus.INACTIVE, null));

        int activeSmall = ranker.rank(debtor("100", 10), List.of(m), active).priority();
        int inactiveHuge =
                ranker.rank(debtor("1000000", 10), List.of(m), inactive).priority();
        int noPhoneHuge =
                ranker.rank(debtor("1000000", 10), List.of(), Map.of()).priority();
        int inactiveSmall = ranker.rank(debtor("100", 10), List.of(m), inactive).priority();

        assertThat(activeSmall).isEqualTo(2000 + 200);
        assertThat(inactiveHuge).isEqualTo(1000 + 600);
        assertThat(noPhoneHuge).isEqualTo(600);
        assertThat(activeSmall).isGreaterThan(inactiveHuge);
        assertThat(inactiveHuge).isGreaterThan(inactiveSmall).isGreaterThan(noPhoneHuge);
        assertThat(ranker.rank(debtor(null, null), List.of(), Map.of()).priority())
                .isZero();
        assertThat(DebtorRanker.amountScore(new BigDecimal("1e30"))).isEqualTo(999);
    }

    @Test
    void sharedNumbersRankBelowTheDebtorsOwnEvenWhenActive() {
        PhoneCandidate fixed = phone("FONE1", "+551134567890", PhoneType.FIXED_LINE);
        PhoneCandidate sharedActive = phone("FONE2", "+5521998765432", PhoneType.MOBILE);
        PhoneCandidate sharedMobile = phone("FONE3", "+5511912345678", PhoneType.MOBILE);
        PhoneCandidate ownMobile = phone("FONE4", "+5511987654321", PhoneType.MOBILE);
        Map<String, LookupResult> answers = Map.of(
                fixed.e164(), LookupResult.SKIPPED,
                sharedActive.e164(), new LookupResult(WhatsAppStatus.ACTIVE, "5521998765432"),
                sharedMobile.e164(), new LookupResult(WhatsAppStatus.INACTIVE, null),
                ownMobile.e164(), new LookupResult(WhatsAppStatus.INACTIVE, null));

        RankedDebtor ranked = ranker.rank(
                debtor(null, null),
                List.of(fixed, sharedActive, sharedMobile, ownMobile),
                answers,
                java.util.Set.of(sharedActive.e164(), sharedMobile.e164()));

        assertThat(ranked.phones())
                .extracting(p -> p.phone().source())
                .containsExactly("FONE4", "FONE1", "FONE2", "FONE3");
        assertThat(ranked.priority())
                .as("the best phone is an own, inactive one")
                .isEqualTo(1000);
    }
}
