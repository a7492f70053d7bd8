package io.dialready.run;

import io.dialready.db.DataSources;
import io.dialready.db.JdbcUrls;
import io.dialready.db.RunLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job repository on MySQL/MariaDB: no data folder and no lock file, but a named lock per job on the server
 * ({@link RunLock}), so that two machines never run the same job at once.
 */
public final class MySqlJobStore implements JobStore {

    /** Environment variable holding the password of the database (never an option: it would show in ps). */
    public static final String PASSWORD_ENV = "DIALREADY_DATABASE_PASSWORD";

    private static final Logger log = LoggerFactory.getLogger(MySqlJobStore.class);

    private final String url;
    private final String user;
    private final String password;

    /**
     * @throws IllegalArgumentException when the URL is not a MySQL/MariaDB one; the message says what was expected
     */
    public MySqlJobStore(String url, String user, String password) {
        if (!JdbcUrls.mysql(url)) {
            throw new IllegalArgumentException(
                    "must be a MySQL/MariaDB URL such as jdbc:mysql://127.0.0.1:3306/dialready," + " not '"
                            + JdbcUrls.redact(url) + "'");
        }
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public void prepare() {}

    @Override
    public Lock tryLock(String jobName) throws Unavailable {
        String shown = JdbcUrls.redact(url);
        Connection connection;
        try {
            connection = DataSources.connect(url, user, password);
        } catch (SQLException e) {
            log.error("cannot reach the job repository database", e);
            throw new Unavailable("cannot reach the database " + shown + ": " + Failures.oneLine(e)
                    + " (check --database, --database-user and " + PASSWORD_ENV + ")");
        }
        RunLock lock;
        try {
            lock = RunLock.tryAcquire(connection, jobName);
        } catch (SQLException e) {
            log.error("cannot take the run lock", e);
            throw new Unavailable("cannot take the run lock on " + shown + ": " + Failures.oneLine(e));
        }
        return lock == null ? null : lock::close;
    }

    @Override
    public String busyMessage(String jobName) {
        return "another dialready run of job '" + jobName + "' is using the database " + JdbcUrls.redact(url)
                + "; wait for it to finish";
    }

    @Override
    public Map<String, Object> springProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", url);
        props.put("spring.datasource.driver-class-name", "com.mysql.cj.jdbc.Driver");
        props.put("spring.datasource.username", user == null ? "" : user);
        props.put("spring.datasource.password", password == null ? "" : password);
        props.put("spring.datasource.hikari.connection-timeout", Long.toString(DataSources.connectTimeoutMs()));
        // the database may already hold other tables (the agency's own, the debtor table): Flyway then starts its
        // history at version 0 instead of refusing, and still applies V1 (the job repository) and the rest
        props.put("spring.flyway.baseline-on-migrate", "true");
        props.put("spring.flyway.baseline-version", "0");
        DataSources.mysqlProperties()
                .forEach((k, v) -> props.put("spring.datasource.hikari.data-source-properties." + k, v));
        return props;
    }

    @Override
    public String toString() {
        return JdbcUrls.redact(url);
    }
}
