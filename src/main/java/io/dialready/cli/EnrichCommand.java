package io.dialready.cli;

import io.dialready.DialreadyApplication;
import io.dialready.batch.EnrichRunner;
import io.dialready.batch.Progress;
import io.dialready.batch.RunPlan;
import io.dialready.db.DataSources;
import io.dialready.db.JdbcUrls;
import io.dialready.db.RunLock;
import io.dialready.lookup.providers.ProviderFactory;
import io.dialready.phone.LogMasking;
import io.dialready.sink.HeapWatch;
import io.dialready.sink.JdbcResults;
import io.dialready.sink.OutputFiles;
import io.dialready.source.DebtorMapper;
import io.dialready.source.InputUnreadableException;
import io.dialready.source.PhoneExtractor;
import io.dialready.source.csv.CsvDebtorReader;
import io.dialready.source.csv.CsvFormat;
import io.dialready.source.csv.CsvFormatDetector;
import io.dialready.source.jdbc.JdbcDebtorReader;
import io.dialready.source.xlsx.XlsxDebtorReader;
import io.dialready.spec.JobSpec;
import io.dialready.spec.JobSpecException;
import io.dialready.spec.JobSpecLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

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
            "could not be used (account refused, or kept failing; unchecked phones PENDING).",
            "Job spec keys: jobs/README.md. Output columns: docs/outputs.md."
        })
