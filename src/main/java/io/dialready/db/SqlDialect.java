package io.dialready.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The few places where H2 and MySQL/MariaDB SQL differ: long text columns, upserts and secondary indexes. Everything
 * else the project writes (CREATE TABLE IF NOT EXISTS, DROP TABLE IF EXISTS, keyset SELECTs with LIMIT) is the same on
 * both.
 */
public enum SqlDialect {
    H2,
    MYSQL;

    public static SqlDialect of(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return of(c);
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot reach the database: " + e.getMessage(), e);
        }
    }

    public static SqlDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("mysql") || product.contains("mariadb")) {
            return MYSQL;
        }
        throw new SQLException("unsupported database '" + product + "': dialready runs on H2 and MySQL/MariaDB");
    }

    /** An unbounded text column (one debtor's formatted dialer lines). */
    public String longText() {
        return this == H2 ? "CHARACTER VARYING" : "MEDIUMTEXT";
    }

    /** A short text column that can be part of a key or an index. */
    public String text(int length) {
        return "VARCHAR(" + length + ")";
    }

    /**
     * An insert that replaces the row with the same key: a chunk written again after a crash updates its rows instead
     * of failing or duplicating them. {@code table} and {@code columns} must be checked identifiers.
     */
    public String upsert(String table, List<String> columns, List<String> key) {
        String cols = String.join(", ", columns);
        String marks = String.join(", ", java.util.Collections.nCopies(columns.size(), "?"));
        if (this == H2) {
            return "MERGE INTO " + table + " (" + cols + ") KEY (" + String.join(", ", key) + ") VALUES (" + marks
                    + ")";
        }
        StringBuilder update = new StringBuilder();
        for (String c : columns) {
            if (!key.contains(c)) {
                update.append(update.isEmpty() ? "" : ", ")
                        .append(c)
                        .append(" = VALUES(")
                        .append(c)
                        .append(')');
            }
        }
        if (update.isEmpty()) {
            update.append(key.get(0)).append(" = ").append(key.get(0));
        }
        return "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ") ON DUPLICATE KEY UPDATE " + update;
    }

    /**
     * A CREATE TABLE IF NOT EXISTS with a secondary index: H2 creates the index by a second statement, MySQL inside the
     * table definition (MySQL 8 has no CREATE INDEX IF NOT EXISTS).
     */
    public List<String> createTableWithIndex(String table, String columnsSql, String indexName, String indexColumns) {
        if (this == H2) {
            return List.of(
                    "CREATE TABLE IF NOT EXISTS " + table + " (" + columnsSql + ")",
                    "CREATE INDEX IF NOT EXISTS " + indexName + " ON " + table + " (" + indexColumns + ")");
        }
        return List.of("CREATE TABLE IF NOT EXISTS " + table + " (" + columnsSql + ", INDEX " + indexName + " ("
                + indexColumns + ")) ENGINE=InnoDB");
    }

    /**
     * A checked identifier (a table, database.table or column name) quoted so that names which are keywords still
     * work; H2 is left unquoted, where quoting would make names case-sensitive.
     */
    public String quote(String identifier) {
        if (this == H2) {
            return identifier;
        }
        StringBuilder sb = new StringBuilder();
        for (String part : identifier.split("\\.")) {
            sb.append(sb.isEmpty() ? "" : ".").append('`').append(part).append('`');
        }
        return sb.toString();
    }

    /** The table options after a CREATE TABLE's column list. */
    public String tableOptions() {
        return this == H2 ? "" : " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
    }
}
