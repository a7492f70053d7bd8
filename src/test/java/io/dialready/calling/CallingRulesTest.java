package io.dialready.calling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialready.calling.CallingRules.Windows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
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
        assertThat(shipped.windows("BR", "AL")).isEqualTo(new Windows("08:00-20:00", "08:00-14:00", "closed"));
        // a state without its own entry gets the country's
        assertThat(shipped.windows("BR", "MG")).isEqualTo(new Windows("08:00-20:00", "08:00-14:00", "closed"));
    }

    @Test
    void amazonasIsTheStrictestReadingOfItsTwoLaws() {
        // Lei Promulgada AM 360/2016: nothing after 19h, no Saturdays, Sundays or holidays; the later Fraxe law:
        // 8h-18h weekdays. Texts not found (jobs/calling-rules.yml marks the entry provisional)
        assertThat(shipped.windows("BR", "AM")).isEqualTo(new Windows("08:00-18:00", "closed", "closed"));
        assertThat(shipped.law("BR", "AM")).contains("360/2016").contains("Fraxe");
    }

    @Test
    void everyEntryOfTheShippedFileCitesItsLaw() {
        for (String uf : new String[] {"SP", "RJ", "ES", "AL", "AM", "MG"}) {
            assertThat(shipped.law("BR", uf)).as(uf).isNotBlank();
        }
        assertThat(shipped.law("BR", "SP")).contains("15.426/2014");
        assertThat(shipped.law("BR", "RJ")).contains("6.854/2014").contains("7.868/2018");
        assertThat(shipped.law("IN", null)).contains("RBI");
        assertThat(shipped.law("US", null)).contains("1006.6");
    }

    @Test
    void theWindowForADateClosesOnHolidays() {
        // Monday 2 Nov 2026 is Finados: closed everywhere in Brazil, a normal Monday in India
        LocalDate finados = LocalDate.of(2026, 11, 2);
        assertThat(shipped.windowOn(finados, "BR", "SP")).isEqualTo("closed");
        assertThat(shipped.windowOn(finados, "IN", null)).isEqualTo("08:00-19:00");
        assertThat(shipped.holidaysOn(finados, "BR", "AM"))
                .extracting(h -> h.name())
                .containsExactly("Finados");
        // an ordinary Tuesday, Saturday and Sunday
        assertThat(shipped.windowOn(LocalDate.of(2026, 11, 3), "BR", "SP")).isEqualTo("08:00-20:00");
        assertThat(shipped.windowOn(LocalDate.of(2026, 11, 7), "BR", "SP")).isEqualTo("08:00-14:00");
        assertThat(shipped.windowOn(LocalDate.of(2026, 11, 7), "BR", "RJ")).isEqualTo("closed");
        assertThat(shipped.windowOn(LocalDate.of(2026, 11, 8), "BR", "SP")).isEqualTo("closed");
        assertThat(shipped.windowOn(LocalDate.of(2026, 11, 3), "BR", "AM")).isEqualTo("08:00-18:00");
        // the shipped rules close on Carnival Monday (closed_on lists it), a state day closes its state only
        assertThat(shipped.windowOn(LocalDate.of(2026, 2, 16), "BR", "MG")).isEqualTo("closed");
        assertThat(shipped.windowOn(LocalDate.of(2026, 7, 9), "BR", "SP")).isEqualTo("closed");
        assertThat(shipped.windowOn(LocalDate.of(2026, 7, 9), "BR", "MG")).isEqualTo("08:00-20:00");
        // India's Republic Day; the US closes on user days only
        assertThat(shipped.windowOn(LocalDate.of(2026, 1, 26), "IN", null)).isEqualTo("closed");
        assertThat(shipped.windowOn(LocalDate.of(2026, 7, 4), "US", null)).isEqualTo("08:00-21:00");
        assertThat(shipped.windowOn(LocalDate.of(2026, 11, 3), "PT", null)).isEmpty();
    }

    @Test
    void userHolidaysCloseTheWindowOfTheirPlace(@TempDir Path dir) throws Exception {
        Path days = Files.writeString(dir.resolve("days.csv"), "2026-11-03,BR-SP,Feriado da empresa\n");
        CallingRules rules =
                CallingRules.load(Path.of("jobs/calling-rules.yml")).withUserHolidays(days);
        assertThat(rules.windowOn(LocalDate.of(2026, 11, 3), "BR", "SP")).isEqualTo("closed");
        assertThat(rules.windowOn(LocalDate.of(2026, 11, 3), "BR", "RJ")).isEqualTo("09:00-19:00");
    }

    @Test
    void callFrequencyCapsAreData() {
        assertThat(shipped.caps("US")).first().satisfies(c -> {
            assertThat(c.maxCalls()).isEqualTo(7);
            assertThat(c.days()).isEqualTo(7);
            assertThat(c.per()).isEqualTo("debt");
            assertThat(c.law()).contains("1006.14(b)(2)(i)(A)");
        });
        assertThat(shipped.caps("IN")).singleElement().satisfies(c -> {
            assertThat(c.maxCalls()).isNull();
            assertThat(c.law()).contains("persistently calling");
        });
        assertThat(shipped.caps("BR"))
                .singleElement()
                .satisfies(c -> assertThat(c.law()).contains("art. 42"));
        assertThat(shipped.caps("PT")).isEmpty();
    }

    @Test
    void badHolidayKindsAndCapsAreNamed(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("r.yml"), """
                countries:
                  BR: {all: {weekdays: "08:00-20:00"}, closed_on: [national, easter_monday]}
                """);
        assertThatThrownBy(() -> CallingRules.load(f))
                .hasMessageContaining("countries.BR.closed_on")
                .hasMessageContaining("easter_monday");
        Files.writeString(f, """
                countries:
                  US: {all: {weekdays: "08:00-21:00"}, caps: [{max_calls: 7, law: "Reg F"}]}
                """);
        assertThatThrownBy(() -> CallingRules.load(f)).hasMessageContaining("countries.US.caps");
        Files.writeString(f, """
                countries:
                  US: {all: {weekdays: "08:00-21:00"}, caps: [{max_calls: 7, days: 7}]}
                """);
        assertThatThrownBy(() -> CallingRules.load(f)).hasMessageContaining("needs its law");
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
