package io.dialready.watch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What the drop-folder watcher has processed: one tab-separated line per finished file, appended to
 * {@code <data>/watch-ledger.tsv} ({@code finished_at, outcome, exit_code, sha256, job, name}). A file whose name and
 * SHA-256 match a {@code done} line of the same job is a duplicate and is not processed again; a {@code failed} line
 * does not block a retry (the user fixed the spec or the file and dropped it again).
 */
public final class Ledger {

    public static final String FILE = "watch-ledger.tsv";

    private final Path file;

    public Ledger(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** A finished file as the ledger has it. */
    public record Entry(String finishedAt, String outcome, int exitCode, String sha256, String job, String name) {}

    /** The {@code done} entry of the same job, name and content, if any. */
    public synchronized Optional<Entry> done(String job, String name, String sha256) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (f.length == 6 && f[1].equals("done") && f[3].equals(sha256) && f[4].equals(job) && f[5].equals(name)) {
                return Optional.of(new Entry(f[0], f[1], Integer.parseInt(f[2]), f[3], f[4], f[5]));
            }
        }
        return Optional.empty();
    }

    public synchronized void record(String outcome, int exitCode, String sha256, String job, String name)
            throws IOException {
        String line = String.join(
                        "\t",
                        LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                        outcome,
                        Integer.toString(exitCode),
                        sha256,
                        clean(job),
                        clean(name))
                + "\n";
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                line,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.SYNC);
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
