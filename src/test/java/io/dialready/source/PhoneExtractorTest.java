package io.dialready.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialready.domain.PhoneCandidate;
import io.dialready.domain.Reject;
import io.dialready.phone.PhoneNormalizer;
import io.dialready.spec.JobSpec;
import io.dialready.spec.JobSpecException;
import io.dialready.spec.JobSpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finding a row's phones in the spec's sources. All numbers are synthetic. */
class PhoneExtractorTest {

    static final String[] HEADER = {"CONTRATO", "FONE", "DDD", "NUMERO", "OUTROS"};

    static final JobSpec SPEC = new JobSpecLoader().parse("""
            country: BR
            input:
              path: in.csv
            columns:
              key: CONTRATO
            phones:
              - column: fone
                multiple: false
              - ddd: DDD
                number: NUMERO
              - column: OUTROS
            """, Path.of("job.yml"));

    static List<String> e164(List<PhoneCandidate> phones) {
        return phones.stream().map(PhoneCandidate::e164).toList();
    }

    @Test
    void findsThePhonesOfEverySourceInTheSpecsOrder() {
        List<Reject> rejects = new ArrayList<>();
        PhoneExtractor.Found found = new PhoneExtractor(SPEC, HEADER)
                .extract(
                        new String[] {"C1", "(11) 98765-4321", "21", "91234-5678", "(31) 3456-7890 / (41) 99876-5432"},
                        2,
                        rejects);
        assertThat(e164(found.valid()))
                .containsExactly("+5511987654321", "+5521912345678", "+553134567890", "+5541998765432");
        assertThat(found.valid())
                .extracting(PhoneCandidate::source)
                .containsExactly("fone", "DDD+NUMERO", "OUTROS", "OUTROS");
        assertThat(found.found()).isEqualTo(4);
        assertThat(found.invalid()).isZero();
        assertThat(found.duplicates()).isZero();
        assertThat(rejects).isEmpty();
    }

    @Test
    void theSameNumberTwiceCountsOnceWhereItWasFirstFound() {
        List<Reject> rejects = new ArrayList<>();
        PhoneExtractor.Found found = new PhoneExtractor(SPEC, HEADER)
                .extract(
                        new String[] {"C1", "(11) 98765-4321", "11", "98765-4321", "+55 11 98765-4321, 11987654321"},
                        5,
                        rejects);
        assertThat(e164(found.valid())).containsExactly("+5511987654321");
        assertThat(found.valid().get(0).source()).isEqualTo("fone");
        assertThat(found.found()).isEqualTo(4);
        assertThat(found.duplicates()).isEqualTo(3);
        assertThat(found.invalid()).isZero();
        assertThat(rejects).isEmpty();
    }

    @Test
    void invalidNumbersAndExtraNumbersInASingleNumberColumnAreRejected() {
        List<Reject> rejects = new ArrayList<>();
        PhoneExtractor.Found found = new PhoneExtractor(SPEC, HEADER)
                .extract(new String[] {"C1", "(11) 98765-4321 / (11) 91234-5678", "", "", "12345"}, 7, rejects);
        String reason =
                new PhoneNormalizer("BR").parseCell("OUTROS", "12345").get(0).invalidReason();
        assertThat(e164(found.valid())).containsExactly("+5511987654321");
        assertThat(found.found()).isEqualTo(3);
        assertThat(found.invalid()).isEqualTo(2);
        assertThat(found.duplicates()).isZero();
        assertThat(rejects)
                .containsExactly(
                        new Reject(
                                7,
                                "fone",
                                "(11) 91234-5678",
                                "more than one number in a single-number column (set multiple: true to keep them)"),
                        new Reject(7, "OUTROS", "12345", reason));
        assertThat(reason).isNotBlank();
    }

    @Test
    void emptyCellsAndShortRowsHoldNoPhones() {
        List<Reject> rejects = new ArrayList<>();
        PhoneExtractor extractor = new PhoneExtractor(SPEC, HEADER);
        PhoneExtractor.Found empty = extractor.extract(new String[] {"C1", " ", "11", "", ""}, 3, rejects);
        PhoneExtractor.Found shortRow = extractor.extract(new String[] {"C2"}, 4, rejects);
        for (PhoneExtractor.Found f : List.of(empty, shortRow)) {
            assertThat(f.valid()).isEmpty();
            assertThat(f.found()).isZero();
            assertThat(f.invalid()).isZero();
        }
        assertThat(rejects).isEmpty();
    }

    @Test
    void aPhoneColumnMissingFromTheHeaderIsASpecErrorNamingTheSource() {
        assertThatThrownBy(() -> new PhoneExtractor(SPEC, new String[] {"CONTRATO", "FONE", "DDD", "OUTROS"}))
                .isInstanceOf(JobSpecException.class)
                .hasMessageContaining("key 'phones[1].number' names column 'NUMERO'");
        assertThatThrownBy(() -> new PhoneExtractor(SPEC, new String[] {"CONTRATO", "FONE", "NUMERO", "OUTROS"}))
                .isInstanceOf(JobSpecException.class)
                .hasMessageContaining("key 'phones[1].ddd' names column 'DDD'");
        assertThatThrownBy(() -> new PhoneExtractor(SPEC, new String[] {"CONTRATO", "DDD", "NUMERO", "OUTROS"}))
                .isInstanceOf(JobSpecException.class)
                .hasMessageContaining("key 'phones[0].column' names column 'fone'");
    }
}
