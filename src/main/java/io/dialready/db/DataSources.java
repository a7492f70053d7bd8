package io.dialready.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/** Connections and pools to MySQL/MariaDB databases: the job repository's settings, the jdbc source's and output's. */
public final class DataSources {

    /**
     * How long to wait for a connection (connect timeout and pool timeout), in ms: 10 s, or the system property
     * {@code dialready.db.connect-timeout-ms} (tests that stop a server use less).
     */
    public static long connectTimeoutMs() {
        return Long.getLong("dialready.db.connect-timeout-ms", 10_000L);
    }

    private DataSources() {}

    /**
     * Driver settings for every MySQL connection: batched inserts sent as one multi-row statement (about ten times
     * faster for the staging and results tables), and a connect timeout so that an unreachable server fails in
     * seconds.
     */
    public static Map<String, String> mysqlProperties() {
        return Map.of(
                "rewriteBatchedStatements",
                "true",
                "connectTimeout",
                Long.toString(connectTimeoutMs()),
                "cachePrepStmts",
                "true",
                "useServerPrepStmts",
                "false",
                "characterEncoding",
                "UTF-8");
    }

    /** One connection outside any pool (the run lock; pre-flight checks). */
    public static Connection connect(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        p.setProperty("password", password == null ? "" : password);
        if (JdbcUrls.mysql(url)) {
            mysqlProperties().forEach(p::setProperty);
        }
        return DriverManager.getConnection(url, p);
    }

    /** A small pool for a jdbc source or output; closed at the end of the step that uses it. */
    public static HikariDataSource pool(String name, String url, String user, String password, int size) {
        HikariConfig c = new HikariConfig();
        c.setPoolName(name);
        c.setJdbcUrl(url);
        c.setUsername(user);
        c.setPassword(password == null ? "" : password);
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(0);
        c.setConnectionTimeout(connectTimeoutMs());
        if (JdbcUrls.mysql(url)) {
            mysqlProperties().forEach(c::addDataSourceProperty);
        }
        return new HikariDataSource(c);
    }
}
