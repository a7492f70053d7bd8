package io.dialready.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * With the job repository on MySQL, the data folder's lock file no longer keeps two runs of one job apart (they may
 * start on two machines). This lock does: a MySQL named lock ({@code GET_LOCK}) per database and job name, held on
 * its own connection for the whole run. Named locks are server-wide, so the database (schema) is part of the name: two
 * job repositories on one server do not block each other's jobs of the same name. The server releases it when the connection ends, so a killed run never leaves it
 * behind.
 */
public final class RunLock implements AutoCloseable {

    private final Connection connection;
    private final String name;

    private RunLock(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /** The lock's name for a job in a database: MySQL allows 64 characters, so both are hashed. */
    public static String name(String database, String jobName) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((database + "\u0000" + jobName).getBytes(StandardCharsets.UTF_8));
            return "dialready." + HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes the job's lock without waiting; null when another run holds it. Closes the connection when it fails. */
    public static RunLock tryAcquire(Connection connection, String jobName) throws SQLException {
        String name;
        try {
            name = name(String.valueOf(connection.getCatalog()), jobName);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getInt(1) == 1) {
                    return new RunLock(connection, name);
                }
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return null;
    }

    @Override
    public void close() {
        try (Connection c = connection;
                PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            ps.setString(1, name);
            ps.execute();
        } catch (SQLException e) {
            // the connection is gone (the server went away): the server has released the lock with it
        }
    }
}