public final class EnrichCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(EnrichCommand.class);

    /** What --resume-only prints when there is no unfinished run with this identity. */
    static final String NOTHING_TO_RESUME = "dialready: nothing to resume";

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
                    + " start nothing (prints 'nothing to resume', exit 0). Used by 'dialready resume'.")
    boolean resumeOnly;

    @Override
    public Integer call() {
        HeapWatch.start();
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        if (database != null && !database.isBlank() && !JdbcUrls.mysql(database.strip())) {
            err.println("dialready: bad option --database: must be a MySQL/MariaDB URL such as"
                    + " jdbc:mysql://127.0.0.1:3306/dialready, not '" + JdbcUrls.redact(database) + "'");
            return ExitCodes.BAD_ARGUMENTS;
        }
        RunPlan plan;
        try {
            plan = plan();
        } catch (JobSpecException e) {
            err.println("dialready: bad job spec: " + e.getMessage());
            return ExitCodes.BAD_ARGUMENTS;
        } catch (InputUnreadableException e) {
            err.println("dialready: input unreadable: " + e.getMessage());
            return ExitCodes.INPUT_UNREADABLE;
        } catch (IOException e) {
            err.println("dialready: " + e.getMessage());
            return ExitCodes.FAILED;
        }

        Path dataDir = data.toAbsolutePath().normalize();
        try {
            if (database == null || database.isBlank()) {
                Files.createDirectories(dataDir);
            }
            Files.createDirectories(plan.outputs().dir());
        } catch (IOException e) {
            err.println("dialready: cannot create folder: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        if (database != null && !database.isBlank()) {
            return runOnMySql(plan, database.strip(), out, err);
        }
        try (FileChannel lockFile = FileChannel.open(
                        dataDir.resolve("dialready.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(lockFile)) {
            if (lock == null) {
                err.println("dialready: another dialready run is using the data folder " + dataDir
                        + "; wait for it to finish or use --data");
                return ExitCodes.FAILED;
            }
            Map<String, Object> props = new HashMap<>();
            // WRITE_DELAY=0: H2 stores each transaction as it commits, in the committing thread, instead of a
            // background
            // writer storing the tables one by one while commits go on; after a SIGKILL, the latter could leave a
            // chunk's rows without the reader position committed with them, or the reverse (docs/crash-safety.md)
            props.put(
                    "spring.datasource.url",
                    "jdbc:h2:file:" + dataDir.resolve("dialready") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
            props.put("spring.datasource.username", "sa");
            props.put("spring.datasource.password", "");
            return runJob(plan, props, out, err);
        } catch (IOException e) {
            err.println("dialready: cannot lock the data folder " + dataDir + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    /**
     * The job repository on MySQL/MariaDB: no data folder and no lock file, but a named lock per job on the server, so
     * that two machines never run the same job at once.
     */
    private int runOnMySql(RunPlan plan, String url, PrintWriter out, PrintWriter err) {
        String shown = JdbcUrls.redact(url);
        Connection lockConnection;
        try {
            lockConnection = DataSources.connect(url, databaseUser, System.getenv(PASSWORD_ENV));
        } catch (SQLException e) {
            log.error("cannot reach the job repository database", e);
            err.println("dialready: cannot reach the database " + shown + ": " + oneLine(e)
                    + " (check --database, --database-user and " + PASSWORD_ENV + ")");
            return ExitCodes.FAILED;
        }
        try (RunLock lock = RunLock.tryAcquire(lockConnection, plan.spec().name())) {
            if (lock == null) {
                err.println("dialready: another dialready run of job '"
                        + plan.spec().name() + "' is using the database " + shown + "; wait for it to finish");
                return ExitCodes.FAILED;
            }
            Map<String, Object> props = new HashMap<>();
            props.put("spring.datasource.url", url);
            props.put("spring.datasource.driver-class-name", "com.mysql.cj.jdbc.Driver");
            props.put("spring.datasource.username", databaseUser == null ? "" : databaseUser);
            String password = System.getenv(PASSWORD_ENV);
            props.put("spring.datasource.password", password == null ? "" : password);
            props.put("spring.datasource.hikari.connection-timeout", Long.toString(DataSources.connectTimeoutMs()));
            // the database may already hold other tables (the agency's own, the debtor table): Flyway then starts its
            // history at version 0 instead of refusing, and still applies V1 (the job repository) and the rest
            props.put("spring.flyway.baseline-on-migrate", "true");
            props.put("spring.flyway.baseline-version", "0");
            DataSources.mysqlProperties()
                    .forEach((k, v) -> props.put("spring.datasource.hikari.data-source-properties." + k, v));
            return runJob(plan, props, out, err);
        } catch (SQLException e) {
            log.error("cannot take the run lock", e);
            err.println("dialready: cannot take the run lock on " + shown + ": " + oneLine(e));
            return ExitCodes.FAILED;
        }
    }

    /** Environment variable holding the password of --database (never an option: it would show in ps). */
    public static final String PASSWORD_ENV = "DIALREADY_DATABASE_PASSWORD";

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** Loads the spec and checks the input before anything starts, so bad input fails in a second with one line. */
    RunPlan plan() throws IOException {
        JobSpec spec = new JobSpecLoader().load(job);
        if (spec.input().jdbc() != null) {
            return planJdbc(spec);
        }
        Path in = input != null
                ? input.toAbsolutePath().normalize()
                : spec.input().path();
        Path outDir = output != null
                ? output
                : spec.output().dir() != null ? spec.output().dir() : Path.of("out");
        outDir = outDir.toAbsolutePath().normalize();
        CsvFormat format;
        List<String> headerNames;
        boolean hasDataRows;
        XlsxDebtorReader.Layout workbook = null;
        if (spec.input().isWorkbook(in)) {
            XlsxDebtorReader.Layout layout = new XlsxDebtorReader.Layout(
                    spec.input().sheet(),
                    spec.input().headerRow(),
                    XlsxDebtorReader.mappedColumns(spec),
                    spec.columns().dateFormat(),
                    spec.columns().decimalSeparator());
            XlsxDebtorReader.Probe probe = XlsxDebtorReader.probe(in, layout);
            // the run reads exactly what was checked here, and a resumed run the same sheet and row
            workbook = new XlsxDebtorReader.Layout(
                    probe.sheetName(),
                    (int) probe.headerRow(),
                    layout.expectedColumns(),
                    layout.dateFormat(),
                    layout.decimalSeparator());
            format = new CsvFormat(StandardCharsets.UTF_8, 0, spec.output().delimiter(), false, false);
            headerNames = probe.header();
            hasDataRows = probe.hasDataRows();
        } else {
            format = new CsvFormatDetector()
                    .detect(in, spec.input().encoding(), spec.input().delimiter());
            CsvDebtorReader.Probe probe = CsvDebtorReader.probe(in, format);
            headerNames = probe.header();
            hasDataRows = probe.hasDataRows();
        }
        String[] header = headerNames.toArray(String[]::new);
        new DebtorMapper(spec, header);
        new PhoneExtractor(spec, header);
        if (!dryRun && !spec.lookup().dryRun()) {
            // every secret the spec names is in the environment before anything is read or asked
            ProviderFactory.fromEnvironment(spec.lookup()).checkEnvironment();
        }
        if (!hasDataRows) {
            throw new InputUnreadableException(in + ": has a header but no data rows");
        }
        LocalDate date = asOf != null ? asOf : LocalDate.now();
        return new RunPlan(
                spec,
                in,
                format,
                headerNames,
                OutputFiles.forInput(outDir, in),
                date,
                dryRun,
                quiet,
                workbook,
                progressMode(),
                progressInterval(),
                forceRecheck,
                clock());
    }

    /**
     * The clock of quota days and cache ages: UTC now, or the instant in the system property {@code dialready.now}
     * (ISO-8601, e.g. 2026-11-25T03:00:00Z) for tests that need another day.
     */
    static java.time.Clock clock() {
        String now = System.getProperty("dialready.now");
        if (now == null || now.isBlank()) {
            return java.time.Clock.systemUTC();
        }
        return java.time.Clock.fixed(java.time.Instant.parse(now), java.time.ZoneOffset.UTC);
    }

    private Progress.Mode progressMode() {
        if (quiet) {
            return Progress.Mode.NONE;
        }
        Progress.Mode mode;
        try {
            mode = Progress.Mode.valueOf(progress.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new JobSpecException("--progress: '" + progress + "' is not one of auto, bar, lines, none");
        }
        return mode.resolve(System.console() != null);
    }

    private java.time.Duration progressInterval() {
        if (!(progressInterval > 0) || progressInterval > 86_400) {
            throw new JobSpecException("--progress-interval: " + progressInterval + " is not a number of seconds"
                    + " between 0 and 86400");
        }
        return java.time.Duration.ofMillis(Math.round(progressInterval * 1000));
    }

    /** A database source: connection, table or query, key column and mapped columns checked before anything runs. */
    private RunPlan planJdbc(JobSpec spec) {
        if (input != null) {
            throw new JobSpecException("--input names a file, but " + spec.specFile()
                    + " reads a database (input.jdbc); leave out --input");
        }
        JobSpec.Jdbc jdbc = spec.input().jdbc();
        Path outDir = output != null
                ? output
                : spec.output().dir() != null ? spec.output().dir() : Path.of("out");
        outDir = outDir.toAbsolutePath().normalize();
        if (!dryRun && !spec.lookup().dryRun()) {
            // every secret the spec names is in the environment before anything is read or asked
            ProviderFactory.fromEnvironment(spec.lookup()).checkEnvironment();
        }
        JdbcDebtorReader.Probe probe = JdbcDebtorReader.probe(jdbc);
        String[] header = probe.header().toArray(String[]::new);
        try {
            new DebtorMapper(spec, header);
            new PhoneExtractor(spec, header);
        } catch (JobSpecException e) {
            // the table is what is wrong here, not the spec's syntax: same exit code as a connection refused
            throw new InputUnreadableException(jdbc.describe() + ": " + e.getMessage());
        }
        if (!probe.hasDataRows()) {
            throw new InputUnreadableException(jdbc.describe() + ": has no rows");
        }
        if (spec.output().jdbc() != null) {
            JdbcResults.check(spec.output().jdbc());
        }
        String base = jdbc.table() != null ? jdbc.table().substring(jdbc.table().indexOf('.') + 1) : spec.name();
        LocalDate date = asOf != null ? asOf : LocalDate.now();
        return new RunPlan(
                spec,
                null,
                new CsvFormat(StandardCharsets.UTF_8, 0, spec.output().delimiter(), false, false),
                probe.header(),
                new OutputFiles(outDir, base),
                date,
                dryRun,
                quiet,
                null,
                progressMode(),
                progressInterval(),
                forceRecheck,
                clock());
    }

    private int runJob(RunPlan plan, Map<String, Object> props, PrintWriter out, PrintWriter err) {
        props.put("logging.file.name", logFile.toAbsolutePath().normalize().toString());
        ConfigurableApplicationContext context = null;
        try {
            context = new SpringApplicationBuilder(DialreadyApplication.class)
                    .web(WebApplicationType.NONE)
                    .logStartupInfo(false)
                    .properties(props)
                    .initializers(ctx -> ctx.getBeanFactory().registerSingleton("runPlan", plan))
                    .run();
            EnrichRunner.Outcome outcome = context.getBean(EnrichRunner.class).run(resumeOnly);
            if (outcome.execution() == null) {
                out.println(NOTHING_TO_RESUME + " for " + plan.spec().specFile() + " on " + plan.input());
                return ExitCodes.COMPLETED;
            }
            return report(outcome, plan, out, err);
        } catch (Exception e) {
            log.error("run failed", e);
            return failure(e, err);
        } finally {
            if (context != null) {
                context.close();
            }
        }
    }

    private int report(EnrichRunner.Outcome outcome, RunPlan plan, PrintWriter out, PrintWriter err) {
        JobExecution execution = outcome.execution();
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            List<Throwable> failures = execution.getAllFailureExceptions();
            Throwable cause = failures.isEmpty() ? null : failures.get(0);
            if (cause != null) {
                log.error("run failed", cause);
                return failure(cause, err);
            }
            err.println("dialready: run ended " + execution.getStatus() + "; run the same command again to resume");
            return ExitCodes.FAILED;
        }
        Map<?, ?> r;
        try {
            r = JsonMapper.shared().readValue(plan.outputs().report().toFile(), Map.class);
            Summary.print(out, r, plan, outcome.resumed());
        } catch (RuntimeException e) {
            out.println("dialready: completed; outputs in " + plan.outputs().dir());
            return ExitCodes.COMPLETED;
        }
        Object stopped = r.get("lookup_stopped");
        if ("QUOTA_SPENT".equals(stopped)) {
            err.println("dialready: " + r.get("lookup_stop_message") + "; " + r.get("pending")
                    + " numbers left PENDING, to be checked first by the next run (outputs complete)");
            return ExitCodes.QUOTA_SPENT;
        }
        if ("PROVIDER_FAILED".equals(stopped)) {
            err.println("dialready: lookups stopped: " + r.get("lookup_stop_message") + "; " + r.get("pending")
                    + " numbers left PENDING (outputs complete)");
            return ExitCodes.PROVIDER_FAILED;
        }
        return ExitCodes.COMPLETED;
    }

    private int failure(Throwable e, PrintWriter err) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputUnreadableException) {
                err.println("dialready: input unreadable: " + t.getMessage());
                return ExitCodes.INPUT_UNREADABLE;
            }
            if (t instanceof JobSpecException) {
                err.println("dialready: bad job spec: " + t.getMessage());
                return ExitCodes.BAD_ARGUMENTS;
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (connectionLost(e)) {
            err.println(
                    "dialready: run failed: the connection to the database was lost (" + LogMasking.mask(oneLine(root))
                            + "; details in " + logFile + "); run the same command again when it is back to resume");
            return ExitCodes.FAILED;
        }
        // masked: cron often sends this line to a log file too
        err.println("dialready: run failed: " + LogMasking.mask(oneLine(root)) + " (details in " + logFile
                + "); run the same command again to resume");
        return ExitCodes.FAILED;
    }

    /** Whether a failure is a database that went away or cannot be reached, rather than a problem of the data. */
    static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof org.springframework.jdbc.CannotGetJdbcConnectionException
                    || t.getClass().getName().endsWith("CommunicationsException")) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
