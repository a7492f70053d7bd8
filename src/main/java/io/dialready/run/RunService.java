package io.dialready.run;

import io.dialready.DialreadyApplication;
import io.dialready.batch.EnrichRunner;
import io.dialready.batch.ProgressListener;
import io.dialready.batch.RunPlan;
import io.dialready.output.report.HeapWatch;
import io.dialready.output.report.RunReport;
import io.dialready.source.InputUnreadableException;
import io.dialready.spec.JobSpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the enrich job for whoever asks (the command line, the drop-folder watcher, a web console, a remote worker),
 * without picocli: {@link #plan} the pre-flight checks, {@link #start} a run (or resume the interrupted run with the
 * same identity), {@link #resume} only an interrupted one, and {@link #unfinished} to find what a crash left. Each run
 * takes its store's lock, starts a Spring context of its own for the job, and closes it when the job ends; the calls
 * block until then, and tell a {@link RunListener} how it goes. They never throw: the {@link RunResult} says how the
 * run ended, with the message to show and the exit status.
 */
public final class RunService {

    private static final Logger log = LoggerFactory.getLogger(RunService.class);

    /**
     * The pre-flight checks alone: the spec loaded, the input's header checked against it, the provider's secrets and
     * the results tables checked; nothing is written.
     *
     * @throws JobSpecException         the spec, or the request, is wrong
     * @throws InputUnreadableException the input cannot be read or does not fit the spec
     * @throws IOException              anything else reading the files
     */
    public RunPlan plan(RunRequest request) throws IOException {
        return RunPlanner.plan(request);
    }

    /** Runs the request: resumes the unfinished run with its identity when there is one, else starts a new one. */
    public RunResult start(RunRequest request, RunListener listener) {
        return run(request, listener, false);
    }

    /** Resumes the unfinished run with the request's identity; when there is none, starts nothing. */
    public RunResult resume(RunRequest request, RunListener listener) {
        return run(request, listener, true);
    }

    /** The runs a data folder's job repository holds unfinished; close it when done. */
    public UnfinishedRuns unfinished(DataFolder folder) throws IOException {
        return UnfinishedRuns.open(folder);
    }

    private RunResult run(RunRequest request, RunListener listener, boolean resumeOnly) {
        HeapWatch.start();
        RunResult result = planAndRun(request, listener, resumeOnly);
        listener.finished(result);
        return result;
    }

    private RunResult planAndRun(RunRequest request, RunListener listener, boolean resumeOnly) {
        RunPlan plan;
        try {
            plan = plan(request);
        } catch (JobSpecException e) {
            return RunResult.failed(RunResult.Outcome.BAD_REQUEST, "bad job spec: " + e.getMessage(), null);
        } catch (InputUnreadableException e) {
            return RunResult.failed(RunResult.Outcome.INPUT_UNREADABLE, "input unreadable: " + e.getMessage(), null);
        } catch (IOException e) {
            return RunResult.failed(RunResult.Outcome.FAILED, e.getMessage(), null);
        }
        listener.planned(plan);
        JobStore store = request.store();
        try {
            store.prepare();
            PrivateFiles.file(request.logFile());
            Files.createDirectories(plan.outputs().dir());
        } catch (IOException e) {
            return RunResult.failed(RunResult.Outcome.FAILED, "cannot create folder: " + e.getMessage(), plan);
        }
        String jobName = plan.spec().name();
        try (JobStore.Lock lock = store.tryLock(jobName)) {
            if (lock == null) {
                return RunResult.failed(RunResult.Outcome.FAILED, store.busyMessage(jobName), plan);
            }
            try (LockFile outputLock = lockOutput(plan)) {
                if (outputLock == null) {
                    return RunResult.failed(
                            RunResult.Outcome.FAILED,
                            "another dialready run is writing the output folder "
                                    + plan.outputs().dir() + "; wait for it to finish or use --output",
                            plan);
                }
                return runJob(plan, request, listener, resumeOnly);
            }
        } catch (JobStore.Unavailable e) {
            return RunResult.failed(RunResult.Outcome.FAILED, e.getMessage(), plan);
        } catch (IOException e) {
            return RunResult.failed(
                    RunResult.Outcome.FAILED,
                    "cannot lock the output folder " + plan.outputs().dir() + ": " + e.getMessage(),
                    plan);
        }
    }

    /** The hidden lock file of an output folder: two runs writing one folder would mix their files. */
    static final String OUTPUT_LOCK = ".dialready.lock";

    /**
     * Locks the output folder for the run (two runs with different data folders and inputs of the same name would
     * leave one's files beside the other's report). Hidden, so that a dialer importing the folder ignores it, and named
     * apart from the data folder's lock, so that one folder used for both is locked once for each purpose.
     * Returns null when another run holds it.
     */
    private static LockFile lockOutput(RunPlan plan) throws IOException {
        return LockFile.tryLock(plan.outputs().dir().resolve(OUTPUT_LOCK));
    }

    /** The job in a Spring context of its own, with the store's DataSource, the plan and the listener as beans. */
    private RunResult runJob(RunPlan plan, RunRequest request, RunListener listener, boolean resumeOnly) {
        Map<String, Object> props = request.store().springProperties();
        props.put(
                "logging.file.name",
                request.logFile().toAbsolutePath().normalize().toString());
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DialreadyApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties(props)
                .initializers(ctx -> {
                    ctx.getBeanFactory().registerSingleton("runPlan", plan);
                    ctx.getBeanFactory().registerSingleton("progressListener", (ProgressListener) listener);
                })
                .run()) {
            EnrichRunner runner = context.getBean(EnrichRunner.class);
            JobExecution unfinished = runner.findUnfinished();
            if (unfinished == null && resumeOnly) {
                return new RunResult(RunResult.Outcome.NOTHING_TO_RESUME, null, plan, false, null);
            }
            boolean resumed = unfinished != null;
            listener.started(plan, resumed);
            JobExecution execution = resumed ? runner.restart(unfinished) : runner.start();
            return result(execution, plan, request, resumed);
        } catch (Exception e) {
            log.error("run failed", e);
            return Failures.of(e, plan, request.logFile());
        }
    }

    private static RunResult result(JobExecution execution, RunPlan plan, RunRequest request, boolean resumed) {
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            List<Throwable> failures = execution.getAllFailureExceptions();
            if (!failures.isEmpty()) {
                log.error("run failed", failures.get(0));
                return Failures.of(failures.get(0), plan, request.logFile());
            }
            return RunResult.failed(
                    RunResult.Outcome.FAILED,
                    "run ended " + execution.getStatus() + "; run the same command again to resume",
                    plan);
        }
        RunReport report;
        try {
            report = RunReport.read(plan.outputs().report());
        } catch (RuntimeException e) {
            report = null; // the outputs are there; the summary says where
        }
        return new RunResult(RunResult.Outcome.COMPLETED, null, plan, resumed, report);
    }
}
