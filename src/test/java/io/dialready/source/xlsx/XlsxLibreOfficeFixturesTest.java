package io.dialready.source.xlsx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialready.source.InputUnreadableException;
import io.dialready.source.SourceRow;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Workbooks saved by a real spreadsheet program: LibreOffice Calc converted the CSVs beside them (see
 * scripts/make-xlsx-fixtures.sh), storing phones as numbers and dates as date-formatted serials, with a title row
 * and an empty row kept.
 */
class XlsxLibreOfficeFixturesTest {

    private static Path fixture(String name) throws Exception {
        return Path.of(
                XlsxLibreOfficeFixturesTest.class.getResource("/xlsx/" + name).toURI());
    }

    private static List<SourceRow> read(Path file, XlsxDebtorReader.Layout layout) {
        XlsxDebtorReader reader = new XlsxDebtorReader(file, layout);
        reader.open(new ExecutionContext());
        try {
            assertThat(reader.headerRow()).as("below the title row").isEqualTo(2);
            return XlsxSourceTest.readAll(reader);
        } finally {
            reader.close();
        }
    }

    @Test
    void brazilianPortfolioSavedByLibreOffice() throws Exception {
        List<SourceRow> rows = read(
                fixture("carteira-libreoffice.xlsx"),
                new XlsxDebtorReader.Layout(
                        null,
                        null,
                        List.of("CONTRATO", "VALOR", "VENCIMENTO", "DDD1", "FONE1", "TELEFONES"),
                        "dd/MM/yyyy",
                        ','));
        assertThat(rows).extracting(SourceRow::line).containsExactly(3L, 4L, 6L, 7L);
        assertThat(rows.get(0).fields())
                .containsExactly("C001", "JOSÉ DA SILVA", "1234,56", "15/11/2026", "11", "987654321", "11912345678");
        assertThat(rows.get(1).fields())
                .containsExactly("C002", "MARIA", "25000", "01/08/2026", "21", "87654321", "(21) 3456-7891");
        assertThat(rows.get(2).fields()).containsExactly("C003", "ANA", "10,5", "01/01/2025", "", "", "5531912345678");
        assertThat(rows).noneMatch(SourceRow::malformed);
    }

    @Test
    void indianLoanBookSavedByLibreOffice() throws Exception {
        List<SourceRow> rows = read(
                fixture("loans-libreoffice.xlsx"),
                new XlsxDebtorReader.Layout(
                        null,
                        null,
                        List.of("loan_account_no", "mobile", "alt_mobile", "emi_amount", "due_date"),
                        "dd/MM/yyyy",
                        '.'));
        assertThat(rows).extracting(SourceRow::line).containsExactly(3L, 4L, 6L);
        assertThat(rows.get(0).fields())
                .as("the date comes out in the spec's format, whatever the file's")
                .containsExactly("LN0001", "Ravi Kumar", "9876543210", "2226591234", "4500.75", "15/11/2026");
        assertThat(rows.get(1).fields())
                .containsExactly("LN0002", "Priya Shah", "919812345678", "", "12000", "01/08/2026");
    }

    @Test
    void whenNoRowHasEveryMappedColumnTheLikeliestHeaderIsTakenSoTheMissingColumnIsNamed() throws Exception {
        // CPF and DDD2 are not in this workbook: the header is still row 2 (6 of 8 names), not the title row
        List<SourceRow> rows = read(
                fixture("carteira-libreoffice.xlsx"),
                new XlsxDebtorReader.Layout(
                        null,
                        null,
                        List.of("CONTRATO", "CPF", "VALOR", "VENCIMENTO", "DDD1", "FONE1", "DDD2", "TELEFONES"),
                        "dd/MM/yyyy",
                        ','));
        assertThat(rows).extracting(SourceRow::line).containsExactly(3L, 4L, 6L, 7L);
    }

    @Test
    void theSamePortfolioSavedAsXlsIsRefusedWithAClearMessage() throws Exception {
        Path xls = fixture("carteira-libreoffice.xls");
        assertThatThrownBy(() -> XlsxDebtorReader.probe(
                        xls, new XlsxDebtorReader.Layout(null, null, List.of("CONTRATO"), "dd/MM/yyyy", ',')))
                .isInstanceOf(InputUnreadableException.class)
                .hasMessageContaining("carteira-libreoffice.xls: is an old Excel 97-2003 .xls workbook")
                .hasMessageContaining("save it as .xlsx");
    }
}
