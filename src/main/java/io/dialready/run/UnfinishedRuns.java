package io.dialready.run;

import io.dialready.batch.EnrichJobConfiguration;
import io.dialready.batch.RunIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The enrich runs a job repository holds that neither completed nor were abandoned (killed, crashed, failed), read and
 * abandoned through Spring Batch's {@link JobRepository}, with the identity each run recorded ({@link RunIdentity}).
 * Holds one connection until closed.
 */
public final class UnfinishedRuns implements AutoCloseable {

    /** An unfinished run: its last execution, and the identity it recorded. */
    public record Run(long executionId, long instanceId, BatchStatus status, RunIdentity identity) {

        /** Why the run cannot be resumed any more, or null when its spec and input are as they were. */
        public String whyNotResumable() {
            if (identity.spec() == null || identity.input() == null || identity.output() == null) {
                return "the job repository does not say which spec, input and output it had";
            }
            Path spec = Path.of(identity.spec());
            if (!Files.isRegularFile(spec)) {
                return "its job spec " + spec + " is gone";
            }
            if (identity.databaseInput()) {
                return null; // the spec's own table or query: the run's identity (checked by the run) says the rest
            }
            Path input = Path.of(identity.input());
            if (!Files.isRegularFile(input)) {
                return "its input " + input + " is gone";
            }
            try {
                if (Files.size(input) != orMinusOne(identity.inputSize())
                        || Files.getLastModifiedTime(input).toMillis() != orMinusOne(identity.inputMtime())) {
                    return "its input " + input + " was replaced or changed (size or modification time differ)";
                }
            } catch (IOException e) {
                return "its input " + input + " cannot be checked: " + e.getMessage();
            }
            return null;
        }

        /** The request that resumes this run: its spec, input, output folder and dry-run, in {@code store}. */
        public RunRequest request(JobStore store) {
            RunRequest request = RunRequest.of(Path.of(identity.spec()), store)
                    .withOutput(Path.of(identity.output()))
                    .withDryRun(identity.dryRun());
            return identity.databaseInput() ? request : request.withInput(Path.of(identity.input()));
        }

        private static long orMinusOne(Long value) {
            return value == null ? -1 : value;
        }
    }

    private final SingleConnectionDataSource dataSource;
    private final JobRepository repository;

    private UnfinishedRuns(SingleConnectionDataSource dataSource) throws IOException {
        this.dataSource = dataSource;
        try {
            JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
            factory.setDataSource(dataSource);
            factory.setTransactionManager(new JdbcTransactionManager(dataSource));
            factory.afterPropertiesSet();
            this.repository = factory.getObject();
        } catch (Exception e) {
            dataSource.destroy();
            throw new IOException(message(e), e);
        }
    }

    /** The data folder's job repository (which must exist: see {@link DataFolder#hasDatabase()}). */
    static UnfinishedRuns open(DataFolder folder) throws IOException {
        return new UnfinishedRuns(new SingleConnectionDataSource(folder.existingJdbcUrl(), "sa", "", true));
    }

    /** The last execution of every enrich run that neither completed nor was abandoned, oldest first. */
    public List<Run> list() throws IOException {
        List<Run> runs = new ArrayList<>();
        try {
            if (!hasJobRepositoryTables()) {
                return runs;
            }
            for (JobInstance instance : repository.findJobInstances(EnrichJobConfiguration.JOB_NAME)) {
                JobExecution last = repository.getLastJobExecution(instance);
                if (last == null
                        || last.getStatus() == BatchStatus.COMPLETED
                        || last.getStatus() == BatchStatus.ABANDONED) {
                    continue;
                }
                runs.add(new Run(
                        last.getId(),
                        instance.getInstanceId(),
                        last.getStatus(),
                        RunIdentity.of(last.getJobParameters())));
            }
        } catch (DataAccessException | SQLException e) {
            throw new IOException(message(e), e);
        }
        runs.sort(Comparator.comparingLong(Run::executionId));
        return runs;
    }

    /**
     * Marks the run's last execution abandoned (Spring Batch's status for "never restart this": a later run with the
     * same identity starts afresh), with the reason as its exit message.
     */
    public void abandon(Run run, String why) throws IOException {
        try {
            JobInstance instance = repository.getJobInstance(run.instanceId());
            // the run's last execution: a resume that failed again added one
            JobExecution last = instance == null ? null : repository.getLastJobExecution(instance);
            if (last == null) {
                throw new IOException("run " + run.instanceId() + " is no longer in the job repository");
            }
            last.upgradeStatus(BatchStatus.ABANDONED);
            last.setExitStatus(new ExitStatus(BatchStatus.ABANDONED.name(), "dialready resume: " + why));
            if (last.getEndTime() == null) {
                last.setEndTime(LocalDateTime.now());
            }
            repository.update(last);
        } catch (DataAccessException e) {
            throw new IOException(message(e), e);
        }
    }

    /** Whether Flyway ever created the job repository here (a database left by a run that failed before it has not). */
    private boolean hasJobRepositoryTables() throws SQLException {
        try (Connection c = dataSource.getConnection(); // (its close is suppressed: the one connection stays open)
                ResultSet tables = c.getMetaData().getTables(null, null, "BATCH_JOB_EXECUTION", null)) {
            return tables.next();
        }
    }

    private static String message(Exception e) {
        return NestedExceptionUtils.getMostSpecificCause(e).getMessage();
    }

    @Override
    public void close() {
        dataSource.destroy();
    }
}
