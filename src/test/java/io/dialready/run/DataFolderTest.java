package io.dialready.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder: where its database and lock file are, and its lock against another process. */
class DataFolderTest {

    @TempDir
    Path dir;

    @Test
    void theDatabaseUrlAndTheLockFileLiveInTheFolder() throws Exception {
        DataFolder folder = new DataFolder(dir.resolve("data/../data"));
        assertThat(folder.dir()).isEqualTo(dir.resolve("data").toAbsolutePath());
        assertThat(folder.jdbcUrl())
                .isEqualTo("jdbc:h2:file:" + dir.resolve("data/dialready") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        assertThat(folder.springProperties())
                .containsEntry("spring.datasource.url", folder.jdbcUrl())
                .containsEntry("spring.datasource.username", "sa");

        assertThat(folder.hasDatabase()).isFalse();
        folder.prepare();
        // reading what earlier runs left never creates an empty database
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> DriverManager.getConnection(folder.existingJdbcUrl(), "sa", "")
                                .close())
                .hasMessageContaining("not found");
        assertThat(folder.hasDatabase()).isFalse();
        try (Connection c = DriverManager.getConnection(folder.jdbcUrl(), "sa", "")) {
            c.createStatement().execute("CREATE TABLE T (X INT)");
        }
        assertThat(folder.hasDatabase()).isTrue();

        try (LockFile lock = folder.tryLock()) {
            assertThat(lock).isNotNull();
            assertThat(dir.resolve("data/dialready.lock")).exists();
        }
    }

    @Test
    void aRunOfAnotherProcessMakesTheFolderBusyForEveryJob() throws Exception {
        DataFolder folder = new DataFolder(dir);
        assertThat(folder.busy()).isFalse();
        Process other = LockHolder.hold(dir.resolve(DataFolder.LOCK_FILE));
        try {
            assertThat(folder.busy()).isTrue();
            assertThat(folder.tryLock("any job")).isNull();
            assertThat(folder.busyMessage("any job"))
                    .isEqualTo("another dialready run is using the data folder " + dir.toAbsolutePath()
                            + "; wait for it to finish or use --data");
        } finally {
            other.getOutputStream().close(); // it lets go and exits
            other.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(folder.busy()).isFalse();
        try (JobStore.Lock lock = folder.tryLock("any job")) {
            assertThat(lock).isNotNull();
            assertThat(folder.busy()).as("held by this JVM").isTrue();
            assertThat(LockHolder.tryFromAnotherProcess(dir.resolve(DataFolder.LOCK_FILE)))
                    .isEqualTo("refused");
        }
        assertThat(folder.busy()).isFalse();
    }

    @Test
    void aFolderThatCannotHoldALockFileIsUnavailable() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("file"), "not a folder");
        DataFolder folder = new DataFolder(dir.resolve("file"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> folder.tryLock("job"))
                .isInstanceOf(JobStore.Unavailable.class)
                .hasMessageStartingWith(
                        "cannot lock the data folder " + dir.resolve("file").toAbsolutePath() + ": ");
    }
}
