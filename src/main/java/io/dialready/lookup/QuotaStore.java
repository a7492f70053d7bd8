package io.dialready.lookup;

import java.time.LocalDate;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The accounts' daily quotas, in the job database ({@code provider_quota}, Flyway V2) so that they survive restarts and
 * are shared by every run on the same database. A number is counted before the call that carries it is sent, with one
 * conditional UPDATE that never takes the account past its quota, whoever else is claiming at the same time.
 */
public final class QuotaStore {

    private final JdbcTemplate jdbc;

    public QuotaStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Claims up to {@code wanted} numbers of the account's quota for the day (UTC).
     *
     * @return how many were granted: {@code wanted}, fewer when the quota is nearly spent, 0 when it is spent
     */
    public long claim(String account, LocalDate day, long wanted, long quota) {
        ensureRow(account, day);
        while (true) {
            long used = used(account, day);
            long granted = Math.min(wanted, quota - used);
            if (granted <= 0) {
                return 0;
            }
            int updated = jdbc.update(
                    "UPDATE provider_quota SET used = used + ? WHERE account = ? AND quota_day = ?"
                            + " AND used + ? <= ?",
                    granted,
                    account,
                    day,
                    granted,
                    quota);
            if (updated == 1) {
                return granted;
            }
            // someone else claimed in between: read again
        }
    }

    /**
     * Gives back numbers claimed on that day that never reached WhatsApp (the gateway refused the call). Never takes the
     * count below zero.
     */
    public void release(String account, LocalDate day, long numbers) {
        if (numbers <= 0) {
            return;
        }
        jdbc.update(
                "UPDATE provider_quota SET used = CASE WHEN used >= ? THEN used - ? ELSE 0 END"
                        + " WHERE account = ? AND quota_day = ?",
                numbers,
                numbers,
                account,
                day);
    }

    /** Numbers the account has sent on that day. */
    public long used(String account, LocalDate day) {
        Long used = jdbc.query(
                "SELECT used FROM provider_quota WHERE account = ? AND quota_day = ?",
                rs -> rs.next() ? rs.getLong(1) : 0L,
                account,
                day);
        return used == null ? 0 : used;
    }

    private void ensureRow(String account, LocalDate day) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM provider_quota WHERE account = ? AND quota_day = ?", Integer.class, account, day);
        if (n != null && n > 0) {
            return;
        }
        try {
            jdbc.update("INSERT INTO provider_quota (account, quota_day, used) VALUES (?, ?, 0)", account, day);
        } catch (DuplicateKeyException e) {
            // inserted by another thread or run meanwhile
        }
    }
}
