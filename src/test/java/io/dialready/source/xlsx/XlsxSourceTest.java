package io.dialready.source.xlsx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialready.source.InputUnreadableException;
import io.dialready.source.SourceRow;
import io.dialready.spec.JobSpecException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** The streaming XLSX reader on workbooks made here with POI, in the shapes ops teams send. */
class XlsxSourceTest {

    @TempDir
    Path dir;

    static final List<String> MAPPED = List.of("CONTRATO", "VALOR", "VENCIMENTO", "TELEFONE");

    static XlsxDebtorReader.Layout layout(String sheet, Integer headerRow) {
        return new XlsxDebtorReader.Layout(sheet, headerRow, MAPPED, "dd/MM/yyyy", ',');
    }

    /**
     * A title row, a blank row, the header on row 3, then: numeric phones, a date serial, an amount, a formula, a
     * boolean, an empty row, an error cell; a second sheet.
     */
    static void writeShapes(Workbook wb, Path file) throws Exception {
        Sheet s = wb.createSheet("Carteira");
        s.createRow(0).createCell(0).setCellValue("Carteira novembro - gerada em 20/11/2026");
        Row h = s.createRow(2);
        String[] header = {"CONTRATO", "NOME", "VALOR", "VENCIMENTO", "TELEFONE", "DDD", "ATIVO"};
        for (int i = 0; i < header.length; i++) {
            h.createCell(i).setCellValue(header[i]);
        }
        CellStyle date = wb.createCellStyle();
        date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
        Row r = s.createRow(3);
        r.createCell(0).setCellValue("C001");
        r.createCell(1).setCellValue("JOSÉ");
        r.createCell(2).setCellValue(1234.56);
        Cell d = r.createCell(3);
        d.setCellValue(LocalDate.of(2026, 11, 15));
        d.setCellStyle(date);
        r.createCell(4).setCellValue(11987654321d);
        r.createCell(5).setCellValue(11d);
        r.createCell(6).setCellValue(true);
        // row 5 left out entirely; row 6 present but empty
        s.createRow(5).createCell(1).setCellValue("");
        Row f = s.createRow(6);
        f.createCell(0).setCellValue("C002");
        f.createCell(2).setCellFormula("1000.1+0.2");
        f.createCell(4).setCellValue(5521998765432d);
        f.createCell(5).setCellFormula("10+11");
        Row e = s.createRow(7);
        e.createCell(0).setCellValue("C003");
        e.createCell(4).setCellErrorValue(FormulaError.NA.getCode());
        Row last = s.createRow(8);
        last.createCell(0).setCellValue(123456d); // a numeric key
        last.createCell(2).setCellValue(0.1 + 0.2); // 0.30000000000000004 in binary: Excel shows 0.3
        Sheet other = wb.createSheet("Outra");
        Row oh = other.createRow(0);
        for (int i = 0; i < MAPPED.size(); i++) {
            oh.createCell(i).setCellValue(MAPPED.get(i));
        }
        other.createRow(1).createCell(0).setCellValue("X1");
        wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
        try (OutputStream os = Files.newOutputStream(file)) {
            wb.write(os);
        }
        wb.close();
    }

