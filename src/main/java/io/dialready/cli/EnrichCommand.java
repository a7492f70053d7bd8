package io.dialready.cli;

import io.dialready.run.DataFolder;
import io.dialready.run.ExitCodes;
import io.dialready.run.JobStore;
import io.dialready.run.MySqlJobStore;
import io.dialready.run.RunListener;
import io.dialready.run.RunRequest;
import io.dialready.run.RunResult;
import io.dialready.run.RunService;
import io.dialready.spec.JobSpecException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dialready enrich}: runs the enrich job on one input, or resumes its interrupted run. */
@Command(
        name = "enrich",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        header = "Checks a debtor file's phones for WhatsApp, ranks them and writes dialer-ready files.",
        description = {
            "Reads a debtor file (CSV or XLSX), checks every phone for a WhatsApp account, ranks the phones and writes:",
            "  <base>.enriched.csv  every accepted row, original columns unchanged, plus the WhatsApp columns",
            "  <base>.dialer.csv    one row per debtor and valid phone, highest priority first",
            "  <base>.rejects.csv   every malformed row and unusable value, with its line number and reason",
            "  <base>.report.json   the run's figures",
            "  <base>.report.html   the run report for people: key figures and charts, one self-contained page",
            "  (output.format xlsx or both: <base>.enriched.xlsx and <base>.dialer.xlsx instead or as well)",
            "where <base> is the input file's name without its extension. Files appear complete or not at all.",
            "If a run is interrupted (killed, crashed), running the same command again resumes it.",
            ""
        },
        footer = {
            "",
            "Exit codes: 0 completed, 1 failed (run the same command again to resume),",
            "2 bad arguments or job spec, 3 input unreadable, 4 completed but every account's daily quota is",
            "spent (unchecked phones PENDING; the next run checks them first), 5 completed but the provider",
            "could not be used (account refused, or kept failing; unchecked phones PENDING), 6 completed but more",
            "rows rejected than run.max_rejected_percent allows (no dialer or profile file published).",
            "Job spec keys: jobs/README.md. Output columns: docs/outputs.md."
        })
public final class EnrichCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    @Option(
            names = {"-j", "--job"},
            required = true,
            paramLabel = "FILE",
            description = "Job spec (YAML), e.g. jobs/demo-br.yml.")
    Path job;

    @Option(
            names = {"-i", "--input"},
            paramLabel = "FILE",
            description = "Input file; overrides the spec's input.path.")
    Path input;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            description = "Output folder; overrides the spec's output.dir. Default: ./out")
    Path output;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            defaultValue = "${env:DIALREADY_DATA:-data}",
            description = "Folder of the job repository (embedded H2 database) that makes runs resumable."
                    + " Default: ${DEFAULT-VALUE} (env DIALREADY_DATA).")
    Path data;

    @Option(
            names = "--database",
            paramLabel = "JDBC_URL",
            defaultValue = "${env:DIALREADY_DATABASE_URL}",
            description = "Keep the job repository, lookup cache and quota counters in this MySQL/MariaDB database"
                    + " (jdbc:mysql://host:3306/dialready) instead of the H2 file under --data."
                    + " Default: env DIALREADY_DATABASE_URL; user from --database-user, password from env"
                    + " DIALREADY_DATABASE_PASSWORD.")
    String database;

    @Option(
            names = "--database-user",
            paramLabel = "USER",
            defaultValue = "${env:DIALREADY_DATABASE_USER}",
            description = "User for --database. Default: env DIALREADY_DATABASE_USER.")
    String databaseUser;

    @Option(
            names = "--log-file",
            paramLabel = "FILE",
            defaultValue = "${env:DIALREADY_LOG:-logs/dialready.log}",
            description = "Log file (full details and stack traces go here). Default: ${DEFAULT-VALUE}"
                    + " (env DIALREADY_LOG).")
    Path logFile;

    @Option(
            names = "--as-of",
            paramLabel = "yyyy-MM-dd",
            description = "Date days overdue are counted to. Default: today (a resumed run keeps its own date).")
    LocalDate asOf;

    @Option(
            names = "--dry-run",
            description = "Parse, rank and write everything, but look nothing up: phones get status PENDING.")
    boolean dryRun;

    @Option(
            names = "--force-recheck",
            description = "Ask the provider again about every number, ignoring cached answers (lookup.cache_ttl_days).")
    boolean forceRecheck;

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress lines; only the final summary or error.")
    boolean quiet;

    @Option(
            names = "--progress",
            paramLabel = "MODE",
            defaultValue = "auto",
            description = "auto (default): a progress bar when stderr is a terminal, else lines; bar; lines; none.")
    String progress;

    @Option(
            names = "--progress-interval",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description =
                    "Seconds between two progress lines (lines mode, and the log file). Default: ${DEFAULT-VALUE}")
    double progressInterval;

    @Option(
            names = "--resume-only",
            description = "Only resume the unfinished run of this spec, input and output folder; when there is none,"
                    + " start nothing (prints 'nothing to resume', exit 0).")
    boolean resumeOnly;

    @Override
    public Integer call() {
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        JobStore store;
        TerminalProgress.Mode mode;
        Duration interval;
        try {
            store = store(data, database, databaseUser);
            mode = progressMode();
            interval = progressInterval();
        } catch (JobSpecException e) {
            err.println("dialready: " + e.getMessage());
            return ExitCodes.BAD_ARGUMENTS;
        }
        RunRequest request = RunRequest.of(job, store)
                .withInput(input)
                .withOutput(output)
                .withLogFile(logFile)
                .withAsOf(asOf)
                .withDryRun(dryRun)
                .withForceRecheck(forceRecheck)
                .withQuiet(quiet)
                .withProgressInterval(interval);
        RunListener progress = TerminalProgress.of(mode, System.err);
        RunService service = new RunService();
        RunResult result = resumeOnly ? service.resume(request, progress) : service.start(request, progress);
        return Results.print(result, out, err);
    }

    /**
     * The store of runs the options name: the MySQL/MariaDB database of --database (password from the environment),
     * else the H2 database of the data folder.
     *
     * @throws JobSpecException when --database is not a MySQL/MariaDB URL (the message names the option)
     */
    static JobStore store(Path data, String database, String databaseUser) {
        if (database == null || database.isBlank()) {
            return new DataFolder(data);
        }
        try {
            return new MySqlJobStore(database.strip(), databaseUser, System.getenv(MySqlJobStore.PASSWORD_ENV));
        } catch (IllegalArgumentException e) {
            throw new JobSpecException("bad option --database: " + e.getMessage());
        }
    }

    private TerminalProgress.Mode progressMode() {
        if (quiet) {
            return TerminalProgress.Mode.NONE;
        }
        TerminalProgress.Mode mode;
        try {
            mode = TerminalProgress.Mode.valueOf(progress.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new JobSpecException(
                    "bad job spec: --progress: '" + progress + "' is not one of auto, bar, lines, none");
        }
        return mode.resolve(System.console() != null);
    }

    private Duration progressInterval() {
        if (!(progressInterval > 0) || progressInterval > 86_400) {
            throw new JobSpecException("bad job spec: --progress-interval: " + progressInterval
                    + " is not a number of seconds between 0 and 86400");
        }
        return Duration.ofMillis(Math.round(progressInterval * 1000));
    }
}
