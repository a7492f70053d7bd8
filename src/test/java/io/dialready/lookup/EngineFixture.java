package io.dialready.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.domain.LookupResult;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.spec.JobSpec;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine tests share: the engine against scripted ports (a fake of the {@link ContactLookup} port that answers, throttles, fails or refuses
 * as told, and records when each request was sent) and the real quota table in an H2 file database migrated by the
 * project's Flyway scripts.
 */
abstract class EngineFixture {

    @TempDir
    Path dir;

    JdbcDataSource db;
    QuotaStore quota;
    final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void database() {
        db = new JdbcDataSource();
        db.setURL("jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1");
        db.setUser("sa");
        db.setPassword("");
        Flyway.configure()
                .dataSource(db)
                .locations("classpath:db/migration/h2")
                .load()
                .migrate();
        quota = new QuotaStore(db);
    }

    @org.junit.jupiter.api.AfterEach
    void close() throws Exception {
        try (var c = db.getConnection();
                var st = c.createStatement()) {
            st.execute("SHUTDOWN");
        }
    }

    /** What the engine reported, as the lookup step's tables would hold it. */
    static final class Recorded implements LookupEngine.Recorder {
        final Map<String, LookupResult> answers = new ConcurrentHashMap<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        final AtomicInteger retries = new AtomicInteger();
        final Map<String, ProfilePhoto> photos = new ConcurrentHashMap<>();
        final Map<String, String> answeredBy = new ConcurrentHashMap<>();
        final Map<String, Integer> charged = new ConcurrentHashMap<>();
        final Map<String, String> dropped = new ConcurrentHashMap<>();
        /** Per call: {account, send time, numbers}. */
        final List<Object[]> sends = new CopyOnWriteArrayList<>();

        volatile long waitedMs;

        @Override
        public void answered(Map<String, LookupResult> a, String account) {
            a.forEach((k, v) -> {
                assertThat(answers.put(k, v)).as("answered once: " + k).isNull();
                answeredBy.put(k, account);
            });
        }

        @Override
        public synchronized void call(
                String account,
                String kind,
                int numbers,
                int attempt,
                String outcome,
                long waited,
                Instant sentAt,
                int charge) {
            calls.add(account + ":" + kind + ":" + numbers + ":" + attempt + ":" + outcome);
            if (attempt > 1) {
                retries.incrementAndGet();
            }
            waitedMs += waited;
            charged.merge(account, charge, Integer::sum);
            sends.add(new Object[] {account, sentAt, numbers});
        }

        @Override
        public void dropped(String account, String reason) {
            dropped.put(account, reason);
        }

        /** The most numbers one account sent within any one-second window, by the engine's send times. */
        long busiestSecond(String account) {
            List<Object[]> mine = new ArrayList<>(
                    sends.stream().filter(c -> c[0].equals(account)).toList());
            mine.sort((x, y) -> ((Instant) x[1]).compareTo((Instant) y[1]));
            long most = 0;
            long inWindow = 0;
            int from = 0;
            for (int to = 0; to < mine.size(); to++) {
                inWindow += (Integer) mine.get(to)[2];
                while (Duration.between((Instant) mine.get(from)[1], (Instant) mine.get(to)[1])
                                .toNanos()
                        >= 1_000_000_000L) {
                    inWindow -= (Integer) mine.get(from++)[2];
                }
                most = Math.max(most, inWindow);
            }
            return most;
        }

        /** Calls of one account, in the order they were recorded. */
        List<String> callsOf(String account) {
            return calls.stream().filter(c -> c.startsWith(account + ":")).toList();
        }

        @Override
        public void photo(String e164, ProfilePhoto photo) {
            photos.put(e164, photo == null ? new ProfilePhoto(false, "FAILED") : photo);
        }
    }

    /** A port whose every request is answered by the script; records the send time of each request. */
    static final class ScriptedPort implements ContactLookup {
        final int maxBatch;
        final Function<List<String>, Map<String, LookupResult>> script;
        final List<Long> sentNanos = Collections.synchronizedList(new ArrayList<>());
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());
        final long latencyMs;
        /** What {@link #negativesNeedConfirmation()} answers (WPPConnect: true). */
        boolean weakNegatives;

