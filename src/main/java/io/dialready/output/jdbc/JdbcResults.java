package io.dialready.output.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.dialready.db.DataSources;
import io.dialready.db.SqlDialect;
import io.dialready.source.InputUnreadableException;
import io.dialready.spec.JobSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The results written back to a database ({@code output.jdbc}), for dialers and CRMs that read a table rather than a
 * file: the dialer file's rows (one per debtor and phone) into the phones table, upserted on (debtor_key, phone_e164),
 * and the enriched file's debtor-level columns into the debtors table, upserted on debtor_key. Each chunk is written in
 * one transaction before the chunk commits; a chunk written again after a crash or restart updates the same rows, so
 * nothing is duplicated. A debtor's phones that this run no longer lists (a number dropped since the last run, or a
 * debtor now suppressed) are deleted as the debtor is written: each row carries {@code run_started}, the run's start,
 * and the chunk's debtors' rows from other runs go.
 * <p>
 * The tables are created when missing, or checked to have every column when present (pre-flight: exit code 3).
 */
public final class JdbcResults implements AutoCloseable {

    public static final List<String> PHONE_COLUMNS = List.of(
            "debtor_key",
            "phone_e164",
            "rank_order",
            "phone_national",
            "phone_type",
            "whatsapp",
            "whatsapp_id",
            "source_column",
            "segment",
            "priority",
            "provider",
            "timezone",
            "window_weekdays",
            "window_saturday",
            "window_sunday",
            "shared_by",
            "run_started",
            "updated_at");

    public static final List<String> DEBTOR_COLUMNS = List.of(
            "debtor_key",
            "wa_best_phone",
            "wa_best_status",
            "wa_active_phones",
            "phones_ranked",
            "segment",
            "priority",
            "wa_provider",
            "suppressed",
            "run_started",
            "updated_at");

    /** One row of the phones table: the dialer file's columns (calling columns and shared_by null when not asked for). */
    public record PhoneRow(
            String debtorKey,
            String e164,
            int rank,
            String national,
            String type,
            String whatsapp,
            String whatsappId,
            String source,
            String segment,
            int priority,
            String provider,
            String timezone,
            String weekdays,
            String saturday,
            String sunday,
            Integer sharedBy) {}

    /** One row of the debtors table: the enriched file's added columns. */
    public record DebtorRow(
            String debtorKey,
            String bestPhone,
            String bestStatus,
            String activePhones,
            String phonesRanked,
            String segment,
            int priority,
            String provider,
            String suppressed) {}

    private static final int IN_BATCH = 500;

    private final JobSpec.JdbcOutput spec;
    private HikariDataSource pool;
    private SqlDialect dialect;
    private String phonesUpsert;
    private String debtorsUpsert;

    public JdbcResults(JobSpec.JdbcOutput spec) {
        this.spec = spec;
    }

    private static String phonesDdl(SqlDialect d, String table) {
        return "CREATE TABLE IF NOT EXISTS " + d.quote(table) + " (debtor_key VARCHAR(255) NOT NULL,"
                + " phone_e164 VARCHAR(20) NOT NULL, rank_order INT NOT NULL, phone_national VARCHAR(20),"
                + " phone_type VARCHAR(20), whatsapp VARCHAR(10) NOT NULL, whatsapp_id VARCHAR(64),"
                + " source_column VARCHAR(255), segment VARCHAR(10), priority INT NOT NULL, provider VARCHAR(64),"
                + " timezone VARCHAR(64), window_weekdays VARCHAR(32), window_saturday VARCHAR(32),"
                + " window_sunday VARCHAR(32), shared_by INT, run_started BIGINT NOT NULL,"
                + " updated_at TIMESTAMP NOT NULL, PRIMARY KEY (debtor_key, phone_e164))" + d.tableOptions();
    }

    private static String debtorsDdl(SqlDialect d, String table) {
        return "CREATE TABLE IF NOT EXISTS " + d.quote(table) + " (debtor_key VARCHAR(255) NOT NULL PRIMARY KEY,"
                + " wa_best_phone VARCHAR(20), wa_best_status VARCHAR(20) NOT NULL, wa_active_phones VARCHAR(1000),"
                + " phones_ranked VARCHAR(1000), segment VARCHAR(10), priority INT NOT NULL, wa_provider VARCHAR(64),"
                + " suppressed VARCHAR(1000), run_started BIGINT NOT NULL, updated_at TIMESTAMP NOT NULL)"
                + d.tableOptions();
    }

    /**
     * Pre-flight: connects, creates a missing table, and checks that an existing one has every column; an
     * {@link InputUnreadableException} names the table and what is missing.
     */
    public static void check(JobSpec.JdbcOutput spec) {
        String where = io.dialready.db.JdbcUrls.redact(spec.connection().url());
        try (Connection c = DataSources.connect(
                spec.connection().url(),
                spec.connection().user(),
                spec.connection().password())) {
            SqlDialect d = SqlDialect.of(c);
            ensure(
                    c,
                    d,
                    spec.phonesTable(),
                    phonesDdl(d, spec.phonesTable()),
                    PHONE_COLUMNS,
                    "output.jdbc.phones_table",
                    where);
            ensure(
                    c,
                    d,
                    spec.debtorsTable(),
                    debtorsDdl(d, spec.debtorsTable()),
                    DEBTOR_COLUMNS,
                    "output.jdbc.debtors_table",
                    where);
        } catch (SQLException e) {
            throw new InputUnreadableException("results database " + where + ": " + e.getMessage(), e);
        }
    }

