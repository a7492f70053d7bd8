package io.dialready.run;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What a run is asked to do, as the command line's options say it (README.md, enrich): built with
 * {@link #of(Path, JobStore)} and the {@code with*} methods, handed to {@link RunService}.
 *
 * @param job              the job spec (YAML)
 * @param input            the input file, instead of the spec's input.path; null: the spec's
 * @param output           the output folder, instead of the spec's output.dir; null: the spec's, else ./out
 * @param store            the job repository and its lock
 * @param logFile          the log file (full details and stack traces go there; failure lines name it)
 * @param asOf             the date days overdue are counted to; null: today (a resumed run keeps its own)
 * @param dryRun           look nothing up: phones get PENDING
 * @param forceRecheck     ask the provider again about every number, ignoring cached answers
 * @param quiet            no progress lines of the lookup step on stderr
 * @param progressInterval how often a progress line is logged (and shown by a display of lines)
 */
public record RunRequest(
        Path job,
        Path input,
        Path output,
        JobStore store,
        Path logFile,
        LocalDate asOf,
        boolean dryRun,
        boolean forceRecheck,
        boolean quiet,
        Duration progressInterval) {

    /** The default log file, as the command line's. */
    public static final Path DEFAULT_LOG_FILE = Path.of("logs/dialready.log");

    public RunRequest {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(progressInterval, "progressInterval");
    }

    /** The spec's own input and output, today's date, the default log file, lookups on, a line every 10 s. */
    public static RunRequest of(Path job, JobStore store) {
        return new RunRequest(
                job, null, null, store, DEFAULT_LOG_FILE, null, false, false, false, Duration.ofSeconds(10));
    }

    public RunRequest withInput(Path input) {
        return new RunRequest(job, input, output, store, logFile, asOf, dryRun, forceRecheck, quiet, progressInterval);
    }

    public RunRequest withOutput(Path output) {
        return new RunRequest(job, input, output, store, logFile, asOf, dryRun, forceRecheck, quiet, progressInterval);
    }

    public RunRequest withLogFile(Path logFile) {
        return new RunRequest(job, input, output, store, logFile, asOf, dryRun, forceRecheck, quiet, progressInterval);
    }

    public RunRequest withAsOf(LocalDate asOf) {
        return new RunRequest(job, input, output, store, logFile, asOf, dryRun, forceRecheck, quiet, progressInterval);
    }

    public RunRequest withDryRun(boolean dryRun) {
        return new RunRequest(job, input, output, store, logFile, asOf, dryRun, forceRecheck, quiet, progressInterval);
    }

    public RunRequest withForceRecheck(boolean forceRecheck) {
        return new RunRequest(job, input, output, store, logFile, asOf, dryRun, forceRecheck, quiet, progressInterval);
    }

    public RunRequest withQuiet(boolean quiet) {
        return new RunRequest(job, input, output, store, logFile, asOf, dryRun, forceRecheck, quiet, progressInterval);
    }

    public RunRequest withProgressInterval(Duration progressInterval) {
        return new RunRequest(job, input, output, store, logFile, asOf, dryRun, forceRecheck, quiet, progressInterval);
    }
}
