package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.bench.PortfolioGenerator;
import io.dialready.bench.PortfolioLoader;
import io.dialready.testdb.MariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A debtor table in a real MariaDB as the source, results written back to it: the same generated portfolio run from
 * its CSV file and from the table must give the same dialer rows, and the results tables must hold exactly the
 * dialer file's and the enriched file's rows.
 */
@Tag("mysql")
class JdbcJobTest {

    static final int ROWS = 1500;

    @TempDir
    Path dir;

    MariaDb.Schema schema;
    Path csv;

    @BeforeEach
    void portfolio() throws Exception {
        schema = MariaDb.shared().newSchema();
        csv = dir.resolve("carteira.csv");
        PortfolioGenerator.generate("br", ROWS, csv, 7);
        try (Connection c = schema.connect()) {
            PortfolioLoader.Loaded loaded = PortfolioLoader.load(csv, c, "carteira");
            assertThat(loaded.rows() + loaded.skipped()).isEqualTo(ROWS);
        }
    }

    @AfterEach
    void drop() {
        schema.close();
    }

    private Path spec(String input, String extra) throws Exception {
        return Files.writeString(
                dir.resolve("job-" + Math.abs(input.hashCode()) + ".yml"), """
                name: carteira-db
                country: BR
                input:
                %s
                columns:
                  key: CONTRATO
                  name: NOME
                  document: CPF
                  amount: VALOR
                  due_date: VENCIMENTO
                phones:
                  - ddd: DDD1
                    number: FONE1
                  - ddd: DDD2
                    number: FONE2
                  - column: TELEFONES
                lookup:
                  sandbox:
                    active_share: 0.6
                run:
                  chunk_size: 200
                %s
                """.formatted(input, extra));
    }

    private String jdbcInput() {
        return """
                  jdbc:
                    url: %s
                    user: root
                    table: carteira
                    key_column: id
                    page_size: 300
                """.formatted(schema.url());
    }

    private static final String RESULTS = """
            output:
              jdbc:
                phones_table: wa_phones
                debtors_table: wa_debtors
            """;

    private CliRun enrich(Path spec, Path out, String... extra) {
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
                "2026-11-30",
                "--quiet"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    static List<List<String>> rows(Connection c, String sql) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String v = rs.getString(i);
                    row.add(v == null ? "" : v);
                }
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void tableInResultsBackRowByRowAndTheSameDialerRowsAsTheCsvFile() throws Exception {
        CliRun fromCsv = enrich(spec("  path: carteira.csv", ""), dir.resolve("out-csv"));
        assertThat(fromCsv.exitCode()).as(fromCsv.err()).isZero();

        CliRun fromDb = enrich(spec(jdbcInput(), RESULTS), dir.resolve("out-db"));
        assertThat(fromDb.exitCode()).as(fromDb.err()).isZero();

        Path out = dir.resolve("out-db");
        assertThat(out.resolve("carteira.dialer.csv"))
                .as("outputs named after the table")
                .exists();
        // the same debtors, mapped the same way: the same dialer file, byte for byte
        assertThat(Files.readString(out.resolve("carteira.dialer.csv")))
                .isEqualTo(Files.readString(dir.resolve("out-csv/carteira.dialer.csv")));
        // enriched: the table's id column first, then the file's columns unchanged
        List<String[]> dbEnriched = EnrichCommandTest.csv(out.resolve("carteira.enriched.csv"));
        List<String[]> csvEnriched = EnrichCommandTest.csv(dir.resolve("out-csv/carteira.enriched.csv"));
        assertThat(dbEnriched).hasSameSizeAs(csvEnriched);
        for (int i = 0; i < dbEnriched.size(); i++) {
            assertThat(Arrays.copyOfRange(dbEnriched.get(i), 1, dbEnriched.get(i).length))
                    .as("row " + i)
                    .containsExactly(csvEnriched.get(i));
        }
        // rejects: the key is the file's line number here, so a value rejected names the same line either way
        List<String> dbRejects = Files.readAllLines(out.resolve("carteira.rejects.csv"));
        assertThat(Files.readAllLines(dir.resolve("out-csv/carteira.rejects.csv")))
                .containsAll(dbRejects);

        Map<?, ?> report = JsonMapper.shared()
                .readValue(out.resolve("carteira.report.json").toFile(), Map.class);
        assertThat(report.get("input_format")).isEqualTo("jdbc");
        assertThat((String) report.get("input")).contains(schema.name(), "table carteira");

        List<String[]> dialer = EnrichCommandTest.csv(out.resolve("carteira.dialer.csv"));
        try (Connection c = schema.connect()) {
            // phones table: exactly the dialer file's rows, column by column
            List<List<String>> phones = rows(
                    c,
                    "SELECT debtor_key, rank_order, phone_e164, phone_national,"
                            + " phone_type, whatsapp, COALESCE(whatsapp_id, ''), source_column, segment, priority, provider"
                            + " FROM wa_phones");
            List<List<String>> expected = new ArrayList<>();
            for (String[] line : dialer.subList(1, dialer.size())) {
                expected.add(List.of(line));
            }
            assertThat(phones).containsExactlyInAnyOrderElementsOf(expected);

            // debtors table: the enriched file's added columns, one row per debtor key
            List<List<String>> debtors = rows(
                    c,
                    "SELECT debtor_key, COALESCE(wa_best_phone, ''), wa_best_status,"
                            + " COALESCE(wa_active_phones, ''), COALESCE(phones_ranked, ''), segment, priority, wa_provider"
                            + " FROM wa_debtors");
            Map<String, List<String>> lastByKey = new java.util.LinkedHashMap<>();
            for (String[] line : dbEnriched.subList(1, dbEnriched.size())) {
                int n = line.length;
                List<String> r = new ArrayList<>(List.of(line[1]));
                r.addAll(List.of(line).subList(n - 7, n));
                lastByKey.put(line[1], r);
            }
            assertThat(debtors).containsExactlyInAnyOrderElementsOf(lastByKey.values());
        }
    }

