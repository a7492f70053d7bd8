package io.dialready.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The do-not-call numbers and excluded debtor keys, read from their files. All numbers are synthetic. */
class SuppressionListTest {

    @TempDir
    Path dir;

    Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void readsNumbersInAnyFormatThePhoneParserReads() throws Exception {
        Path dnc = file("dnc.txt", """
                \uFEFF# opted out in November
                (11) 98765-4321

                +55 21 91234-5678
                  011 3456-7890
                # (11) 95555-0000 was reinstated
                """);
        SuppressionList list = SuppressionList.load(List.of(dnc), List.of(), "BR");
        assertThat(list.phone("+5511987654321")).isTrue();
        assertThat(list.phone("+5521912345678")).isTrue();
        assertThat(list.phone("+551134567890")).isTrue();
        assertThat(list.phone("+5511955550000")).as("a comment line").isFalse();
        assertThat(list.phone("+5511912345678")).isFalse();
        assertThat(list.numbers()).isEqualTo(3);
        assertThat(list.keys()).isZero();
        assertThat(list.unusableLines()).isZero();
        assertThat(list.isEmpty()).isFalse();
    }

    @Test
    void aLineWithSeveralNumbersSuppressesEachAndUnusableLinesAreCounted() throws Exception {
        Path a = file("a.txt", "(11) 98765-4321 / (11) 91234-5678\nnot a number\n12345\n");
        Path b = file("b.txt", "11987654321\n+919876543210\n");
        SuppressionList list = SuppressionList.load(List.of(a, b), List.of(), "BR");
        assertThat(list.phone("+5511987654321")).isTrue();
        assertThat(list.phone("+5511912345678")).isTrue();
        assertThat(list.phone("+919876543210")).as("a foreign number in E.164").isTrue();
        assertThat(list.numbers())
                .as("the same number in two files counts once")
                .isEqualTo(3);
        assertThat(list.unusableLines()).isEqualTo(2);
    }

    @Test
    void numbersAreReadAgainstTheSpecsCountry() throws Exception {
        Path dnc = file("dnc.txt", "98765 43210\n");
        assertThat(SuppressionList.load(List.of(dnc), List.of(), "IN").phone("+919876543210"))
                .isTrue();
    }

    @Test
    void debtorKeysAreComparedTrimmed() throws Exception {
        Path keys = file("keys.txt", "\uFEFF C001 \n# a comment\n\nC002\nC002\n");
        SuppressionList list = SuppressionList.load(List.of(), List.of(keys), "BR");
        assertThat(list.debtor("C001")).isTrue();
        assertThat(list.debtor("  C002\t")).isTrue();
        assertThat(list.debtor("C003")).isFalse();
        assertThat(list.debtor("# a comment")).isFalse();
        assertThat(list.debtor(null)).isFalse();
        assertThat(list.keys()).isEqualTo(2);
        assertThat(list.numbers()).isZero();
        assertThat(list.isEmpty()).isFalse();
    }

    @Test
    void noFilesOrOnlyCommentsMakeAnEmptyList() throws Exception {
        Path comments = file("c.txt", "# nothing yet\n\n");
        assertThat(SuppressionList.load(List.of(comments), List.of(comments), "BR")
                        .isEmpty())
                .isTrue();
        assertThat(SuppressionList.NONE.isEmpty()).isTrue();
        assertThat(SuppressionList.NONE.phone("+5511987654321")).isFalse();
        assertThat(SuppressionList.NONE.debtor("C001")).isFalse();
        assertThat(SuppressionList.NONE.unusableLines()).isZero();
    }

    @Test
    void aFileThatCannotBeReadIsNamed() {
        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> SuppressionList.load(List.of(missing), List.of(), "BR"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read suppression file " + missing);
    }
}
