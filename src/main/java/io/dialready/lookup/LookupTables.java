package io.dialready.lookup;

import io.dialready.db.SqlDialect;
import io.dialready.domain.LookupResult;
import io.dialready.domain.WhatsAppStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The lookup engine's tables. Lasting (Flyway V2): {@code lookup_cache} (one answer per number, reused while younger than
 * the TTL), {@code lookup_backlog} (numbers a run left PENDING) and the quotas ({@link QuotaStore}). Per run, named
 * after the job instance and dropped when the run completes:
 * <ul>
 * <li>{@code lookup_queue_<id>}: every wanted number once per debtor holding it, with the debtor's worth (pre-pass);</li>
 * <li>{@code lookup_plan_<id>}: each distinct number once, numbered in the order it is worth asking;</li>
 * <li>{@code lookup_answers_<id>}: every answer of the run (cache hits, provider answers, UNKNOWN), written as it comes,
 * so a restarted run skips answered numbers and the rows step reads the chunk's answers from here;</li>
 * <li>{@code lookup_calls_<id>}: one row per provider request, from which the report's counters are summed.</li>
 * </ul>
 * Table names hold a number from the job repository, never user text.
 */
public final class LookupTables {

    private static final int IN_BATCH = 500;

    /** A number of the plan, with what the cache knows of it (status null: nothing). */
    public record Planned(
            long seq,
            String e164,
            boolean photo,
            String cachedStatus,
            String cachedId,
            Instant checkedAt,
            String cachedProvider) {}

    /** A number's answer in this run, with its profile photo when one was fetched (hasPhoto null: not fetched). */
    public record Answer(LookupResult result, Boolean hasPhoto, String photoUrl) {}

    /**
     * One account's use in this run: numbers its check calls carried back answered, its calls of every kind, the daily
     * quota its calls kept (numbers that may have reached WhatsApp), and its calls the gateway refused before they could
     * (those gave their quota back).
     */
    public record AccountUse(String account, long numbers, long calls, long quotaUsed, long refusedCalls) {}

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private SqlDialect dialect;

    public LookupTables(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.dataSource = dataSource;
    }

    /** H2 or MySQL/MariaDB, asked of the database on first use. */
    private synchronized SqlDialect dialect() {
        if (dialect == null) {
            dialect = SqlDialect.of(dataSource);
        }
        return dialect;
    }

    static String queue(long id) {
        return "lookup_queue_" + id;
    }

    static String plan(long id) {
        return "lookup_plan_" + id;
    }

    static String answers(long id) {
        return "lookup_answers_" + id;
    }

    static String calls(long id) {
        return "lookup_calls_" + id;
    }

    // ---- the pre-pass