    private static void ensure(
            Connection c, SqlDialect d, String table, String ddl, List<String> columns, String key, String where)
            throws SQLException {
        Set<String> have = columns(c, table);
        if (have.isEmpty()) {
            c.createStatement().execute(ddl);
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String col : columns) {
            if (!have.contains(col)) {
                missing.add(col);
            }
        }
        if (!missing.isEmpty()) {
            throw new InputUnreadableException("results database " + where + ": table '" + table + "' (" + key
                    + ") exists but lacks the columns " + missing + "; drop it to have it created, or name another");
        }
    }

    private static Set<String> columns(Connection c, String table) throws SQLException {
        String catalog = c.getCatalog();
        String name = table;
        int dot = table.indexOf('.');
        if (dot > 0) {
            catalog = table.substring(0, dot);
            name = table.substring(dot + 1);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String n : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = c.getMetaData().getColumns(catalog, null, n, null)) {
                while (rs.next()) {
                    out.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            if (!out.isEmpty()) {
                break;
            }
        }
        return out;
    }

    public void open() {
        if (pool == null) {
            JobSpec.Connection c = spec.connection();
            pool = DataSources.pool("dialready-results", c.url(), c.user(), c.password(), 1);
            dialect = SqlDialect.of(pool);
            phonesUpsert = dialect.upsert(
                    dialect.quote(spec.phonesTable()), PHONE_COLUMNS, List.of("debtor_key", "phone_e164"));
            debtorsUpsert = dialect.upsert(dialect.quote(spec.debtorsTable()), DEBTOR_COLUMNS, List.of("debtor_key"));
        }
    }

    /**
     * Writes one chunk's results in one transaction: the debtors' rows and their phones, then removes the phones of
     * these debtors that other runs wrote and this run no longer lists.
     */
    public void write(long runStarted, List<DebtorRow> debtors, List<PhoneRow> phones) {
        if (debtors.isEmpty()) {
            return;
        }
        open();
        Timestamp now = new Timestamp(System.currentTimeMillis());
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(debtorsUpsert)) {
                    for (DebtorRow r : debtors) {
                        int i = 1;
                        ps.setString(i++, r.debtorKey());
                        ps.setString(i++, r.bestPhone());
                        ps.setString(i++, r.bestStatus());
                        ps.setString(i++, r.activePhones());
                        ps.setString(i++, r.phonesRanked());
                        ps.setString(i++, r.segment());
                        ps.setInt(i++, r.priority());
                        ps.setString(i++, r.provider());
                        ps.setString(i++, r.suppressed());
                        ps.setLong(i++, runStarted);
                        ps.setTimestamp(i, now);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                if (!phones.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement(phonesUpsert)) {
                        for (PhoneRow r : phones) {
                            int i = 1;
                            ps.setString(i++, r.debtorKey());
                            ps.setString(i++, r.e164());
                            ps.setInt(i++, r.rank());
                            ps.setString(i++, r.national());
                            ps.setString(i++, r.type());
                            ps.setString(i++, r.whatsapp());
                            ps.setString(i++, r.whatsappId());
                            ps.setString(i++, r.source());
                            ps.setString(i++, r.segment());
                            ps.setInt(i++, r.priority());
                            ps.setString(i++, r.provider());
                            ps.setString(i++, r.timezone());
                            ps.setString(i++, r.weekdays());
                            ps.setString(i++, r.saturday());
                            ps.setString(i++, r.sunday());
                            if (r.sharedBy() == null) {
                                ps.setNull(i++, java.sql.Types.INTEGER);
                            } else {
                                ps.setInt(i++, r.sharedBy());
                            }
                            ps.setLong(i++, runStarted);
                            ps.setTimestamp(i, now);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                deleteStale(c, runStarted, debtors);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone; the server rolls back
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new org.springframework.dao.DataAccessResourceFailureException(
                    "cannot write the results to "
                            + io.dialready.db.JdbcUrls.redact(spec.connection().url()) + ": " + e.getMessage(),
                    e);
        }
    }

    private void deleteStale(Connection c, long runStarted, List<DebtorRow> debtors) throws SQLException {
        List<String> keys = new ArrayList<>(
                new LinkedHashSet<>(debtors.stream().map(DebtorRow::debtorKey).toList()));
        for (int from = 0; from < keys.size(); from += IN_BATCH) {
            List<String> part = keys.subList(from, Math.min(keys.size(), from + IN_BATCH));
            String sql =
                    "DELETE FROM " + dialect.quote(spec.phonesTable()) + " WHERE run_started <> ? AND debtor_key IN ("
                            + String.join(",", Collections.nCopies(part.size(), "?")) + ")";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, runStarted);
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 2, part.get(i));
                }
                ps.executeUpdate();
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
