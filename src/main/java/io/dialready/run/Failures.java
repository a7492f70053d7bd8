package io.dialready.run;

import io.dialready.batch.RunPlan;
import io.dialready.phone.LogMasking;
import io.dialready.source.InputUnreadableException;
import io.dialready.spec.JobSpecException;
import java.nio.file.Path;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Turns what a run threw into the outcome and the one line the user sees (the log file has the stack trace). */
final class Failures {

    private Failures() {}

    /** The failure of a run that threw {@code e}; its full story is in {@code logFile}. */
    static RunResult of(Throwable e, RunPlan plan, Path logFile) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputUnreadableException) {
                return RunResult.failed(
                        RunResult.Outcome.INPUT_UNREADABLE, "input unreadable: " + t.getMessage(), plan);
            }
            if (t instanceof JobSpecException) {
                return RunResult.failed(RunResult.Outcome.BAD_REQUEST, "bad job spec: " + t.getMessage(), plan);
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // masked: cron often sends this line to a log file too
        String cause = LogMasking.mask(oneLine(root));
        if (connectionLost(e)) {
            return RunResult.failed(
                    RunResult.Outcome.FAILED,
                    "run failed: the connection to the database was lost (" + cause + "; details in " + logFile
                            + "); run the same command again when it is back to resume",
                    plan);
        }
        return RunResult.failed(
                RunResult.Outcome.FAILED,
                "run failed: " + cause + " (details in " + logFile + "); run the same command again to resume",
                plan);
    }

    /** Whether a failure is a database that went away or cannot be reached, rather than a problem of the data. */
    static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof CannotGetJdbcConnectionException
                    || t.getClass().getName().endsWith("CommunicationsException")) {
                return true;
            }
        }
        return false;
    }

    /** The first line of a throwable's message, or its class's name when it has none. */
    static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