    public void createQueue(long id) {
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + queue(id)
                + " (e164 VARCHAR(20) NOT NULL, worth INT NOT NULL, cls INT NOT NULL, photo INT NOT NULL)"
                + dialect().tableOptions());
    }

    /**
     * Rows of (e164, worth, class (0 mobile, 1 other), photo (1 when the debtor's amount asks for it)). A chunk written
     * twice after a crash only repeats rows; the plan takes each number's maximum.
     */
    public void enqueue(long id, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO " + queue(id) + " (e164, worth, cls, photo) VALUES (?, ?, ?, ?)", rows);
        }
    }

    // ---- the plan

    /**
     * Numbers the order they are asked in: numbers a past run left PENDING first, then mobiles before other lines, then
     * the worth of the most valuable debtor holding the number, then numbers never checked before stale ones (the
     * oldest check first), then the number. Replaces any plan of an interrupted attempt.
     */
    public long buildPlan(long id) {
        jdbc.execute("DROP TABLE IF EXISTS " + plan(id));
        jdbc.execute("CREATE TABLE " + plan(id) + " (seq BIGINT NOT NULL PRIMARY KEY, e164 VARCHAR(20) NOT NULL,"
                + " photo INT NOT NULL)" + dialect().tableOptions());
        jdbc.execute("INSERT INTO " + plan(id) + " (seq, e164, photo) SELECT ROW_NUMBER() OVER (ORDER BY"
                + " CASE WHEN b.e164 IS NULL THEN 1 ELSE 0 END, g.cls, g.worth DESC,"
                + " CASE WHEN c.checked_at IS NULL THEN 0 ELSE 1 END, c.checked_at, g.e164), g.e164, g.photo"
                + " FROM (SELECT e164, MIN(cls) cls, MAX(worth) worth, MAX(photo) photo FROM " + queue(id)
                + " GROUP BY e164) g LEFT JOIN lookup_cache c ON c.e164 = g.e164"
                + " LEFT JOIN lookup_backlog b ON b.e164 = g.e164");
        return count(plan(id));
    }

    public long planned(long id) {
        return count(plan(id));
    }

    /** The next numbers of the plan after {@code afterSeq} that have no answer yet in this run. */
    public List<Planned> page(long id, long afterSeq, int limit) {
        return jdbc.query(
                "SELECT p.seq, p.e164, p.photo, c.status, c.whatsapp_id, c.checked_at, c.provider FROM "
                        + plan(id) + " p LEFT JOIN lookup_cache c ON c.e164 = p.e164 WHERE p.seq > ? AND NOT EXISTS"
                        + " (SELECT 1 FROM " + answers(id) + " a WHERE a.e164 = p.e164) ORDER BY p.seq LIMIT ?",
                (rs, i) -> {
                    Timestamp at = rs.getTimestamp(6);
                    String provider = rs.getString(7);
                    return new Planned(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getInt(3) == 1,
                            rs.getString(4),
                            rs.getString(5),
                            at == null ? null : at.toInstant(),
                            provider);
                },
                afterSeq,
                limit);
    }

    // ---- answers

    public void createAnswers(long id) {
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + answers(id) + " (e164 VARCHAR(20) NOT NULL PRIMARY KEY,"
                + " status VARCHAR(10) NOT NULL, whatsapp_id VARCHAR(40), account VARCHAR(100),"
                + " from_cache INT NOT NULL, has_photo INT, photo_url VARCHAR(2000))"
                + dialect().tableOptions());
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + calls(id) + " (account VARCHAR(100) NOT NULL,"
                + " kind VARCHAR(10) NOT NULL, numbers INT NOT NULL, attempt INT NOT NULL, outcome VARCHAR(12) NOT NULL,"
                + " waited_ms BIGINT NOT NULL, sent_at TIMESTAMP NOT NULL, charged INT NOT NULL DEFAULT 0)"
                + dialect().tableOptions());
    }

    /** Answers of this run; definitive ones (ACTIVE/INACTIVE) from a provider also go to the cache. */
    public void answered(
            long id,
            Map<String, LookupResult> answers,
            String account,
            boolean fromCache,
            String provider,
            Instant now) {
        List<Object[]> rows = new ArrayList<>(answers.size());
        List<Object[]> cache = new ArrayList<>(answers.size());
        List<Object[]> done = new ArrayList<>(answers.size());
        Timestamp at = Timestamp.from(now);
        answers.forEach((e164, r) -> {
            rows.add(new Object[] {e164, r.status().name(), r.whatsappId(), account, fromCache ? 1 : 0});
            done.add(new Object[] {e164});
            if (!fromCache && (r.status() == WhatsAppStatus.ACTIVE || r.status() == WhatsAppStatus.INACTIVE)) {
                cache.add(new Object[] {e164, r.status().name(), r.whatsappId(), provider, account, at});
            }
        });
        jdbc.batchUpdate(
                dialect()
                        .upsert(
                                answers(id),
                                List.of("e164", "status", "whatsapp_id", "account", "from_cache"),
                                List.of("e164")),
                rows);
        if (!cache.isEmpty()) {
            jdbc.batchUpdate(
                    dialect()
                            .upsert(
                                    "lookup_cache",
                                    List.of("e164", "status", "whatsapp_id", "provider", "account", "checked_at"),
                                    List.of("e164")),
                    cache);
        }
        if (!fromCache) {
            jdbc.batchUpdate("DELETE FROM lookup_backlog WHERE e164 = ?", done);
        }
    }

    public void photo(long id, String e164, ProfilePhoto photo) {
        jdbc.update(
                "UPDATE " + answers(id) + " SET has_photo = ?, photo_url = ? WHERE e164 = ?",
                photo == null ? null : photo.present() ? 1 : 0,
                photo == null ? null : photo.url(),
                e164);
    }

    /** One provider request; {@code charged}: the numbers of daily quota it kept (0: refused before WhatsApp). */
    public void call(
            long id,
            String account,
            String kind,
            int numbers,
            int attempt,
            String outcome,
            long waitedMs,
            Instant at,
            int charged) {
        jdbc.update(
                "INSERT INTO " + calls(id) + " (account, kind, numbers, attempt, outcome, waited_ms, sent_at, charged)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                account,
                kind,
                numbers,
                attempt,
                outcome,
                waitedMs,
                Timestamp.from(at),
                charged);
    }

    /** Active numbers whose debtor's amount asks for a photo and whose photo was not fetched yet: e164 -> id. */
    public Map<String, String> photosWanted(long id) {
        Map<String, String> out = new LinkedHashMap<>();
        jdbc.query(
                "SELECT a.e164, a.whatsapp_id FROM " + answers(id) + " a JOIN " + plan(id) + " p ON p.e164 = a.e164"
                        + " WHERE p.photo = 1 AND a.status = 'ACTIVE' AND a.has_photo IS NULL ORDER BY p.seq",
                rs -> {
                    out.put(rs.getString(1), rs.getString(2));
                });
        return out;
    }

    /** The answers of the given numbers in this run; numbers without one are absent. */
    public Map<String, Answer> answersFor(long id, Collection<String> numbers) {
        Map<String, Answer> out = new HashMap<>(numbers.size() * 2);
        List<String> all = new ArrayList<>(numbers);
        for (int from = 0; from < all.size(); from += IN_BATCH) {
            List<String> part = all.subList(from, Math.min(all.size(), from + IN_BATCH));
            String marks = String.join(",", Collections.nCopies(part.size(), "?"));
            jdbc.query(
                    "SELECT e164, status, whatsapp_id, has_photo, photo_url FROM " + answers(id) + " WHERE e164 IN ("
                            + marks + ")",
                    rs -> {
                        int photo = rs.getInt(4);
                        Boolean has = rs.wasNull() ? null : photo == 1;
                        out.put(
                                rs.getString(1),
                                new Answer(
                                        new LookupResult(WhatsAppStatus.valueOf(rs.getString(2)), rs.getString(3)),
                                        has,
                                        rs.getString(5)));
                    },
                    part.toArray());
        }
        return out;
    }

    // ---- counters

    public long answeredCount(long id) {
        return count(answers(id));
    }

    public long cacheHits(long id) {
        return longOf("SELECT COUNT(*) FROM " + answers(id) + " WHERE from_cache = 1");
    }

    /** Distinct planned numbers without an answer: left PENDING. */
    public long unanswered(long id) {
        return longOf("SELECT COUNT(*) FROM " + plan(id) + " p WHERE NOT EXISTS (SELECT 1 FROM " + answers(id)
                + " a WHERE a.e164 = p.e164)");
    }

    /** Numbers sent in check requests (every attempt), requests of every kind, retries, and milliseconds waited. */
    public long[] callTotals(long id) {
        return jdbc.queryForObject(
                "SELECT COALESCE(SUM(CASE WHEN kind = 'check' THEN numbers ELSE 0 END), 0),"
                        + " COUNT(*), COALESCE(SUM(CASE WHEN attempt > 1 THEN 1 ELSE 0 END), 0), COALESCE(SUM(waited_ms), 0)"
                        + " FROM " + calls(id),
                (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)});
    }

    /**
     * Per account: numbers its check requests brought back answered, its requests of every kind, the quota they kept,
     * and its check requests refused before they could reach WhatsApp.
     */
    public List<AccountUse> accountUse(long id) {
        return jdbc.query(
                "SELECT account, COALESCE(SUM(CASE WHEN kind = 'check' AND outcome = 'ok' THEN numbers"
                        + " ELSE 0 END), 0), COUNT(*), COALESCE(SUM(charged), 0),"
                        + " COALESCE(SUM(CASE WHEN kind = 'check' AND outcome <> 'ok' AND charged = 0 THEN 1 ELSE 0 END), 0)"
                        + " FROM " + calls(id) + " GROUP BY account ORDER BY account",
                (rs, i) -> new AccountUse(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
    }

    /** Per account: the numbers it answered for good (ACTIVE or INACTIVE) in this run. */
    public Map<String, Long> answeredBy(long id) {
        Map<String, Long> out = new HashMap<>();
        jdbc.query(
                "SELECT account, COUNT(*) FROM " + answers(id) + " WHERE from_cache = 0 AND account IS NOT NULL"
                        + " AND status IN ('ACTIVE', 'INACTIVE') GROUP BY account",
                rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                });
        return out;
    }

    /** Send times of the run's requests, in order (tests and benchmarks: the most calls in any one second). */
    public List<Instant> sendTimes(long id) {
        return jdbc.query(
                "SELECT sent_at FROM " + calls(id) + " ORDER BY sent_at",
                (rs, i) -> rs.getTimestamp(1).toInstant());
    }

    // ---- the end of a run

    /** Records the numbers left PENDING, so that the next run asks them first. */
    public void keepBacklog(long id, Instant now) {
        String unanswered =
                " FROM " + plan(id) + " p WHERE NOT EXISTS (SELECT 1 FROM " + answers(id) + " a WHERE a.e164 = p.e164)";
        jdbc.update("DELETE FROM lookup_backlog WHERE e164 IN (SELECT p.e164" + unanswered + ")");
        jdbc.update("INSERT INTO lookup_backlog (e164, since) SELECT p.e164, ?" + unanswered, Timestamp.from(now));
    }

    /**
     * Removes cached answers older than the TTL (LGPD: results expire), and backlog entries left that long ago (numbers
     * no later run asked about); returns how many answers.
     */
    public int purgeCache(Instant olderThan) {
        return purgeCache(olderThan, olderThan);
    }

    /** The same with the shorter age of negatives: "no account" answers older than {@code negativesOlderThan} go too. */
    public int purgeCache(Instant olderThan, Instant negativesOlderThan) {
        jdbc.update("DELETE FROM lookup_backlog WHERE since < ?", Timestamp.from(olderThan));
        return jdbc.update(
                "DELETE FROM lookup_cache WHERE checked_at < ? OR (status = 'INACTIVE' AND checked_at < ?)",
                Timestamp.from(olderThan),
                Timestamp.from(negativesOlderThan));
    }

    public void drop(long id) {
        for (String t : List.of(queue(id), plan(id), answers(id), calls(id))) {
            jdbc.execute("DROP TABLE IF EXISTS " + t);
        }
    }

    private long count(String table) {
        return longOf("SELECT COUNT(*) FROM " + table);
    }

    private long longOf(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
