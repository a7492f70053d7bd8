package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencsv.CSVReader;
import io.dialready.lookup.SandboxLookup;
import io.dialready.source.Portfolio;
import io.dialready.spec.JobSpec;
import io.dialready.spec.JobSpecBuilder;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The enrich command end to end on a small Brazilian file: real CSV parsing, the real job with its H2 job repository,
 * and the content of every output file.
 */
class EnrichCommandTest {

    @TempDir
    Path dir;

    RunFolder folder;
    Path spec;
    Path input;
    Path out;

    @BeforeEach
    void files() throws Exception {
        folder = new RunFolder(dir);
        input = Portfolio.sevenRows(dir.resolve("carteira.csv"));
        spec = folder.spec(JobSpecBuilder.csv("carteira.csv")
                .key("CONTRATO")
                .column("name", "NOME")
                .column("document", "CPF")
                .column("amount", "VALOR")
                .column("due_date", "VENCIMENTO")
                .phone("DDD1", "FONE1")
                .phone("DDD2", "FONE2")
                .phoneColumn("TELEFONES")
                .sandbox("active_share", 0.5)
                .chunkSize(2));
        out = folder.out();
    }

    private CliRun enrich(String... extra) {
        return folder.enrich(spec, extra);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    static List<String[]> csv(Path file) throws Exception {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVReader reader = new CSVReader(r)) {
            return reader.readAll();
        }
    }

