package io.dialready.output.dialer;

import io.dialready.db.SqlDialect;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which debtors hold each number, across the whole input: one table per run ({@code phone_owners_<job instance id>}),
 * filled by a pre-pass over the input before any debtor is ranked, so that a number seen for debtor A in the first
 * chunk and for debtor B in the last is known to be shared when A is ranked. Counts come from the database (distinct
 * debtor keys per number), never from a map in memory. Dropped when the run completes.
 */
public final class PhoneOwners {

    private static final int IN_BATCH = 500;

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    public PhoneOwners(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.dataSource = dataSource;
    }

    /** The run's table; the id is a number from the job repository, never user text. */
    public static String table(long jobInstanceId) {
        return "phone_owners_" + jobInstanceId;
    }

    public void create(long jobInstanceId) {
        String t = table(jobInstanceId);
        SqlDialect dialect = SqlDialect.of(dataSource);
        for (String sql : dialect.createTableWithIndex(
                t, "e164 VARCHAR(20) NOT NULL, debtor_key " + dialect.longText() + " NOT NULL", t + "_e164", "e164")) {
            jdbc.execute(sql);
        }
    }

    /** Rows of (number, debtor key); the same pair twice (a debtor repeated on several rows) counts once. */
    public void insert(long jobInstanceId, List<Object[]> numberAndKey) {
        if (!numberAndKey.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO " + table(jobInstanceId) + " (e164, debtor_key) VALUES (?, ?)", numberAndKey);
        }
    }

    /** For each given number held by more than one debtor, how many debtors hold it; others are absent. */
    public Map<String, Integer> shared(long jobInstanceId, Collection<String> numbers) {
        Map<String, Integer> out = new HashMap<>();
        List<String> all = new ArrayList<>(numbers);
        for (int from = 0; from < all.size(); from += IN_BATCH) {
            List<String> part = all.subList(from, Math.min(all.size(), from + IN_BATCH));
            String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
            jdbc.query(
                    "SELECT e164, COUNT(DISTINCT debtor_key) FROM " + table(jobInstanceId) + " WHERE e164 IN (" + marks
                            + ") GROUP BY e164 HAVING COUNT(DISTINCT debtor_key) > 1",
                    rs -> {
                        out.put(rs.getString(1), rs.getInt(2));
                    },
                    part.toArray());
        }
        return out;
    }

    /** How many distinct numbers are held by more than one debtor. */
    public long sharedNumbers(long jobInstanceId) {
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM (SELECT e164 FROM " + table(jobInstanceId)
                        + " GROUP BY e164 HAVING COUNT(DISTINCT debtor_key) > 1) s",
                Long.class);
        return n == null ? 0 : n;
    }

    public void drop(long jobInstanceId) {
        jdbc.execute("DROP TABLE IF EXISTS " + table(jobInstanceId));
    }
}
