package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The enrich command end to end with an XLSX input and XLSX outputs, every output file opened and checked. */
class XlsxJobTest {

    @TempDir
    Path dir;

    Path input;
    Path out;

    static final String SPEC = """
            country: BR
            input:
              path: carteira.xlsx
            columns:
              key: CONTRATO
              name: NOME
              amount: VALOR
              due_date: VENCIMENTO
            phones:
              - ddd: DDD1
                number: FONE1
              - column: TELEFONES
            lookup:
              sandbox:
                active_share: 0.5
            run:
              chunk_size: 2
            output:
              format: %s
            """;

    /** A title row, the header on row 2, 6 debtors with numeric phones and dates, an empty row and an #N/A cell. */
    static void writeWorkbook(Path file) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet s = wb.createSheet("Devedores");
            s.createRow(0).createCell(0).setCellValue("Carteira de novembro");
            String[] header = {"CONTRATO", "NOME", "VALOR", "VENCIMENTO", "DDD1", "FONE1", "TELEFONES"};
            Row h = s.createRow(1);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("dd/mm/yyyy"));
            Object[][] rows = {
                {"C001", "JOSÉ", 1234.56, LocalDate.of(2026, 11, 15), 11d, 987654321d, 11912345678d},
                {"C002", "MARIA", 25000d, LocalDate.of(2026, 8, 1), 21d, 87654321d, "(21) 3456-7891"},
                null,
                {"C003", "ANA", 10d, LocalDate.of(2025, 1, 1), null, null, 5531912345678d},
                {"C004", "ERRO", 5d, LocalDate.of(2026, 10, 1), 11d, FormulaError.NA, null},
                {5d, "NUMERICA", 99.9, LocalDate.of(2026, 11, 1), 85d, 988887777d, null},
                {"C006", "SEM FONE", 1d, LocalDate.of(2026, 11, 20), null, null, "nao tem"},
            };
            int r = 2;
            for (Object[] values : rows) {
                Row row = s.createRow(r++);
                if (values == null) {
                    continue;
                }
                for (int i = 0; i < values.length; i++) {
                    Object v = values[i];
                    if (v == null) {
                        continue;
                    }
                    Cell c = row.createCell(i);
                    if (v instanceof String t) {
                        c.setCellValue(t);
                    } else if (v instanceof Double d) {
                        c.setCellValue(d);
                    } else if (v instanceof LocalDate d) {
                        c.setCellValue(d);
                        c.setCellStyle(date);
                    } else if (v instanceof FormulaError e) {
                        c.setCellErrorValue(e.getCode());
                    }
                }
            }
            try (OutputStream os = Files.newOutputStream(file)) {
                wb.write(os);
            }
        }
    }

    @BeforeEach
    void files() throws Exception {
        input = dir.resolve("carteira.xlsx");
        writeWorkbook(input);
        out = dir.resolve("out");
    }

    private CliRun enrich(String format, String... extra) throws Exception {
        Path spec = Files.writeString(dir.resolve("job-" + format + ".yml"), SPEC.formatted(format));
        List<String> args = new ArrayList<>(List.of(
                "enrich",
                "--job",
                spec.toString(),
                "--output",
                out.toString(),
                "--data",
                dir.resolve("data").toString(),
                "--log-file",
                dir.resolve("log.txt").toString(),
                "--as-of",
                "2026-11-23",
                "--quiet"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Every sheet's rows as text, header rows of continuation sheets dropped. */
    static List<List<String>> cells(Path xlsx, List<XSSFCell> phoneCells, String phoneColumn) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        DataFormatter f = new DataFormatter();
        try (XSSFWorkbook wb = new XSSFWorkbook(xlsx.toFile())) {
            for (int s = 0; s < wb.getNumberOfSheets(); s++) {
                XSSFSheet sheet = wb.getSheetAt(s);
                int phoneIndex = -1;
                for (Row row : sheet) {
                    List<String> values = new ArrayList<>();
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        Cell cell = row.getCell(c);
                        values.add(cell == null ? "" : f.formatCellValue(cell));
                        if (row.getRowNum() == 0
                                && cell != null
                                && cell.getStringCellValue().equals(phoneColumn)) {
                            phoneIndex = c;
                        }
                        if (row.getRowNum() > 0 && c == phoneIndex && cell != null && phoneCells != null) {
                            phoneCells.add((XSSFCell) cell);
                        }
                    }
                    if (row.getRowNum() == 0 && s > 0) {
                        assertThat(values).isEqualTo(rows.get(0));
                        continue;
                    }
                    rows.add(values);
                }
            }
        }
        return rows;
    }

    static List<List<String>> csvRows(Path csv) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (String[] r : EnrichCommandTest.csv(csv)) {
            List<String> values = new ArrayList<>(List.of(r));
            while (!values.isEmpty() && values.get(values.size() - 1).isEmpty()) {
                values.remove(values.size() - 1);
            }
            rows.add(values);
        }
        return rows;
    }

    @Test
    void readsTheWorkbookAndWritesBothFormatsWithTheSameContent() throws Exception {
        CliRun run = enrich("both");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("6 read, 5 enriched, 1 rejected");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".dialready.lock")))
                    .containsExactlyInAnyOrder(
                            "carteira.enriched.csv",
                            "carteira.dialer.csv",
                            "carteira.enriched.xlsx",
                            "carteira.dialer.xlsx",
                            "carteira.rejects.csv",
                            "carteira.report.json",
                            "carteira.report.html");
        }
        List<List<String>> enriched = csvRows(out.resolve("carteira.enriched.csv"));
        assertThat(enriched.get(1))
                .as("numbers as digits, dates in the spec's format, amounts exact")
                .startsWith("C001", "JOSÉ", "1234,56", "15/11/2026", "11", "987654321", "11912345678");
        assertThat(enriched).extracting(r -> r.get(0)).containsExactly("CONTRATO", "C001", "C002", "C003", "5", "C006");
        assertThat(enriched.get(1).get(7)).as("wa_best_phone").startsWith("+55");

        List<String[]> rejects = EnrichCommandTest.csv(out.resolve("carteira.rejects.csv"));
        assertThat(rejects).anySatisfy(r -> {
            assertThat(r[0]).as("the sheet's row number").isEqualTo("7");
            assertThat(r[3]).isEqualTo("cell F7 holds the error value #N/A");
        });

        List<XSSFCell> phones = new ArrayList<>();
        assertThat(cells(out.resolve("carteira.enriched.xlsx"), phones, "wa_best_phone"))
                .isEqualTo(enriched);
        assertThat(phones).isNotEmpty().allSatisfy(c -> {
            assertThat(c.getCellType()).isEqualTo(CellType.STRING);
            assertThat(c.getCellStyle().getDataFormatString()).isEqualTo("@");
        });
        List<XSSFCell> nationals = new ArrayList<>();
        assertThat(cells(out.resolve("carteira.dialer.xlsx"), nationals, "phone_national"))
                .isEqualTo(csvRows(out.resolve("carteira.dialer.csv")));
        assertThat(nationals)
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.getCellType()).isEqualTo(CellType.STRING));

        try (XSSFWorkbook wb =
                new XSSFWorkbook(out.resolve("carteira.dialer.xlsx").toFile())) {
            XSSFSheet sheet = wb.getSheet("dialer");
            assertThat(wb.getNumberOfSheets()).isOne();
            PaneInformation pane = sheet.getPaneInformation();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(wb.getFontAt(sheet.getRow(0).getCell(0).getCellStyle().getFontIndex())
                            .getBold())
                    .isTrue();
            assertThat(sheet.getRow(1).getCell(1).getCellType())
                    .as("rank is a number")
                    .isEqualTo(CellType.NUMERIC);
        }
        Map<?, ?> report = JsonMapper.shared()
                .readValue(out.resolve("carteira.report.json").toFile(), Map.class);
        assertThat(report.get("input_sheet")).isEqualTo("Devedores");
        assertThat(report.get("input_header_row")).isEqualTo(2);
        assertThat(report.get("rows_read")).isEqualTo(6);
    }

    @Test
    void xlsxOnlyLeavesNoCsvOutputs() throws Exception {
        CliRun run = enrich("xlsx");
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".dialready.lock")))
                    .containsExactlyInAnyOrder(
                            "carteira.enriched.xlsx",
                            "carteira.dialer.xlsx",
                            "carteira.rejects.csv",
                            "carteira.report.json",
                            "carteira.report.html");
        }
        assertThat(run.out()).contains("carteira.enriched.xlsx");
    }

    @Test
    void splitsALongOutputIntoFurtherSheets() throws Exception {
        System.setProperty("dialready.xlsx.max-rows-per-sheet", "3");
        try {
            CliRun run = enrich("both");
            assertThat(run.exitCode()).as(run.err()).isZero();
        } finally {
            System.clearProperty("dialready.xlsx.max-rows-per-sheet");
        }
        try (XSSFWorkbook wb =
                new XSSFWorkbook(out.resolve("carteira.enriched.xlsx").toFile())) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(3); // 5 rows, 2 per sheet below the header
            assertThat(wb.getSheetName(1)).isEqualTo("enriched (2)");
            assertThat(wb.getSheetName(2)).isEqualTo("enriched (3)");
            assertThat(wb.getSheetAt(1).getLastRowNum()).isEqualTo(2);
        }
        assertThat(cells(out.resolve("carteira.enriched.xlsx"), null, ""))
                .isEqualTo(csvRows(out.resolve("carteira.enriched.csv")));
        assertThat(cells(out.resolve("carteira.dialer.xlsx"), null, ""))
                .isEqualTo(csvRows(out.resolve("carteira.dialer.csv")));
    }

    @Test
    void refusesXlsCorruptAndUnknownSheetsWithTheirExitCodes() throws Exception {
        Path xls = dir.resolve("old.xls");
        try (HSSFWorkbook wb = new HSSFWorkbook();
                OutputStream os = Files.newOutputStream(xls)) {
            wb.createSheet("a").createRow(0).createCell(0).setCellValue("CONTRATO");
            wb.write(os);
        }
        CliRun old = enrich("csv", "--input", xls.toString());
        assertThat(old.exitCode()).isEqualTo(3);
        assertThat(old.err()).contains("old.xls", "save it as .xlsx");

        byte[] bytes = Files.readAllBytes(input);
        Path broken = Files.write(dir.resolve("broken.xlsx"), java.util.Arrays.copyOf(bytes, bytes.length - 200));
        CliRun corrupt = enrich("csv", "--input", broken.toString());
        assertThat(corrupt.exitCode()).as(corrupt.err()).isEqualTo(3);
        assertThat(corrupt.err()).contains("broken.xlsx", "is cut short: its ZIP container has no end");

        Path spec = Files.writeString(
                dir.resolve("sheet.yml"),
                SPEC.formatted("csv").replace("path: carteira.xlsx", "path: carteira.xlsx\n  sheet: Dezembro"));
        CliRun sheet = CliRun.of(
                "enrich",
                "--job",
                spec.toString(),
                "--output",
                out.toString(),
                "--data",
                dir.resolve("data").toString(),
                "--log-file",
                dir.resolve("log.txt").toString(),
                "--quiet");
        assertThat(sheet.exitCode()).isEqualTo(2);
        assertThat(sheet.err()).contains("input.sheet", "Devedores");
    }
}
