package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dialready.run.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 12's input cases (a stray quote, the encoding of the whole file, ...), on files generated here: the exact
 * message or reject reason, the exit code, and the report's accounting of every physical line.
 */
class NoSilentLossTest {

    static final String HEADER = "CONTRATO;CPF;NOME;VALOR;VENCIMENTO;DDD1;FONE1;DDD2;FONE2;TELEFONES;EMAIL;CIDADE;UF";

    @TempDir
    Path dir;

    Path out;

    @BeforeEach
    void folders() {
        out = dir.resolve("out");
    }

    static String row(int i, String name) {
        return "C%d;%011d;%s;100,00;01/11/2026;11;9%04d-%04d;;;;;SP;SP"
                .formatted(i, i, name, 8000 + i / 10000, i % 10000);
    }

    Path spec(String inputKeys) throws Exception {
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

    CliRun enrich(Path input, String inputKeys) throws Exception {
        Path spec = spec(inputKeys);
        return assertTimeoutPreemptively(
                Duration.ofSeconds(60),
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

    Map<?, ?> report(String base) throws Exception {
        return JsonMapper.shared().readValue(out.resolve(base + ".report.json").toFile(), Map.class);
    }

    static Path write(Path file, Charset charset, List<String> lines) throws Exception {
        return Files.write(file, lines, charset);
    }

    /** Issue 12, item 1: line 4 opens a quote that line 504 closes; 500 rows must not vanish into one name. */
    @Test
    void aStrayQuoteRejectsItsLineAndTheRowsAfterItAreRead() throws Exception {
        List<String> lines = new java.util.ArrayList<>(List.of(HEADER));
        for (int i = 1; i <= 510; i++) {
            lines.add(row(i, i == 3 ? "\"NOME 3" : i == 503 ? "NOME 503\"" : "NOME " + i));
        }
        Path in = write(dir.resolve("stray.csv"), StandardCharsets.UTF_8, lines);
        CliRun run = enrich(in, "");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("rows: 510 read, 509 enriched, 1 rejected");
        assertThat(Files.readAllLines(out.resolve("stray.rejects.csv")))
                .containsExactly(
                        "line,column,value,reason",
                        "4,,\"" + row(3, "\"\"NOME 3") + "\",\"stray quote: the quoted field opened at line 4 would"
                                + " run over line 5, a whole row on its own; it closes at line 504; this line is rejected"
                                + " and the lines after it are read as rows\"");
        String enriched = Files.readString(out.resolve("stray.enriched.csv"));
        assertThat(enriched).contains("C4,").contains("C502,").contains("C503,").contains("C510,");
        Map<?, ?> report = report("stray");
        assertThat(report.get("input_lines")).isEqualTo(511);
        assertThat(report.get("lines_header")).isEqualTo(1);
        assertThat(report.get("lines_blank")).isEqualTo(0);
        assertThat(report.get("lines_enriched")).isEqualTo(509);
        assertThat(report.get("lines_rejected")).isEqualTo(1);
        assertThat(report.containsKey("lines_unaccounted")).isFalse();
    }

    /** A quoted field across two lines (an address) is still one row, and its two lines are counted as enriched. */
    @Test
    void aQuotedFieldOverAFewLinesIsOneRowAndItsLinesAreCounted() throws Exception {
        Path in = write(
                dir.resolve("address.csv"),
                StandardCharsets.UTF_8,
                List.of(HEADER, "", row(1, "\"ANA\nDE SOUZA\""), row(2, "BIA"), "", ""));
        CliRun run = enrich(in, "");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("rows: 2 read, 2 enriched, 0 rejected");
        Map<?, ?> report = report("address");
        assertThat(report.get("input_lines")).isEqualTo(7);
        assertThat(report.get("lines_header")).isEqualTo(1);
        assertThat(report.get("lines_blank")).isEqualTo(3);
        assertThat(report.get("lines_enriched")).isEqualTo(3);
        assertThat(report.get("lines_rejected")).isEqualTo(0);
    }

    /** A quoted field that runs on for more than ten lines is a stray quote too; the lines after it are rows. */
    @Test
    void aQuotedFieldOfMoreThanTenLinesIsRejected() throws Exception {
        List<String> lines = new java.util.ArrayList<>(List.of(HEADER, row(1, "\"ANA")));
        for (int i = 0; i < 11; i++) {
            lines.add("nota " + i);
        }
        lines.add("fim\";x");
        lines.add(row(2, "BIA"));
        Path in = write(dir.resolve("long.csv"), StandardCharsets.UTF_8, lines);
        CliRun run = enrich(in, "run:\n  max_rejected_percent: 100"); // 13 of 14 rows rejected, on purpose
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> rejects = Files.readAllLines(out.resolve("long.rejects.csv"));
        assertThat(rejects.get(1))
                .endsWith(",stray quote: the quoted field opened at line 2 spans more than 10 lines; it closes at"
                        + " line 14; this line is rejected and the lines after it are read as rows");
        assertThat(rejects).hasSize(14); // line 2, then lines 3-14 each a row of the wrong width
        assertThat(Files.readString(out.resolve("long.enriched.csv"))).contains("C2,");
        assertThat(report("long").get("lines_rejected")).isEqualTo(13);
    }

    /** Issue 12, item 3: one Latin-1 byte in row 3 of a UTF-8 file is a bad row; the file stays UTF-8. */
    @Test
    void oneLatin1ByteInAUtf8FileIsABadRowNotAReasonToReadItAsWindows1252() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        for (int i = 1; i <= 200; i++) {
            if (i == 3) {
                bytes.writeBytes(row(3, "JOS\u00c9 3").getBytes(Charset.forName("windows-1252")));
                bytes.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
            } else {
                bytes.writeBytes((row(i, "JOS\u00c9 " + i) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Path in = Files.write(dir.resolve("one-bad-byte.csv"), bytes.toByteArray());
        CliRun run = enrich(in, "");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("rows: 200 read, 199 enriched, 1 rejected");
        assertThat(report("one-bad-byte").get("input_encoding")).isEqualTo("UTF-8");
        assertThat(Files.readAllLines(out.resolve("one-bad-byte.rejects.csv")))
                .containsExactly(
                        "line,column,value,reason",
                        "4,,\"" + row(3, "JOS\uFFFD 3") + "\",bytes that are not valid UTF-8 (shown as \uFFFD)");
        assertThat(Files.readString(out.resolve("one-bad-byte.enriched.csv"))).contains("JOSÉ 200");
    }

    /** Issue 12, item 3: a Windows-1252 file whose first accent is at line 2,501 is read as Windows-1252. */
    @Test
    void aWindows1252FileWhoseFirstAccentIsFarDownIsWindows1252() throws Exception {
        List<String> lines = new java.util.ArrayList<>(List.of(HEADER));
        for (int i = 1; i <= 2600; i++) {
            lines.add(row(i, i == 2500 ? "JO\u00c3O DA CONCEI\u00c7\u00c3O" : "NOME " + i));
        }
        Path in = write(dir.resolve("late-accent.csv"), Charset.forName("windows-1252"), lines);
        assertThat(Files.size(in)).isGreaterThan(64 * 1024);
        CliRun run = enrich(in, "");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("rows: 2600 read, 2600 enriched, 0 rejected");
        assertThat(report("late-accent").get("input_encoding")).isEqualTo("windows-1252");
        assertThat(Files.readString(out.resolve("late-accent.enriched.csv"))).contains("JOÃO DA CONCEIÇÃO");
    }

    /** Declared UTF-8 but Windows-1252 throughout: stopped before anything is written, naming the first bad line. */
    @Test
    void aFileDeclaredUtf8ThatIsNotStopsBeforeWritingAnything() throws Exception {
        List<String> lines = new java.util.ArrayList<>(List.of(HEADER));
        for (int i = 1; i <= 2600; i++) {
            lines.add(row(i, i >= 2500 ? "JO\u00c3O " + i : "NOME " + i));
        }
        Path in = write(dir.resolve("declared.csv"), Charset.forName("windows-1252"), lines);
        CliRun run = enrich(in, "  encoding: UTF-8");
        assertThat(run.err().strip())
                .isEqualTo("dialready: input unreadable: " + in + ": has bytes that are not valid UTF-8 at line 2501"
                        + " (set input.encoding, e.g. windows-1252)");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
        assertThat(out.resolve("declared.enriched.csv")).doesNotExist();
        assertThat(out.resolve("declared.enriched.csv.part")).doesNotExist();
    }

    /** Issue 12, item 12: the top-level help lists every exit code; an unknown command is named, not helped. */
    @Test
    void helpListsEveryExitCodeAndAnUnknownCommandIsNamed() {
        CliRun top = CliRun.of("--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.out().replaceAll("\\s+", " "))
                .contains("Exit codes: 0 completed, 1 failed")
                .contains("4 completed but the daily quota was spent")
                .contains("5 completed but no provider account was usable")
                .contains("6 completed but more rows rejected than run.max_rejected_percent allows");
        assertThat(CliRun.of("enrich", "--help").out().replaceAll("\\s+", " "))
                .contains("6 completed but more rows rejected than run.max_rejected_percent allows");
        CliRun unknown = CliRun.of("NOSUCH", "--help");
        assertThat(unknown.err().strip())
                .isEqualTo("dialready: unknown command 'NOSUCH' (the commands are enrich, watch, resume, help;"
                        + " dialready --help)");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
    }

    /** Issue 12, item 4, through the command line: exit 2 naming the key written twice. */
    @Test
    void aSpecWithAKeyTwiceIsExit2() throws Exception {
        Path in = write(dir.resolve("c.csv"), StandardCharsets.UTF_8, List.of(HEADER, row(1, "ANA")));
        Path spec = spec("");
        Files.writeString(spec, Files.readString(spec) + "country: US\n");
        CliRun run = CliRun.of(
                "enrich",
                "--job",
                spec.toString(),
                "--input",
                in.toString(),
                "--output",
                out.toString(),
                "--data",
                dir.resolve("data").toString(),
                "--quiet");
        assertThat(run.err().strip())
                .isEqualTo("dialready: bad job spec: " + spec.toAbsolutePath().normalize()
                        + ": duplicate key 'country' (line 14):"
                        + " each key may be written once (which value was meant?)");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
    }

    /**
     * Issue 12, item 12: Excel's {@code sep=;} line names the delimiter; a no-break space after a header name and a
     * zero-width space before a key are trimmed; a NUL is not copied; a due date in 9999 is rejected as a value.
     */
    @Test
    void excelSepLineInvisibleCharactersNulAndFarDates() throws Exception {
        String header =
                "\u200BCONTRATO\u00A0;CPF;NOME\u00A0;VALOR;VENCIMENTO;DDD1;FONE1;DDD2;FONE2;TELEFONES;EMAIL;CIDADE;UF";
        List<String> lines = new java.util.ArrayList<>(List.of(
                "sep=;",
                header,
                row(1, "ANA").replace("C1;", "\u200BC1\u00A0;"),
                row(2, "BIA").replace("01/11/2026", "31/12/9999")));
        for (int i = 3; i <= 1000; i++) {
            lines.add(row(i, "NOME " + i));
        }
        lines.add(row(1001, "ANA\0 NUL")); // past the detector's 64 KiB sample, which refuses NUL bytes
        Path in = write(dir.resolve("excel.csv"), StandardCharsets.UTF_8, lines);
        CliRun run = enrich(in, "");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("rows: 1001 read, 1001 enriched, 0 rejected");
        Map<?, ?> report = report("excel");
        assertThat(report.get("input_delimiter")).isEqualTo(";");
        assertThat(report.get("lines_header")).isEqualTo(2);
        String enriched = Files.readString(out.resolve("excel.enriched.csv"));
        assertThat(enriched).doesNotContain("\0").contains("ANA NUL");
        assertThat(Files.readString(out.resolve("excel.dialer.csv"))).contains("\nC1,");
        assertThat(Files.readAllLines(out.resolve("excel.rejects.csv")))
                .containsExactly("line,column,value,reason", "4,VENCIMENTO,31/12/9999,date outside 1900-2100");
    }

    /** Issue 12, item 12: a mapped column the header holds twice is refused naming it; a header is shown visibly. */
    @Test
    void aMappedColumnTwiceInTheHeaderIsRefusedAndInvisibleCharactersAreShown() throws Exception {
        Path twice = write(
                dir.resolve("twice.csv"),
                StandardCharsets.UTF_8,
                List.of(HEADER.replace("EMAIL", "NOME"), row(1, "A")));
        CliRun run = enrich(twice, "");
        assertThat(run.err().strip())
                .isEqualTo("dialready: bad job spec: key 'columns.name' names column 'NOME', which the input's header"
                        + " holds twice (columns 3 and 11): rename one of them");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        Path hidden = write(
                dir.resolve("hidden.csv"),
                StandardCharsets.UTF_8,
                List.of(HEADER.replace("CONTRATO", "CONT\u200BRATO"), row(1, "A")));
        CliRun run2 = enrich(hidden, "");
        assertThat(run2.err().strip())
                .startsWith("dialready: bad job spec: key 'columns.key' names column 'CONTRATO', which is not in the"
                        + " input's header [CONT\\u200BRATO, CPF, NOME,");
        assertThat(run2.exitCode()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
    }

    /**
     * Issue 12, item 10: the data folder and the log file are owner/group only, as the outputs are (the test JVM's
     * umask is 022, which made them readable by everyone).
     */
    @Test
    void theDataFolderAndTheLogAreOwnerAndGroupOnly() throws Exception {
        Path in = write(dir.resolve("p.csv"), StandardCharsets.UTF_8, List.of(HEADER, row(1, "ANA")));
        CliRun run = enrich(in, "");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(perms(dir.resolve("data"))).isEqualTo("rwxrwx---");
        assertThat(perms(dir.resolve("log.txt"))).isEqualTo("rw-rw----");
    }

    /** Issue 12, item 5: a second run writing the same output folder is refused while the first holds it. */
    @Test
    void aSecondRunWritingTheSameOutputFolderIsRefused() throws Exception {
        Path in = write(dir.resolve("p.csv"), StandardCharsets.UTF_8, List.of(HEADER, row(1, "ANA")));
        Files.createDirectories(out);
        try (io.dialready.run.LockFile held = io.dialready.run.LockFile.tryLock(out.resolve(".dialready.lock"))) {
            assertThat(held).isNotNull();
            CliRun run = enrich(in, "");
            assertThat(run.err().strip())
                    .isEqualTo("dialready: another dialready run is writing the output folder " + out
                            + "; wait for it to finish or use --output");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(out.resolve("p.enriched.csv")).doesNotExist();
        }
        assertThat(enrich(in, "").exitCode()).isZero();
    }

    private static String perms(Path p) throws Exception {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /**
     * Issue 12, item 2: a trailing delimiter on every data row made every row the wrong width, and the run still
     * exited 0 with an empty dialer file. Now no dialer file is published, exit 6, and the message says why.
     */
    @Test
    void aRunThatRejectsEveryRowPublishesNoDialerFile() throws Exception {
        List<String> lines = new java.util.ArrayList<>(List.of(HEADER));
        for (int i = 1; i <= 20; i++) {
            lines.add(row(i, "NOME " + i) + ";");
        }
        Path in = write(dir.resolve("trailing.csv"), StandardCharsets.UTF_8, lines);
        CliRun run = enrich(in, "");
        assertThat(run.err().strip())
                .isEqualTo("dialready: no dialer file published: every data row has one field more than the header: a"
                        + " trailing delimiter? (more than run.max_rejected_percent, 50%; see the rejects file)");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.TOO_MANY_REJECTED);
        assertThat(out.resolve("trailing.dialer.csv")).doesNotExist();
        assertThat(out.resolve("trailing.dialer.csv.part")).doesNotExist();
        assertThat(out.resolve("trailing.rejects.csv")).exists();
        assertThat(report("trailing").get("dialer_withheld"))
                .isEqualTo("every data row has one field more than the header: a trailing delimiter? (more than"
                        + " run.max_rejected_percent, 50%; see the rejects file)");
    }

    /** The threshold is the spec's: 11 of 20 rejected is over 50%, and allowed with run.max_rejected_percent: 60. */
    @Test
    void theRejectedThresholdIsTheSpecs() throws Exception {
        List<String> lines = new java.util.ArrayList<>(List.of(HEADER));
        for (int i = 1; i <= 20; i++) {
            lines.add(i <= 11 ? "C" + i + ";short" : row(i, "NOME " + i));
        }
        Path in = write(dir.resolve("half.csv"), StandardCharsets.UTF_8, lines);
        CliRun run = enrich(in, "");
        assertThat(run.err().strip())
                .isEqualTo("dialready: no dialer file published: 11 of 20 data rows (55%) were rejected (more than"
                        + " run.max_rejected_percent, 50%; see the rejects file)");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.TOO_MANY_REJECTED);
        java.nio.file.Files.walk(out)
                .sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        CliRun allowed = enrich(in, "run:\n  max_rejected_percent: 60");
        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        assertThat(out.resolve("half.dialer.csv")).exists();
    }

    /**
     * Issue 12, item 9: a CSV without its header row printed the first debtor's CPF, name and phones in the exit 2
     * message (and so in nightly logs and the watcher's .error.txt); now it says what is wrong without quoting it.
     */
    @Test
    void aFileWithoutItsHeaderRowIsNamedWithoutQuotingTheRow() throws Exception {
        Path in = write(
                dir.resolve("noheader.csv"),
                StandardCharsets.UTF_8,
                List.of("C1;123.456.789-09;MARIA DA SILVA;10,00;01/11/2026;11;98765-4321;;;;;SP;SP", row(2, "BIA")));
        CliRun run = enrich(in, "");
        assertThat(run.err().strip())
                .isEqualTo("dialready: bad job spec: key 'columns.key' names column 'CONTRATO', which is not in the"
                        + " input's header; its first line looks like a data row, not a header (a file exported without"
                        + " its header row?): add the header line, or fix the spec's column names");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
    }

    /** Issue 12, item 9: every exit 2/3 message is masked (phones and CPF-like documents) and kept short. */
    @Test
    void failureMessagesAreMaskedAndShort() {
        String safe = io.dialready.run.Messages.safe("bad: 123.456.789-09 and +55 11 98765-4321 " + "x".repeat(80_000));
        assertThat(safe).doesNotContain("123.456.789-09").doesNotContain("98765-4321");
        assertThat(safe).hasSizeLessThan(700).endsWith("more characters left out; the log file has the details)");
    }
}
