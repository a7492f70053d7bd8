package io.dialready.calling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialready.calling.HolidayCalendar.Holiday;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HolidayCalendarTest {

    private static final Set<String> ALL =
            Set.of("national", "state", "user", "carnival_monday", "carnival_tuesday", "good_friday", "corpus_christi");

    private final HolidayCalendar calendar = HolidayCalendar.builtIn();

    private List<String> names(LocalDate date, String region, String state) {
        return calendar.on(date, region, state, ALL).stream().map(Holiday::name).toList();
    }

    @Test
    void easterSundayByTheGregorianComputus() {
        // published dates of Easter Sunday
        assertThat(HolidayCalendar.easterSunday(2024)).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(HolidayCalendar.easterSunday(2025)).isEqualTo(LocalDate.of(2025, 4, 20));
        assertThat(HolidayCalendar.easterSunday(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(HolidayCalendar.easterSunday(2027)).isEqualTo(LocalDate.of(2027, 3, 28));
        assertThat(HolidayCalendar.easterSunday(2038)).isEqualTo(LocalDate.of(2038, 4, 25));
        assertThat(HolidayCalendar.easterSunday(2285)).isEqualTo(LocalDate.of(2285, 3, 22));
    }

    @Test
    void brazilsMoveableDaysIn2026() {
        // Easter 2026 is 5 April: Carnival 16-17 February, Good Friday 3 April, Corpus Christi 4 June
        assertThat(names(LocalDate.of(2026, 2, 16), "BR", "SP")).containsExactly("Segunda-feira de Carnaval");
        assertThat(names(LocalDate.of(2026, 2, 17), "BR", "SP")).containsExactly("Terça-feira de Carnaval");
        assertThat(names(LocalDate.of(2026, 4, 3), "BR", "MG")).containsExactly("Sexta-feira da Paixão");
        assertThat(names(LocalDate.of(2026, 6, 4), "BR", "AM")).containsExactly("Corpus Christi");
        assertThat(names(LocalDate.of(2026, 2, 18), "BR", "SP"))
                .as("Ash Wednesday")
                .isEmpty();
        // Rio de Janeiro's state law also makes Carnival Tuesday a holiday
        assertThat(names(LocalDate.of(2026, 2, 17), "BR", "RJ"))
                .containsExactlyInAnyOrder("Terça-feira de Carnaval", "Terça-feira de Carnaval");
    }

    @Test
    void brazilsNationalDaysAndTheNewTwentiethOfNovember() {
        assertThat(names(LocalDate.of(2026, 9, 7), "BR", null)).containsExactly("Independência do Brasil");
        assertThat(names(LocalDate.of(2026, 10, 12), "BR", "AC")).containsExactly("Nossa Senhora Aparecida");
        // national only since Lei 14.759/2023
        assertThat(names(LocalDate.of(2024, 11, 20), "BR", "PR"))
                .containsExactly("Dia Nacional de Zumbi e da Consciência Negra");
        assertThat(names(LocalDate.of(2023, 11, 20), "BR", "PR")).isEmpty();
        assertThat(names(LocalDate.of(2026, 9, 8), "BR", "SP")).isEmpty();
    }

    @Test
    void stateDaysCloseOnlyTheirState() {
        assertThat(names(LocalDate.of(2026, 7, 9), "BR", "SP")).containsExactly("Revolução Constitucionalista de 1932");
        assertThat(names(LocalDate.of(2026, 7, 9), "BR", "RJ")).isEmpty();
        assertThat(names(LocalDate.of(2026, 9, 5), "BR", "AM"))
                .containsExactly("Elevação do Amazonas à categoria de Província");
        assertThat(names(LocalDate.of(2026, 7, 2), "BR", "BA")).containsExactly("Independência da Bahia");
        assertThat(names(LocalDate.of(2026, 9, 20), "BR", "RS")).containsExactly("Revolução Farroupilha");
        // every one of the 27 federative units has an entry (possibly empty) in the calendar
        Set<String> states = calendar.all().stream()
                .filter(h -> h.kind().equals("state"))
                .map(Holiday::where)
                .collect(Collectors.toSet());
        assertThat(states).contains("BR-SP", "BR-RJ", "BR-AM", "BR-AC", "BR-TO").hasSizeGreaterThan(20);
        // every built-in day cites a law
        assertThat(calendar.all()).allSatisfy(h -> assertThat(h.law()).isNotBlank());
    }

    @Test
    void indiasThreeNationalDays() {
        assertThat(names(LocalDate.of(2026, 1, 26), "IN", null)).containsExactly("Republic Day");
        assertThat(names(LocalDate.of(2026, 8, 15), "IN", null)).containsExactly("Independence Day");
        assertThat(names(LocalDate.of(2026, 10, 2), "IN", null)).containsExactly("Gandhi Jayanti");
        assertThat(names(LocalDate.of(2026, 9, 7), "IN", null)).isEmpty();
    }

    @Test
    void kindsNotAskedForDoNotClose() {
        assertThat(calendar.on(LocalDate.of(2026, 2, 16), "BR", "SP", Set.of("national")))
                .isEmpty();
        assertThat(calendar.on(LocalDate.of(2026, 7, 9), "BR", "SP", Set.of("national")))
                .isEmpty();
    }

    @Test
    void userFileAddsMunicipalAndCompanyDays(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("days.csv"), """
                date,where,name
                # São Paulo city's anniversary: for every SP phone (the municipality is unknown)
                01-25,BR-SP,Aniversário de São Paulo
                2026-12-24,*,Company day off
                2026-03-04,IN,Holi
                """);
        HolidayCalendar withUser = calendar.withUserFile(f);
        assertThat(withUser.on(LocalDate.of(2027, 1, 25), "BR", "SP", ALL))
                .extracting(Holiday::name)
                .containsExactly("Aniversário de São Paulo");
        assertThat(withUser.on(LocalDate.of(2027, 1, 25), "BR", "RJ", ALL)).isEmpty();
        assertThat(withUser.on(LocalDate.of(2026, 12, 24), "US", null, ALL))
                .extracting(Holiday::kind)
                .containsExactly("user");
        assertThat(withUser.on(LocalDate.of(2027, 12, 24), "US", null, ALL))
                .as("that year only")
                .isEmpty();
        assertThat(withUser.on(LocalDate.of(2026, 3, 4), "IN", null, ALL)).hasSize(1);
        assertThat(withUser.on(LocalDate.of(2026, 3, 4), "IN", null, Set.of("national")))
                .isEmpty();
        assertThat(calendar.on(LocalDate.of(2027, 1, 25), "BR", "SP", ALL))
                .as("the built-in calendar unchanged")
                .isEmpty();
    }

    @Test
    void badUserLinesNameTheFileAndLine(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("days.csv"), "01-25,BR-SP,ok\n2026-02-30,BR,bad date\n");
        assertThatThrownBy(() -> calendar.withUserFile(f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("days.csv line 2")
                .hasMessageContaining("2026-02-30");
        Files.writeString(f, "01-25,Sao Paulo,x\n");
        assertThatThrownBy(() -> calendar.withUserFile(f))
                .hasMessageContaining("line 1")
                .hasMessageContaining("where");
        Files.writeString(f, "01-25,BR\n");
        assertThatThrownBy(() -> calendar.withUserFile(f)).hasMessageContaining("date,where,name");
        assertThatThrownBy(() -> calendar.withUserFile(dir.resolve("missing.csv")))
                .hasMessageContaining("missing.csv");
    }
}
