package io.dialready.sink;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The staging table behind the dialer file (see V2__dialer_staging.sql): rows go in as chunks commit, in the chunk's
 * transaction, and come out ORDER BY sort_key, which is priority (highest first), then input line.
 */
public final class DialerStaging {

    /** Lines below 2^40 (a trillion) keep the key unique and ordered; priorities are below 9999. */
    private static final int LINE_BITS = 40;

    public record Row(long sortKey, String phones, String dialerLines) {
    }

    private final JdbcTemplate jdbc;

    public DialerStaging(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public static long sortKey(int priority, long line) {
        return ((long) (9999 - priority) << LINE_BITS) | line;
    }

    public void insert(long jobInstanceId, List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Object[]> args = new ArrayList<>(rows.size());
        for (Row r : rows) {
            args.add(new Object[] { jobInstanceId, r.sortKey(), r.phones(), r.dialerLines() });
        }
        jdbc.batchUpdate("INSERT INTO dialer_staging (job_instance_id, sort_key, phones, dialer_lines) VALUES (?, ?, ?, ?)",
                args);
    }

    public static String selectOrdered() {
        return "SELECT dialer_lines FROM dialer_staging WHERE job_instance_id = ? ORDER BY sort_key";
    }

    public static String selectPhones() {
        return "SELECT phones FROM dialer_staging WHERE job_instance_id = ?";
    }

    public void delete(long jobInstanceId) {
        jdbc.update("DELETE FROM dialer_staging WHERE job_instance_id = ?", jobInstanceId);
    }
}
