package io.dialready.cli;

import io.dialready.output.report.Summary;
import io.dialready.run.RunResult;
import java.io.PrintWriter;

/** A run's result as the command line shows it: the summary (or why nothing ran) on stdout, what went wrong on stderr. */
final class Results {

    private Results() {}

    /** Prints the result and returns the exit code the process ends with. */
    static int print(RunResult result, PrintWriter out, PrintWriter err) {
        switch (result.outcome()) {
            case NOTHING_TO_RESUME ->
                out.println("dialready: nothing to resume for "
                        + result.plan().spec().specFile() + " on "
                        + result.plan().input());
            case COMPLETED -> summary(result, out);
            default -> {}
        }
        String message = result.message();
        if (message != null) {
            err.println("dialready: " + message);
        }
        return result.exitCode();
    }

    private static void summary(RunResult result, PrintWriter out) {
        if (result.report() != null) {
            try {
                Summary.print(out, result.report(), result.plan(), result.resumed());
                return;
            } catch (RuntimeException e) {
                // a report without the figures the summary shows: say where the outputs are instead
            }
        }
        out.println(
                "dialready: completed; outputs in " + result.plan().outputs().dir());
    }
}