    @Test
    void aSecondRunUpdatesTheResultsInsteadOfDuplicatingThemAndDropsPhonesNoLongerListed() throws Exception {
        Path spec = spec(jdbcInput(), RESULTS);
        assertThat(enrich(spec, dir.resolve("out1")).exitCode()).isZero();
        List<List<String>> first;
        String key;
        try (Connection c = schema.connect()) {
            first = rows(c, "SELECT debtor_key, phone_e164, rank_order, whatsapp FROM wa_phones ORDER BY 1, 2");
            // a debtor with two numbers in DDD1/FONE1 and DDD2/FONE2 loses the second one in the source
            List<List<String>> two = rows(
                    c,
                    "SELECT id, CONTRATO FROM carteira WHERE FONE1 IS NOT NULL"
                            + " AND FONE2 IS NOT NULL AND TELEFONES IS NULL ORDER BY id LIMIT 1");
            assertThat(two).isNotEmpty();
            key = two.get(0).get(1);
            long count = first.stream().filter(r -> r.get(0).equals(key)).count();
            assertThat(count).isGreaterThanOrEqualTo(1);
            c.createStatement()
                    .execute("UPDATE carteira SET DDD2 = NULL, FONE2 = NULL WHERE id = "
                            + two.get(0).get(0));
        }

        CliRun again = enrich(spec, dir.resolve("out2"));
        assertThat(again.exitCode()).as(again.err()).isZero();

        try (Connection c = schema.connect()) {
            List<List<String>> second =
                    rows(c, "SELECT debtor_key, phone_e164, rank_order, whatsapp FROM wa_phones ORDER BY 1, 2");
            List<List<String>> expected = new ArrayList<>();
            for (String[] line : EnrichCommandTest.csv(dir.resolve("out2/carteira.dialer.csv"))
                    .subList(
                            1,
                            EnrichCommandTest.csv(dir.resolve("out2/carteira.dialer.csv"))
                                    .size())) {
                expected.add(List.of(line[0], line[2], line[1], line[5]));
            }
            assertThat(second)
                    .as("no duplicates, no stale phones: the second run's dialer rows exactly")
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(second.size()).isLessThanOrEqualTo(first.size());
            assertThat(rows(c, "SELECT COUNT(DISTINCT run_started) FROM wa_phones")
                            .get(0)
                            .get(0))
                    .isEqualTo("1");
        }
    }

