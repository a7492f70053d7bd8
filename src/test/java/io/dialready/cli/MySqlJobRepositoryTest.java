package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.source.Portfolio;
import io.dialready.spec.JobSpecBuilder;
import io.dialready.testdb.MariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --database}: the job repository (and the run's staging tables) in a real MariaDB instead of the H2 file. The
 * outputs must be byte for byte those of the H2 run, and nothing may be left under the data folder.
 */
@Tag("mysql")
class MySqlJobRepositoryTest {

    @TempDir
    Path dir;

    MariaDb.Schema schema;
    Path spec;

    @BeforeEach
    void files() throws Exception {
        schema = MariaDb.shared().newSchema();
        Files.write(dir.resolve("carteira.csv"), Portfolio.SEVEN_ROWS.getBytes(Portfolio.CP1252));
        spec = JobSpecBuilder.portfolio("carteira.csv")
                .column("name", "NOME")
                .column("document", "CPF")
                .sandbox("active_share", 0.5)
                .output("profiles", "[per-debtor, genesys]")
                .set("shared_numbers", true)
                .chunkSize(2)
                .writeTo(dir.resolve("job.yml"));
    }

    @AfterEach
    void drop() {
        schema.close();
    }

    private CliRun enrich(Path out, String... extra) {
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

    @Test
    void runsWithTheJobRepositoryInMariaDbAndWritesWhatTheH2RunWrites() throws Exception {
        CliRun h2 = enrich(dir.resolve("out-h2"));
        assertThat(h2.exitCode()).as(h2.err()).isZero();
        Files.walk(dir.resolve("data"))
                .sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());

        CliRun mysql = enrich(dir.resolve("out-mysql"), "--database", schema.url(), "--database-user", "root");

        assertThat(mysql.exitCode()).as(mysql.err()).isZero();
        assertThat(mysql.out()).contains("7 read, 5 enriched, 2 rejected");
        assertThat(dir.resolve("data")).as("no H2 file, no lock file").doesNotExist();
        for (String f : List.of(
                "carteira.enriched.csv",
                "carteira.dialer.csv",
                "carteira.rejects.csv",
                "carteira.per-debtor.csv",
                "carteira.genesys.csv")) {
            assertThat(Files.readString(dir.resolve("out-mysql").resolve(f)))
                    .as(f)
                    .isEqualTo(Files.readString(dir.resolve("out-h2").resolve(f)));
        }
        try (Connection c = schema.connect()) {
            ResultSet rs = c.createStatement().executeQuery("SELECT STATUS FROM BATCH_JOB_EXECUTION");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("COMPLETED");
            rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1");
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(1);
            rs = c.createStatement()
                    .executeQuery(
                            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + schema.name()
                                    + "' AND (table_name LIKE 'dialer_staging%' OR table_name LIKE 'phone_owners%')");
            rs.next();
            assertThat(rs.getInt(1)).as("the run's staging tables are dropped").isZero();
        }
    }

    @Test
    void aSecondRunOfTheSameJobAgainstTheSameDatabaseIsRefusedWhileTheFirstHoldsItsLock() throws Exception {
        // another machine's run of this job, holding the job's named lock on the server
        try (io.dialready.db.RunLock held = io.dialready.db.RunLock.tryAcquire(schema.connect(), "job")) {
            assertThat(held).isNotNull();
            CliRun second = enrich(dir.resolve("out"), "--database", schema.url(), "--database-user", "root");
            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.err()).contains("another dialready run of job 'job' is using the database");
        }
        CliRun after = enrich(dir.resolve("out"), "--database", schema.url(), "--database-user", "root");
        assertThat(after.exitCode()).as("the lock goes with its holder").isZero();
    }

    @Test
    void refusesAUrlThatIsNotMySql() {
        CliRun run = enrich(dir.resolve("out"), "--database", "jdbc:postgresql://db/x?password=secret");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--database", "jdbc:mysql://").doesNotContain("secret");
    }

    @Test
    void anUnreachableDatabaseFailsInSecondsWithTheUrlButNotThePassword() {
        CliRun run = enrich(dir.resolve("out"), "--database", "jdbc:mysql://127.0.0.1:1/x?password=secret");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("cannot reach the database jdbc:mysql://127.0.0.1:1/x?password=***")
                .doesNotContain("secret");
    }
}
