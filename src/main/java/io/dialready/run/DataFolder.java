package io.dialready.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The data folder: the embedded H2 database of the job repository, lookup cache and quotas ({@code dialready.mv.db}),
 * and the lock file that lets one run at a time use it ({@code dialready.lock}). The only place that knows either
 * name or the database's URL.
 */
public final class DataFolder implements JobStore {

    static final String LOCK_FILE = "dialready.lock";
    private static final String DATABASE = "dialready";

    private final Path dir;

    public DataFolder(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /**
     * The database's URL. WRITE_DELAY=0: H2 stores each transaction as it commits, in the committing thread, instead of
     * a background writer storing the tables one by one while commits go on; after a SIGKILL, the latter could leave a
     * chunk's rows without the reader position committed with them, or the reverse (docs/crash-safety.md).
     */
    public String jdbcUrl() {
        return "jdbc:h2:file:" + dir.resolve(DATABASE) + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    /** The URL for reading what earlier runs left: IFEXISTS, so that reading never creates an empty database. */
    public String existingJdbcUrl() {
        return jdbcUrl() + ";IFEXISTS=TRUE";
    }

    /** Whether a run ever used this folder (its database file is there). */
    public boolean hasDatabase() {
        return Files.exists(dir.resolve(DATABASE + ".mv.db"));
    }

    /** Takes the folder's lock without waiting; null when another run (of any job) holds it. */
    public LockFile tryLock() throws IOException {
        return LockFile.tryLock(dir.resolve(LOCK_FILE));
    }

    /** Whether another run holds the folder's lock now (nightly, a manual enrich); false when it cannot be told. */
    public boolean busy() {
        try {
            return LockFile.held(dir.resolve(LOCK_FILE));
        } catch (IOException e) {
            return false; // the run reports the problem itself
        }
    }

    @Override
    public void prepare() throws IOException {
        PrivateFiles.folder(dir); // the H2 file holds every number and name of the run
    }

    @Override
    public Lock tryLock(String jobName) throws Unavailable {
        LockFile lock;
        try {
            lock = tryLock();
        } catch (IOException e) {
            throw new Unavailable("cannot lock the data folder " + dir + ": " + e.getMessage());
        }
        if (lock == null) {
            return null;
        }
        return () -> {
            try {
                lock.close();
            } catch (IOException e) {
                // the channel is closed with it; the operating system has released the lock
            }
        };
    }

    @Override
    public String busyMessage(String jobName) {
        return "another dialready run is using the data folder " + dir + "; wait for it to finish or use --data";
    }

    @Override
    public Map<String, Object> springProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", jdbcUrl());
        props.put("spring.datasource.username", "sa");
        props.put("spring.datasource.password", "");
        return props;
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