        ScriptedPort(int maxBatch, long latencyMs, Function<List<String>, Map<String, LookupResult>> script) {
            this.maxBatch = maxBatch;
            this.latencyMs = latencyMs;
            this.script = script;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public int maxBatch() {
            return maxBatch;
        }

        @Override
        public Map<String, LookupResult> check(List<String> numbers) throws ProviderException {
            sentNanos.add(System.nanoTime());
            asked.addAll(numbers);
            if (latencyMs > 0) {
                try {
                    Thread.sleep(latencyMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                return script.apply(numbers);
            } catch (Failure f) {
                throw f.e;
            }
        }

        @Override
        public boolean negativesNeedConfirmation() {
            return weakNegatives;
        }

        @Override
        public ProfilePhoto profilePhoto(String e164, String whatsappId) {
            return e164.endsWith("1") ? new ProfilePhoto(true, "https://photo.test/" + whatsappId) : ProfilePhoto.NONE;
        }
    }

    /** Carries a ProviderException out of a script lambda. */
    static final class Failure extends RuntimeException {
        final ProviderException e;

        Failure(ProviderException e) {
            this.e = e;
        }
    }

    static Map<String, LookupResult> allActive(List<String> numbers) {
        Map<String, LookupResult> m = new HashMap<>();
        numbers.forEach(n -> m.put(n, new LookupResult(WhatsAppStatus.ACTIVE, n.substring(1))));
        return m;
    }

    static List<String> numbers(int n) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(String.format("+55119%08d", 10_000_000 + i));
        }
        return list;
    }

    static JobSpec.Account account(String name, String rate, int burst, long dailyQuota) {
        String[] r = rate.split("/");
        return new JobSpec.Account(
                name,
                null,
                null,
                null,
                null,
                null,
                null,
                new JobSpec.Rate(
                        Long.parseLong(r[0]), r[1].equals("s") ? Duration.ofSeconds(1) : Duration.ofMinutes(1)),
                burst,
                Duration.ZERO,
                dailyQuota);
    }

    static JobSpec.Lookup settings(
            int concurrency, int batchSize, int maxAttempts, int breakerFailures, int openSeconds) {
        return settings(concurrency, batchSize, maxAttempts, breakerFailures, openSeconds, null);
    }

    static JobSpec.Lookup settings(
            int concurrency,
            int batchSize,
            int maxAttempts,
            int breakerFailures,
            int openSeconds,
            Boolean confirmNegatives) {
        return new JobSpec.Lookup(
                "sandbox",
                new JobSpec.Sandbox(0.5, 0, 0, 0),
                false,
                false,
                batchSize,
                concurrency,
                Duration.ofDays(7),
                Duration.ofDays(2),
                confirmNegatives,
                Duration.ofSeconds(20),
                new JobSpec.Retries(maxAttempts, Duration.ofMillis(20), Duration.ofMillis(200)),
                new JobSpec.CircuitBreaker(breakerFailures, Duration.ofSeconds(openSeconds)),
                new JobSpec.Photos(BigDecimal.ZERO),
                List.of());
    }

    LookupEngine engine(
            JobSpec.Lookup settings, Recorded recorded, List<JobSpec.Account> accounts, List<ContactLookup> ports) {
        return engine(settings, recorded, accounts, ports, LookupEngine.CONFIRM_AFTER);
    }

    LookupEngine engine(
            JobSpec.Lookup settings,
            Recorded recorded,
            List<JobSpec.Account> accounts,
            List<ContactLookup> ports,
            Duration confirmAfter) {
        List<LookupAccount> pool = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            pool.add(new LookupAccount(accounts.get(i), ports.get(i), settings.batchSize()));
        }
        return new LookupEngine(pool, settings, quota, clock, recorded, confirmAfter);
    }
}
