package io.dialready.cli;

import io.dialready.cli.TerminalProgress.Mode;
import io.dialready.run.DataFolder;
import io.dialready.run.ExitCodes;
import io.dialready.run.LockFile;
import io.dialready.run.RunRequest;
import io.dialready.run.RunResult;
import io.dialready.run.RunService;
import io.dialready.run.UnfinishedRuns;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dialready resume}: finishes every run of the data folder's job repository that a crash, a kill or a failure
 * left unfinished, as long as its input is still there and unchanged, by resuming it through RunService with
 * that run's spec, input, output folder and dry-run flag (so the run's own identity decides, exactly as when the user
 * runs the same command again). A run whose input is gone or changed (yesterday's file replaced by today's), or whose
 * spec changed, can never be resumed: it is marked ABANDONED with the reason, and listed. {@code scripts/nightly.sh}
 * runs this before the night's new work.
 */
@Command(
        name = "resume",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        header = "Resumes every interrupted run of the data folder whose input is still there and unchanged.",
        description = {
            "Looks in the job repository (--data) for runs that did not complete (killed, crashed, failed),",
            "and resumes each one whose spec and input file are still there and unchanged (same size and",
            "modification time), writing its outputs where that run was writing them. A run that cannot be",
            "resumed any more (input gone or replaced, spec changed) is marked abandoned and listed.",
            ""
        },
        footer = {
            "",
            "Exit codes: 0 nothing left unfinished (every resumable run completed; abandoned ones are listed),",
            "1 a resumed run failed again, or the data folder is in use."
        })
public final class ResumeCommand implements Callable<Integer> {

    private final RunService service = new RunService();

    @Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            defaultValue = "${env:DIALREADY_DATA:-data}",
            description = "Folder of the job repository. Default: ${DEFAULT-VALUE} (env DIALREADY_DATA).")
    Path data;

    @Option(
            names = "--log-file",
            paramLabel = "FILE",
            defaultValue = "${env:DIALREADY_LOG:-logs/dialready.log}",
            description = "Log file. Default: ${DEFAULT-VALUE} (env DIALREADY_LOG).")
    Path logFile;

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress lines.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        LogFile.use(logFile);
        String database = System.getenv("DIALREADY_DATABASE_URL");
        if (database != null && !database.isBlank()) {
            // not done yet: this command reads the H2 job repository of --data
            out.println("dialready: resume reads the H2 job repository under --data; with a MySQL/MariaDB job"
                    + " repository (DIALREADY_DATABASE_URL) run the interrupted command again to resume it");
            return ExitCodes.COMPLETED;
        }
        DataFolder folder = new DataFolder(data);
        if (!folder.hasDatabase()) {
            out.println("dialready: nothing to resume (no job repository in " + folder.dir() + ")");
            return ExitCodes.COMPLETED;
        }
        List<UnfinishedRuns.Run> runs;
        try (LockFile lock = folder.tryLock()) {
            if (lock == null) {
                err.println("dialready: another dialready run is using the data folder " + folder.dir()
                        + "; wait for it to finish");
                return ExitCodes.FAILED;
            }
            try (UnfinishedRuns unfinished = service.unfinished(folder)) {
                runs = unfinished.list();
            }
        } catch (IOException e) {
            err.println("dialready: cannot read the job repository in " + folder.dir() + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
        if (runs.isEmpty()) {
            out.println("dialready: nothing to resume in " + folder.dir());
            return ExitCodes.COMPLETED;
        }
        Tally tally = new Tally();
        for (UnfinishedRuns.Run run : runs) {
            resumeOrAbandon(run, folder, tally, out, err);
        }
        out.printf(
                "dialready: resume done: %d resumed, %d failed again, %d abandoned%n",
                tally.resumed, tally.failed, tally.abandoned);
        return tally.failed > 0 ? ExitCodes.FAILED : ExitCodes.COMPLETED;
    }

    /** What became of the unfinished runs. */
    private static final class Tally {
        int resumed;
        int failed;
        int abandoned;
    }

    private void resumeOrAbandon(
            UnfinishedRuns.Run run, DataFolder folder, Tally tally, PrintWriter out, PrintWriter err) {
        String why = run.whyNotResumable();
        if (why == null) {
            out.printf(
                    "dialready: resuming run %d (%s on %s, left %s)%n",
                    run.instanceId(), run.identity().spec(), run.identity().input(), run.status());
            out.flush();
            RunRequest request = run.request(folder).withLogFile(logFile);
            RunResult result = service.resume(request, TerminalProgress.of(quiet ? Mode.NONE : Mode.LINES, System.err));
            int code = Results.print(result, out, err);
            out.flush();
            if (result.outcome() == RunResult.Outcome.NOTHING_TO_RESUME) {
                why = "its job spec, or a file the spec names, changed since it ran";
            } else if (ExitCodes.completed(code)) {
                tally.resumed++;
                return;
            } else if (code == ExitCodes.BAD_ARGUMENTS || code == ExitCodes.INPUT_UNREADABLE) {
                // the same spec on the same bytes fails the same way every time: report it once, then let it be
                tally.failed++;
                err.printf(
                        "dialready: resuming run %d failed (exit code %d), and would every time; marked abandoned%n",
                        run.instanceId(), code);
                abandon(folder, run, "resuming it failed with exit code " + code, err);
                return;
            } else {
                tally.failed++;
                err.printf(
                        "dialready: resuming run %d failed (exit code %d); it stays unfinished and is tried again"
                                + " next time%n",
                        run.instanceId(), code);
                return;
            }
        }
        if (!abandon(folder, run, why, err)) {
            tally.failed++;
            return;
        }
        tally.abandoned++;
        out.printf(
                "dialready: run %d (%s on %s) cannot be resumed: %s; marked abandoned%n",
                run.instanceId(), run.identity().spec(), run.identity().input(), why);
    }

    /** Marks the run abandoned; false (and says so) when the job repository refused. */
    private boolean abandon(DataFolder folder, UnfinishedRuns.Run run, String why, PrintWriter err) {
        try (UnfinishedRuns unfinished = service.unfinished(folder)) {
            unfinished.abandon(run, why);
            return true;
        } catch (IOException e) {
            err.println("dialready: cannot mark run " + run.instanceId() + " abandoned: " + e.getMessage());
            return false;
        }
    }
}
