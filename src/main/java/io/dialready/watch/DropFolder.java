package io.dialready.watch;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drop folder: processes each CSV/XLSX file dropped into the inbox once.
 * <ol>
 * <li>A plain poll loop (not WatchService, which misses events on network mounts such as NFS and SMB shares, where
 * drop folders often live) lists the inbox every poll interval. Temporary names are ignored (dotfiles, {@code ~$}
 * Office lock files, {@code .part}, {@code .partial}, {@code .filepart}, {@code .crdownload}, {@code .tmp},
 * {@code .swp}).</li>
 * <li>A file is taken only when its size and modification time have not changed for the settle interval, so an
 * upload in progress is never read half-written.</li>
 * <li>Its SHA-256 is checked against the ledger: the same name and content already done for this job goes to
 * {@code failed/} with an {@code .error.txt} saying it is a duplicate, unprocessed.</li>
 * <li>It is moved (renamed) to {@code processing/}, the job runs on it with the outputs in the outbox, and it is moved
 * to {@code done/} (exit 0, or 4: quota spent, outputs complete) or to {@code failed/} with
 * {@code <name>.error.txt} beside it saying why (the run's error lines and exit code).</li>
 * </ol>
 * Restart-safe: a file found in {@code processing/} when the watcher starts was interrupted (watcher killed, machine
 * restarted); it is run again first, and since the rename kept its path, size and modification time, the job resumes
 * its interrupted run from the last committed chunk.
 */
public final class DropFolder {

    private static final Logger log = LoggerFactory.getLogger(DropFolder.class);

    /**
     * Exit code 4 (run.ExitCodes.QUOTA_SPENT): every account's daily quota is spent, some phones are left PENDING, the
     * outputs are complete. A completed run, not a failure; reported.
     */
    public static final int QUOTA_SPENT = 4;

    private static final Set<String> ACCEPTED = Set.of("csv", "txt", "tsv", "xlsx", "xlsm", "xls");
    private static final List<String> TEMPORARY_SUFFIXES =
            List.of(".part", ".partial", ".filepart", ".crdownload", ".tmp", ".swp", ".download");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** Runs the job on one file: its exit code and, when it failed, what it said. */
    @FunctionalInterface
    public interface Job {
        Result run(Path input);
    }

    public record Result(int exitCode, String message) {}

    /**
     * @param jobId  the job spec (its path), to tell two jobs' ledger entries apart
     * @param settle how long size and modification time must stay the same before a file is taken
     * @param poll   how often the inbox is listed
     */
    public record Settings(Path inbox, Path outbox, String jobId, Duration settle, Duration poll) {

        public Path processing() {
            return inbox.resolve("processing");
        }

        public Path done() {
            return inbox.resolve("done");
        }

        public Path failed() {
            return inbox.resolve("failed");
        }
    }

    /** What a file's size and modification time were when first seen so, and since when. */
    private record Seen(long size, long modified, long sinceNanos) {}

    private final Settings settings;
    private final Ledger ledger;
    private final Job job;
    private final BooleanSupplier dataFolderBusy;
    private final PrintWriter out;
    private final Map<String, Seen> seen = new HashMap<>();
    private int processed;
    private int failed;

    public DropFolder(Settings settings, Ledger ledger, Job job, BooleanSupplier dataFolderBusy, PrintWriter out) {
        this.settings = settings;
        this.ledger = ledger;
        this.job = job;
        this.dataFolderBusy = dataFolderBusy;
        this.out = out;
    }

    public int processed() {
        return processed;
    }

    public int failed() {
        return failed;
    }

    /**
     * Watches until {@code stop} says so; with {@code once}, returns as soon as the inbox holds no file left to take
     * (after waiting for the files present to settle).
     */
    public void run(BooleanSupplier stop, boolean once) throws IOException, InterruptedException {
        for (Path folder : List.of(
                settings.inbox(), settings.processing(), settings.done(), settings.failed(), settings.outbox())) {
            // a folder pre-created as a link would make the watcher move dropped files wherever it points
            if (Files.isSymbolicLink(folder)) {
                throw new IOException(
                        "refused: " + folder + " is a symbolic link; the watcher's folders must be real" + " folders");
            }
            Files.createDirectories(folder);
        }
        say("watching " + settings.inbox() + " (settle " + seconds(settings.settle()) + ", poll every "
                + seconds(settings.poll()) + "); outputs to " + settings.outbox());
        while (!stop.getAsBoolean()) {
            boolean waiting = false;
            // interrupted files first: they resume where they stopped
            for (Path file : list(settings.processing())) {
                if (stop.getAsBoolean()) {
                    return;
                }
                if (!runWhenDataFree(file)) {
                    waiting = true;
                }
            }
            List<Path> ready = new ArrayList<>();
            boolean pending = scan(ready);
            for (Path file : ready) {
                if (stop.getAsBoolean()) {
                    return;
                }
                take(file);
            }
            if (once
                    && !pending
                    && !waiting
                    && ready.isEmpty()
                    && list(settings.processing()).isEmpty()) {
                return;
            }
            Thread.sleep(settings.poll().toMillis());
        }
    }

    /**
     * Lists the inbox: files whose size and time held still for the settle interval go to {@code ready}; returns
     * whether other candidate files are still settling.
     */
    /** Links already reported, so that the log says it once per name. */
    private final java.util.Set<String> linksNoted = new java.util.HashSet<>();

    private boolean scan(List<Path> ready) throws IOException {
        long now = System.nanoTime();
        Map<String, Path> present = new HashMap<>();
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(settings.inbox())) {
            for (Path file : dir) {
                String name = file.getFileName().toString();
                if (ignored(name)) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    // not followed: a link to another client's file or to /etc/shadow is not a dropped file
                    a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    continue; // gone between the listing and now
                }
                if (a.isSymbolicLink() && linksNoted.add(name)) {
                    say(name + ": skipped, a symbolic link (the watcher takes regular files only)");
                }
                if (!a.isRegularFile()) {
                    continue;
                }
                present.put(name, file);
                Seen before = seen.get(name);
                long modified = a.lastModifiedTime().toMillis();
                if (before == null || before.size() != a.size() || before.modified() != modified) {
                    seen.put(name, new Seen(a.size(), modified, now));
                    continue;
                }
                if (now - before.sinceNanos() >= settings.settle().toNanos()) {
                    candidates.add(file);
                }
            }
        }
        seen.keySet().retainAll(present.keySet());
        candidates.sort(Comparator.comparingLong(
                        (Path p) -> seen.get(p.getFileName().toString()).modified())
                .thenComparing(p -> p.getFileName().toString()));
        ready.addAll(candidates);
        return present.size() > candidates.size();
    }

    /** Whether the watcher leaves the file alone: temporary names of uploads and editors. */
    static boolean ignored(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.startsWith(".") || name.startsWith("~$")) {
            return true;
        }
        for (String suffix : TEMPORARY_SUFFIXES) {
            if (lower.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private void take(Path file) throws IOException {
        String name = file.getFileName().toString();
        seen.remove(name);
        String extension = name.lastIndexOf('.') > 0
                ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)
                : "";
        if (!ACCEPTED.contains(extension)) {
            fail(file, 0, "not a CSV or XLSX file: the watcher takes .csv, .txt, .tsv, .xlsx and .xlsm files", null);
            return;
        }
        String sha = Ledger.sha256(file);
        Optional<Ledger.Entry> done = ledger.done(settings.jobId(), name, sha);
        if (done.isPresent()) {
            fail(
                    file,
                    0,
                    "duplicate: a file with the same name and content (SHA-256 " + sha + ") was processed on "
                            + done.get().finishedAt()
                            + "; not processed again (rename or change the file to process it)",
                    null);
            return;
        }
        Path processing = settings.processing().resolve(name);
        if (Files.exists(processing)) {
            return; // a file of that name is still being processed; take this one when it is done
        }
        move(file, processing);
        say(name + ": taken (" + Files.size(processing) + " bytes, sha256 " + sha.substring(0, 12) + ")");
        runWhenDataFree(processing);
    }

    /** Runs the job on a file in processing/; false when the data folder is in use (tried again at the next poll). */
    private boolean runWhenDataFree(Path file) throws IOException {
        if (dataFolderBusy.getAsBoolean()) {
            log.info("{}: the data folder is in use by another run; trying again at the next poll", file.getFileName());
            return false;
        }
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            // swapped for a link after the scan: never read through it
            say(name + ": skipped, not a regular file (a symbolic link?)");
            Files.delete(file);
            return true;
        }
        String sha = Ledger.sha256(file);
        say(name + ": processing");
        Result result;
        try {
            result = job.run(file);
        } catch (RuntimeException e) {
            log.error("{}: the job threw", name, e);
            result = new Result(1, "the job failed: " + e);
        }
        if (result.exitCode() == 0 || result.exitCode() == QUOTA_SPENT) {
            Path target = unique(settings.done(), name);
            move(file, target);
            ledger.record("done", result.exitCode(), sha, settings.jobId(), name);
            processed++;
            say(name + ": done"
                    + (result.exitCode() == QUOTA_SPENT
                            ? " (exit code 4: provider quota spent, some" + " phones left PENDING)"
                            : "")
                    + "; input moved to " + target);
        } else {
            fail(file, result.exitCode(), result.message(), sha);
        }
        return true;
    }

    private void fail(Path file, int exitCode, String why, String sha) throws IOException {
        String name = file.getFileName().toString();
        Path target = unique(settings.failed(), name);
        move(file, target);
        StringBuilder text = new StringBuilder();
        text.append(name)
                .append(": not processed: ")
                .append(why == null ? "" : why.strip())
                .append('\n');
        if (exitCode != 0) {
            text.append("exit code ")
                    .append(exitCode)
                    .append(" (")
                    .append(meaning(exitCode))
                    .append(")\n");
        }
        text.append("job: ").append(settings.jobId()).append('\n');
        text.append("failed at: ").append(LocalDateTime.now().withNano(0)).append('\n');
        text.append("To retry: fix the problem, then drop the file into ")
                .append(settings.inbox())
                .append(" again.\n");
        Files.writeString(target.resolveSibling(target.getFileName() + ".error.txt"), text);
        if (sha != null) {
            ledger.record("failed", exitCode, sha, settings.jobId(), name);
        }
        failed++;
        say(name + ": failed" + (exitCode != 0 ? " (exit code " + exitCode + ")" : "") + "; moved to " + target
                + " with " + target.getFileName() + ".error.txt");
    }

    private static String meaning(int exitCode) {
        return switch (exitCode) {
            case 1 -> "the run failed; details in the log file";
            case 2 -> "bad job spec or arguments";
            case 3 -> "input unreadable";
            case 5 -> "the provider cannot be used; the outputs were written with the phones not checked PENDING";
            default -> "see README.md, exit codes";
        };
    }

    /** The target name in a folder, with a time stamp before the extension when the name is taken. */
    static Path unique(Path folder, String name) {
        Path target = folder.resolve(name);
        if (!Files.exists(target)) {
            return target;
        }
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        String stamp = LocalDateTime.now().format(STAMP);
        for (int i = 1; ; i++) {
            target = folder.resolve(stem + "." + stamp + (i > 1 ? "-" + i : "") + ext);
            if (!Files.exists(target)) {
                return target;
            }
        }
    }

    private static void move(Path from, Path to) {
        if (Files.isSymbolicLink(to.getParent()) || Files.isSymbolicLink(from.getParent())) {
            // a folder swapped for a link while the watcher runs: do not move the file wherever it points
            throw new UncheckedIOException(new IOException("refused: " + to.getParent() + " or " + from.getParent()
                    + " is a symbolic link; the watcher's folders must be real folders"));
        }
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to, e);
        }
    }

    private static List<Path> list(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
            for (Path f : dir) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                        && !ignored(f.getFileName().toString())) {
                    files.add(f);
                }
            }
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return files;
    }

    private void say(String line) {
        log.info(line);
        out.println("dialready watch: " + line);
        out.flush();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
