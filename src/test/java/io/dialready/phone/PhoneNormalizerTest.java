package io.dialready.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.dialready.domain.PhoneCandidate;
import io.dialready.domain.PhoneType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** All numbers here are synthetic (98765-4321, 91234-5678, 3456-7890 and the like). */
class PhoneNormalizerTest {

    private static final String SRC = "TELEFONE1";
    private final PhoneNormalizer br = new PhoneNormalizer("BR");
    private final PhoneNormalizer in = new PhoneNormalizer("IN");

    private static PhoneCandidate single(List<PhoneCandidate> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private static void assertValid(PhoneCandidate c, String e164, PhoneType type, String repair) {
        assertThat(c.invalidReason()).as("reason for %s", c.raw()).isNull();
        assertThat(c.valid()).isTrue();
        assertThat(c.e164()).as("e164 for %s", c.raw()).isEqualTo(e164);
        assertThat(c.national()).as("national for %s", c.raw()).isEqualTo(nationalOf(e164));
        assertThat(c.type()).as("type for %s", c.raw()).isEqualTo(type);
        assertThat(c.repair()).as("repair for %s", c.raw()).isEqualTo(repair);
    }

    private static String nationalOf(String e164) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            return util.getNationalSignificantNumber(util.parse(e164, "ZZ"));
        } catch (NumberParseException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertInvalid(PhoneCandidate c, String reason) {
        assertThat(c.invalidReason()).as("reason for %s", c.raw()).isEqualTo(reason);
        assertThat(c.valid()).isFalse();
        assertThat(c.e164()).isNull();
        assertThat(c.national()).isNull();
        assertThat(c.type()).isEqualTo(PhoneType.UNKNOWN);
        assertThat(c.repair()).isNull();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Brazil, one number per cell

    @ParameterizedTest(name = "BR [{0}] -> {1} {2} {3}")
    @CsvSource(delimiterString = "=>", textBlock = """
            # formatted
            (11) 98765-4321            => +5511987654321 => MOBILE     =>
            11 98765 4321              => +5511987654321 => MOBILE     =>
            11 98765-4321              => +5511987654321 => MOBILE     =>
            11987654321                => +5511987654321 => MOBILE     =>
            11.98765.4321              => +5511987654321 => MOBILE     =>
            (11)98765-4321             => +5511987654321 => MOBILE     =>
            ' (21) 99123-4567 '        => +5521991234567 => MOBILE     =>
            (11) 9 8765-4321           => +5511987654321 => MOBILE     =>
            (11) 3456-7890             => +551134567890  => FIXED_LINE =>
            (21) 2345-6789             => +552123456789  => FIXED_LINE =>
            (85) 3456.7890             => +558534567890  => FIXED_LINE =>
            # country code
            +55 11 98765-4321          => +5511987654321 => MOBILE     =>
            +55 (11) 9 8765-4321       => +5511987654321 => MOBILE     =>
            +5511987654321             => +5511987654321 => MOBILE     =>
            55 11 98765-4321           => +5511987654321 => MOBILE     =>
            5511987654321              => +5511987654321 => MOBILE     =>
            551134567890               => +551134567890  => FIXED_LINE =>
            0055 11 98765-4321         => +5511987654321 => MOBILE     =>
            # long-distance carrier prefix (0 + carrier + DDD), including one libphonenumber does not know (17)
            0 21 11 98765 4321         => +5511987654321 => MOBILE     => carrier prefix 021 removed
            021 11 98765-4321          => +5511987654321 => MOBILE     => carrier prefix 021 removed
            02111987654321             => +5511987654321 => MOBILE     => carrier prefix 021 removed
            015 11 98765-4321          => +5511987654321 => MOBILE     => carrier prefix 015 removed
            0 41 (51) 3456-7890        => +555134567890  => FIXED_LINE => carrier prefix 041 removed
            0 17 11 98765 4321         => +5511987654321 => MOBILE     => carrier prefix 017 removed
            0xx11 98765-4321           => +5511987654321 => MOBILE     => carrier prefix 0xx removed
            (0XX21) 2345-6789          => +552123456789  => FIXED_LINE => carrier prefix 0xx removed
            # trunk zero
            011 98765-4321             => +5511987654321 => MOBILE     => trunk prefix 0 removed
            (011) 3456-7890            => +551134567890  => FIXED_LINE => trunk prefix 0 removed
            011987654321               => +5511987654321 => MOBILE     => trunk prefix 0 removed
            021 98765-4321             => +5521987654321 => MOBILE     => trunk prefix 0 removed
            +55 011 98765-4321         => +5511987654321 => MOBILE     => trunk prefix 0 removed
            # legacy 8-digit mobiles get their ninth digit; 8-digit landlines do not
            (11) 8765-4321             => +5511987654321 => MOBILE     => ninth digit added
            1187654321                 => +5511987654321 => MOBILE     => ninth digit added
            (31) 6123-4567             => +5531961234567 => MOBILE     => ninth digit added
            (11) 9876-5432             => +5511998765432 => MOBILE     => ninth digit added
            55 11 8765-4321            => +5511987654321 => MOBILE     => ninth digit added
            0 21 11 8765 4321          => +5511987654321 => MOBILE     => carrier prefix 021 removed; ninth digit added
            011 8765-4321              => +5511987654321 => MOBILE     => trunk prefix 0 removed; ninth digit added
            (11) 9876-5432             => +5511998765432 => MOBILE     => ninth digit added
            # ...those starting with 7 too: libphonenumber still reads DDD + 7xxx-xxxx as a mobile (the closed
            # radio-trunking range), but in a debtor file it is a legacy mobile (ninth_digit_for_7, default true)
            (64) 7836-2099             => +5564978362099 => MOBILE     => ninth digit added
            (11) 7123-4567             => +5511971234567 => MOBILE     => ninth digit added
            (99) 7000-1234             => +5599970001234 => MOBILE     => ninth digit added
            0 21 64 7836-2099          => +5564978362099 => MOBILE     => carrier prefix 021 removed; ninth digit added
            (11) 2345-6789             => +551123456789  => FIXED_LINE =>
            (47) 3456-7890             => +554734567890  => FIXED_LINE =>
            # extensions are dropped
            (11) 3456-7890 ramal 123   => +551134567890  => FIXED_LINE =>
            (11) 3456-7890 Ramal: 45   => +551134567890  => FIXED_LINE =>
            (11) 3456-7890 r. 123      => +551134567890  => FIXED_LINE =>
            (11) 3456-7890 ext. 45     => +551134567890  => FIXED_LINE =>
            (11) 3456-7890 x123        => +551134567890  => FIXED_LINE =>
            (11) 3456-7890x123         => +551134567890  => FIXED_LINE =>
            (11) 3456-7890 #123        => +551134567890  => FIXED_LINE =>
            (11) 98765-4321 ramal 1234 => +5511987654321 => MOBILE     =>
            # spreadsheet numbers
            1.1987654321E10            => +5511987654321 => MOBILE     =>
            1.1987654321E+10           => +5511987654321 => MOBILE     =>
            '1,1987654321E+10'         => +5511987654321 => MOBILE     =>
            5.511987654321E12          => +5511987654321 => MOBILE     =>
            11987654321.0              => +5511987654321 => MOBILE     =>
            '1134567890,0'             => +551134567890  => FIXED_LINE =>
            # labels around the number
            'cel: (11) 98765-4321'     => +5511987654321 => MOBILE     =>
            Tel (11) 98765-4321 recado => +5511987654321 => MOBILE     =>
            # non-geographic and foreign
            0800 123 4567              => +558001234567  => TOLL_FREE  => trunk prefix 0 removed
            4004-1234                  => +5540041234    => SHARED_COST =>
            +1 212 555 0100            => +12125550100   => FIXED_LINE_OR_MOBILE =>
            +91 98765 43210            => +919876543210  => MOBILE     =>
            """)
    void brazilValid(String input, String e164, PhoneType type, String repair) {
        PhoneCandidate c = single(br.parseCell(SRC, input));
        assertValid(c, e164, type, repair);
        assertThat(c.source()).isEqualTo(SRC);
    }

    @ParameterizedTest(name = "BR [{0}] -> {1}")
    @CsvSource(delimiterString = "=>", textBlock = """
            # junk placeholders
            99999999999          => all the same digit
            0000000000           => all the same digit
            (00) 0000-0000       => all the same digit
            (11) 99999-9999      => all the same digit
            (11) 9999-9999       => all the same digit
            +55 11 11111-1111    => all the same digit
            nao tem              => not a phone number
            NÃO INFORMADO        => not a phone number
            n/a                  => not a phone number
            -                    => not a phone number
            ()                   => not a phone number
            sem telefone / n/a   => not a phone number
            # lengths
            12                   => too short
            0                    => too short
            123456               => too short
            (11) 9876            => too short
            119876543210         => too long
            +55 11 98765-4321 99 => too long
            1198765432111987654322 => too long
            # area codes and validity
            10 98765-4321        => invalid area code 10
            (20) 3456-7890       => invalid area code 20
            (30) 98765-4321      => invalid area code 30
            98765-4321           => no area code
            3456-7890            => no area code
            (11) 1234-5678       => not a valid number for BR
            (11) 0876-5432       => not a valid number for BR
            +999 1234567         => invalid country code
            +1 123 456 7890      => not a valid number for US
            # excel lost the digits
            1.19877E+10          => rounded by excel
            1.19877E10           => rounded by excel
            """)
    void brazilInvalid(String input, String reason) {
        assertInvalid(single(br.parseCell(SRC, input)), reason);
    }

    @Test
    void eightDigitNumbersStartingWith7AreKeptAsWrittenWhenTheSpecSaysSo() {
        PhoneNormalizer keep = new PhoneNormalizer("BR", false);
        assertValid(single(keep.parseCell(SRC, "(64) 7836-2099")), "+556478362099", PhoneType.MOBILE, null);
        assertValid(
                single(keep.parseCell(SRC, "(11) 8765-4321")), "+5511987654321", PhoneType.MOBILE, "ninth digit added");
    }

    @Test
    void invalidKeepsTheRawValue() {
        PhoneCandidate c = single(br.parseCell(SRC, "  nao tem  "));
        assertThat(c.raw()).isEqualTo("nao tem");
        assertThat(c.source()).isEqualTo(SRC);
    }

    @Test
    void rawIsTheTrimmedPieceWithoutExtension() {
        PhoneCandidate c = single(br.parseCell(SRC, "  (11) 3456-7890 ramal 123 "));
        assertThat(c.raw()).isEqualTo("(11) 3456-7890");
        assertThat(c.national()).isEqualTo("1134567890");
    }

    @Test
    void nationalIsTheNationalSignificantNumber() {
        PhoneCandidate c = single(br.parseCell(SRC, "0 21 11 98765 4321"));
        assertThat(c.national()).isEqualTo("11987654321");
        assertThat(c.raw()).isEqualTo("0 21 11 98765 4321");
        assertThat(single(br.parseCell(SRC, "+1 212 555 0100")).national()).isEqualTo("2125550100");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", " \n "})
    void blankCellGivesNothing(String value) {
        assertThat(br.parseCell(SRC, value)).isEmpty();
        assertThat(in.parseCell(SRC, value)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // several numbers in one cell

    static Stream<Arguments> multiCells() {
        String inherited = "area code 11 taken from previous number";
        return Stream.of(
                Arguments.of(
                        "(11) 98765-4321 / 3456-7890",
                        List.of(
                                tuple("(11) 98765-4321", "+5511987654321", PhoneType.MOBILE, null),
                                tuple("3456-7890", "+551134567890", PhoneType.FIXED_LINE, inherited))),
                Arguments.of(
                        "(11) 98765-4321 / 8765-4322",
                        List.of(
                                tuple("(11) 98765-4321", "+5511987654321", PhoneType.MOBILE, null),
                                tuple(
                                        "8765-4322",
                                        "+5511987654322",
                                        PhoneType.MOBILE,
                                        inherited + "; ninth digit added"))),
                Arguments.of(
                        "(11) 98765-4321; (21) 2345-6789",
                        List.of(
                                tuple("(11) 98765-4321", "+5511987654321", PhoneType.MOBILE, null),
                                tuple("(21) 2345-6789", "+552123456789", PhoneType.FIXED_LINE, null))),
                Arguments.of(
                        "11 98765-4321, 21 99123-4567",
                        List.of(
                                tuple("11 98765-4321", "+5511987654321", PhoneType.MOBILE, null),
                                tuple("21 99123-4567", "+5521991234567", PhoneType.MOBILE, null))),
                Arguments.of(
                        "11 98765-4321 ou 11 91234-5678",
                        List.of(
                                tuple("11 98765-4321", "+5511987654321", PhoneType.MOBILE, null),
                                tuple("11 91234-5678", "+5511912345678", PhoneType.MOBILE, null))),
                Arguments.of(
                        "(11) 98765-4321 e 3456-7890",
                        List.of(
                                tuple("(11) 98765-4321", "+5511987654321", PhoneType.MOBILE, null),
                                tuple("3456-7890", "+551134567890", PhoneType.FIXED_LINE, inherited))),
                Arguments.of(
                        "11987654321|21987654321",
                        List.of(
                                tuple("11987654321", "+5511987654321", PhoneType.MOBILE, null),
                                tuple("21987654321", "+5521987654321", PhoneType.MOBILE, null))),
                Arguments.of(
                        "(11) 98765-4321\n(11) 91234-5678",
                        List.of(
                                tuple("(11) 98765-4321", "+5511987654321", PhoneType.MOBILE, null),
                                tuple("(11) 91234-5678", "+5511912345678", PhoneType.MOBILE, null))),
                // whitespace only between complete numbers
                Arguments.of(
                        "(11) 98765-4321  (11) 3456-7890",
                        List.of(
                                tuple("(11) 98765-4321", "+5511987654321", PhoneType.MOBILE, null),
                                tuple("(11) 3456-7890", "+551134567890", PhoneType.FIXED_LINE, null))),
                Arguments.of(
                        "11 98765 4321 11 91234 5678",
                        List.of(
                                tuple("11 98765 4321", "+5511987654321", PhoneType.MOBILE, null),
                                tuple("11 91234 5678", "+5511912345678", PhoneType.MOBILE, null))),
                Arguments.of(
                        "(11) 98765-4321 3456-7890",
                        List.of(
                                tuple("(11) 98765-4321", "+5511987654321", PhoneType.MOBILE, null),
                                tuple("3456-7890", "+551134567890", PhoneType.FIXED_LINE, inherited))),
                Arguments.of(
                        "11 98765-4321 - 3456-7890",
                        List.of(
                                tuple("11 98765-4321", "+5511987654321", PhoneType.MOBILE, null),
                                tuple("3456-7890", "+551134567890", PhoneType.FIXED_LINE, inherited))),
                // the area code carries over to the next, then a new area code takes over
                Arguments.of(
                        "(11) 98765-4321 / 91234-5678 / (21) 2345-6789 / 3456-7890",
                        List.of(
                                tuple("(11) 98765-4321", "+5511987654321", PhoneType.MOBILE, null),
                                tuple("91234-5678", "+5511912345678", PhoneType.MOBILE, inherited),
                                tuple("(21) 2345-6789", "+552123456789", PhoneType.FIXED_LINE, null),
                                tuple(
                                        "3456-7890",
                                        "+552134567890",
                                        PhoneType.FIXED_LINE,
                                        "area code 21 taken from previous number"))),
                // a lone area code before a separator belongs to the next piece
                Arguments.of(
                        "11 / 98765-4321", List.of(tuple("11 98765-4321", "+5511987654321", PhoneType.MOBILE, null))),
                // extension inside a multi-number cell, and an extension-only piece after a comma
                Arguments.of(
                        "(11) 3456-7890 ramal 12 / (11) 98765-4321",
                        List.of(
                                tuple("(11) 3456-7890", "+551134567890", PhoneType.FIXED_LINE, null),
                                tuple("(11) 98765-4321", "+5511987654321", PhoneType.MOBILE, null))),
                Arguments.of(
                        "(11) 3456-7890, ramal 12",
                        List.of(tuple("(11) 3456-7890", "+551134567890", PhoneType.FIXED_LINE, null))),
                // text next to a number is dropped, not reported
                Arguments.of(
                        "(11) 98765-4321 / n/a",
                        List.of(tuple("(11) 98765-4321", "+5511987654321", PhoneType.MOBILE, null))),
                // duplicates are kept: the caller deduplicates per debtor
                Arguments.of(
                        "11 98765-4321 / 11 98765-4321",
                        List.of(
                                tuple("11 98765-4321", "+5511987654321", PhoneType.MOBILE, null),
                                tuple("11 98765-4321", "+5511987654321", PhoneType.MOBILE, null))));
    }

    @ParameterizedTest(name = "BR [{0}]")
    @MethodSource("multiCells")
    void severalNumbersInOneCell(String cell, List<org.assertj.core.groups.Tuple> expected) {
        List<PhoneCandidate> out = br.parseCell(SRC, cell);
        assertThat(out)
                .extracting(PhoneCandidate::raw, PhoneCandidate::e164, PhoneCandidate::type, PhoneCandidate::repair)
                .containsExactlyElementsOf(expected);
        assertThat(out).allSatisfy(c -> {
            assertThat(c.valid()).isTrue();
            assertThat(c.source()).isEqualTo(SRC);
        });
    }

    @ParameterizedTest(name = "one number, not split: [{0}]")
    @ValueSource(
            strings = {
                "11 98765 4321",
                "+55 11 98765-4321",
                "0 21 11 98765 4321",
                "55 11 9 8765 4321",
                "(11) 9 8765 4321",
                "0 xx 11 98765 4321",
                "0 17 11 98765 4321",
                "11 8765 4321"
            })
    void numberWrittenWithSpacesIsNotSplit(String cell) {
        PhoneCandidate c = single(br.parseCell(SRC, cell));
        assertThat(c.e164()).isEqualTo("+5511987654321");
        assertThat(c.raw()).isEqualTo(cell);
    }

    @Test
    void whitespaceSplitOnlyWhenEveryPartIsComplete() {
        // "9" is not a number: the piece stays whole and is reported once
        assertInvalid(single(br.parseCell(SRC, "11 98765-4321 9")), "too long");
    }

    @Test
    void invalidPieceNextToValidOneKeepsItsOwnReason() {
        List<PhoneCandidate> out = br.parseCell(SRC, "(11) 98765-4321 / 1234-5678 / 99999999999");
        assertThat(out)
                .extracting(PhoneCandidate::raw, PhoneCandidate::invalidReason)
                .containsExactly(
                        tuple("(11) 98765-4321", null),
                        tuple("1234-5678", "not a valid number for BR"),
                        tuple("99999999999", "all the same digit"));
    }

    @Test
    void localNumberWithoutPreviousNumberHasNoAreaCode() {
        List<PhoneCandidate> out = br.parseCell(SRC, "98765-4321 / (11) 3456-7890");
        assertThat(out)
                .extracting(PhoneCandidate::invalidReason, PhoneCandidate::e164)
                .containsExactly(tuple("no area code", null), tuple(null, "+551134567890"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // split DDD + number columns

    @ParameterizedTest(name = "BR split [{0}] [{1}] -> {2} {3} {4} {5}")
    @CsvSource(delimiterString = "=>", textBlock = """
            11      => 98765-4321              => +5511987654321 => MOBILE      =>                   =>
            11      => 987654321               => +5511987654321 => MOBILE      =>                   =>
            011     => 98765-4321              => +5511987654321 => MOBILE      =>                   =>
            (11)    => 3456-7890               => +551134567890  => FIXED_LINE  =>                   =>
            (011)   => 3456-7890               => +551134567890  => FIXED_LINE  =>                   =>
            ' 21 '  => ' 2345-6789 '           => +552123456789  => FIXED_LINE  =>                   =>
            11      => 8765-4321               => +5511987654321 => MOBILE      => ninth digit added =>
            11      => 11 98765-4321           => +5511987654321 => MOBILE      =>                   =>
            11      => (21) 3456-7890          => +552134567890  => FIXED_LINE  =>                   =>
            11      => +55 21 99123-4567       => +5521991234567 => MOBILE      =>                   =>
            11      => 021 99123-4567          => +5521991234567 => MOBILE      => trunk prefix 0 removed =>
            21      => 0800 123 4567           => +558001234567  => TOLL_FREE   => trunk prefix 0 removed =>
            21      => 4004-1234               => +5540041234    => SHARED_COST =>                   =>
            11.0    => 987654321.0             => +5511987654321 => MOBILE      =>                   =>
            11      => 9.87654321E8            => +5511987654321 => MOBILE      =>                   =>
            11      => 98765-4321 ramal 12     => +5511987654321 => MOBILE      =>                   =>
            10      => 98765-4321              =>                =>             =>                   => invalid area code 10
            123     => 98765-4321              =>                =>             =>                   => invalid area code 123
            11      => 1234                    =>                =>             =>                   => too short
            11      => 9999-9999               =>                =>             =>                   => all the same digit
            11      => nao tem                 =>                =>             =>                   => not a phone number
            """)
    void brazilSplit(String ddd, String number, String e164, PhoneType type, String repair, String reason) {
        PhoneCandidate c = single(br.parseSplit("DDD1+FONE1", ddd, number));
        assertThat(c.source()).isEqualTo("DDD1+FONE1");
        assertThat(c.raw()).isEqualTo(ddd.strip() + " " + number.strip().replaceFirst(" ramal 12$", ""));
        if (reason == null) {
            assertValid(c, e164, type, repair);
        } else {
            assertInvalid(c, reason);
        }
    }

    @Test
    void splitNumberColumnWithSeveralNumbers() {
        List<PhoneCandidate> out = br.parseSplit("DDD1+FONE1", "11", "98765-4321 / 3456-7890 / (21) 2345-6789");
        assertThat(out)
                .extracting(PhoneCandidate::raw, PhoneCandidate::e164, PhoneCandidate::repair)
                .containsExactly(
                        tuple("11 98765-4321", "+5511987654321", null),
                        tuple("11 3456-7890", "+551134567890", null),
                        tuple("11 (21) 2345-6789", "+552123456789", null));
    }

    @Test
    void splitBlankColumns() {
        assertThat(br.parseSplit(SRC, null, null)).isEmpty();
        assertThat(br.parseSplit(SRC, " ", "")).isEmpty();
        assertThat(br.parseSplit(SRC, "11", " ")).isEmpty();
        // DDD blank or without digits: the number alone
        PhoneCandidate c = single(br.parseSplit(SRC, "", "(11) 98765-4321"));
        assertThat(c.raw()).isEqualTo("(11) 98765-4321");
        assertThat(c.e164()).isEqualTo("+5511987654321");
        assertThat(single(br.parseSplit(SRC, "-", "11 98765-4321")).e164()).isEqualTo("+5511987654321");
        assertThat(single(br.parseSplit(SRC, null, "98765-4321")).invalidReason())
                .isEqualTo("no area code");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // India

    @ParameterizedTest(name = "IN [{0}] -> {1} {2} {3}")
    @CsvSource(delimiterString = "=>", textBlock = """
            98765 43210         => +919876543210 => MOBILE     =>
            9876543210          => +919876543210 => MOBILE     =>
            98765-43210         => +919876543210 => MOBILE     =>
            09876543210         => +919876543210 => MOBILE     => trunk prefix 0 removed
            +91 98765 43210     => +919876543210 => MOBILE     =>
            +91-98765-43210     => +919876543210 => MOBILE     =>
            +91 098765 43210    => +919876543210 => MOBILE     => trunk prefix 0 removed
            91 98765 43210      => +919876543210 => MOBILE     =>
            919876543210        => +919876543210 => MOBILE     =>
            0091 98765 43210    => +919876543210 => MOBILE     =>
            9.87654321E9        => +919876543210 => MOBILE     =>
            9876543210.0        => +919876543210 => MOBILE     =>
            98765 43210 extn 12 => +919876543210 => MOBILE     =>
            011 2345 6789       => +911123456789 => FIXED_LINE => trunk prefix 0 removed
            +91 11 2345 6789    => +911123456789 => FIXED_LINE =>
            (022) 2345 6789     => +912223456789 => FIXED_LINE => trunk prefix 0 removed
            6123456789          => +916123456789 => FIXED_LINE =>
            # India's fixed-line metadata is broad: even 12345 67890 is a valid FIXED_LINE
            12345 67890         => +911234567890 => FIXED_LINE =>
            +55 11 98765-4321   => +5511987654321 => MOBILE    =>
            """)
    void indiaValid(String input, String e164, PhoneType type, String repair) {
        assertValid(single(in.parseCell(SRC, input)), e164, type, repair);
    }

    /** Issue 12, item 15: India's trunk 0 is how numbers are written there, noted but not counted as a repair. */
    @Test
    void aTrunkZeroIsARepairInBrazilOnly() {
        PhoneCandidate indian = single(in.parseCell(SRC, "07702250525"));
        assertThat(indian.repair()).isEqualTo("trunk prefix 0 removed");
        assertThat(indian.repaired()).isFalse();
        assertThat(single(in.parseCell(SRC, "022-2345 6789")).repaired()).isFalse();
        assertThat(single(br.parseCell(SRC, "011 98765-4321")).repaired()).isTrue();
        assertThat(single(br.parseCell(SRC, "11 8765-4321")).repaired()).isTrue();
    }

    @ParameterizedTest(name = "IN [{0}] -> {1}")
    @CsvSource(delimiterString = "=>", textBlock = """
            9999999999        => all the same digit
            +91 99999 99999   => all the same digit
            98765             => too short
            98765 432109 8765 => too long
            # 13 digits is a possible length in India's metadata, so this is "not valid" rather than "too long"
            98765 432109 87   => not a valid number for IN
            59876 54321       => not a valid number for IN
            NA                => not a phone number
            """)
    void indiaInvalid(String input, String reason) {
        assertInvalid(single(in.parseCell(SRC, input)), reason);
    }

    @Test
    void indiaSeveralNumbersAndSplitStdCode() {
        assertThat(in.parseCell(SRC, "98765 43210 91234 56789"))
                .extracting(PhoneCandidate::e164)
                .containsExactly("+919876543210", "+919123456789");
        assertThat(in.parseCell(SRC, "9876543210 / 9123456789"))
                .extracting(PhoneCandidate::e164)
                .containsExactly("+919876543210", "+919123456789");
        PhoneCandidate c = single(in.parseSplit(SRC, "011", "2345 6789"));
        assertValid(c, "+911123456789", PhoneType.FIXED_LINE, null);
        assertThat(c.raw()).isEqualTo("011 2345 6789");
    }

    @Test
    void brazilianLocalRepairsDoNotApplyToIndia() {
        // the ninth-digit repair is Brazil-only: an Indian 10-digit number is never touched
        assertThat(single(in.parseCell(SRC, "1187654321")).repair()).isNull();
        assertThat(single(in.parseCell(SRC, "3456-7890")).valid()).isFalse();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // construction, metadata, concurrency

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"XX", "BRA", "Brazil", "  "})
    void invalidRegionIsRejected(String region) {
        assertThatThrownBy(() -> new PhoneNormalizer(region)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void regionIsCaseInsensitive() {
        PhoneNormalizer lower = new PhoneNormalizer(" br ");
        assertThat(lower.defaultRegion()).isEqualTo("BR");
        assertThat(single(lower.parseCell(SRC, "11 98765-4321")).e164()).isEqualTo("+5511987654321");
        assertThat(single(new PhoneNormalizer("US").parseCell(SRC, "(212) 555-0100"))
                        .e164())
                .isEqualTo("+12125550100");
    }

    /** The area codes listed in DOMAIN.md are exactly those for which libphonenumber accepts a mobile. */
    @Test
    void brazilAreaCodesMatchLibphonenumber() throws Exception {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        assertThat(PhoneNormalizer.BR_AREA_CODES).hasSize(67);
        for (int ddd = 10; ddd <= 99; ddd++) {
            boolean mobile = util.isValidNumber(util.parse("+55" + ddd + "987654321", "BR"));
            assertThat(mobile)
                    .as("DDD %d", ddd)
                    .isEqualTo(PhoneNormalizer.BR_AREA_CODES.contains(Integer.toString(ddd)));
        }
    }

    static final List<String> MIXED_CELLS = List.of(
            "(11) 98765-4321",
            "0 21 11 98765 4321",
            "(11) 8765-4321",
            "(11) 98765-4321 / 3456-7890",
            "11 98765 4321 11 91234 5678",
            "1.1987654321E10",
            "99999999999",
            "nao tem",
            "10 98765-4321",
            "(11) 3456-7890 ramal 123",
            "+1 212 555 0100",
            "0xx11 98765-4321",
            "011 98765-4321",
            "(21) 2345-6789; 8765-4321",
            "55 11 8765-4321",
            "0055 11 98765-4321");

    @Test
    void safeUnderConcurrency() throws Exception {
        List<List<PhoneCandidate>> expected = new ArrayList<>();
        for (String cell : MIXED_CELLS) {
            expected.add(br.parseCell(SRC, cell));
        }
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<List<List<PhoneCandidate>>>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    List<List<PhoneCandidate>> last = null;
                    for (int round = 0; round < 300; round++) {
                        List<List<PhoneCandidate>> got = new ArrayList<>();
                        for (String cell : MIXED_CELLS) {
                            got.add(br.parseCell(SRC, cell));
                        }
                        if (!got.equals(expected)) {
                            return got;
                        }
                        last = got;
                    }
                    return last;
                });
            }
            for (Future<List<List<PhoneCandidate>>> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
