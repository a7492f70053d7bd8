package io.dialready.cli;

import io.dialready.watch.DropFolder;
import io.dialready.watch.Ledger;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dialready watch}: a drop folder for one job. Each CSV/XLSX file dropped into the inbox is processed once, with
 * enrich's own run path in this process ({@code --input} = the file in processing/, {@code --output} = the outbox).
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

    /** Exit codes of a run that completed (0), or completed with phones left PENDING because a quota was spent (4). */
    static boolean completed(int exitCode) {
        return exitCode == ExitCodes.COMPLETED || exitCode == ExitCodes.QUOTA_SPENT;
    }

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
        Path dataDir = data.toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        Path spec = job.toAbsolutePath().normalize();
        try (FileChannel lockFile = FileChannel.open(
                        in.resolve(".dialready-watch.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(lockFile)) {
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
            DropFolder folder = new DropFolder(
                    settings,
                    new Ledger(dataDir),
                    file -> enrich(spec, file, settings, out, err),
                    () -> busy(dataDir),
                    out);
            folder.run(stop, once);
            out.printf("dialready watch: %d done, %d failed%n", folder.processed(), folder.failed());
            return folder.failed() > 0 ? ExitCodes.FAILED : ExitCodes.COMPLETED;
        }
    }

    /** enrich on one file, in this process; its summary goes to our output, its error lines to ours and the result. */
    private DropFolder.Result enrich(
            Path spec, Path file, DropFolder.Settings settings, PrintWriter out, PrintWriter err) {
        List<String> args = new ArrayList<>(List.of(
                "enrich",
                "--job",
                spec.toString(),
                "--input",
                file.toString(),
                "--output",
                settings.outbox().toString(),
                "--data",
                data.toString(),
                "--log-file",
                logFile.toString(),
                "--progress",
                quiet ? "none" : "lines"));
        if (dryRun) {
            args.add("--dry-run");
        }
        if (asOf != null) {
            args.addAll(List.of("--as-of", asOf.toString()));
        }
        StringWriter errors = new StringWriter();
        int code = DialreadyCommand.execute(out, new PrintWriter(errors, true), args.toArray(String[]::new));
        err.print(errors);
        err.flush();
        return new DropFolder.Result(code, errors.toString());
    }

    /** Whether another run holds the data folder's lock (nightly, a manual enrich): the file waits for the next poll. */
    private static boolean busy(Path dataDir) {
        try (FileChannel channel = FileChannel.open(
                dataDir.resolve("dialready.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (IOException e) {
            return false; // enrich reports the problem itself
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }
}
