package io.dialready.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on a file, held until closed: the operating system's lock, so that another process cannot take it
 * meanwhile, and a killed process never leaves it behind. The file is created when missing and never deleted
 * (deleting a lock file another process holds open would let a third one lock a new file of the same name).
 * <p>
 * Within this JVM the lock is also kept in a set of held paths, checked before any channel is opened: on Linux the
 * lock is a POSIX record lock, and closing any channel of the file (as a second, refused attempt would) drops every
 * lock this process holds on it.
 */
public final class LockFile implements AutoCloseable {

    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private LockFile(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock without waiting; null when someone holds it (another process, or this JVM). */
    public static LockFile tryLock(Path file) throws IOException {
        Path path = file.toAbsolutePath().normalize();
        if (!HELD.add(path)) {
            return null;
        }
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = null;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // held through a channel of this JVM's that did not come from here
            } finally {
                if (lock == null) {
                    channel.close();
                }
            }
            if (lock != null) {
                return new LockFile(path, channel, lock);
            }
        } catch (IOException | RuntimeException e) {
            HELD.remove(path);
            throw e;
        }
        HELD.remove(path);
        return null;
    }

    /** Whether someone holds the lock now (a moment later it may be taken or free). */
    public static boolean held(Path file) throws IOException {
        try (LockFile lock = tryLock(file)) {
            return lock == null;
        }
    }

    @Override
    public void close() throws IOException {
        try (FileChannel c = channel) {
            lock.release();
        } finally {
            HELD.remove(path);
        }
    }
}
