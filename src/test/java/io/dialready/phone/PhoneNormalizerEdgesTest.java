package io.dialready.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.domain.PhoneCandidate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The edges of the phone parser that {@link PhoneNormalizerTest}'s tables leave out: Unicode digits, plus signs and
 * spaces, separators between numbers, the limits on digits, and the reasons given for numbers that cannot be used.
 * All numbers are synthetic.
 */
class PhoneNormalizerEdgesTest {

    private final PhoneNormalizer br = new PhoneNormalizer("BR");

    /** Each candidate as "e164" or "!reason", in order. */
    private static List<String> outcomes(List<PhoneCandidate> candidates) {
        return candidates.stream()
                .map(c -> c.valid() ? c.e164() : "!" + c.invalidReason())
                .toList();
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiterString = "=>", textBlock = """
            # digits and plus signs outside ASCII, Unicode spaces
            \uFF0B55 11 98765-4321                          => +5511987654321
            \uFF11\uFF11\uFF19\uFF18\uFF17\uFF16\uFF15\uFF14\uFF13\uFF12\uFF11 => +5511987654321
            11\u00A098765-4321                              => +5511987654321
            11\u200798765\u20074321                         => +5511987654321
            11\u202F98765-4321                              => +5511987654321
            \uFEFF11 98765-4321                             => +5511987654321
            + 55 11 98765-4321                              => +5511987654321
            (+55) 11 98765-4321                             => +5511987654321
            11 9 8 7 6 5 4 3 2 1                            => +5511987654321
            # limits: at least 3 digits, at most 17, five or more of one digit is a placeholder
            12                                              => !too short
            1234                                            => !too short
            1111                                            => !too short
            11111                                           => !all the same digit
            (11) 9999-9999                                  => !all the same digit
            +91 99999 99999                                 => !all the same digit
            123456789012345678                              => !too long
            1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8             => !too long
            # reasons
            x                                               => !not a phone number
            +55 20 98765-4321                               => !invalid area code 20
            +55 11 8765-432                                 => !no area code
            +999 123456                                     => !invalid country code
            12.0                                            => !too short
            1.19876E10                                      => !rounded by excel
            """)
    void oneNumberPerCell(String cell, String expected) {
        assertThat(outcomes(br.parseCell("FONE", cell))).containsExactly(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiterString = "=>", textBlock = """
            (11) 98765-4321 \u2013 (11) 91234-5678          => +5511987654321, +5511912345678
            (11) 98765-4321 \u2014 (11) 91234-5678          => +5511987654321, +5511912345678
            (11) 98765-4321 - (11) 91234-5678               => +5511987654321, +5511912345678
            (11) 98765-4321 . (11) 91234-5678               => +5511987654321, +5511912345678
            11 98765-4321 11 91234-5678                     => +5511987654321, +5511912345678
            (11) 98765-4321 (21) 91234-5678 (31) 3456-7890  => +5511987654321, +5521912345678, +553134567890
            cel: n/a / (11) 98765-4321                      => +5511987654321
            (11) / 98765-4321                               => +5511987654321
            """)
    void severalNumbersInOneCell(String cell, String expected) {
        assertThat(outcomes(br.parseCell("FONE", cell))).containsExactly(expected.split(", "));
    }

    @Test
    void aNumberWithoutAreaCodeTakesThePreviousNumbersAndSaysSo() {
        List<PhoneCandidate> c = br.parseCell("FONE", "11 98765-4321 91234-5678");
        assertThat(outcomes(c)).containsExactly("+5511987654321", "+5511912345678");
        assertThat(c.get(0).repair()).isNull();
        assertThat(c.get(1).repair()).isEqualTo("area code 11 taken from previous number");
        assertThat(c.get(1).raw()).isEqualTo("91234-5678");
    }

    @ParameterizedTest(name = "[{0}] + [{1}] -> {2}")
    @CsvSource(delimiterString = "=>", textBlock = """
            11   => 98765-4321                => +5511987654321
            011  => 98765-4321                => +5511987654321
            11.0 => 98765-4321                => +5511987654321
            11   => (21) 98765-4321           => +5521987654321
            11   => 98765-4321 / 91234-5678   => +5511987654321, +5511912345678
            0    => 98765-4321                => !no area code
            00   => 98765-4321                => !no area code
            ' '  => 98765-4321                => !no area code
            """)
    void areaCodeAndNumberInTwoColumns(String ddd, String number, String expected) {
        assertThat(outcomes(br.parseSplit("DDD+FONE", ddd, number))).containsExactly(expected.split(", "));
    }

    @Test
    void anAreaCodeAloneOrNothingIsNoPhone() {
        assertThat(br.parseSplit("DDD+FONE", "11", "")).isEmpty();
        assertThat(br.parseSplit("DDD+FONE", "11", null)).isEmpty();
        assertThat(br.parseCell("FONE", "  ")).isEmpty();
        assertThat(br.parseCell("FONE", null)).isEmpty();
    }

    @Test
    void theRawValueKeepsTheAreaCodeColumn() {
        PhoneCandidate c = br.parseSplit("DDD+FONE", "11", "98765-4321").get(0);
        assertThat(c.raw()).isEqualTo("11 98765-4321");
        assertThat(c.source()).isEqualTo("DDD+FONE");
    }
}
