package io.dialready.source.xlsx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialready.source.InputUnreadableException;
import io.dialready.source.SourceRow;
import io.dialready.spec.JobSpecException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The sheet as StAX reads it, on sheet XML written by hand where POI would not write it so: rows and cells without
 * their optional {@code r} reference (ECMA-376 Part 1, 18.3.1.73 row and 18.3.1.4 c), rich and phonetic inline
 * strings, cells past the header; and where the header row is found, and which sheet is read.
 */
class SheetReaderTest {

    @TempDir
    Path dir;

    static final List<String> MAPPED = List.of("CONTRATO", "VALOR", "VENCIMENTO", "TELEFONE");

    static XlsxDebtorReader.Layout layout(String sheet, Integer headerRow) {
        return new XlsxDebtorReader.Layout(sheet, headerRow, MAPPED, "dd/MM/yyyy", ',');
    }

    static String inline(String text) {
        return "<c t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }

    /** A workbook of one sheet, "Dados", whose sheetData is {@code rows}; no styles and no shared strings. */
    Path workbook(String name, String rows) throws Exception {
        String main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        String pkgRel = "http://schemas.openxmlformats.org/package/2006/relationships";
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml"
                 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml"
                 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                </Types>""");
        parts.put(
                "_rels/.rels",
                "<Relationships xmlns=\"" + pkgRel + "\"><Relationship Id=\"rId1\" Type=\"" + rel
                        + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        parts.put(
                "xl/workbook.xml",
                "<workbook xmlns=\"" + main + "\" xmlns:r=\"" + rel + "\">"
                        + "<sheets><sheet name=\"Dados\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        parts.put(
                "xl/_rels/workbook.xml.rels",
                "<Relationships xmlns=\"" + pkgRel + "\"><Relationship Id=\"rId1\"" + " Type=\"" + rel
                        + "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
        parts.put(
                "xl/worksheets/sheet1.xml",
                "<worksheet xmlns=\"" + main + "\"><sheetData>" + rows + "</sheetData></worksheet>");
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, String> p : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(p.getKey()));
                zip.write(p.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    static List<SourceRow> readAll(Path file, XlsxDebtorReader.Layout layout) {
        XlsxDebtorReader reader = new XlsxDebtorReader(file, layout);
        reader.open(new ExecutionContext());
        try {
            List<SourceRow> rows = new ArrayList<>();
            for (SourceRow r; (r = reader.read()) != null; ) {
                rows.add(r);
            }
            return rows;
        } finally {
            reader.close();
        }
    }

    @Test
    void rowsAndCellsWithoutReferencesFollowTheOnesBefore() throws Exception {
        Path file = workbook(
                "hand.xlsx",
                "<row>" + inline("CONTRATO") + inline("NOME") + inline("VALOR")
                        + inline("TELEFONE") + inline("VENCIMENTO") + "</row>"
                        + "<row><c><v>1001</v></c>"
                        + "<c t=\"inlineStr\"><is><r><t>JO</t></r><r><t>SÉ</t></r><rPh sb=\"0\" eb=\"1\"><t>ジョ</t></rPh>"
                        + "</is></c>"
                        + "<c t=\"str\"><f>A2*2</f><v>2002</v></c><c><v>11987654321</v></c><c t=\"d\"><v>2026-11-15</v></c>"
                        + "</row>"
                        + "<row r=\"5\"><c r=\"A5\" t=\"b\"><v>1</v></c><c r=\"L5\"><v>7</v></c></row>"
                        + "<row><c t=\"e\"><v>#DIV/0!</v></c><c t=\"e\"><v>#N/A</v></c></row>");
        XlsxDebtorReader.Probe probe = XlsxDebtorReader.probe(file, layout(null, null));
        assertThat(probe.headerRow()).isEqualTo(1);
        assertThat(probe.sheetName()).isEqualTo("Dados");
        assertThat(probe.header()).containsExactly("CONTRATO", "NOME", "VALOR", "TELEFONE", "VENCIMENTO");
        List<SourceRow> rows = readAll(file, layout(null, null));
        assertThat(rows).extracting(SourceRow::line).containsExactly(2L, 5L, 6L);
        assertThat(rows.get(0).fields())
                .as("rich text runs joined, the phonetic run left out")
                .containsExactly("1001", "JOSÉ", "2002", "11987654321", "15/11/2026");
        assertThat(rows.get(1).fields())
                .as("a cell past the header is dropped")
                .containsExactly("TRUE", "", "", "", "");
        assertThat(rows.get(1).malformed()).isFalse();
        assertThat(rows.get(2).error()).isEqualTo("cell A6 holds the error value #DIV/0!");
        assertThat(rows.get(2).fields()).startsWith("#DIV/0!", "#N/A");
    }

    @Test
    void aWideHeaderAndItsTrailingEmptyCells() throws Exception {
        StringBuilder header = new StringBuilder("<row r=\"1\">");
        for (String n : MAPPED) {
            header.append(inline(n));
        }
        for (int i = 1; i <= 8; i++) {
            header.append(inline("EXTRA" + i));
        }
        header.append("<c r=\"N1\" t=\"inlineStr\"><is><t> </t></is></c></row>");
        Path file =
                workbook("wide.xlsx", header + "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"L2\"><v>12</v></c></row>");
        XlsxDebtorReader.Probe probe = XlsxDebtorReader.probe(file, layout(null, null));
        assertThat(probe.header()).hasSize(12).endsWith("EXTRA8");
        assertThat(readAll(file, layout(null, null)).get(0).fields())
                .hasSize(12)
                .startsWith("1")
                .endsWith("12");
    }

    @Test
    void withoutARowHoldingEveryNameTheRowWithMostOfThemIsTheHeader() throws Exception {
        Path file = workbook(
                "partial.xlsx",
                "<row r=\"1\">" + inline("Carteira de novembro") + "</row>"
                        + "<row r=\"2\">" + inline("VALOR") + "</row>"
                        + "<row r=\"3\">" + inline(" contrato ") + inline("VALOR") + inline("FONE") + "</row>"
                        + "<row r=\"4\"><c><v>1</v></c></row>");
        XlsxDebtorReader.Probe probe = XlsxDebtorReader.probe(file, layout(null, null));
        assertThat(probe.headerRow()).isEqualTo(3);
        assertThat(probe.header()).containsExactly("contrato", "VALOR", "FONE");
        assertThat(readAll(file, layout(null, null)))
                .as("reading goes on after the header, once the sheet is read again")
                .extracting(SourceRow::line)
                .containsExactly(4L);
    }

    @Test
    void withoutAnyMappedNameTheFirstRowIsTheHeader() throws Exception {
        Path file = workbook(
                "none.xlsx",
                "<row r=\"2\">" + inline("A") + inline("B") + "</row>" + "<row r=\"3\">" + inline("C")
                        + "</row><row r=\"4\"><c><v>1</v></c></row>");
        XlsxDebtorReader.Probe probe = XlsxDebtorReader.probe(file, layout(null, null));
        assertThat(probe.headerRow()).isEqualTo(2);
        assertThat(probe.header()).containsExactly("A", "B");
        assertThat(readAll(file, layout(null, null)))
                .extracting(SourceRow::line)
                .containsExactly(3L, 4L);
    }

    @Test
    void theHeaderIsLookedForInTheFirstFiftyRowsThatHoldSomething() throws Exception {
        StringBuilder rows = new StringBuilder("<row r=\"1\"/>");
        for (int i = 2; i <= 50; i++) {
            rows.append("<row r=\"")
                    .append(i)
                    .append("\">")
                    .append(inline("nota " + i))
                    .append("</row>");
        }
        String header = "<row r=\"51\">"
                + String.join("", MAPPED.stream().map(SheetReaderTest::inline).toList()) + "</row>";
        assertThat(XlsxDebtorReader.probe(workbook("fifty.xlsx", rows + header), layout(null, null))
                        .headerRow())
                .as("the 50th row holding something")
                .isEqualTo(51);
        rows.append("<row r=\"51\">").append(inline("nota 51")).append("</row>");
        String late = header.replace("r=\"51\"", "r=\"52\"");
        assertThat(XlsxDebtorReader.probe(workbook("late.xlsx", rows + late), layout(null, null))
                        .headerRow())
                .as("the 51st is not looked at: the first row is taken")
                .isEqualTo(2);
    }

    @Test
    void aSheetWithoutAHeader() throws Exception {
        Path blank = workbook("blank.xlsx", "<row r=\"1\"/><row r=\"2\">" + inline(" ") + "</row>");
        assertThatThrownBy(() -> XlsxDebtorReader.probe(blank, layout(null, null)))
                .isInstanceOf(InputUnreadableException.class)
                .hasMessage(blank + ": sheet 'Dados' holds no header row");
        Path two =
                workbook("two.xlsx", "<row r=\"1\">" + inline("CONTRATO") + "</row><row r=\"3\"><c><v>1</v></c></row>");
        assertThatThrownBy(() -> XlsxDebtorReader.probe(two, layout(null, 2)))
                .isInstanceOf(InputUnreadableException.class)
                .hasMessage(two + ": row 2 of sheet 'Dados' (input.header_row) is empty");
        assertThatThrownBy(() -> XlsxDebtorReader.probe(two, layout(null, 9)))
                .isInstanceOf(InputUnreadableException.class)
                .hasMessageContaining("row 9 of sheet 'Dados'");
        XlsxDebtorReader.Probe onlyHeader = XlsxDebtorReader.probe(two, layout(null, 1));
        assertThat(onlyHeader.header()).containsExactly("CONTRATO");
        assertThat(onlyHeader.hasDataRows()).isTrue();
        Path headerOnly = workbook("header.xlsx", "<row r=\"1\">" + inline("CONTRATO") + "</row>");
        assertThat(XlsxDebtorReader.probe(headerOnly, layout(null, 1)).hasDataRows())
                .isFalse();
    }

    /** Sheets named as given, each with the mapped header and one row whose key is the sheet's name. */
    Path sheets(String... names) throws Exception {
        Path file = dir.resolve("sheets.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook();
                OutputStream os = Files.newOutputStream(file)) {
            for (String name : names) {
                Sheet s = wb.createSheet(name);
                Row h = s.createRow(0);
                for (int i = 0; i < MAPPED.size(); i++) {
                    h.createCell(i).setCellValue(MAPPED.get(i));
                }
                s.createRow(1).createCell(0).setCellValue("key of " + name);
            }
            wb.write(os);
        }
        return file;
    }

    @Test
    void theSheetByNameIgnoringCaseThenByPosition() throws Exception {
        Path file = sheets("Resumo", "Carteira", "1");
        assertThat(XlsxDebtorReader.probe(file, layout(null, null)).sheetName()).isEqualTo("Resumo");
        assertThat(XlsxDebtorReader.probe(file, layout(" CARTEIRA ", null)).sheetName())
                .isEqualTo("Carteira");
        assertThat(XlsxDebtorReader.probe(file, layout("2", null)).sheetName()).isEqualTo("Carteira");
        assertThat(XlsxDebtorReader.probe(file, layout("1", null)).sheetName())
                .as("a sheet named 1 wins over the first sheet")
                .isEqualTo("1");
        assertThat(readAll(file, layout("2", null)).get(0).fields()[0]).isEqualTo("key of Carteira");
        assertThatThrownBy(() -> XlsxDebtorReader.probe(file, layout("4", null)))
                .isInstanceOf(JobSpecException.class)
                .hasMessageContaining("key 'input.sheet' names '4', which is not a sheet of " + file)
                .hasMessageContaining("(sheets: Resumo, Carteira, 1; or give a position from 1 to 3)");
    }

    @Test
    void aRestartSkipsTheRowsAlreadyReadAndRefusesAShorterSheet() throws Exception {
        Path file = sheets("Carteira");
        ExecutionContext context = new ExecutionContext();
        context.putLong(XlsxDebtorReader.READ_KEY, 1);
        XlsxDebtorReader reader = new XlsxDebtorReader(file, layout(null, null));
        reader.open(context);
        assertThat(reader.read()).isNull();
        reader.update(context);
        assertThat(context.getLong(XlsxDebtorReader.READ_KEY)).isEqualTo(1);
        assertThat(reader.toString()).isEqualTo("XlsxDebtorReader[" + file + ", sheet=Carteira, header row 1]");
        reader.close();
        context.putLong(XlsxDebtorReader.READ_KEY, 2);
        XlsxDebtorReader again = new XlsxDebtorReader(file, layout(null, null));
        assertThatThrownBy(() -> again.open(context))
                .hasMessageContaining("has fewer rows (1) than the interrupted run had read (2)");
        again.close();
    }
}
