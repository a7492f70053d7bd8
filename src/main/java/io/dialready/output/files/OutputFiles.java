package io.dialready.output.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * The run's output files, named after the input's base name, each written first under a temporary ".part" name and
 * renamed when the run completes, so that a dialer never imports half a file.
 */
public record OutputFiles(Path dir, String base) {

    public static final String PART = ".part";

    /**
     * Outputs hold personal data (names, documents, phone numbers): readable and writable by the owner, readable by the
     * group (the dialer's import user), nothing for others, whatever the umask.
     */
    public static final Set<PosixFilePermission> PERMISSIONS = PosixFilePermissions.fromString("rw-r-----");

    public static OutputFiles forInput(Path dir, Path input) {
        String name = input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return new OutputFiles(dir, dot > 0 ? name.substring(0, dot) : name);
    }

    public Path enriched() {
        return dir.resolve(base + ".enriched.csv");
    }

    public Path dialer() {
        return dir.resolve(base + ".dialer.csv");
    }

    public Path rejects() {
        return dir.resolve(base + ".rejects.csv");
    }

    public Path report() {
        return dir.resolve(base + ".report.json");
    }

    /** The run report for people: one self-contained HTML page beside the JSON. */
    public Path reportHtml() {
        return dir.resolve(base + ".report.html");
    }

    public Path enrichedXlsx() {
        return dir.resolve(base + ".enriched.xlsx");
    }

    public Path dialerXlsx() {
        return dir.resolve(base + ".dialer.xlsx");
    }

    /** An extra dialer profile's file, e.g. {@code <base>.vicidial.csv}. */
    public Path profile(io.dialready.spec.JobSpec.Profile profile) {
        return dir.resolve(base + profile.suffix());
    }

    public List<Path> all() {
        return List.of(enriched(), dialer(), rejects(), report());
    }

    /** The files a completed run leaves, for the given output formats. */
    public List<Path> published(boolean csv, boolean xlsx) {
        List<Path> files = new java.util.ArrayList<>();
        if (csv) {
            files.add(enriched());
            files.add(dialer());
        }
        if (xlsx) {
            files.add(enrichedXlsx());
            files.add(dialerXlsx());
        }
        files.add(rejects());
        files.add(report());
        files.add(reportHtml());
        return files;
    }

    public static Path part(Path file) {
        return file.resolveSibling(file.getFileName() + PART);
    }

    /**
     * Creates {@code file} empty (replacing what was there) with {@link #PERMISSIONS} from its first moment: the
     * permissions are given to the create call (so the file never exists with wider ones; the umask can only narrow
     * them), then set exactly (so a narrow umask does not take the group's read away). On a file system without POSIX
     * permissions (FAT, SMB mounts, Windows) the file is created with the system's defaults.
     */
    public static void createPrivate(Path file) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PERMISSIONS));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // no POSIX attributes here
        }
        restrict(file);
    }

    /**
     * Sets {@link #PERMISSIONS} on an existing file; does nothing where the file system has no POSIX permissions (or
     * refuses to change them, as FAT and SMB mounts do).
     */
    public static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PERMISSIONS);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to set
        }
    }

    /** Renames a finished part file to its final name; does nothing if that was already done (a resumed finish). */
    public static void publish(Path file) {
        Path part = part(file);
        if (!Files.exists(part)) {
            if (Files.exists(file)) {
                return;
            }
            throw new IllegalStateException("output " + part + " is missing");
        }
        try {
            try {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + part + " to " + file.getFileName(), e);
        }
    }
}
