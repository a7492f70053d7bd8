package io.dialready.run;

import java.io.IOException;
import java.util.Map;

/**
 * Where runs keep their job repository, lookup cache and quota counters, and the lock that keeps two runs of a job
 * apart: the embedded H2 database of a {@link DataFolder}, or a MySQL/MariaDB server ({@link MySqlJobStore}).
 */
public sealed interface JobStore permits DataFolder, MySqlJobStore {

    /** A lock taken by {@link #tryLock}; closing it lets the next run in. */
    interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    /** The store cannot be used (locked folder unreadable, server unreachable): the message says which and why. */
    final class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** Creates what must exist before a run (the data folder). */
    void prepare() throws IOException;

    /** Takes the lock for a run of the job named {@code jobName} without waiting; null when another run holds it. */
    Lock tryLock(String jobName) throws Unavailable;

    /** What a run that found the lock taken says. */
    String busyMessage(String jobName);

    /** The Spring Boot properties of the run's DataSource (and Flyway's, when they differ from the defaults). */
    Map<String, Object> springProperties();
}