    @Test
    void writesEveryOutputAndAccountsForEveryRow() throws Exception {
        CliRun run = enrich();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("completed", "sandbox", "7 read, 5 enriched, 2 rejected");
        assertThat(out.resolve("carteira.enriched.csv")).exists();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".dialready.lock")))
                    .containsExactlyInAnyOrder(
                            "carteira.enriched.csv",
                            "carteira.dialer.csv",
                            "carteira.rejects.csv",
                            "carteira.report.json",
                            "carteira.report.html");
        }

        // enriched: accepted rows in input order, original columns unchanged, then ours
        List<String[]> enriched = csv(out.resolve("carteira.enriched.csv"));
        assertThat(enriched.get(0))
                .containsExactly(
                        "CONTRATO",
                        "CPF",
                        "NOME",
                        "VALOR",
                        "VENCIMENTO",
                        "DDD1",
                        "FONE1",
                        "DDD2",
                        "FONE2",
                        "TELEFONES",
                        "EMAIL",
                        "CIDADE",
                        "UF",
                        "wa_best_phone",
                        "wa_best_status",
                        "wa_active_phones",
                        "phones_ranked",
                        "segment",
                        "priority",
                        "wa_provider");
        List<String[]> rows = enriched.subList(1, enriched.size());
        assertThat(rows).extracting(r -> r[0]).containsExactly("C001", "C002", "C004", "C005", "C007");
        assertThat(rows.get(0))
                .startsWith(
                        "C001",
                        "111.111.111-11",
                        "JOSÉ DA SILVA",
                        "1.234,56",
                        "15/11/2026",
                        "11",
                        "98765-4321",
                        "11",
                        "3456-7890",
                        "",
                        "jose@x.test",
                        "SÃO PAULO",
                        "SP");
        assertThat(rows.get(3)[2]).as("quoted line break kept (as LF)").isEqualTo("ANA\nLINHA");
        assertThat(rows).allSatisfy(r -> assertThat(r[19]).isEqualTo("sandbox"));

        String[] c001 = rows.get(0);
        assertThat(c001[16].split("\\|"))
                .as("mobile before fixed line")
                .containsExactly("+5511987654321", "+551134567890");
        assertThat(c001[17]).isEqualTo("0-30");
        String[] c002 = rows.get(1);
        assertThat(c002[16].split("\\|"))
                .as("legacy 8-digit mobile repaired; fixed line of the same cell last")
                .containsExactlyInAnyOrder("+5521987654321", "+5521998765432", "+552134567891");
        assertThat(c002[16]).endsWith("+552134567891");
        assertThat(c002[17]).isEqualTo("90+");
        String[] c004 = rows.get(2);
        assertThat(c004[13]).isEmpty();
        assertThat(c004[14]).isEqualTo("NO_VALID_PHONE");
        assertThat(c004[16]).isEmpty();
        assertThat(c004[17]).isEqualTo("31-90");
        String[] c005 = rows.get(3);
        assertThat(c005[16]).as("same number twice counts once").isEqualTo("+5531912345678");
        assertThat(c005[17]).as("bad date: no segment").isEqualTo("unknown");
        String[] c007 = rows.get(4);
        assertThat(c007[16]).isEqualTo("+5511977778888");

        // the sandbox's answers, row by row: wa_best_status and wa_active_phones agree with them
        SandboxLookup sandbox = new SandboxLookup(new JobSpec.Sandbox(0.5, 0, 0, 0.1));
        for (String[] r : rows) {
            for (String phone : r[16].isEmpty() ? new String[0] : r[16].split("\\|")) {
                boolean mobile = !phone.equals("+551134567890") && !phone.equals("+552134567891");
                boolean active = mobile
                        && sandbox.check(List.of(phone))
                                .get(phone)
                                .status()
                                .name()
                                .equals("ACTIVE");
                assertThat(r[15].contains(phone)).as(r[0] + " " + phone).isEqualTo(active);
            }
        }

        // rejects: every unusable row and value, with its line
        List<String[]> rejects = csv(out.resolve("carteira.rejects.csv"));
        assertThat(rejects.get(0)).containsExactly("line", "column", "value", "reason");
        assertThat(rejects.subList(1, rejects.size()))
                .extracting(r -> r[0] + "|" + r[1] + "|" + r[3])
                .containsExactly(
                        "4||expected 13 fields, found 3",
                        "5|TELEFONES|not a phone number",
                        "7|VALOR|not an amount",
                        "7|VENCIMENTO|not a date in dd/MM/yyyy",
                        "9|CONTRATO|empty debtor key");
        assertThat(rejects.get(1)[2]).isEqualTo("C003;333;CURTA");

        // dialer: one row per debtor and valid phone, priority first, then rank
        List<String[]> dialer = csv(out.resolve("carteira.dialer.csv"));
        assertThat(dialer.get(0))
                .containsExactly(
                        "debtor_key",
                        "rank",
                        "phone_e164",
                        "phone_national",
                        "phone_type",
                        "whatsapp",
                        "whatsapp_id",
                        "source_column",
                        "segment",
                        "priority",
                        "provider");
        List<String[]> lines = dialer.subList(1, dialer.size());
        assertThat(lines).hasSize(2 + 3 + 1 + 1);
        for (int i = 1; i < lines.size(); i++) {
            int prev = Integer.parseInt(lines.get(i - 1)[9]);
            int cur = Integer.parseInt(lines.get(i)[9]);
            assertThat(cur).isLessThanOrEqualTo(prev);
            if (lines.get(i)[0].equals(lines.get(i - 1)[0])) {
                assertThat(Integer.parseInt(lines.get(i)[1])).isEqualTo(Integer.parseInt(lines.get(i - 1)[1]) + 1);
            }
        }
        assertThat(lines)
                .filteredOn(l -> l[2].equals("+551134567890"))
                .singleElement()
                .satisfies(l -> {
                    assertThat(l[3]).isEqualTo("1134567890");
                    assertThat(l[4]).isEqualTo("FIXED_LINE");
                    assertThat(l[5]).isEqualTo("SKIPPED");
                    assertThat(l[7]).isEqualTo("DDD2+FONE2");
                });
        assertThat(lines)
                .filteredOn(l -> l[5].equals("ACTIVE"))
                .allSatisfy(l -> assertThat(l[6]).isNotEmpty());
        assertThat(lines)
                .filteredOn(l -> !l[5].equals("ACTIVE"))
                .allSatisfy(l -> assertThat(l[6]).isEmpty());

        // report
        Map<?, ?> report = JsonMapper.shared()
                .readValue(out.resolve("carteira.report.json").toFile(), Map.class);
        assertThat(report.get("provider")).isEqualTo("sandbox");
        assertThat(report.get("rows_read")).isEqualTo(7);
        assertThat(report.get("rows_enriched")).isEqualTo(5);
        assertThat(report.get("rows_rejected")).isEqualTo(2);
        assertThat(report.get("phones_valid")).isEqualTo(7);
        assertThat(report.get("phones_unique")).isEqualTo(7);
        assertThat(report.get("phones_duplicate")).isEqualTo(1);
        assertThat(report.get("phones_invalid")).isEqualTo(1);
        assertThat((Integer) report.get("phones_repaired")).isGreaterThanOrEqualTo(2);
        assertThat(report.get("lookups_requested"))
                .as("5 mobiles; fixed lines skipped")
                .isEqualTo(5);
        assertThat(map(report.get("whatsapp"))).containsEntry("SKIPPED", 2);
        assertThat(map(report.get("segments")))
                .containsEntry("0-30", 1)
                .containsEntry("90+", 2)
                .containsEntry("31-90", 1)
                .containsEntry("unknown", 1);
        int active = (Integer) report.get("debtors_with_active_whatsapp");
        assertThat(rows).filteredOn(r -> r[14].equals("ACTIVE")).hasSize(active);
    }

    @Test
    void runningAgainGivesTheSameFilesAndDryRunLooksNothingUp() throws Exception {
        assertThat(enrich().exitCode()).isZero();
        byte[] enriched = Files.readAllBytes(out.resolve("carteira.enriched.csv"));
        byte[] dialer = Files.readAllBytes(out.resolve("carteira.dialer.csv"));
        CliRun again = enrich();
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).doesNotContain("resumed");
        assertThat(out.resolve("carteira.enriched.csv")).hasBinaryContent(enriched);
        assertThat(out.resolve("carteira.dialer.csv")).hasBinaryContent(dialer);

        CliRun dry = enrich("--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        Map<?, ?> report = JsonMapper.shared()
                .readValue(out.resolve("carteira.report.json").toFile(), Map.class);
        assertThat(report.get("lookups_requested")).isEqualTo(0);
        assertThat(map(report.get("whatsapp"))).containsEntry("PENDING", 5).containsEntry("ACTIVE", 0);
    }

    @Test
    void badInputStopsWithOneLineNamingTheFileAndExitCode3() throws Exception {
        Files.write(input, new byte[0]);
        CliRun empty = enrich();
        assertThat(empty.exitCode()).isEqualTo(3);
        assertThat(empty.err().strip()).isEqualTo("dialready: input unreadable: " + input + ": the file is empty");

        Files.writeString(input, Portfolio.HEADER + "\r\n\r\n");
        CliRun headerOnly = enrich();
        assertThat(headerOnly.exitCode()).isEqualTo(3);
        assertThat(headerOnly.err()).contains(input + ": has a header but no data rows");

        Files.write(input, new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1, 2});
        CliRun binary = enrich();
        assertThat(binary.exitCode()).isEqualTo(3);
        assertThat(binary.err()).contains("this is a binary file");

        CliRun missing = enrich("--input", dir.resolve("nope.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("nope.csv: file not found");

        for (CliRun r : List.of(empty, headerOnly, binary, missing)) {
            assertThat(r.err().strip().lines()).as("one line, no stack trace").hasSize(1);
            assertThat(out.resolve("carteira.enriched.csv")).doesNotExist();
        }
    }

    @Test
    void specErrorsAndBadArgumentsExitWith2() throws Exception {
        Files.writeString(spec, Files.readString(spec).replace("number: FONE2", "number: FONE9"));
        CliRun missingColumn = enrich();
        assertThat(missingColumn.exitCode()).isEqualTo(2);
        assertThat(missingColumn.err())
                .contains("key 'phones[1].number' names column 'FONE9', which is not in the" + " input's header");

        Files.writeString(spec, Files.readString(spec).replace("country: BR", "country: BR\ncolour: red"));
        CliRun unknownKey = enrich();
        assertThat(unknownKey.exitCode()).isEqualTo(2);
        assertThat(unknownKey.err()).contains("unknown key 'colour'");

        assertThat(CliRun.of("enrich").exitCode()).isEqualTo(2);
        CliRun badOption = CliRun.of("enrich", "--job", spec.toString(), "--frobnicate");
        assertThat(badOption.exitCode()).isEqualTo(2);
        assertThat(badOption.err()).contains("Unknown option: '--frobnicate'");
        assertThat(CliRun.of().exitCode()).isEqualTo(2);
    }

    @Test
    void aSecondRunOnTheSameDataFolderIsRefusedWhileTheFirstHoldsIt() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        try (var channel = java.nio.channels.FileChannel.open(
                        data.resolve("dialready.lock"),
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.WRITE);
                var lock = channel.lock()) {
            CliRun second = enrich();
            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.err()).contains("another dialready run is using the data folder");
        }
        assertThat(enrich().exitCode()).as("runs once the lock is released").isZero();
    }

    @Test
    void outputDelimiterEncodingAndLineEndsFollowTheSpec() throws Exception {
        Files.writeString(spec, Files.readString(spec) + """
                output:
                  delimiter: ";"
                  encoding: windows-1252
                  line_separator: crlf
                """);
        assertThat(enrich().exitCode()).isZero();
        byte[] bytes = Files.readAllBytes(out.resolve("carteira.enriched.csv"));
        String text = new String(bytes, Portfolio.CP1252);
        assertThat(text)
                .startsWith("CONTRATO;CPF;NOME;VALOR;")
                .contains("\r\nC001;111.111.111-11;JOSÉ DA SILVA;1.234,56;");
        assertThat(text.split("\r\n"))
                .as("header and 5 rows; C005's quoted line break stays LF")
                .hasSize(1 + 5);
        assertThat(Files.readString(out.resolve("carteira.dialer.csv"), Portfolio.CP1252))
                .startsWith("debtor_key;rank;phone_e164;")
                .contains("\r\n");
    }

    @Test
    void helpExplainsTheCommandAndItsOptions() {
        CliRun top = CliRun.of("--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.out()).contains("enrich", "Exit codes");
        CliRun help = CliRun.of("enrich", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out())
                .contains(
                        "--job",
                        "--input",
                        "--output",
                        "--data",
                        "--dry-run",
                        "--as-of",
                        "enriched.csv",
                        "dialer.csv",
                        "rejects.csv",
                        "report.json",
                        "resumes");
    }
}
