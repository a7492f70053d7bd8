package io.dialready.source.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.dialready.db.DataSources;
import io.dialready.db.SqlDialect;
import io.dialready.source.DebtorMapper;
import io.dialready.source.InputUnreadableException;
import io.dialready.source.SourceRow;
import io.dialready.spec.JobSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads debtor rows from a database table or SELECT ({@code input.jdbc}), a page at a time by key:
 * {@code WHERE key > last ORDER BY key LIMIT n}, never OFFSET, so every page costs the same on a million rows and a
 * restart starts right after the last committed key. Each row becomes a {@link SourceRow} whose fields are the
 * columns' values as text in the order of the result's columns (its "header"), so {@link DebtorMapper} and the phone
 * parsing map them exactly as they map a file's; the row's "line" is its key value, which the rejects file shows.
 * <p>
 * Values as text: NULL is empty, decimals use the spec's decimal separator (so {@code columns.decimal_separator: ","}
 * still reads a DECIMAL column right), dates are ISO {@code yyyy-MM-dd} (which the date parsing accepts whatever
 * {@code columns.date_format} says), everything else as the driver gives it.
 * <p>
 * Restartable through the key: {@code ReadAheadParser} saves the key of the last row it handed to the step under
 * {@link #LAST_KEY}, and {@link #open} reads after it.
 */
public class JdbcDebtorReader implements ItemStreamReader<SourceRow> {

    /** The key of the last row handed out and committed; a restart reads the rows after it. */
    public static final String LAST_KEY = "jdbc.last.key";

    /** Rows handed out and committed (kept for the progress and report, not for positioning). */
    public static final String READ_KEY = "jdbc.rows.read";

    /** Keys are the rows' "line numbers" and part of the dialer sort key: whole numbers from 0 to 2^40 - 1. */
    public static final long MAX_KEY = (1L << 40) - 1;

    private final JobSpec.Jdbc spec;
    private final char decimalSeparator;
    private HikariDataSource pool;
    private SqlDialect dialect;
    private String pageSql;
    private final Deque<SourceRow> page = new ArrayDeque<>();
    private long lastKey;
    private boolean exhausted;

    public JdbcDebtorReader(JobSpec.Jdbc spec, char decimalSeparator) {
        this.spec = spec;
        this.decimalSeparator = decimalSeparator;
    }

    /** The columns and whether there is a row, read without running a job (for the pre-flight checks). */
    public record Probe(List<String> header, boolean hasDataRows) {}

    /**
     * Connects, checks the source and reads its column names: the key column must be there, hold whole numbers, be
     * unique (a table: a primary key or unique index on it) and never NULL. Every problem is an
     * {@link InputUnreadableException} naming the source.
     */
    public static Probe probe(JobSpec.Jdbc spec) {
        String what = spec.describe();
        try (Connection c = DataSources.connect(
                spec.connection().url(),
                spec.connection().user(),
                spec.connection().password())) {
            SqlDialect dialect = SqlDialect.of(c);
            String from = from(spec, dialect);
            String key = dialect.quote(spec.keyColumn());
            List<String> header;
            int keyType;
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + from + " WHERE 1 = 0");
                    ResultSet rs = ps.executeQuery()) {
                header = header(rs.getMetaData());
                int k = indexOf(header, spec.keyColumn());
                if (k < 0) {
                    throw new InputUnreadableException(
                            what + ": key_column '" + spec.keyColumn() + "' is not among its columns " + header);
                }
                keyType = rs.getMetaData().getColumnType(k + 1);
            }
            if (keyType != Types.BIGINT
                    && keyType != Types.INTEGER
                    && keyType != Types.SMALLINT
                    && keyType != Types.TINYINT) {
                throw new InputUnreadableException(what + ": key_column '" + spec.keyColumn()
                        + "' must be a whole-number column (INT, BIGINT), such as the table's AUTO_INCREMENT id");
            }
            if (spec.table() != null && !uniqueIndexOn(c, spec.table(), spec.keyColumn())) {
                throw new InputUnreadableException(what + ": key_column '" + spec.keyColumn()
                        + "' must be the primary key or have a unique index of its own: rows are paged by it");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), MIN(" + key + "), MAX(" + key + ") FROM "
                            + from + " WHERE " + key + " IS NULL OR " + key + " < 0 OR " + key + " > " + MAX_KEY);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new InputUnreadableException(what + ": " + rs.getLong(1) + " rows have a key_column '"
                            + spec.keyColumn() + "' that is NULL, negative or above " + MAX_KEY
                            + "; every row needs a key from 0 to " + MAX_KEY);
                }
            }
            boolean rows;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + from + " LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                rows = rs.next();
            }
            return new Probe(header, rows);
        } catch (SQLException e) {
            throw new InputUnreadableException(what + ": " + e.getMessage(), e);
        }
    }

    private static boolean uniqueIndexOn(Connection c, String table, String column) throws SQLException {
        String catalog = c.getCatalog();
        String name = table;
        int dot = table.indexOf('.');
        if (dot > 0) {
            catalog = table.substring(0, dot);
            name = table.substring(dot + 1);
        }
        // index name -> its columns; unique indexes only
        java.util.Map<String, List<String>> indexes = new java.util.HashMap<>();
        try (ResultSet rs = c.getMetaData().getIndexInfo(catalog, null, name, true, false)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String col = rs.getString("COLUMN_NAME");
                if (index != null && col != null) {
                    indexes.computeIfAbsent(index, i -> new ArrayList<>()).add(col);
                }
            }
        }
        for (List<String> cols : indexes.values()) {
            if (cols.size() == 1 && cols.get(0).equalsIgnoreCase(column)) {
                return true;
            }
        }
        return false;
    }

    private static String from(JobSpec.Jdbc spec, SqlDialect dialect) {
        return spec.table() != null ? dialect.quote(spec.table()) : "(" + spec.query() + ") dialready_source";
    }

    private static List<String> header(ResultSetMetaData md) throws SQLException {
        List<String> names = new ArrayList<>(md.getColumnCount());
        for (int i = 1; i <= md.getColumnCount(); i++) {
            names.add(md.getColumnLabel(i));
        }
        return names;
    }

    private static int indexOf(List<String> header, String column) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void open(ExecutionContext context) {
        JobSpec.Connection c = spec.connection();
        pool = DataSources.pool("dialready-source", c.url(), c.user(), c.password(), 1);
        dialect = SqlDialect.of(pool);
        String key = dialect.quote(spec.keyColumn());
        pageSql = "SELECT * FROM " + from(spec, dialect) + " WHERE " + key + " > ? ORDER BY " + key + " LIMIT ?";
        lastKey = context.getLong(LAST_KEY, -1L);
        page.clear();
        exhausted = false;
    }

    @Override
    public SourceRow read() {
        if (page.isEmpty() && !exhausted) {
            fetch();
        }
        return page.poll();
    }

    private void fetch() {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(pageSql)) {
            ps.setLong(1, lastKey);
            ps.setInt(2, spec.pageSize());
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                int k = indexOf(header(md), spec.keyColumn()) + 1;
                boolean[] decimal = new boolean[n + 1];
                boolean[] date = new boolean[n + 1];
                for (int i = 1; i <= n; i++) {
                    int t = md.getColumnType(i);
                    decimal[i] = t == Types.DECIMAL
                            || t == Types.NUMERIC
                            || t == Types.DOUBLE
                            || t == Types.FLOAT
                            || t == Types.REAL;
                    date[i] = t == Types.DATE;
                }
                int count = 0;
                while (rs.next()) {
                    long key = rs.getLong(k);
                    if (key <= lastKey) {
                        throw new ItemStreamException(spec.describe() + ": key_column '" + spec.keyColumn()
                                + "' is not unique (" + key + " twice): rows are paged by it");
                    }
                    if (key > MAX_KEY) {
                        throw new ItemStreamException(spec.describe() + ": key " + key + " is above " + MAX_KEY);
                    }
                    String[] fields = new String[n];
                    for (int i = 1; i <= n; i++) {
                        fields[i - 1] = text(rs, i, decimal[i], date[i]);
                    }
                    page.add(new SourceRow(key, fields, null));
                    lastKey = key;
                    count++;
                }
                exhausted = count < spec.pageSize();
            }
        } catch (SQLException e) {
            throw new ItemStreamException(
                    "cannot read " + spec.describe() + " after key " + lastKey + ": " + e.getMessage(), e);
        }
    }

    private String text(ResultSet rs, int i, boolean decimal, boolean date) throws SQLException {
        if (date) {
            java.time.LocalDate d = rs.getObject(i, java.time.LocalDate.class);
            return d == null ? "" : d.toString();
        }
        String v = rs.getString(i);
        if (v == null) {
            return "";
        }
        if (decimal && decimalSeparator != '.') {
            return v.replace('.', decimalSeparator);
        }
        return v;
    }

    @Override
    public void update(ExecutionContext context) {
        // the position is the last key the step committed, which ReadAheadParser saves; this reader runs ahead of it
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
