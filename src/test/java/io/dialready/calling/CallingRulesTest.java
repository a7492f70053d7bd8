package io.dialready.calling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialready.calling.CallingRules.Windows;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallingRulesTest {

    /** The file shipped in jobs/, as users get it. */
    private final CallingRules shipped = CallingRules.load(Path.of("jobs/calling-rules.yml"));

    @Test
    void brazilianStateLaws() {
        assertThat(shipped.windows("BR", "SP")).isEqualTo(new Windows("08:00-20:00", "08:00-14:00", "closed"));
        assertThat(shipped.windows("BR", "RJ")).isEqualTo(new Windows("09:00-19:00", "closed", "closed"));
        assertThat(shipped.windows("BR", "ES")).isEqualTo(new Windows("08:00-19:00", "closed", "closed"));
        // a state without its own entry gets the country's
        assertThat(shipped.windows("BR", "AM")).isEqualTo(new Windows("08:00-20:00", "08:00-14:00", "closed"));
    }

    @Test
    void rbiAndFdcpa() {
        assertThat(shipped.windows("IN", null)).isEqualTo(new Windows("08:00-19:00", "08:00-19:00", "08:00-19:00"));
        assertThat(shipped.windows("US", null)).isEqualTo(new Windows("08:00-21:00", "08:00-21:00", "08:00-21:00"));
        assertThat(shipped.windows("PT", null)).isEqualTo(Windows.NONE);
        assertThat(shipped.windows(null, null)).isEqualTo(Windows.NONE);
    }

    @Test
    void defaultsAndErrors(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("r.yml"), """
                defaults: {weekdays: "9:00 - 18:00"}
                countries:
                  br: {all: {weekdays: "08:00-20:00"}}
                """);
        CallingRules rules = CallingRules.load(f);
        assertThat(rules.windows("PT", null)).isEqualTo(new Windows("09:00-18:00", "closed", "closed"));
        assertThat(rules.windows("BR", "SP")).isEqualTo(new Windows("08:00-20:00", "closed", "closed"));

        Files.writeString(f, "countries:\n  BR: {all: {weekdays: \"20:00-08:00\"}}\n");
        assertThatThrownBy(() -> CallingRules.load(f))
                .hasMessageContaining("countries.BR.all.weekdays")
                .hasMessageContaining("20:00-08:00");
        Files.writeString(f, "countres: {}\n");
        assertThatThrownBy(() -> CallingRules.load(f)).hasMessageContaining("countres");
    }
}