    static List<SourceRow> readAll(XlsxDebtorReader reader) {
        List<SourceRow> rows = new ArrayList<>();
        SourceRow row;
        while ((row = reader.read()) != null) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void readsCellsAsAPersonSeesThemWithSharedStrings() throws Exception {
        Path file = dir.resolve("shapes.xlsx");
        writeShapes(new XSSFWorkbook(), file); // XSSF writes shared strings
        checkShapes(file);
    }

    @Test
    void readsCellsAsAPersonSeesThemWithInlineStrings() throws Exception {
        Path file = dir.resolve("inline.xlsx");
        XSSFWorkbook base = new XSSFWorkbook();
        writeShapes(new SXSSFWorkbook(base), file); // SXSSF writes inline strings
        base.close();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            String sheet = new String(
                    zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(sheet).contains("t=\"inlineStr\"").doesNotContain("t=\"s\"");
        }
        checkShapes(file);
    }

    private void checkShapes(Path file) {
        XlsxDebtorReader reader = new XlsxDebtorReader(file, layout(null, null));
        reader.open(new ExecutionContext());
        try {
            assertThat(reader.sheetName()).isEqualTo("Carteira");
            assertThat(reader.headerRow()).as("the title row is skipped").isEqualTo(3);
            assertThat(reader.header())
                    .containsExactly("CONTRATO", "NOME", "VALOR", "VENCIMENTO", "TELEFONE", "DDD", "ATIVO");
            List<SourceRow> rows = readAll(reader);
            assertThat(rows)
                    .extracting(SourceRow::line)
                    .as("sheet row numbers, empty rows skipped")
                    .containsExactly(4L, 7L, 8L, 9L);
            assertThat(rows.get(0).fields())
                    .containsExactly("C001", "JOSÉ", "1234,56", "15/11/2026", "11987654321", "11", "TRUE");
            assertThat(rows.get(0).malformed()).isFalse();
            assertThat(rows.get(1).fields())
                    .as("formulas give their cached values")
                    .containsExactly("C002", "", "1000,3", "", "5521998765432", "21", "");
            assertThat(rows.get(2).error()).isEqualTo("cell E8 holds the error value #N/A");
            assertThat(rows.get(2).fields()[0]).isEqualTo("C003");
            assertThat(rows.get(3).fields()[0]).isEqualTo("123456");
            assertThat(rows.get(3).fields()[2]).isEqualTo("0,3");
        } finally {
            reader.close();
        }
    }

    @Test
    void choosesTheSheetByNameOrPositionAndTheHeaderRow() throws Exception {
        Path file = dir.resolve("shapes.xlsx");
        writeShapes(new XSSFWorkbook(), file);
        XlsxDebtorReader.Probe byName = XlsxDebtorReader.probe(file, layout("outra", null));
        assertThat(byName.sheetName()).isEqualTo("Outra");
        assertThat(byName.headerRow()).isEqualTo(1);
        assertThat(XlsxDebtorReader.probe(file, layout("2", null)).sheetName()).isEqualTo("Outra");
        XlsxDebtorReader.Probe explicit = XlsxDebtorReader.probe(file, layout("1", 3));
        assertThat(explicit.header()).startsWith("CONTRATO", "NOME");
        assertThat(explicit.hasDataRows()).isTrue();
        assertThatThrownBy(() -> XlsxDebtorReader.probe(file, layout("Dezembro", null)))
                .isInstanceOf(JobSpecException.class)
                .hasMessageContaining("input.sheet")
                .hasMessageContaining("Carteira, Outra");
        assertThatThrownBy(() -> XlsxDebtorReader.probe(file, layout(null, 2)))
                .isInstanceOf(InputUnreadableException.class)
                .hasMessageContaining("row 2");
    }

    @Test
    void resumesAfterTheRowsAlreadyRead() throws Exception {
        Path file = dir.resolve("shapes.xlsx");
        writeShapes(new XSSFWorkbook(), file);
        XlsxDebtorReader first = new XlsxDebtorReader(file, layout(null, 3));
        ExecutionContext context = new ExecutionContext();
        first.open(context);
        first.read();
        first.read();
        first.update(context);
        first.close();
        XlsxDebtorReader again = new XlsxDebtorReader(file, layout(null, 3));
        again.open(context);
        assertThat(readAll(again)).extracting(SourceRow::line).containsExactly(8L, 9L);
        again.close();
    }

    @Test
    void refusesOldXlsWithAClearMessage() throws Exception {
        Path file = dir.resolve("old.xls");
        try (HSSFWorkbook wb = new HSSFWorkbook();
                OutputStream os = Files.newOutputStream(file)) {
            wb.createSheet("a").createRow(0).createCell(0).setCellValue("CONTRATO");
            wb.write(os);
        }
        assertThatThrownBy(() -> XlsxDebtorReader.probe(file, layout(null, null)))
                .isInstanceOf(InputUnreadableException.class)
                .hasMessageContaining("old Excel 97-2003 .xls")
                .hasMessageContaining("save it as .xlsx");
    }

    @Test
    void refusesPasswordProtectedAndCorruptWorkbooks() throws Exception {
        Path plain = dir.resolve("shapes.xlsx");
        writeShapes(new XSSFWorkbook(), plain);
        Path locked = dir.resolve("locked.xlsx");
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            Encryptor enc = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            enc.confirmPassword("secret");
            try (OutputStream os = enc.getDataStream(fs)) {
                Files.copy(plain, os);
            }
            try (OutputStream os = Files.newOutputStream(locked)) {
                fs.writeFilesystem(os);
            }
        }
        assertThatThrownBy(() -> XlsxDebtorReader.probe(locked, layout(null, null)))
                .isInstanceOf(InputUnreadableException.class)
                .hasMessageContaining("password-protected");

        byte[] bytes = Files.readAllBytes(plain);
        Path truncated = Files.write(dir.resolve("truncated.xlsx"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> XlsxDebtorReader.probe(truncated, layout(null, null)))
                .isInstanceOf(InputUnreadableException.class)
                .hasMessageContaining("truncated.xlsx: is cut short: its ZIP container has no end");

        Path text = Files.writeString(dir.resolve("text.xlsx"), "CONTRATO;VALOR\n1;2\n");
        assertThatThrownBy(() -> XlsxDebtorReader.probe(text, layout(null, null)))
                .isInstanceOf(InputUnreadableException.class)
                .hasMessageContaining("holds text, not an XLSX workbook (a CSV file named .xlsx?");
    }

    /** A workbook with one date cell holding {@code serial}, saved in the 1904 date system or the 1900 one. */
    private Path dateWorkbook(String name, boolean date1904, double serial) throws Exception {
        Path file = dir.resolve(name);
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            // the workbook's own <workbookPr> (POI writes one, date1904="false"), as Excel for Mac sets it
            wb.getCTWorkbook().getWorkbookPr().setDate1904(date1904);
            Sheet s = wb.createSheet("a");
            Row h = s.createRow(0);
            for (int i = 0; i < MAPPED.size(); i++) {
                h.createCell(i).setCellValue(MAPPED.get(i));
            }
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            Row r = s.createRow(1);
            r.createCell(0).setCellValue("C1");
            Cell d = r.createCell(2);
            d.setCellValue(serial);
            d.setCellStyle(date);
            try (OutputStream os = Files.newOutputStream(file)) {
                wb.write(os);
            }
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            String workbook = new String(
                    zip.getInputStream(zip.getEntry("xl/workbook.xml")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(workbook.split("<workbookPr", -1)).as("one workbookPr").hasSize(2);
            assertThat(workbook).contains("date1904=\"" + (date1904 ? "true" : "false") + "\"");
        }
        return file;
    }

    private static String firstDate(Path file) {
        XlsxDebtorReader reader = new XlsxDebtorReader(file, layout(null, null));
        reader.open(new ExecutionContext());
        try {
            return reader.read().fields()[2];
        } finally {
            reader.close();
        }
    }

    @Test
    void readsDatesOfA1904DateSystemWorkbook() throws Exception {
        // the serial number Excel for Mac stores for 15/11/2026: days since 1 January 1904
        double serial =
                java.time.temporal.ChronoUnit.DAYS.between(LocalDate.of(1904, 1, 1), LocalDate.of(2026, 11, 15));
        assertThat(firstDate(dateWorkbook("mac.xlsx", true, serial))).isEqualTo("15/11/2026");
        // the same serial in a 1900 workbook is four years and a day earlier: the date system is what was read
        assertThat(firstDate(dateWorkbook("pc.xlsx", false, serial))).isEqualTo("14/11/2022");
    }

    @Test
    void theMappedColumnsAreEveryColumnTheSpecNames() {
        io.dialready.spec.JobSpec spec = new io.dialready.spec.JobSpecLoader().parse("""
                country: BR
                input:
                  path: in.xlsx
                columns:
                  key: CONTRATO
                  name: NOME
                  amount: VALOR
                  days_overdue: ATRASO
                phones:
                  - column: CELULAR
                  - ddd: DDD1
                    number: FONE1
                """, dir.resolve("job.yml"));
        assertThat(XlsxDebtorReader.mappedColumns(spec))
                .containsExactly("CONTRATO", "NOME", "VALOR", "ATRASO", "CELULAR", "DDD1", "FONE1");
    }

    /**
     * Issue 12, item 9: a bad shared-string index used to fail with a message quoting every shared string of the
     * workbook (names, CPFs, phones) in one 73 KB line; now it names the cell's problem and quotes none of them.
     */
    @org.junit.jupiter.api.Test
    void aBadSharedStringIndexQuotesNoSharedString() throws Exception {
        Path source = Path.of("src/test/resources/xlsx/carteira-libreoffice.xlsx");
        Path file = dir.resolve("bad-index.xlsx");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(source.toFile());
                java.util.zip.ZipOutputStream os = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            for (java.util.Enumeration<? extends java.util.zip.ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                java.util.zip.ZipEntry entry = e.nextElement();
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    bytes = new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                            .replace(
                                    "<c r=\"A3\" s=\"0\" t=\"s\"><v>8</v>", "<c r=\"A3\" s=\"0\" t=\"s\"><v>999999</v>")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                os.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                os.write(bytes);
                os.closeEntry();
            }
        }
        XlsxDebtorReader reader = new XlsxDebtorReader(
                file, new XlsxDebtorReader.Layout(null, 2, List.of("CONTRATO"), "dd/MM/yyyy", ','));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                    reader.open(new ExecutionContext());
                    readAll(reader);
                })
                .isInstanceOf(io.dialready.source.InputUnreadableException.class)
                .hasMessageContaining("a cell refers to a shared string that does not exist (index 999999)")
                .hasMessageNotContaining("JOS")
                .hasMessageNotContaining("3456");
        reader.close();
    }
}
