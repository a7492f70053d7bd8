package io.dialready.run;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders and files that hold debtors' numbers and names (the job repository, the logs) are created for the owner and
 * group only, whatever the umask: under umask 000 the H2 file and the log were created 0666. A file inside a folder
 * made {@code rwxrwx---} cannot be read by others even if H2 or logback creates it 0666, so the folder is what
 * protects the files this code does not create itself.
 */
public final class PrivateFiles {

    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwxrwx---");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-rw----");

    private PrivateFiles() {}

    /** Creates the folder (and missing parents) owner/group only; a folder that exists is left as it is. */
    public static void folder(Path dir) throws IOException {
        Path missing = dir.toAbsolutePath().normalize();
        while (missing.getParent() != null && !Files.exists(missing.getParent())) {
            missing = missing.getParent();
        }
        boolean created = !Files.exists(dir);
        Files.createDirectories(dir);
        if (created) {
            for (Path p = dir.toAbsolutePath().normalize(); p != null && p.startsWith(missing); p = p.getParent()) {
                restrict(p, FOLDER);
            }
        }
    }

    /** Creates the file, and its folder, owner/group only when missing, before another library opens it. */
    public static void file(Path file) throws IOException {
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent != null) {
            folder(parent);
        }
        try {
            Files.createFile(file);
            restrict(file, FILE);
        } catch (FileAlreadyExistsException e) {
            // kept as it is: the user's own file or one made private by an earlier run
        }
    }

    private static void restrict(Path p, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(p, permissions);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): its ACLs apply
        }
    }
}
