package io.dialready.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Starts the enrich job, or resumes it. A run is identified by its {@link RunIdentity}: when the last run with the
 * same identity did not complete (failed, or killed so that it still looks STARTED), {@link #restart} resumes it from
 * its last committed chunk; otherwise {@link #start} starts a new run. The caller holds the run lock (run/JobStore), so
 * a STARTED execution found here is a dead process's.
 */
@Component
public class EnrichRunner {

    private static final Logger log = LoggerFactory.getLogger(EnrichRunner.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job enrichJob;
    private final RunPlan plan;
    private RunIdentity identity;

    public EnrichRunner(JobOperator jobOperator, JobRepository jobRepository, Job enrichJob, RunPlan plan) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.enrichJob = enrichJob;
        this.plan = plan;
    }

    /** The last execution of the run with this plan's identity when it neither completed nor was abandoned, or null. */
    public JobExecution findUnfinished() {
        RunIdentity identity = identity();
        List<JobInstance> instances = jobRepository.getJobInstances(EnrichJobConfiguration.JOB_NAME, 0, 200);
        for (JobInstance instance : instances) {
            JobExecution last = jobRepository.getLastJobExecution(instance);
            if (last == null || !identity.matches(last.getJobParameters())) {
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

    /** Resumes an unfinished run (from {@link #findUnfinished}) from its last committed chunk. */
    public JobExecution restart(JobExecution unfinished) throws Exception {
        if (unfinished.getStatus().isRunning()) {
            log.info("execution {} was left running by a process that is gone; marking it failed", unfinished.getId());
            unfinished = jobOperator.recover(unfinished);
        }
        log.info(
                "resuming execution {} of job instance {}",
                unfinished.getId(),
                unfinished.getJobInstance().getInstanceId());
        return jobOperator.restart(unfinished);
    }

    /** Starts a new run with this plan's identity. */
    public JobExecution start() throws Exception {
        JobParameters params = new JobParametersBuilder(identity().toJobParameters())
                .addLong(RunIdentity.STARTED, System.currentTimeMillis())
                .addLocalDate(EnrichProcessor.AS_OF, plan.asOf(), false)
                .toJobParameters();
        return jobOperator.start(enrichJob, params);
    }

    /** Computed once: the unfinished run is looked for and a new one started with the same identity. */
    private RunIdentity identity() {
        if (identity == null) {
            try {
                identity = RunIdentity.of(plan);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return identity;
    }
}
