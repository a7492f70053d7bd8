package io.dialready.source.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cell values as Excel shows them, from the type, style and value the sheet's XML stores. */
class CellTextTest {

    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private final String dateStyle;
    private final String generalStyle;

    CellTextTest() {
        CellStyle date = workbook.createCellStyle();
        date.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy"));
        CellStyle amount = workbook.createCellStyle();
        amount.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
        dateStyle = String.valueOf(date.getIndex());
        generalStyle = String.valueOf(amount.getIndex());
    }

    @AfterEach
    void close() throws Exception {
        workbook.close();
    }

    private CellText text(boolean date1904, char decimalSeparator) {
        return new CellText(null, workbook.getStylesSource(), date1904, "dd/MM/yyyy", decimalSeparator);
    }

    private static String serial(LocalDate date, LocalDate epoch) {
        return String.valueOf(ChronoUnit.DAYS.between(epoch, date));
    }

    @Test
    void numbersAsPlainDigitsWithTheSpecsDecimalSeparator() {
        CellText comma = text(false, ',');
        assertThat(comma.text(null, null, "11987654321", null)).isEqualTo("11987654321");
        assertThat(comma.text("n", null, "1.1987654321E10", null)).isEqualTo("11987654321");
        assertThat(comma.text(null, generalStyle, "1234.5", null)).isEqualTo("1234,5");
        assertThat(comma.text(null, null, "0.30000000000000004", null))
                .as("Excel keeps 15 significant digits")
                .isEqualTo("0,3");
        assertThat(comma.text(null, null, "-12.50", null)).isEqualTo("-12,5");
        assertThat(text(false, '.').text(null, null, "1234.5", null)).isEqualTo("1234.5");
        assertThat(comma.text(null, null, "not a number", null)).isEqualTo("not a number");
        assertThat(comma.text(null, null, " ", null)).isNull();
        assertThat(comma.text(null, null, null, null)).isNull();
    }

    @Test
    void dateFormattedNumbersAsDatesInTheWorkbooksDateSystem() {
        LocalDate day = LocalDate.of(2026, 11, 15);
        assertThat(text(false, ',').text(null, dateStyle, serial(day, LocalDate.of(1899, 12, 30)), null))
                .isEqualTo("15/11/2026");
        assertThat(text(true, ',').text(null, dateStyle, serial(day, LocalDate.of(1904, 1, 1)), null))
                .isEqualTo("15/11/2026");
        assertThat(text(false, ',').text(null, dateStyle, serial(day, LocalDate.of(1899, 12, 30)) + ".75", null))
                .as("the time of day is dropped")
                .isEqualTo("15/11/2026");
        assertThat(text(false, ',').text(null, dateStyle, "-1.5", null))
                .as("no valid date: shown as the number")
                .isEqualTo("-1,5");
        assertThat(text(false, ',').text(null, dateStyle, "n/a", null)).isEqualTo("n/a");
    }

    @Test
    void stylesThatAreNoDateOrNoStyleAtAll() {
        CellText t = text(false, ',');
        assertThat(t.text(null, "0", "46341", null)).as("General").isEqualTo("46341");
        assertThat(t.text(null, "999", "46341", null))
                .as("a style the workbook lacks")
                .isEqualTo("46341");
        assertThat(t.text(null, "-1", "46341", null)).isEqualTo("46341");
        assertThat(t.text(null, "x", "46341", null)).isEqualTo("46341");
        assertThat(new CellText(null, null, false, "dd/MM/yyyy", ',').text(null, dateStyle, "46341", null))
                .as("a workbook without styles")
                .isEqualTo("46341");
    }

    @Test
    void stringsBooleansAndIsoDates() {
        CellText t = text(false, ',');
        assertThat(t.text("inlineStr", null, null, "JOSÉ")).isEqualTo("JOSÉ");
        assertThat(t.text("inlineStr", null, "fallback", null)).isEqualTo("fallback");
        assertThat(t.text("str", null, "1000,3", null)).isEqualTo("1000,3");
        assertThat(t.text("b", null, "1", null)).isEqualTo("TRUE");
        assertThat(t.text("b", null, " true ", null)).isEqualTo("TRUE");
        assertThat(t.text("b", null, "0", null)).isEqualTo("FALSE");
        assertThat(t.text("b", null, null, null)).isNull();
        assertThat(t.text("s", null, null, null)).isNull();
        assertThat(t.text("d", null, "2026-11-15", null)).isEqualTo("15/11/2026");
        assertThat(t.text("d", null, "2026-11-15T10:30:00", null)).isEqualTo("15/11/2026");
        assertThat(t.text("d", null, "2026-11-15T10:30:00.000Z", null)).isEqualTo("15/11/2026");
        assertThat(t.text("d", null, "15 de novembro", null)).isEqualTo("15 de novembro");
        assertThat(t.text("d", null, " ", null)).isNull();
        assertThat(t.text("d", null, null, null)).isNull();
        assertThat(t.text("future", null, "as stored", null)).isEqualTo("as stored");
    }

    @Test
    void theDateSystemComesFromTheWorkbooksFirstWorkbookPr() throws Exception {
        assertThat(date1904("<workbook><workbookPr date1904=\"1\"/><sheets/></workbook>"))
                .isTrue();
        assertThat(date1904("<workbook><workbookPr date1904=\"TRUE\"/></workbook>"))
                .isTrue();
        assertThat(date1904("<workbook><workbookPr date1904=\"false\"/></workbook>"))
                .isFalse();
        assertThat(date1904("<workbook><workbookPr defaultThemeVersion=\"1\"/></workbook>"))
                .isFalse();
        assertThat(date1904("<workbook><sheets/><workbookPr date1904=\"1\"/></workbook>"))
                .as("after <sheets> it is not the workbook's")
                .isFalse();
        assertThat(date1904("<workbook/>")).isFalse();
    }

    private static boolean date1904(String xml) throws Exception {
        return CellText.date1904(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void namesColumnsAndCellReferences() {
        assertThat(CellText.columnIndex("A1")).isZero();
        assertThat(CellText.columnIndex("Z9")).isEqualTo(25);
        assertThat(CellText.columnIndex("AA9")).isEqualTo(26);
        assertThat(CellText.columnIndex("AB12")).isEqualTo(27);
        assertThat(CellText.columnIndex("ab12")).isEqualTo(27);
        assertThat(CellText.columnIndex("XFD1048576")).isEqualTo(16_383);
        assertThat(CellText.columnName(0)).isEqualTo("A");
        assertThat(CellText.columnName(25)).isEqualTo("Z");
        assertThat(CellText.columnName(26)).isEqualTo("AA");
        assertThat(CellText.columnName(27)).isEqualTo("AB");
        assertThat(CellText.columnName(16_383)).isEqualTo("XFD");
    }
}
