package io.dialready.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dialready resume}: finishes every run of the data folder's job repository that a crash, a kill or a failure
 * left unfinished, as long as its input is still there and unchanged, by running {@code enrich --resume-only} with
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

    /** An unfinished run as the job repository has it. */
    record Unfinished(long executionId, long instanceId, String status, Map<String, String> params) {

        String spec() {
            return params.get("spec");
        }

        String input() {
            return params.get("input");
        }

        /** A run that read a database table or query (input.jdbc): its input has no size or time to compare. */
        boolean databaseInput() {
            return params.get("input") != null && !params.containsKey("input_size");
        }
    }

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
        Path dataDir = data.toAbsolutePath().normalize();
        if (!Files.exists(dataDir.resolve("dialready.mv.db"))) {
            out.println("dialready: nothing to resume (no job repository in " + dataDir + ")");
            return ExitCodes.COMPLETED;
        }
        List<Unfinished> runs;
        try (FileChannel lockFile = FileChannel.open(
                        dataDir.resolve("dialready.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(lockFile)) {
            if (lock == null) {
                err.println("dialready: another dialready run is using the data folder " + dataDir
                        + "; wait for it to finish");
                return ExitCodes.FAILED;
            }
            runs = unfinished(dataDir);
        } catch (IOException | SQLException e) {
            err.println("dialready: cannot read the job repository in " + dataDir + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
        if (runs.isEmpty()) {
            out.println("dialready: nothing to resume in " + dataDir);
            return ExitCodes.COMPLETED;
        }
        int failed = 0;
        int resumed = 0;
        int abandoned = 0;
        for (Unfinished run : runs) {
            String why = notResumable(run);
            if (why == null) {
                out.printf(
                        "dialready: resuming run %d (%s on %s, left %s)%n",
                        run.instanceId(), run.spec(), run.input(), run.status());
                out.flush();
                StringWriter captured = new StringWriter();
                int code = enrich(run, new PrintWriter(captured, true), err);
                out.print(captured);
                out.flush();
                if (captured.toString().contains(EnrichCommand.NOTHING_TO_RESUME)) {
                    why = "its job spec, or a file the spec names, changed since it ran";
                } else if (WatchCommand.completed(code)) {
                    resumed++;
                    continue;
                } else if (code == ExitCodes.BAD_ARGUMENTS || code == ExitCodes.INPUT_UNREADABLE) {
                    // the same spec on the same bytes fails the same way every time: report it once, then let it be
                    failed++;
                    err.printf(
                            "dialready: resuming run %d failed (exit code %d), and would every time; marked"
                                    + " abandoned%n",
                            run.instanceId(), code);
                    try {
                        abandon(dataDir, run, "resuming it failed with exit code " + code);
                    } catch (SQLException e) {
                        err.println("dialready: cannot mark run " + run.instanceId() + " abandoned: " + e.getMessage());
                    }
                    continue;
                } else {
                    failed++;
                    err.printf(
                            "dialready: resuming run %d failed (exit code %d); it stays unfinished and is tried"
                                    + " again next time%n",
                            run.instanceId(), code);
                    continue;
                }
            }
            try {
                abandon(dataDir, run, why);
            } catch (SQLException e) {
                err.println("dialready: cannot mark run " + run.instanceId() + " abandoned: " + e.getMessage());
                failed++;
                continue;
            }
            abandoned++;
            out.printf(
                    "dialready: run %d (%s on %s) cannot be resumed: %s; marked abandoned%n",
                    run.instanceId(), run.spec(), run.input(), why);
        }
        out.printf("dialready: resume done: %d resumed, %d failed again, %d abandoned%n", resumed, failed, abandoned);
        return failed > 0 ? ExitCodes.FAILED : ExitCodes.COMPLETED;
    }

    private int enrich(Unfinished run, PrintWriter out, PrintWriter err) {
        List<String> args = new ArrayList<>(List.of(
                "enrich",
                "--resume-only",
                "--job",
                run.spec(),
                "--output",
                run.params().get("output"),
                "--data",
                data.toString(),
                "--log-file",
                logFile.toString(),
                "--progress",
                quiet ? "none" : "lines"));
        if (!run.databaseInput()) {
            args.addAll(List.of("--input", run.input()));
        }
        if ("true".equals(run.params().get("dry_run"))) {
            args.add("--dry-run");
        }
        return DialreadyCommand.execute(out, err, args.toArray(String[]::new));
    }

    /** Why a run cannot be resumed any more, or null when its spec and input are as they were. */
    static String notResumable(Unfinished run) {
        if (run.spec() == null || run.input() == null || run.params().get("output") == null) {
            return "the job repository does not say which spec, input and output it had";
        }
        Path spec = Path.of(run.spec());
        if (!Files.isRegularFile(spec)) {
            return "its job spec " + spec + " is gone";
        }
        if (run.databaseInput()) {
            return null; // the spec's own table or query: the run's identity (checked by enrich) says the rest
        }
        Path input = Path.of(run.input());
        if (!Files.isRegularFile(input)) {
            return "its input " + input + " is gone";
        }
        try {
            if (Files.size(input) != Long.parseLong(run.params().getOrDefault("input_size", "-1"))
                    || Files.getLastModifiedTime(input).toMillis()
                            != Long.parseLong(run.params().getOrDefault("input_mtime", "-1"))) {
                return "its input " + input + " was replaced or changed (size or modification time differ)";
            }
        } catch (IOException | NumberFormatException e) {
            return "its input " + input + " cannot be checked: " + e.getMessage();
        }
        return null;
    }

    private static String url(Path dataDir) {
        // IFEXISTS: never create an empty database here
        return "jdbc:h2:file:" + dataDir.resolve("dialready") + ";IFEXISTS=TRUE";
    }

    /** The last execution of every enrich run that neither completed nor was abandoned, oldest first. */
    static List<Unfinished> unfinished(Path dataDir) throws SQLException {
        List<Unfinished> runs = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url(dataDir), "sa", "")) {
            if (!c.getMetaData()
                    .getTables(null, null, "BATCH_JOB_EXECUTION", null)
                    .next()) {
                return runs;
            }
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT e.JOB_EXECUTION_ID, e.JOB_INSTANCE_ID, e.STATUS FROM BATCH_JOB_EXECUTION e
                    JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                    WHERE i.JOB_NAME = 'enrich' AND e.JOB_EXECUTION_ID = (SELECT MAX(x.JOB_EXECUTION_ID)
                        FROM BATCH_JOB_EXECUTION x WHERE x.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID)
                      AND e.STATUS NOT IN ('COMPLETED', 'ABANDONED')
                    ORDER BY e.JOB_EXECUTION_ID""");
                    PreparedStatement p =
                            c.prepareStatement("SELECT PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS"
                                    + " WHERE JOB_EXECUTION_ID = ?");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> params = new HashMap<>();
                    p.setLong(1, rs.getLong(1));
                    try (ResultSet ps = p.executeQuery()) {
                        while (ps.next()) {
                            params.put(ps.getString(1), ps.getString(2));
                        }
                    }
                    runs.add(new Unfinished(rs.getLong(1), rs.getLong(2), rs.getString(3), params));
                }
            }
        }
        return runs;
    }

    /**
     * Marks the run's last execution abandoned (Spring Batch's status for "never restart this"; EnrichRunner then
     * starts a fresh run for the same identity), with the reason as exit message.
     */
    private static void abandon(Path dataDir, Unfinished run, String why) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(dataDir), "sa", "");
                PreparedStatement s = c.prepareStatement("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'ABANDONED',"
                        + " EXIT_CODE = 'ABANDONED', EXIT_MESSAGE = ?, END_TIME = COALESCE(END_TIME, LOCALTIMESTAMP),"
                        + " LAST_UPDATED = LOCALTIMESTAMP WHERE JOB_EXECUTION_ID = (SELECT MAX(JOB_EXECUTION_ID)"
                        + " FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?)")) {
            // the run's last execution: a resume that failed again added one
            s.setString(1, "dialready resume: " + why);
            s.setLong(2, run.instanceId());
            s.executeUpdate();
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
