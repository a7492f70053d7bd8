package io.dialready.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock file against a real second process, and against a second attempt in this JVM. */
class LockFileTest {

    @TempDir
    Path dir;

    @Test
    void anotherProcessCannotTakeItWhileHeldAndCanOnceReleased() throws Exception {
        Path file = dir.resolve("x.lock");
        try (LockFile lock = LockFile.tryLock(file)) {
            assertThat(lock).isNotNull();
            assertThat(LockHolder.tryFromAnotherProcess(file)).isEqualTo("refused");
        }
        assertThat(LockHolder.tryFromAnotherProcess(file)).isEqualTo("taken");
        assertThat(file).exists(); // never deleted: another process may hold it open
    }

    /**
     * On Linux the lock is a POSIX record lock, which closing any of this process's channels of the file drops: a
     * refused second attempt in this JVM must not open (and close) one, or another process could then take it.
     */
    @Test
    void aRefusedSecondAttemptInThisJvmKeepsTheFirstLockHeld() throws Exception {
        Path file = dir.resolve("x.lock");
        try (LockFile first = LockFile.tryLock(file)) {
            assertThat(LockFile.tryLock(file)).isNull();
            assertThat(LockFile.held(file)).isTrue();
            assertThat(LockFile.tryLock(dir.resolve(".").resolve("x.lock")))
                    .as("the same file by another path")
                    .isNull();
            assertThat(LockHolder.tryFromAnotherProcess(file)).isEqualTo("refused");
        }
        assertThat(LockFile.held(file)).isFalse();
    }

    @Test
    void aLockHeldByAnotherProcessIsRefusedHereAndFreedWhenThatProcessIsKilled() throws Exception {
        Path file = dir.resolve("x.lock");
        Process holder = LockHolder.hold(file);
        try {
            assertThat(LockFile.tryLock(file)).isNull();
            assertThat(LockFile.held(file)).isTrue();
        } finally {
            holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        // SIGKILL: the operating system releases the lock with the process
        try (LockFile lock = LockFile.tryLock(file)) {
            assertThat(lock).isNotNull();
        }
    }

    @Test
    void aFolderThatIsNotThereIsAnErrorNotAFreeLock() {
        Path file = dir.resolve("missing/x.lock");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LockFile.tryLock(file))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThat(Files.exists(file)).isFalse();
        // and a failed attempt leaves nothing behind in this JVM's set of held locks
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LockFile.tryLock(file))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
