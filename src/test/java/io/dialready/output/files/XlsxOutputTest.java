package io.dialready.output.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxOutputTest {

    @TempDir
    Path dir;

    private Path csv(int rows) throws Exception {
        StringBuilder sb = new StringBuilder("debtor_key;rank;phone_national;note\r\n");
        for (int i = 1; i <= rows; i++) {
            sb.append("K").append(i).append(';').append(i).append(";011987654321;\"a;b\"\"c\nd\"\r\n");
        }
        return Files.writeString(dir.resolve("in.csv"), sb.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void fillsASheetToTheLimitThenContinuesInTheNextWithTheHeader() throws Exception {
        Path target = dir.resolve("out.xlsx");
        // a half-written workbook from an interrupted finish is simply replaced
        Files.writeString(target, "garbage");
        long rows = new XlsxOutput(3).convert(csv(5), StandardCharsets.UTF_8, ';', target, "dialer", Set.of("rank"));
        assertThat(rows).isEqualTo(5);
        try (XSSFWorkbook wb = new XSSFWorkbook(target.toFile())) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(3);
            assertThat(wb.getSheetName(0)).isEqualTo("dialer");
            assertThat(wb.getSheetName(2)).isEqualTo("dialer (3)");
            for (int s = 0; s < 3; s++) {
                XSSFSheet sheet = wb.getSheetAt(s);
                assertThat(sheet.getLastRowNum()).as("header + at most 2 rows").isEqualTo(s < 2 ? 2 : 1);
                assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("debtor_key");
                assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            }
            XSSFSheet first = wb.getSheetAt(0);
            assertThat(first.getRow(1).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getRow(1).getCell(2).getStringCellValue())
                    .as("leading zero kept")
                    .isEqualTo("011987654321");
            assertThat(first.getRow(1).getCell(3).getStringCellValue()).isEqualTo("a;b\"c\nd");
            assertThat(wb.getSheetAt(2).getRow(1).getCell(0).getStringCellValue())
                    .isEqualTo("K5");
        }
    }

    @Test
    void aSheetHoldsExactlyTheLimitIncludingTheHeader() throws Exception {
        Path target = dir.resolve("out.xlsx");
        new XlsxOutput(3).convert(csv(2), StandardCharsets.UTF_8, ';', target, "enriched", Set.of());
        try (XSSFWorkbook wb = new XSSFWorkbook(target.toFile())) {
            assertThat(wb.getNumberOfSheets()).isOne();
            assertThat(wb.getSheetAt(0).getRow(1).getCell(1).getCellType())
                    .as("not a numeric column")
                    .isEqualTo(CellType.STRING);
        }
        assertThat(XlsxOutput.EXCEL_MAX_ROWS).isEqualTo(1_048_576);
    }
}
