package io.dialready.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.source.Portfolio;
import io.dialready.spec.JobSpecBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

/**
 * The unfinished runs of a real H2 job repository, as the job left them: a run that failed in its last step (its
 * dialer file could not be published), listed with the identity it recorded, abandoned through the JobRepository.
 */
class UnfinishedRunsTest {

    @TempDir
    Path dir;

    final RunService service = new RunService();
    DataFolder folder;
    Path spec;
    Path input;
    RunRequest request;

    @BeforeEach
    void files() {
        folder = new DataFolder(dir.resolve("data"));
        input = Portfolio.sevenRows(dir.resolve("carteira.csv"));
        spec = JobSpecBuilder.portfolio("carteira.csv").chunkSize(2).writeTo(dir.resolve("job.yml"));
        request = RunRequest.of(spec, folder)
                .withOutput(dir.resolve("out"))
                .withLogFile(dir.resolve("log.txt"))
                .withAsOf(LocalDate.of(2026, 11, 23))
                .withDryRun(true)
                .withQuiet(true);
    }

    /** A run that fails in its finish step: a folder stands where its dialer file goes. */
    private void failedRun() throws Exception {
        Path blocker = Files.createDirectories(dir.resolve("out/carteira.dialer.csv"));
        Files.writeString(blocker.resolve("in the way"), "x");
        assertThat(service.start(request, RunListener.NONE).outcome()).isEqualTo(RunResult.Outcome.FAILED);
        Files.delete(blocker.resolve("in the way"));
        Files.delete(blocker);
    }

    private List<UnfinishedRuns.Run> list() throws Exception {
        try (UnfinishedRuns runs = service.unfinished(folder)) {
            return runs.list();
        }
    }

    @Test
    void aFailedRunIsListedWithItsIdentityUntilAbandoned() throws Exception {
        assertThat(service.start(request.withOutput(dir.resolve("other")), RunListener.NONE)
                        .exitCode())
                .isZero();
        failedRun();

        List<UnfinishedRuns.Run> runs = list();
        assertThat(runs).as("the completed run is not unfinished").hasSize(1);
        UnfinishedRuns.Run run = runs.get(0);
        assertThat(run.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(run.instanceId()).isPositive();
        assertThat(run.identity().spec()).isEqualTo(spec.toString());
        assertThat(run.identity().input()).isEqualTo(input.toString());
        assertThat(run.identity().inputSize()).isEqualTo(Files.size(input));
        assertThat(run.identity().inputMtime())
                .isEqualTo(Files.getLastModifiedTime(input).toMillis());
        assertThat(run.identity().output()).isEqualTo(dir.resolve("out").toString());
        assertThat(run.identity().dryRun()).isTrue();
        assertThat(run.whyNotResumable()).isNull();
        assertThat(run.request(folder))
                .extracting(RunRequest::job, RunRequest::input, RunRequest::output, RunRequest::dryRun)
                .containsExactly(spec, input, dir.resolve("out"), true);

        FileTime mtime = Files.getLastModifiedTime(input);
        Files.setLastModifiedTime(input, FileTime.fromMillis(mtime.toMillis() + 1000));
        assertThat(run.whyNotResumable())
                .isEqualTo("its input " + input + " was replaced or changed (size or modification time differ)");
        Files.setLastModifiedTime(input, mtime);

        try (UnfinishedRuns unfinished = service.unfinished(folder)) {
            unfinished.abandon(run, "a test said so");
        }
        assertThat(list()).isEmpty();
        try (Connection c = DriverManager.getConnection(folder.existingJdbcUrl(), "sa", "");
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT STATUS, EXIT_CODE, EXIT_MESSAGE, END_TIME FROM BATCH_JOB_EXECUTION"
                                + " WHERE JOB_EXECUTION_ID = " + run.executionId())) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ABANDONED");
            assertThat(rs.getString(2)).isEqualTo("ABANDONED");
            assertThat(rs.getString(3)).isEqualTo("dialready resume: a test said so");
            assertThat(rs.getTimestamp(4)).isNotNull();
        }
        // abandoned means never restarted: a resume finds nothing, a start begins afresh
        assertThat(service.resume(request, RunListener.NONE).outcome()).isEqualTo(RunResult.Outcome.NOTHING_TO_RESUME);
        RunResult fresh = service.start(request, RunListener.NONE);
        assertThat(fresh.exitCode()).as(fresh.message()).isZero();
        assertThat(fresh.resumed()).isFalse();
    }

    @Test
    void aRunWhoseInputOrSpecIsGoneCannotBeResumed() throws Exception {
        failedRun();
        UnfinishedRuns.Run run = list().get(0);
        Files.delete(input);
        assertThat(run.whyNotResumable()).isEqualTo("its input " + input + " is gone");
        Files.delete(spec);
        assertThat(run.whyNotResumable()).isEqualTo("its job spec " + spec + " is gone");
    }

    @Test
    void aDatabaseWithoutAJobRepositoryHasNothingUnfinished() throws Exception {
        folder.prepare();
        try (Connection c = DriverManager.getConnection(folder.jdbcUrl(), "sa", "")) {
            c.createStatement().execute("CREATE TABLE SOMETHING_ELSE (X INT)");
        }
        assertThat(list()).isEmpty();
    }
}
