package io.dialready.run;

import io.dialready.batch.RunPlan;
import io.dialready.lookup.LookupEngine;
import io.dialready.output.report.RunReport;

/**
 * How a run ended, for whoever started it: the outcome, the plan it ran (null when planning failed), whether it
 * resumed an interrupted run, and its report once completed. {@link #exitCode()} is the one place that turns this into
 * the process's exit status; {@link #message()} says what went wrong or was left undone.
 *
 * @param failure what went wrong, one line without the "dialready: " prefix; null unless the outcome is a failure
 * @param report  report.json as written by the run; null unless completed (or when it cannot be read)
 */
public record RunResult(Outcome outcome, String failure, RunPlan plan, boolean resumed, RunReport report) {

    public enum Outcome {
        /** The outputs are complete (lookups may have stopped early: see {@link #exitCode()}). */
        COMPLETED,
        /** A resume was asked for, and there is no unfinished run with this identity; nothing was started. */
        NOTHING_TO_RESUME,
        /** The request or the job spec is wrong; the same request fails the same way. */
        BAD_REQUEST,
        /** The input cannot be read; the same input fails the same way. */
        INPUT_UNREADABLE,
        /** Anything else (the store busy or unreachable, a crash); running the same request again resumes it. */
        FAILED
    }

    static RunResult failed(Outcome outcome, String failure, RunPlan plan) {
        return new RunResult(outcome, Messages.safe(failure), plan, false, null);
    }

    /** The exit status of the command line (ExitCodes; README.md, Exit codes). */
    public int exitCode() {
        return switch (outcome) {
            case COMPLETED ->
                withheld() != null
                        ? ExitCodes.TOO_MANY_REJECTED
                        : switch (lookupStopped()) {
                            case QUOTA_SPENT -> ExitCodes.QUOTA_SPENT;
                            case PROVIDER_FAILED -> ExitCodes.PROVIDER_FAILED;
                            case NONE -> ExitCodes.COMPLETED;
                        };
            case NOTHING_TO_RESUME -> ExitCodes.COMPLETED;
            case BAD_REQUEST -> ExitCodes.BAD_ARGUMENTS;
            case INPUT_UNREADABLE -> ExitCodes.INPUT_UNREADABLE;
            case FAILED -> ExitCodes.FAILED;
        };
    }

    /** What went wrong, or what a completed run left undone (lookups stopped); null when there is nothing to say. */
    public String message() {
        if (outcome != Outcome.COMPLETED) {
            return failure;
        }
        if (withheld() != null) {
            return "no dialer file published: " + withheld();
        }
        return switch (lookupStopped()) {
            case QUOTA_SPENT ->
                report.lookups().lookupStopMessage() + "; " + report.lookups().pending()
                        + " numbers left PENDING, to be checked first by the next run (outputs complete)";
            case PROVIDER_FAILED ->
                "lookups stopped: " + report.lookups().lookupStopMessage() + "; "
                        + report.lookups().pending() + " numbers left PENDING (outputs complete)";
            case NONE -> null;
        };
    }

    /** Why the dialer files were withheld (the report's dialer_withheld), or null. */
    private String withheld() {
        return report == null ? null : report.rows().dialerWithheld();
    }

    /** Why the lookups stopped before every number was asked (the report's lookup_stopped), or NONE. */
    private LookupEngine.Stop lookupStopped() {
        LookupEngine.Stop stopped = report == null ? null : report.lookups().lookupStopped();
        return stopped == null ? LookupEngine.Stop.NONE : stopped;
    }
}