    @Test
    void aDryRunWritesItsFilesButLeavesTheResultsTablesAlone() throws Exception {
        CliRun dry = enrich(spec(jdbcInput(), RESULTS), dir.resolve("out"), "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dir.resolve("out/carteira.dialer.csv")).exists();
        try (Connection c = schema.connect()) {
            assertThat(rows(c, "SELECT COUNT(*) FROM wa_phones").get(0).get(0))
                    .as("created, not written")
                    .isEqualTo("0");
            assertThat(rows(c, "SELECT COUNT(*) FROM wa_debtors").get(0).get(0)).isEqualTo("0");
        }
    }

    @Test
    void typedColumnsMapAsTheFileSourcesDo() throws Exception {
        try (Connection c = schema.connect()) {
            c.createStatement()
                    .execute("CREATE TABLE typed (id INT PRIMARY KEY, contrato VARCHAR(20), nome VARCHAR(50),"
                            + " valor DECIMAL(12,2), vencimento DATE, fone BIGINT, obs TEXT)");
            c.createStatement()
                    .execute(
                            "INSERT INTO typed VALUES (10, 'T1', 'ANA', 1234.56, '2026-10-31', 11987654321,"
                                    + " NULL), (20, 'T2', NULL, NULL, NULL, 2134567890, 'x'), (30, NULL, 'SEM CHAVE', 1, NULL, NULL, NULL)");
        }
        Path spec = Files.writeString(dir.resolve("typed.yml"), """
                country: BR
                input:
                  jdbc:
                    url: %s
                    user: root
                    query: SELECT id, contrato, nome, valor, vencimento, fone FROM typed WHERE id < 100
                    key_column: id
                columns:
                  key: contrato
                  name: nome
                  amount: valor
                  due_date: vencimento
                phones:
                  - column: fone
                """.formatted(schema.url()));
        CliRun run = enrich(spec, dir.resolve("out"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 read, 2 enriched, 1 rejected");
        List<String[]> enriched = EnrichCommandTest.csv(dir.resolve("out/typed.enriched.csv"));
        assertThat(enriched.get(0)).startsWith("id", "contrato", "nome", "valor", "vencimento", "fone");
        assertThat(enriched.get(1)).startsWith("10", "T1", "ANA", "1234,56", "2026-10-31", "11987654321");
        assertThat(enriched.get(1)[10])
                .as("30 days overdue from the DATE column")
                .isEqualTo("0-30");
        assertThat(enriched.get(1)[6]).isEqualTo("+5511987654321");
        assertThat(enriched.get(2)).startsWith("20", "T2", "", "", "", "2134567890");
        List<String[]> rejects = EnrichCommandTest.csv(dir.resolve("out/typed.rejects.csv"));
        assertThat(rejects).extracting(r -> r[0] + ":" + r[3]).contains("30:empty debtor key");
    }

    @Test
    void aWrongTableOrColumnFailsTheCheckWithExitCode3() throws Exception {
        Path missingTable = spec(jdbcInput().replace("table: carteira", "table: nao_existe"), "");
        CliRun run = enrich(missingTable, dir.resolve("out"));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("input unreadable", "table nao_existe", "doesn't exist");

        Path badKey = spec(jdbcInput().replace("key_column: id", "key_column: CONTRATO"), "");
        run = enrich(badKey, dir.resolve("out"));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("key_column 'CONTRATO' must be a whole-number column");

        Path badColumn = spec(jdbcInput(), "").getParent().resolve("bad-col.yml");
        Files.writeString(badColumn, Files.readString(spec(jdbcInput(), "")).replace("name: NOME", "name: NOME_X"));
        run = enrich(badColumn, dir.resolve("out"));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("columns.name", "NOME_X");

        Path injection = spec(jdbcInput().replace("table: carteira", "table: \"carteira; DROP TABLE carteira\""), "");
        run = enrich(injection, dir.resolve("out"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("input.jdbc.table", "letters, digits and underscores");
        try (Connection c = schema.connect()) {
            assertThat(rows(c, "SELECT COUNT(*) FROM carteira").get(0).get(0)).isNotEqualTo("0");
        }
    }
}
