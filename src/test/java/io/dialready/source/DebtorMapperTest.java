package io.dialready.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialready.domain.DebtorRecord;
import io.dialready.domain.Reject;
import io.dialready.spec.JobSpec;
import io.dialready.spec.JobSpecException;
import io.dialready.spec.JobSpecLoader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mapping of a row's fields to a debtor record by the spec's column names, and the amount parser. */
class DebtorMapperTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 23);
    static final String[] HEADER = {"CONTRATO", "NOME", "CPF", "VALOR", "VENCIMENTO", "DIAS", "FONE"};

    static JobSpec spec(String columns) {
        return new JobSpecLoader().parse("""
                country: BR
                input:
                  path: in.csv
                columns:
                %s
                phones:
                  - column: FONE
                """.formatted(columns.indent(2)), Path.of("job.yml"));
    }

    static final JobSpec ALL = spec("""
            key: contrato
            name: ' Nome '
            document: CPF
            amount: VALOR
            due_date: VENCIMENTO
            days_overdue: DIAS
            """);

    static SourceRow row(long line, String... fields) {
        return new SourceRow(line, fields, null);
    }

    @Test
    void mapsEveryColumnTheSpecNamesIgnoringCaseAndSpaces() {
        List<Reject> rejects = DebtorMapper.newRejectList();
        DebtorRecord d = new DebtorMapper(ALL, HEADER)
                .map(
                        row(2, " C001 ", " ANA SOUZA ", "123.456.789-09", "R$ 1.234,56", "15/11/2026", "12", "x"),
                        AS_OF,
                        rejects);
        assertThat(rejects).isEmpty();
        assertThat(d)
                .isEqualTo(new DebtorRecord(
                        2,
                        "C001",
                        "ANA SOUZA",
                        "123.456.789-09",
                        new BigDecimal("1234.56"),
                        LocalDate.of(2026, 11, 15),
                        12));
    }

    @Test
    void daysOverdueAreCountedFromTheDueDateWhenNotGiven() {
        DebtorMapper mapper = new DebtorMapper(ALL, HEADER);
        List<Reject> rejects = DebtorMapper.newRejectList();
        assertThat(mapper.map(row(2, "C1", "", "", "", "15/11/2026", "", ""), AS_OF, rejects)
                        .daysOverdue())
                .isEqualTo(8);
        assertThat(mapper.map(row(3, "C2", "", "", "", "30/11/2026", " ", ""), AS_OF, rejects)
                        .daysOverdue())
                .as("not yet due")
                .isEqualTo(-7);
        assertThat(mapper.map(row(4, "C3", "", "", "", "", "", ""), AS_OF, rejects)
                        .daysOverdue())
                .isNull();
        assertThat(mapper.map(row(5, "C4", "", "", "", "15/11/2026", "30.0", ""), AS_OF, rejects)
                        .daysOverdue())
                .as("a spreadsheet's 30.0 is 30, and the given days win over the due date")
                .isEqualTo(30);
        assertThat(rejects).isEmpty();
    }

    @Test
    void emptyValuesAndShortRowsGiveNulls() {
        List<Reject> rejects = DebtorMapper.newRejectList();
        DebtorRecord d = new DebtorMapper(ALL, HEADER).map(row(7, "C1", "  ", null), AS_OF, rejects);
        assertThat(d).isEqualTo(new DebtorRecord(7, "C1", null, null, null, null, null));
        assertThat(rejects).isEmpty();
    }

    @Test
    void anEmptyKeyRejectsTheRow() {
        List<Reject> rejects = DebtorMapper.newRejectList();
        DebtorMapper mapper = new DebtorMapper(ALL, HEADER);
        assertThat(mapper.map(row(9, "  ", "ANA"), AS_OF, rejects)).isNull();
        assertThat(mapper.map(row(10), AS_OF, rejects)).isNull();
        assertThat(rejects)
                .containsExactly(
                        new Reject(9, "contrato", "", "empty debtor key"),
                        new Reject(10, "contrato", "", "empty debtor key"));
    }

    @Test
    void unusableValuesAreRejectedOneByOneAndTheRowIsStillMapped() {
        List<Reject> rejects = DebtorMapper.newRejectList();
        DebtorRecord d = new DebtorMapper(ALL, HEADER)
                .map(row(4, "C1", "ANA", "", "doze reais", "31/02/2026", "uns dias", ""), AS_OF, rejects);
        assertThat(d).isEqualTo(new DebtorRecord(4, "C1", "ANA", null, null, null, null));
        assertThat(rejects)
                .containsExactly(
                        new Reject(4, "VALOR", "doze reais", "not an amount"),
                        new Reject(4, "VENCIMENTO", "31/02/2026", "not a date in dd/MM/yyyy"),
                        new Reject(4, "DIAS", "uns dias", "not a whole number of days"));
    }

    @Test
    void datesInTheSpecsFormatOrIso() {
        JobSpec us = spec("""
                key: CONTRATO
                due_date: VENCIMENTO
                date_format: MM/dd/yyyy
                """);
        DebtorMapper mapper = new DebtorMapper(us, HEADER);
        List<Reject> rejects = DebtorMapper.newRejectList();
        assertThat(mapper.map(row(2, "C1", "", "", "", "11/15/2026"), AS_OF, rejects)
                        .dueDate())
                .isEqualTo(LocalDate.of(2026, 11, 15));
        assertThat(mapper.map(row(3, "C2", "", "", "", "2026-11-15"), AS_OF, rejects)
                        .dueDate())
                .as("ISO dates are read whatever the format")
                .isEqualTo(LocalDate.of(2026, 11, 15));
        assertThat(mapper.map(row(4, "C3", "", "", "", "2026-11-15 00:00:00"), AS_OF, rejects)
                        .dueDate())
                .as("a database's timestamp")
                .isEqualTo(LocalDate.of(2026, 11, 15));
        assertThat(mapper.map(row(5, "C4", "", "", "", "15/11/2026"), AS_OF, rejects)
                        .dueDate())
                .isNull();
        assertThat(rejects).containsExactly(new Reject(5, "VENCIMENTO", "15/11/2026", "not a date in MM/dd/yyyy"));
    }

    @Test
    void amountsUseTheSpecsDecimalSeparator() {
        JobSpec dot = spec("""
                key: CONTRATO
                amount: VALOR
                decimal_separator: "."
                """);
        List<Reject> rejects = DebtorMapper.newRejectList();
        assertThat(new DebtorMapper(dot, HEADER)
                        .map(row(2, "C1", "", "", "1,234.56"), AS_OF, rejects)
                        .amount())
                .isEqualByComparingTo("1234.56");
        assertThat(rejects).isEmpty();
    }

    @Test
    void aMappedColumnMissingFromTheHeaderIsASpecError() {
        JobSpec spec = spec("""
                key: CONTRATO
                amount: SALDO
                """);
        assertThatThrownBy(() -> new DebtorMapper(spec, HEADER))
                .isInstanceOf(JobSpecException.class)
                .hasMessageContaining("key 'columns.amount' names column 'SALDO'")
                .hasMessageContaining("not in the input's header")
                .hasMessageContaining("CONTRATO, NOME, CPF");
    }

    @Test
    void indexFindsAColumnOrSaysItIsUnmapped() {
        assertThat(DebtorMapper.index(HEADER, "contrato", "columns.key", true)).isZero();
        assertThat(DebtorMapper.index(HEADER, " fone ", "phones[0].column", true))
                .isEqualTo(6);
        assertThat(DebtorMapper.index(HEADER, null, "columns.name", false)).isEqualTo(-1);
        assertThatThrownBy(() -> DebtorMapper.index(HEADER, null, "columns.key", true))
                .isInstanceOf(JobSpecException.class)
                .hasMessage("key 'columns.key' is required");
    }

    @Test
    void amountsInBothConventions() {
        assertThat(DebtorMapper.parseAmount("1.234,56", ',')).isEqualByComparingTo("1234.56");
        assertThat(DebtorMapper.parseAmount("R$ 1.234,56", ',')).isEqualByComparingTo("1234.56");
        assertThat(DebtorMapper.parseAmount("1,234.56", '.')).isEqualByComparingTo("1234.56");
        assertThat(DebtorMapper.parseAmount("-12,5", ',')).isEqualByComparingTo(new BigDecimal("-12.5"));
        assertThat(DebtorMapper.parseAmount("12500.00", '.')).isEqualByComparingTo("12500");
        assertThat(DebtorMapper.parseAmount("abc", ',')).isNull();
        assertThat(DebtorMapper.parseAmount("12abc", ',')).isNull();
    }

    @Test
    void amountsWithGroupingAndCurrencySigns() {
        assertThat(DebtorMapper.parseAmount("1 234,56", ',')).isEqualByComparingTo("1234.56");
        assertThat(DebtorMapper.parseAmount("1\u00A0234,56", ',')).isEqualByComparingTo("1234.56");
        assertThat(DebtorMapper.parseAmount("1'234.56", '.')).isEqualByComparingTo("1234.56");
        assertThat(DebtorMapper.parseAmount("Rs 1,23,456.50", '.')).isEqualByComparingTo("123456.50");
        assertThat(DebtorMapper.parseAmount("\u20B91,234", '.')).isEqualByComparingTo("1234");
        assertThat(DebtorMapper.parseAmount("$12", '.')).isEqualByComparingTo("12");
        assertThat(DebtorMapper.parseAmount("0", ',')).isEqualByComparingTo("0");
        assertThat(DebtorMapper.parseAmount("9", ',')).isEqualByComparingTo("9");
        assertThat(DebtorMapper.parseAmount("R$", ',')).as("no digits").isNull();
        assertThat(DebtorMapper.parseAmount("-", ',')).isNull();
        assertThat(DebtorMapper.parseAmount("12;5", ',')).isNull();
        assertThat(DebtorMapper.parseAmount("1-2", ',')).isNull();
    }
}
