package io.dialready.source.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialready.source.InputUnreadableException;
import io.dialready.source.SourceRow;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class CsvSourceTest {

    private static final Charset CP1252 = Charset.forName("windows-1252");

    @TempDir
    Path dir;

    private final CsvFormatDetector detector = new CsvFormatDetector();

    private Path file(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private List<SourceRow> readAll(Path file, ExecutionContext ctx) {
        CsvDebtorReader reader = new CsvDebtorReader(file, detector.detect(file, null, null));
        reader.open(ctx);
        List<SourceRow> rows = new ArrayList<>();
        for (SourceRow r; (r = reader.read()) != null; ) {
            rows.add(r);
        }
        reader.update(ctx);
        reader.close();
        return rows;
    }

    @Test
    void windows1252WithSemicolonsIsDetectedAndAccentsSurvive() throws Exception {
        Path f = file("a.csv", "NOME;CIDADE\r\nJOSÉ;SÃO PAULO\r\n".getBytes(CP1252));
        CsvFormat format = detector.detect(f, null, null);
        assertThat(format.charset().name()).isEqualTo("windows-1252");
        assertThat(format.delimiter()).isEqualTo(';');
        assertThat(readAll(f, new ExecutionContext()))
                .singleElement()
                .satisfies(r -> assertThat(r.fields()).containsExactly("JOSÉ", "SÃO PAULO"));
    }

    @Test
    void utf8WithAndWithoutBomIsDetected() throws Exception {
        byte[] body = "NOME,CIDADE\nJOSÉ,SÃO PAULO\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        for (Path f : List.of(file("plain.csv", body), file("bom.csv", withBom))) {
            CsvFormat format = detector.detect(f, null, null);
            assertThat(format.charset()).isEqualTo(StandardCharsets.UTF_8);
            assertThat(format.delimiter()).isEqualTo(',');
            CsvDebtorReader reader = new CsvDebtorReader(f, format);
            reader.open(new ExecutionContext());
            assertThat(reader.header()).containsExactly("NOME", "CIDADE");
            assertThat(reader.read().fields()).containsExactly("JOSÉ", "SÃO PAULO");
            reader.close();
        }
    }

    @Test
    void delimiterIsTheCommonestOutsideQuotes() {
        assertThat(CsvFormatDetector.detectDelimiter("\"a;b;c\",x,y\n")).isEqualTo(',');
        assertThat(CsvFormatDetector.detectDelimiter("a\tb\tc\n")).isEqualTo('\t');
        assertThat(CsvFormatDetector.detectDelimiter("a|b|c\n")).isEqualTo('|');
        assertThat(CsvFormatDetector.detectDelimiter("\n\nA;B,C;D\n")).isEqualTo(';');
    }

    @Test
    void quotedNewlinesBlankLinesAndRaggedRowsKeepTheirLineNumbers() throws Exception {
        String csv = "ID;NOME;UF\n" // line 1
                + "1;\"ANA\nMARIA\";SP\n" // lines 2-3
                + "\n" // line 4, blank
                + "2;BETO\n" // line 5, one field short
                + "3;CAIO;RJ;extra\n" // line 6, one too many
                + "   \n" // line 7, blank
                + "4;\"DIA \"\"D\"\"\";MG\n"; // line 8, escaped quotes
        List<SourceRow> rows = readAll(file("r.csv", csv.getBytes(StandardCharsets.UTF_8)), new ExecutionContext());
        assertThat(rows).extracting(SourceRow::line).containsExactly(2L, 5L, 6L, 8L);
        assertThat(rows.get(0).fields()).containsExactly("1", "ANA\nMARIA", "SP");
        assertThat(rows.get(0).malformed()).isFalse();
        assertThat(rows.get(1).error()).isEqualTo("expected 3 fields, found 2");
        assertThat(rows.get(2).error()).isEqualTo("expected 3 fields, found 4");
        assertThat(rows.get(3).fields()).containsExactly("4", "DIA \"D\"", "MG");
    }

    @Test
    void restartSkipsTheRowsAlreadyCommitted() throws Exception {
        StringBuilder csv = new StringBuilder("ID,V\n");
        for (int i = 1; i <= 10; i++) {
            csv.append(i).append(",v").append(i).append('\n');
        }
        Path f = file("restart.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        CsvDebtorReader first = new CsvDebtorReader(f, detector.detect(f, null, null));
        ExecutionContext ctx = new ExecutionContext();
        first.open(ctx);
        for (int i = 0; i < 4; i++) {
            first.read();
        }
        first.update(ctx);
        first.close();

        List<SourceRow> rest = readAll(f, ctx);
        assertThat(rest).extracting(r -> r.fields()[0]).containsExactly("5", "6", "7", "8", "9", "10");
        assertThat(rest.get(0).line()).isEqualTo(6);
    }

    @Test
    void aRestartOnAFileWithFewerRowsThanTheRunHadReadStopsNamingIt() throws Exception {
        Path f = file("shorter.csv", "ID,V\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8));
        ExecutionContext ctx = new ExecutionContext();
        ctx.putLong(CsvDebtorReader.READ_KEY, 5);
        assertThatThrownBy(() -> readAll(f, ctx))
                .isInstanceOf(org.springframework.batch.infrastructure.item.ItemStreamException.class)
                .hasMessage(f + ": has fewer rows (2) than the interrupted run had read (5); was the input replaced?");
    }

    @Test
    void unreadableFilesAreRefusedWithTheFileAndTheReason() throws Exception {
        Path empty = file("empty.csv", new byte[0]);
        assertThatThrownBy(() -> detector.detect(empty, null, null))
                .isInstanceOf(InputUnreadableException.class)
                .hasMessage(empty + ": the file is empty");
        Path binary = file("bin.csv", new byte[] {'I', 'D', 0, 1, 2, 3});
        assertThatThrownBy(() -> detector.detect(binary, null, null))
                .hasMessageContaining("bin.csv: this is a binary file");
        Path zip = file("book.csv", new byte[] {'P', 'K', 3, 4, 20, 0});
        assertThatThrownBy(() -> detector.detect(zip, null, null)).hasMessageContaining("ZIP/XLSX");
        assertThatThrownBy(() -> detector.detect(dir.resolve("missing.csv"), null, null))
                .hasMessageEndingWith("missing.csv: file not found");
        Path blank = file("blank.csv", "\n\n  \n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> detector.detect(blank, null, null)).hasMessageContaining("only blank lines");
    }

    @Test
    void invalidUtf8WhenUtf8IsDeclaredNamesTheLine() throws Exception {
        byte[] bytes = "ID;NOME\n1;ANA\n2;JOS\u00c9\n".getBytes(CP1252);
        Path f = file("latin.csv", bytes);
        // issue 12: decided on the whole file before the run, not at the line where the reader meets it
        assertThatThrownBy(() -> detector.detect(f, "UTF-8", null))
                .isInstanceOf(InputUnreadableException.class)
                .hasMessageContaining("not valid UTF-8 at line 3");
    }

    @Test
    void aBadByteInAUtf8FileIsAMalformedRowAndReadingGoesOn() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes("ID;NOME\n1;JOS\u00c9\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("2;MAR\u00cdA\n".getBytes(CP1252)); // one Latin-1 byte
        bytes.writeBytes("3;BIA\n4;JO\u00c3O\n".getBytes(StandardCharsets.UTF_8));
        Path f = file("one-bad.csv", bytes.toByteArray());
        CsvDebtorReader reader = new CsvDebtorReader(f, detector.detect(f, null, null));
        reader.open(new ExecutionContext());
        assertThat(reader.read().malformed()).isFalse();
        SourceRow bad = reader.read();
        assertThat(bad.line()).isEqualTo(3);
        assertThat(bad.error()).isEqualTo("bytes that are not valid UTF-8 (shown as \uFFFD)");
        assertThat(reader.read().fields()).containsExactly("3", "BIA");
        assertThat(reader.read().fields()).containsExactly("4", "JO\u00c3O");
        assertThat(reader.read()).isNull();
        reader.close();
    }
}
