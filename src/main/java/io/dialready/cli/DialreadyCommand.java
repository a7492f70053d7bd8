package io.dialready.cli;

import io.dialready.run.ExitCodes;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: {@code dialready <command> [options]}. */
@Command(
        name = "dialready",
        mixinStandardHelpOptions = true,
        version = "dialready 0.1.0",
        usageHelpWidth = 110,
        description = {
            "Checks debtor phone numbers for WhatsApp accounts, ranks them, and writes files that dialers"
                    + " and messaging campaigns import.",
            ""
        },
        subcommands = {EnrichCommand.class, WatchCommand.class, ResumeCommand.class, CommandLine.HelpCommand.class},
        footer = {
            "",
            "Exit codes: 0 completed, 1 failed (run the same command again to resume),",
            "2 bad arguments or job spec, 3 input unreadable, 4 completed but the daily quota was spent",
            "(unchecked numbers PENDING), 5 completed but no provider account was usable (unchecked numbers PENDING),",
            "6 completed but more rows rejected than run.max_rejected_percent allows (no dialer file published).",
            "",
            "Nightly runs: scripts/nightly.sh (README.md, Nightly runs).",
            "",
            "Documentation: README.md, jobs/README.md (job spec keys), docs/outputs.md (output columns)."
        })
public final class DialreadyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code (the process exits with it). */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new DialreadyCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parse) -> {
            err.println("dialready: " + e.getMessage());
            return ExitCodes.FAILED;
        });
        if (args.length == 0) {
            cl.usage(out);
            return ExitCodes.BAD_ARGUMENTS;
        }
        if (!args[0].startsWith("-") && !cl.getSubcommands().containsKey(args[0])) {
            // picocli would print the top-level help and exit 0 for "dialready NOSUCH --help"
            err.println("dialready: unknown command '" + args[0] + "' (the commands are "
                    + String.join(", ", cl.getSubcommands().keySet()) + "; dialready --help)");
            return ExitCodes.BAD_ARGUMENTS;
        }
        return cl.execute(args);
    }
}
