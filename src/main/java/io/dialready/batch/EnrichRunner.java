package io.dialready.batch;

import io.dialready.spec.JobSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Starts the enrich job, or resumes it. A run is identified by the spec (path and content), the input (path, size
 * and modification time), the output folder and dry-run: when the last run with the same identity did not complete
 * (failed, or killed so that it still looks STARTED), this run restarts it from its last committed chunk; otherwise
 * a new run starts. The data folder is locked by the caller, so a STARTED execution found here is a dead process's.
 */
@Component
public class EnrichRunner {

    private static final Logger log = LoggerFactory.getLogger(EnrichRunner.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job enrichJob;
    private final RunPlan plan;

    public EnrichRunner(JobOperator jobOperator, JobRepository jobRepository, Job enrichJob, RunPlan plan) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.enrichJob = enrichJob;
        this.plan = plan;
    }

    /** Outcome of one invocation: the execution (null: nothing to resume), and whether it resumed an interrupted run. */
    public record Outcome(JobExecution execution, boolean resumed) {}

    public Outcome run() throws Exception {
        return run(false);
    }

    /**
     * @param resumeOnly only resume an unfinished run with this identity; when there is none, start nothing and
     *                   return an outcome without execution
     */
    public Outcome run(boolean resumeOnly) throws Exception {
        JobParameters identity = identity();
        JobExecution unfinished = findUnfinished(identity);
        if (unfinished == null && resumeOnly) {
            return new Outcome(null, false);
        }
        if (unfinished != null) {
            if (unfinished.getStatus().isRunning()) {
                log.info(
                        "execution {} was left running by a process that is gone; marking it failed",
                        unfinished.getId());
                unfinished = jobOperator.recover(unfinished);
            }
            log.info(
                    "resuming execution {} of job instance {}",
                    unfinished.getId(),
                    unfinished.getJobInstance().getInstanceId());
            return new Outcome(jobOperator.restart(unfinished), true);
        }
        JobParameters params = new JobParametersBuilder(identity)
                .addLong("run", System.currentTimeMillis())
                .addLocalDate(EnrichProcessor.AS_OF, plan.asOf(), false)
                .toJobParameters();
        return new Outcome(jobOperator.start(enrichJob, params), false);
    }

    private JobExecution findUnfinished(JobParameters identity) {
        List<JobInstance> instances = jobRepository.getJobInstances(EnrichJobConfiguration.JOB_NAME, 0, 200);
        for (JobInstance instance : instances) {
            JobExecution last = jobRepository.getLastJobExecution(instance);
            if (last == null || !sameIdentity(last.getJobParameters(), identity)) {
                continue;
            }
            BatchStatus status = last.getStatus();
            if (status == BatchStatus.COMPLETED || status == BatchStatus.ABANDONED) {
                return null;
            }
            return last;
        }
        return null;
    }

    /** Whether a past run's parameters hold every value of this run's identity (its extra "run" key aside). */
    private static boolean sameIdentity(JobParameters past, JobParameters identity) {
        for (JobParameter<?> wanted : identity.parameters()) {
            JobParameter<?> had = past.getParameter(wanted.name());
            if (had == null || !Objects.equals(had.value(), wanted.value())) {
                return false;
            }
        }
        return true;
    }

    private JobParameters identity() {
        JobSpec.Jdbc jdbc = plan.spec().input().jdbc();
        if (jdbc != null) {
            // a database has no size or modification time: the URL (without password) and the table or query
            try {
                return new JobParametersBuilder()
                        .addString("spec", plan.spec().specFile().toString())
                        .addString("spec_sha256", specSha256())
                        .addString("input", truncate(jdbc.describe()))
                        .addString("output", plan.outputs().dir().toString())
                        .addString("dry_run", Boolean.toString(plan.dryRun()))
                        .toJobParameters();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            return new JobParametersBuilder()
                    .addString("spec", plan.spec().specFile().toString())
                    .addString("spec_sha256", specSha256())
                    .addString("input", plan.input().toString())
                    .addLong("input_size", Files.size(plan.input()))
                    .addLong(
                            "input_mtime",
                            Files.getLastModifiedTime(plan.input()).toMillis())
                    .addString("output", plan.outputs().dir().toString())
                    .addString("dry_run", Boolean.toString(plan.dryRun()))
                    .toJobParameters();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The spec's hash, and with it the files it names (calling rules, suppression lists): editing any of them between a
     * crash and the next attempt starts a fresh run rather than mixing old and new rules in one set of files.
     */
    private String specSha256() throws IOException {
        List<Path> referenced = new ArrayList<>();
        if (plan.spec().callingRules() != null) {
            referenced.add(plan.spec().callingRules());
        }
        if (plan.spec().suppression() != null) {
            referenced.addAll(plan.spec().suppression().doNotCall());
            referenced.addAll(plan.spec().suppression().debtorKeys());
        }
        if (referenced.isEmpty()) {
            return sha256(Files.readAllBytes(plan.spec().specFile()));
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Files.readAllBytes(plan.spec().specFile()));
            byte[] buffer = new byte[65536];
            for (Path file : referenced) {
                try (var in = Files.newInputStream(file)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Job parameter values are at most 2500 characters in the job repository; a long query is hashed in. */
    private static String truncate(String value) {
        return value.length() <= 2000
                ? value
                : value.substring(0, 1900) + " sha256:"
                        + sha256(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
