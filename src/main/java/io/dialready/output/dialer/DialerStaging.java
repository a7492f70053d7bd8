package io.dialready.output.dialer;

import io.dialready.db.SqlDialect;
import io.dialready.spec.JobSpec.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The staging table behind the dialer file: one table per run ({@code dialer_staging_<job instance id>}), one row per
 * debtor with valid phones holding that debtor's dialer lines already formatted in rank order. Rows go in as chunks
 * commit, in the chunk's transaction, so a crash never leaves half a chunk; the dialer step reads them
 * {@code ORDER BY sort_key} (priority, highest first, then input line), so the sort is the database's, not the heap's.
 * <p>
 * The primary key is the sort key itself, so the table is stored in dialer order and the dialer step reads it
 * sequentially: with the input line as key and an index on the sort key, reading a million rows through the index
 * took 14 s instead of 2 (scripts/bench-csv.sh). The table is dropped when the run completes: dropping is instant
 * where deleting a million rows took two minutes.
 */
public final class DialerStaging {

    /** Lines below 2^40 (a trillion) keep the key unique and ordered; priorities are below 9999. */
    private static final int LINE_BITS = 40;

    /** {@code profiles}: the debtor's lines for each extra dialer profile (empty when none is chosen). */
    public record Row(long line, long sortKey, String phones, String dialerLines, Map<Profile, String> profiles) {

        public Row(long line, long sortKey, String phones, String dialerLines) {
            this(line, sortKey, phones, dialerLines, Map.of());
        }
    }

    /** The column holding a profile's lines ("p_per_debtor"); null for the per-phone dialer lines. */
    public static String column(Profile profile) {
        return profile == null ? "dialer_lines" : "p_" + profile.name().toLowerCase(java.util.Locale.ROOT);
    }

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private SqlDialect dialect;

    public DialerStaging(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.dataSource = dataSource;
    }

    private SqlDialect dialect() {
        if (dialect == null) {
            dialect = SqlDialect.of(dataSource);
        }
        return dialect;
    }

    public static long sortKey(int priority, long line) {
        return ((long) (9999 - priority) << LINE_BITS) | line;
    }

    /** The run's table; the id is a number from the job repository, never user text. */
    public static String table(long jobInstanceId) {
        return "dialer_staging_" + jobInstanceId;
    }

    public void create(long jobInstanceId) {
        String t = table(jobInstanceId);
        String text = " " + dialect().longText();
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + t + " (sort_key BIGINT PRIMARY KEY, line BIGINT NOT NULL,"
                + " phones VARCHAR(4000) NOT NULL, dialer_lines" + text + " NOT NULL" + profileColumns(text) + ")"
                + dialect().tableOptions());
    }

    private static String profileColumns(String type) {
        StringBuilder sb = new StringBuilder();
        for (Profile p : Profile.values()) {
            sb.append(", ").append(column(p)).append(type);
        }
        return sb.toString();
    }

    private String upsert(long jobInstanceId, boolean profiles) {
        List<String> columns = new ArrayList<>(List.of("line", "sort_key", "phones", "dialer_lines"));
        if (profiles) {
            for (Profile p : Profile.values()) {
                columns.add(column(p));
            }
        }
        return dialect().upsert(table(jobInstanceId), columns, List.of("sort_key"));
    }

    public void insert(long jobInstanceId, List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        // without extra profiles (the default) only the dialer columns are bound: the hot path stays as it was
        boolean profiles = !rows.get(0).profiles().isEmpty();
        int width = profiles ? 4 + Profile.values().length : 4;
        List<Object[]> args = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Object[] a = new Object[width];
            a[0] = r.line();
            a[1] = r.sortKey();
            a[2] = r.phones();
            a[3] = r.dialerLines();
            if (profiles) {
                for (Profile p : Profile.values()) {
                    a[4 + p.ordinal()] = r.profiles().get(p);
                }
            }
            args.add(a);
        }
        // an upsert, not INSERT: a chunk written again after a crash replaces its rows instead of failing on the key.
        // Seen once in KillAndResumeTest before the job repository's H2 ran with WRITE_DELAY=0: after a SIGKILL the
        // database held a chunk's staged rows without the reader position committed in the same transaction (H2's
        // background writer stores the tables one by one while commits go on; docs/crash-safety.md). The rows step now
        // also removes staged rows beyond the committed line when it resumes (EnrichRowsWriter), so this is belt and
        // braces.
        jdbc.batchUpdate(upsert(jobInstanceId, profiles), args);
    }

    /** Calls back with each staged row's phones ('|'-separated), e.g. to rebuild a distinct count after a restart. */
    public void forEachPhones(long jobInstanceId, java.util.function.Consumer<String> phones) {
        jdbc.query("SELECT phones FROM " + table(jobInstanceId), rs -> {
            phones.accept(rs.getString(1));
        });
    }

    /** Removes the rows of input lines after {@code line}; returns how many there were. */
    public int deleteAfter(long jobInstanceId, long line) {
        return jdbc.update("DELETE FROM " + table(jobInstanceId) + " WHERE line > ?", line);
    }

    public long count(long jobInstanceId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table(jobInstanceId), Long.class);
        return n == null ? 0 : n;
    }

    public void drop(long jobInstanceId) {
        jdbc.execute("DROP TABLE IF EXISTS " + table(jobInstanceId));
    }
}
