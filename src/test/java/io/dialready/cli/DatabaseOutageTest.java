package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.bench.PortfolioGenerator;
import io.dialready.bench.PortfolioLoader;
import io.dialready.testdb.MariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database going away mid-run: a MariaDB server this test starts (never the machine's shared one) holds the job
 * repository, the debtor table and the results tables; it is stopped while the run is writing, which must fail the run
 * with a clear message; started again, the same command resumes, and the results and files are exactly those of a
 * run that was never interrupted: nothing lost, nothing twice.
 */
@Tag("slow")
@Tag("mysql")
class DatabaseOutageTest {

    static final int ROWS = 3000;

    @TempDir
    Path dir;

    MariaDb server;
    MariaDb.Schema schema;

    @BeforeEach
    void start() throws Exception {
        // a stopped server is noticed in 2 s rather than the 10 s a production run waits for a connection
        System.setProperty("dialready.db.connect-timeout-ms", "2000");
        server = MariaDb.startOwn();
        schema = server.newSchema();
        Path csv = dir.resolve("carteira.csv");
        PortfolioGenerator.generate("br", ROWS, csv, 11);
        try (Connection c = schema.connect()) {
            PortfolioLoader.load(csv, c, "carteira");
        }
    }

    @AfterEach
    void stop() {
        System.clearProperty("dialready.db.connect-timeout-ms");
        schema.close();
        server.close();
    }

    private Path spec(String name, String phonesTable, int latencyMs) throws Exception {
        return Files.writeString(
                dir.resolve(name + ".yml"), """
                name: %s
                country: BR
                input:
                  jdbc:
                    url: %s
                    user: root
                    table: carteira
                    key_column: id
                    page_size: 250
                columns:
                  key: CONTRATO
                  name: NOME
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
                    latency_ms: %d
                output:
                  jdbc:
                    phones_table: %s
                    debtors_table: %s_debtors
                run:
                  chunk_size: 100
                """.formatted(name, schema.url(), latencyMs, phonesTable, phonesTable));
    }

    private CliRun enrich(Path spec, Path out) {
        return CliRun.of(
                "enrich",
                "--job",
                spec.toString(),
                "--output",
                out.toString(),
                "--database",
                schema.url(),
                "--database-user",
                "root",
                "--log-file",
                dir.resolve("log.txt").toString(),
                "--as-of",
                "2026-11-30",
                "--quiet");
    }

    private long count(String table) {
        try (Connection c = schema.connect()) {
            return Long.parseLong(
                    JdbcJobTest.rows(c, "SELECT COUNT(*) FROM " + table).get(0).get(0));
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void aServerThatGoesAwayFailsTheRunAndTheNextRunResumesWithNothingLostOrDuplicated() throws Exception {
        // the reference: the same job, uninterrupted, into other tables and another folder
        CliRun reference = enrich(spec("reference", "ref_phones", 0), dir.resolve("out-ref"));
        assertThat(reference.exitCode()).as(reference.err()).isZero();

        Path spec = spec("nightly", "wa_phones", 40);
        CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> enrich(spec, dir.resolve("out")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (count("wa_phones_debtors") < 800 && !running.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(running)
                .as("the run must still be going when the server stops")
                .isNotDone();
        server.stop();

        CliRun failed = running.get(3, TimeUnit.MINUTES);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err())
                .contains(
                        "connection to the database was lost", "run the same command again when it is back to resume");
        assertThat(dir.resolve("out/carteira.dialer.csv")).doesNotExist();

        server.restart();
        long before = count("wa_phones_debtors");
        assertThat(before).as("the first run got part of the way").isBetween(1L, (long) ROWS - 1);
        CliRun resumed = enrich(spec, dir.resolve("out"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resumed and completed");

        for (String f : List.of("carteira.enriched.csv", "carteira.dialer.csv", "carteira.rejects.csv")) {
            assertThat(Files.readString(dir.resolve("out").resolve(f)))
                    .as(f)
                    .isEqualTo(Files.readString(dir.resolve("out-ref").resolve(f)));
        }
        try (Connection c = schema.connect()) {
            String phones = "SELECT debtor_key, phone_e164, rank_order, phone_national, phone_type, whatsapp,"
                    + " whatsapp_id, source_column, segment, priority, provider FROM %s";
            assertThat(JdbcJobTest.rows(c, phones.formatted("wa_phones")))
                    .containsExactlyInAnyOrderElementsOf(JdbcJobTest.rows(c, phones.formatted("ref_phones")));
            String debtors = "SELECT debtor_key, wa_best_phone, wa_best_status, wa_active_phones, phones_ranked,"
                    + " segment, priority FROM %s";
            assertThat(JdbcJobTest.rows(c, debtors.formatted("wa_phones_debtors")))
                    .containsExactlyInAnyOrderElementsOf(JdbcJobTest.rows(c, debtors.formatted("ref_phones_debtors")));
            assertThat(JdbcJobTest.rows(
                            c,
                            "SELECT e.STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p"
                                    + " ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID WHERE p.PARAMETER_NAME = 'spec'"
                                    + " AND p.PARAMETER_VALUE LIKE '%nightly.yml' ORDER BY e.JOB_EXECUTION_ID"))
                    .as("one instance, restarted: the first execution marked failed, the second completed")
                    .extracting(r -> r.get(0))
                    .containsExactly("FAILED", "COMPLETED");
        }
    }
}
