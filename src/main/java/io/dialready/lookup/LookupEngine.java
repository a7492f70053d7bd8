package io.dialready.lookup;

import io.dialready.domain.LookupResult;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.lookup.ProviderException.Kind;
import io.dialready.spec.JobSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends numbers to the provider accounts as fast as their limits allow and no faster. {@code concurrency} workers take
 * calls from one {@link Work} queue: under one lock a worker picks the usable account whose next send slot comes first
 * ({@link Pacer}: the account's numbers spread evenly, a call carrying at most a fifth of the period's worth), claims
 * the numbers' daily quota ({@link QuotaStore}) and reserves the slot; then it waits for the slot (with the account's
 * jitter), takes its place in the account's {@link SendWindow} (no window of the rate's period ever holds more than the
 * rate at send time) and sends.
 * <p>
 * What comes back, by {@link ProviderException.Kind}: THROTTLED slows the account down and pauses it, then the call is
 * retried (by whichever account can send first); TRANSIENT and NOT_READY are retried after an exponential backoff.
 * After {@code retries.max_attempts} attempts the numbers are UNKNOWN, unless no attempt ever reached WhatsApp (a
 * refused connection, 429s): then they go back to the queue, and an account whose calls keep being refused is dropped.
 * REJECTED: UNKNOWN at once. ACCOUNT (and NOT_READY after the retries) drops that account only: its numbers go back
 * to the queue for the others. A call refused before it reached WhatsApp gives its quota back. When no usable account
 * is left the lookups stop (PROVIDER_FAILED, or QUOTA_SPENT when only spent quotas are in the way) and the numbers not
 * answered are left to the caller (PENDING). Numbers a bulk answer left out are asked again in a later call (up to
 * {@code retries.max_attempts} asks). With {@code confirm_negatives}, a first "no account" is asked again at least
 * {@link #CONFIRM_AFTER} later before it is believed. The circuit breaker: after {@code circuit_breaker.failures} calls
 * in a row failed even after their retries, no call is made for {@code open_seconds}; a second trip stops the lookups.
 * <p>
 * Workers report answers, calls and dropped accounts to a {@link Recorder} as they go (a kill loses at most the calls
 * in flight).
 */
public final class LookupEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LookupEngine.class);

    /** A negative is asked again no sooner than this: wa-js caches a failed lookup as a miss for 15 s. */
    public static final Duration CONFIRM_AFTER = Duration.ofSeconds(16);

    /** Why the lookups stopped before every number was asked. */
    public enum Stop {
        NONE,
        QUOTA_SPENT,
        PROVIDER_FAILED
    }

    /** Receives what the workers did; called from several threads at once. */
    public interface Recorder {

        /** Final answers (UNKNOWN for a number given up): each number once. */
        void answered(Map<String, LookupResult> answers, String account);

        /**
         * One request sent: kind "check" or "photo", how many numbers it carried, which attempt it was (1 = first), its
         * outcome ("ok" or the error kind), how long the worker waited before sending it (pace, jitter, pause, backoff,
         * open breaker), when it was sent, and how many numbers of daily quota it kept (0 when it was refused before it
         * could reach WhatsApp, and for photos).
         */
        void call(
                String account,
                String kind,
                int numbers,
                int attempt,
                String outcome,
                long waitedMs,
                Instant sentAt,
                int charged);

        /** The profile photo of an active number ({@code null} when it could not be fetched). */
        void photo(String e164, ProfilePhoto photo);

        /** An account was taken out of the run, and why (the provider's words, no secret). */
        default void dropped(String account, String reason) {}
    }

    private final AccountPool pool;
    private final JobSpec.Lookup settings;
    private final QuotaStore quota;
    private final Clock clock;
    private final Recorder recorder;
    private final long confirmAfterNanos;
    private final ExecutorService workers;
    private final Object lock = new Object();
    private final Breaker breaker;
    private volatile Stop stop = Stop.NONE;
    private volatile String stopMessage;

    public LookupEngine(
            List<LookupAccount> accounts, JobSpec.Lookup settings, QuotaStore quota, Clock clock, Recorder recorder) {
        this(accounts, settings, quota, clock, recorder, CONFIRM_AFTER);
    }

    /** With another delay before a negative is confirmed (tests). */
    LookupEngine(
            List<LookupAccount> accounts,
            JobSpec.Lookup settings,
            QuotaStore quota,
            Clock clock,
            Recorder recorder,
            Duration confirmAfter) {
        this.pool = new AccountPool(accounts);
        this.settings = settings;
        this.quota = quota;
        this.clock = clock;
        this.recorder = recorder;
        this.confirmAfterNanos = confirmAfter.toNanos();
        this.breaker = new Breaker(settings.circuitBreaker(), this::halt, () -> stop != Stop.NONE);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "lookup-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public Stop stop() {
        return stop;
    }

    /** Why the lookups stopped, naming the accounts; null when they did not. */
    public String stopMessage() {
        return stopMessage;
    }

    /** Numbers per second all accounts together may check. */
    public double allowedRate() {
        return pool.allowedRate();
    }

    /** The accounts taken out of the run so far, and why. */
    public Map<String, String> dropped() {
        return pool.dropped();
    }

    /**
     * Checks the numbers (distinct, in the order they are worth asking), blocking until each was answered or the
     * lookups stopped. Numbers not answered when they stop are left to the caller (PENDING).
     */
    public void check(Collection<String> numbers) throws InterruptedException {
        if (numbers.isEmpty() || stop != Stop.NONE) {
            return;
        }
        Work work = new Work(numbers);
        runWorkers(() -> {
            Call c;
            while ((c = place(null, work, 1, breaker.await())) != null) {
                new CheckCall(this, c, work).run();
            }
            return null;
        });
    }

    /** A call placed on an account: its numbers, the quota day they were claimed on, its send slot, which attempt. */
    record Call(LookupAccount account, List<Work.Item> items, LocalDate day, long slot, int attempt, long waitedMs) {}

    /**
     * Places a call: for {@code retry} (the numbers of a failed attempt) or the next numbers of the queue, on the usable
     * account that can send first; claims their quota and reserves the account's slot, under one lock, so that the
     * numbers taken first get the quota first and the pool's accounts are shared out by their pace. Numbers beyond the
     * account's call size or its remaining quota go back to the front of the queue. Waits while nothing can be taken
     * yet (numbers out in other calls may come back; a confirmation may not be due). Null when the work is done or the
     * lookups stopped (a retry's numbers are then given back).
     */
    Call place(List<Work.Item> retry, Work work, int attempt, long waitedMs) throws InterruptedException {
        List<Work.Item> batch = retry;
        synchronized (lock) {
            while (true) {
                long now = System.nanoTime();
                if (stop != Stop.NONE) {
                    if (batch != null) {
                        work.giveBack(batch);
                    }
                    lock.notifyAll();
                    return null;
                }
                if (batch == null && work.finished()) {
                    lock.notifyAll();
                    return null;
                }
                LookupAccount a = pick();
                if (a == null || (batch == null && !work.available(now))) {
                    if (stop == Stop.NONE) {
                        long due = Math.min(work.nextDue() - now, TimeUnit.MILLISECONDS.toNanos(200));
                        TimeUnit.NANOSECONDS.timedWait(lock, Math.max(TimeUnit.MILLISECONDS.toNanos(1), due));
                    }
                    continue;
                }
                List<Work.Item> b = batch != null ? work.keep(batch, a.perCall) : work.take(a.perCall, now);
                LocalDate day = today();
                long granted = quota.claim(a.name(), day, b.size(), a.spec.dailyQuota());
                if (granted == 0) {
                    a.spent = true;
                    log.info("account {}: daily quota of {} spent", a.name(), a.spec.dailyQuota());
                    if (batch == null) {
                        work.giveBack(b);
                    } else {
                        batch = b;
                    }
                    continue;
                }
                List<Work.Item> kept = work.keep(b, (int) granted);
                long slot = a.pacer.reserve(kept.size(), now, jitter(a));
                if (!a.opened) {
                    a.firstOut = true;
                }
                return new Call(a, kept, day, slot, attempt, waitedMs);
            }
        }
    }

    /** The account to place the next call on (see {@link AccountPool#soonest}); when none is usable, the lookups stop. */
    private LookupAccount pick() {
        LookupAccount a = pool.soonest(System.nanoTime());
        if (a == null && !pool.anyUsable()) {
            noAccountLeft();
        }
        return a;
    }

    /** Every account is spent or dropped: the lookups stop, saying which and why. */
    private void noAccountLeft() {
        halt(pool.anyDropped() ? Stop.PROVIDER_FAILED : Stop.QUOTA_SPENT, pool.whyNoneUsable());
    }

    // ---- called by CheckCall and the photos, with what a call came back with

    /** The account's first call came back (or was not sent): the others may go, at the pace, from now. */
    void opened(LookupAccount a) {
        synchronized (lock) {
            if (!a.opened && a.firstOut) {
                a.opened = true;
                a.firstOut = false;
                a.window.firstEnded();
                lock.notifyAll();
            }
        }
    }

    /** Runs {@code action} under the claims lock and wakes waiting workers (work and pacers changed). */
    void locked(Runnable action) {
        synchronized (lock) {
            action.run();
            lock.notifyAll();
        }
    }

    /** When the account's pause ends (nanoTime). */
    long pausedUntil(LookupAccount a) {
        synchronized (lock) {
            return a.pacer.pausedUntil();
        }
    }

    /** Takes the account out of the run (the others carry on); when it was the last usable one, the lookups stop. */
    void drop(LookupAccount a, String reason) {
        boolean first;
        synchronized (lock) {
            first = a.dropped == null;
            if (first) {
                a.dropped = reason;
            }
            if (!pool.anyUsable()) {
                noAccountLeft();
            }
            lock.notifyAll();
        }
        if (first) {
            log.warn("account {} dropped from this run: {}", a.name(), reason);
            recorder.dropped(a.name(), reason);
        }
    }

    /** Gives back the quota of numbers that did not reach WhatsApp. */
    void release(Call c, int numbers) {
        quota.release(c.account().name(), c.day(), numbers);
    }

    Recorder recorder() {
        return recorder;
    }

    JobSpec.Lookup settings() {
        return settings;
    }

    Breaker breaker() {
        return breaker;
    }

    long confirmAfterNanos() {
        return confirmAfterNanos;
    }

    /** Whether a first "no account" of this account's provider is asked again before it is believed. */
    boolean confirmsNegatives(LookupAccount a) {
        Boolean spec = settings.confirmNegatives();
        return spec != null ? spec : a.port.negativesNeedConfirmation();
    }

    // ---- photos

    /**
     * Fetches the profile photo of each active number ({@code e164 -> whatsappId}) through the same pace and window:
     * each photo request takes one number of the account's rate but none of its daily check quota.
     */
    public void photos(Map<String, String> active) throws InterruptedException {
        ConcurrentLinkedDeque<Map.Entry<String, String>> queue = new ConcurrentLinkedDeque<>(active.entrySet());
        runWorkers(() -> {
            Map.Entry<String, String> next;
            // photos spend no check quota: they are fetched even when the quota ran out, not when the provider failed
            while (stop != Stop.PROVIDER_FAILED && (next = queue.poll()) != null) {
                new PhotoCall(this, next.getKey(), next.getValue()).run();
            }
            return null;
        });
    }

    /** For photos, which spend no check quota: the account not dropped whose next slot comes first; slot reserved. */
    Call placePhoto(long waitedMs) {
        synchronized (lock) {
            long now = System.nanoTime();
            LookupAccount best = pool.soonestForPhotos(now);
            if (best == null) {
                return null;
            }
            return new Call(best, List.of(), today(), best.pacer.reserve(1, now, jitter(best)), 1, waitedMs);
        }
    }

    // ---- shared helpers

    private void runWorkers(Callable<Void> work) throws InterruptedException {
        List<Future<Void>> running = new ArrayList<>();
        for (int i = 0; i < settings.concurrency(); i++) {
            running.add(workers.submit(work));
        }
        try {
            for (Future<Void> f : running) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "a lookup worker failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            running.forEach(f -> f.cancel(true));
            throw e;
        }
    }

    static Map<String, LookupResult> unknown(List<Work.Item> batch) {
        Map<String, LookupResult> m = new HashMap<>(batch.size() * 2);
        batch.forEach(it -> m.put(it.e164, LookupResult.UNKNOWN));
        return m;
    }

    static boolean isUnanswered(LookupResult r) {
        return r == null || r.status() == WhatsAppStatus.UNKNOWN;
    }

    static ProviderException unexpected(LookupAccount a, RuntimeException e) {
        // an adapter bug or an unexpected answer: not an answer, treated like a transient failure
        return new ProviderException(Kind.TRANSIENT, a.name(), 0, null, "unexpected error: " + e, e);
    }

    private static long jitter(LookupAccount a) {
        long j = a.spec.jitter().toNanos();
        return j > 0 ? ThreadLocalRandom.current().nextLong(j + 1) : 0;
    }

    void halt(Stop why, String message) {
        synchronized (this) {
            if (stop == Stop.NONE) {
                stopMessage = message;
                stop = why;
                log.warn("lookups stopped: {}", message);
            }
        }
    }

    /** Exponential backoff with jitter: a random wait between half and all of initial * 2^(attempt-1), capped. */
    Duration backoff(int attempt) {
        long initial = settings.retries().initialBackoff().toMillis();
        long max = settings.retries().maxBackoff().toMillis();
        long full = Math.min(max, initial << Math.min(30, attempt - 1));
        return Duration.ofMillis(full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1));
    }

    /** Sleeps until the given nanoTime; returns the milliseconds slept. */
    static long sleepUntil(long nanoTime) throws InterruptedException {
        return sleep(nanoTime - System.nanoTime());
    }

    static long sleep(long nanos) throws InterruptedException {
        long start = System.nanoTime();
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
