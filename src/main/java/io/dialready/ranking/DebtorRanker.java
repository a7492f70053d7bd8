package io.dialready.ranking;

import io.dialready.domain.DebtorRecord;
import io.dialready.domain.LookupResult;
import io.dialready.domain.PhoneCandidate;
import io.dialready.domain.RankedDebtor;
import io.dialready.domain.RankedPhone;
import io.dialready.domain.Segment;
import io.dialready.domain.WhatsAppStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Orders a debtor's phones for the dialer and gives the debtor its segment and priority.
 * <p>
 * Phone order: numbers with an active WhatsApp account first, then the other mobiles, then fixed lines and the rest;
 * within a group, the order the phones were found in (the spec's order of phone sources, then left to right in a
 * cell).
 * <p>
 * Priority: {@code 1000 * reach + amountScore}, where reach is 2 when the debtor has an active WhatsApp number, 1 when
 * it has another valid phone and 0 when it has none, and {@code amountScore = min(999, round(100 * log10(1 + amount)))}
 * (R$ 1,000 scores 300, R$ 10,000 scores 400; no amount scores 0). So every reachable debtor comes before every
 * unreachable one, and within the same reach, higher debts come first.
 */
public final class DebtorRanker {

    private static final Comparator<PhoneCandidateAt> ORDER =
            Comparator.comparingInt(PhoneCandidateAt::group).thenComparingInt(PhoneCandidateAt::position);

    private record PhoneCandidateAt(PhoneCandidate phone, LookupResult lookup, int group, int position) {}

    /** @param phones the debtor's valid, distinct phones in the order they were found */
    public RankedDebtor rank(DebtorRecord debtor, List<PhoneCandidate> phones, Map<String, LookupResult> lookups) {
        return rank(debtor, phones, lookups, java.util.Set.of());
    }

    /**
     * @param shared numbers other debtors hold too: ranked below all of the debtor's own numbers (in the same order
     *               among themselves)
     */
    public RankedDebtor rank(
            DebtorRecord debtor,
            List<PhoneCandidate> phones,
            Map<String, LookupResult> lookups,
            java.util.Set<String> shared) {
        List<PhoneCandidateAt> at = new ArrayList<>(phones.size());
        for (int i = 0; i < phones.size(); i++) {
            PhoneCandidate p = phones.get(i);
            LookupResult r = lookups.getOrDefault(p.e164(), LookupResult.PENDING);
            at.add(new PhoneCandidateAt(p, r, group(p, r) + (shared.contains(p.e164()) ? 3 : 0), i));
        }
        at.sort(ORDER);
        List<RankedPhone> ranked = new ArrayList<>(at.size());
        for (int i = 0; i < at.size(); i++) {
            ranked.add(new RankedPhone(i + 1, at.get(i).phone(), at.get(i).lookup()));
        }
        int reach = ranked.isEmpty() ? 0 : ranked.get(0).lookup().status() == WhatsAppStatus.ACTIVE ? 2 : 1;
        int priority = 1000 * reach + amountScore(debtor.amount());
        return new RankedDebtor(debtor, List.copyOf(ranked), Segment.of(debtor.daysOverdue()), priority);
    }

    static int group(PhoneCandidate phone, LookupResult lookup) {
        if (lookup.status() == WhatsAppStatus.ACTIVE) {
            return 0;
        }
        return phone.type().mayBeMobile() ? 1 : 2;
    }

    public static int amountScore(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            return 0;
        }
        double score = 100 * Math.log10(1 + amount.doubleValue());
        return (int) Math.min(999, Math.round(score));
    }
}
