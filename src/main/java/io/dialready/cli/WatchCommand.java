package io.dialready.cli;

import io.dialready.cli.TerminalProgress.Mode;
import io.dialready.run.DataFolder;
import io.dialready.run.ExitCodes;
import io.dialready.run.JobStore;
import io.dialready.run.LockFile;
import io.dialready.run.RunRequest;
import io.dialready.run.RunResult;
import io.dialready.run.RunService;
import io.dialready.spec.JobSpecException;
import io.dialready.watch.DropFolder;
import io.dialready.watch.Ledger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dialready watch}: a drop folder for one job. Each CSV/XLSX file dropped into the inbox is processed once,
 * through RunService in this process, as enrich would run it ({@code --input} = the file in processing/,
 * {@code --output} = the outbox).
 */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        header = "Processes each CSV/XLSX file dropped into an inbox folder, once.",
        description = {
            "Lists the inbox every --poll seconds. A file is taken when its size and modification time have",
            "not changed for --settle seconds (an upload in progress is never read half-written); temporary names",
            "are ignored (dotfiles, ~$*, *.part, *.partial, *.filepart, *.crdownload, *.tmp, *.swp, *.download).",
            "The file is moved to <inbox>/processing/, the job runs on it with its outputs in the outbox, then it",
            "is moved to <inbox>/done/, or to <inbox>/failed/ with <name>.error.txt beside it saying why.",
            "A file with the same name and content as one already done for this job is not processed again (it",
            "goes to failed/ marked as a duplicate); the ledger is <data>/watch-ledger.tsv.",
            "Restarting loses nothing: a file left in processing/ is resumed first.",
            ""
        },
        footer = {
            "",
            "Exit codes (--once): 0 every file done, 1 some file failed; without --once it runs until stopped.",
            "2 bad arguments or job spec."
        })
public final class WatchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    @Option(
            names = {"-j", "--job"},
            required = true,
            paramLabel = "FILE",
            description = "Job spec (YAML).")
    Path job;

    @Option(names = "--inbox", required = true, paramLabel = "DIR", description = "Folder files are dropped into.")
    Path inbox;

    @Option(names = "--outbox", required = true, paramLabel = "DIR", description = "Folder the outputs are written to.")
    Path outbox;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            defaultValue = "${env:DIALREADY_DATA:-data}",
            description = "Folder of the job repository and the watcher's ledger. Default: ${DEFAULT-VALUE}"
                    + " (env DIALREADY_DATA).")
    Path data;

    @Option(
            names = "--log-file",
            paramLabel = "FILE",
            defaultValue = "${env:DIALREADY_LOG:-logs/dialready.log}",
            description = "Log file. Default: ${DEFAULT-VALUE} (env DIALREADY_LOG).")
    Path logFile;

    @Option(
            names = "--settle",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "Seconds a file's size and modification time must stay unchanged before it is taken."
                    + " Default: ${DEFAULT-VALUE}")
    double settle;

    @Option(
            names = "--poll",
            paramLabel = "SECONDS",
            defaultValue = "5",
            description = "Seconds between two listings of the inbox. Default: ${DEFAULT-VALUE}")
    double poll;

    @Option(names = "--once", description = "Process the files in the inbox (waiting for them to settle), then exit.")
    boolean once;

    @Option(names = "--dry-run", description = "Look nothing up (phones get PENDING), as enrich --dry-run.")
    boolean dryRun;

    @Option(names = "--as-of", paramLabel = "yyyy-MM-dd", description = "As enrich --as-of. Default: today.")
    LocalDate asOf;

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress lines from the runs.")
    boolean quiet;

    /** Set by tests: stops the watch loop. */
    BooleanSupplier stop = () -> false;

    private final RunService service = new RunService();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        if (!(settle >= 0) || !(poll > 0)) {
            err.println("dialready: --settle must be 0 or more and --poll more than 0 seconds");
            return ExitCodes.BAD_ARGUMENTS;
        }
        if (!Files.isRegularFile(job)) {
            err.println("dialready: bad job spec: " + job + ": no such file");
            return ExitCodes.BAD_ARGUMENTS;
        }
        if (!Files.isDirectory(inbox)) {
            err.println("dialready: --inbox " + inbox + ": no such folder");
            return ExitCodes.BAD_ARGUMENTS;
        }
        LogFile.use(logFile);
        Path in = inbox.toAbsolutePath().normalize();
        DataFolder folder = new DataFolder(data);
        folder.prepare();
        Path spec = job.toAbsolutePath().normalize();
        try (LockFile lock = LockFile.tryLock(in.resolve(".dialready-watch.lock"))) {
            if (lock == null) {
                err.println("dialready: another watcher is watching " + in);
                return ExitCodes.FAILED;
            }
            DropFolder.Settings settings = new DropFolder.Settings(
                    in,
                    outbox.toAbsolutePath().normalize(),
                    spec.toString(),
                    Duration.ofMillis(Math.round(settle * 1000)),
                    Duration.ofMillis(Math.round(poll * 1000)));
            DropFolder dropFolder = new DropFolder(
                    settings,
                    new Ledger(folder.dir()),
                    file -> enrich(spec, file, settings, out, err),
                    folder::busy,
                    out);
            dropFolder.run(stop, once);
            out.printf("dialready watch: %d done, %d failed%n", dropFolder.processed(), dropFolder.failed());
            return dropFolder.failed() > 0 ? ExitCodes.FAILED : ExitCodes.COMPLETED;
        }
    }

    /**
     * One file, as enrich runs it (the store of --data, or of DIALREADY_DATABASE_URL as enrich's default): its summary
     * goes to our output, its error lines to ours and to the result.
     */
    private DropFolder.Result enrich(
            Path spec, Path file, DropFolder.Settings settings, PrintWriter out, PrintWriter err) {
        StringWriter errors = new StringWriter();
        PrintWriter errorLines = new PrintWriter(errors, true);
        int code;
        try {
            JobStore store = EnrichCommand.store(
                    data, System.getenv("DIALREADY_DATABASE_URL"), System.getenv("DIALREADY_DATABASE_USER"));
            RunRequest request = RunRequest.of(spec, store)
                    .withInput(file)
                    .withOutput(settings.outbox())
                    .withLogFile(logFile)
                    .withAsOf(asOf)
                    .withDryRun(dryRun);
            RunResult result = service.start(request, TerminalProgress.of(quiet ? Mode.NONE : Mode.LINES, System.err));
            code = Results.print(result, out, errorLines);
        } catch (JobSpecException e) {
            errorLines.println("dialready: " + e.getMessage());
            code = ExitCodes.BAD_ARGUMENTS;
        }
        err.print(errors);
        err.flush();
        return new DropFolder.Result(code, errors.toString());
    }
}
