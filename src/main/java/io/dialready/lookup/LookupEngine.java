package io.dialready.lookup;

import io.dialready.domain.LookupResult;
import io.dialready.spec.JobSpec;
import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
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
 * Sends numbers to the provider accounts as fast as their limits allow and no faster: {@code concurrency} workers pull
 * batches from one queue; before each call a worker picks the account that can send soonest, claims the numbers from
 * its daily quota ({@link QuotaStore}), waits a random jitter, takes the numbers' tokens from the account's bucket
 * (bucket4j: {@code burst} tokens, refilled greedily at {@code rate}), then its place in the account's
 * {@link SendWindow}, and only then sends. So the numbers an account sends in any window of the rate's period never
 * exceed the rate (a token bucket alone would allow {@code burst + rate}), and with enough workers in flight the rate
 * is used in full (less the window's 2% margin) whatever the provider's latency.
 * <p>
 * Errors, by {@link ProviderException.Kind}: THROTTLED pauses the account for the Retry-After (or the backoff) and
 * retries; TRANSIENT retries with exponential backoff and jitter; after {@code retries.max_attempts} the numbers are
 * UNKNOWN (never INACTIVE). REJECTED: UNKNOWN at once. ACCOUNT stops every lookup (the rest stay PENDING) with a
 * message naming the account. After {@code circuit_breaker.failures} calls in a row failed even after their retries,
 * no call is made for {@code open_seconds}; when it trips a second time in the run, the lookups stop (PENDING) rather
 * than spend the night on a provider that is down. When every account's quota is spent the lookups stop too.
 * <p>
 * Workers report answers and calls to a {@link Recorder} as they go (so a kill loses at most the calls in flight).
 */
public final class LookupEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LookupEngine.class);

    /** Why the lookups stopped before every number was asked. */
    public enum Stop {
        NONE,
        QUOTA_SPENT,
        PROVIDER_FAILED
    }

    /** Receives what the workers did; called from several threads at once. */
    public interface Recorder {

        /** Answers for every number of a call (UNKNOWN for a number the provider left out or a call that failed). */
        void answered(Map<String, LookupResult> answers, String account);

        /**
         * One request sent: kind "check" or "photo", how many numbers it carried, which attempt it was (1 = first), its
         * outcome ("ok" or the error kind), how long the worker waited before sending it (limiter, jitter,
         * Retry-After, backoff, open breaker) and when it was sent.
         */
        void call(String account, String kind, int numbers, int attempt, String outcome, long waitedMs, Instant sentAt);

        /** The profile photo of an active number ({@code null} when it could not be fetched). */
        void photo(String e164, ProfilePhoto photo);
    }

    /** One provider account: its port, its token bucket, and whether it can still be used today. */
    public static final class Account {
        final JobSpec.Account spec;
        final ContactLookup port;
        final Bucket bucket;
        final SendWindow window;
        final int perCall;
        volatile boolean spent;
        volatile long pausedUntilNanos;

        public Account(JobSpec.Account spec, ContactLookup port, int batchSize) {
            this.spec = spec;
            this.port = port;
            this.bucket = Bucket.builder()
                    .addLimit(limit -> limit.capacity(spec.burst())
                            .refillGreedy(spec.rate().permits(), spec.rate().period()))
                    .build();
            this.window =
                    new SendWindow(spec.rate().permits(), spec.rate().period().toNanos());
            // a call of n numbers takes n tokens at once, so it may not carry more than the bucket holds
            this.perCall = Math.max(1, Math.min(Math.min(batchSize, port.maxBatch()), spec.burst()));
        }

        public String name() {
            return spec.name();
        }
    }

    private final List<Account> accounts;
    private final JobSpec.Lookup settings;
    private final QuotaStore quota;
    private final Clock clock;
    private final Recorder recorder;
    private final ExecutorService workers;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private int trips;
    private volatile long openUntilNanos;
    private volatile Stop stop = Stop.NONE;
    private volatile String stopMessage;

    public LookupEngine(
            List<Account> accounts, JobSpec.Lookup settings, QuotaStore quota, Clock clock, Recorder recorder) {
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("the lookup engine needs at least one account");
        }
        this.accounts = List.copyOf(accounts);
        this.settings = settings;
        this.quota = quota;
        this.clock = clock;
        this.recorder = recorder;
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

    /** Why the lookups stopped, naming the account; null when they did not. */
    public String stopMessage() {
        return stopMessage;
    }

    /** Numbers per second all accounts together may check. */
    public double allowedRate() {
        return accounts.stream().mapToDouble(a -> a.spec.rate().perSecond()).sum();
    }

    /**
     * Checks the numbers (distinct, in the order they are worth asking), blocking until each was answered or the
     * lookups stopped. Numbers not answered when they stop are left to the caller (PENDING).
     */
    public void check(Collection<String> numbers) throws InterruptedException {
        Deque<String> queue = new ConcurrentLinkedDeque<>(numbers);
        if (queue.isEmpty()) {
            return;
        }
        runWorkers(() -> {
            while (stop == Stop.NONE && !queue.isEmpty()) {
                long waited = awaitBreaker();
                Claimed first = claim(null, queue);
                if (first == null) {
                    return null;
                }
                checkBatch(first, queue, waited);
            }
            return null;
        });
    }

    /** Numbers taken from the queue with the quota to send them from one account. */
    private record Claimed(Account account, List<String> batch) {}

    private final Object claims = new Object();

    /**
     * Takes the next numbers of the queue (or, for a retry, the given batch) and claims their quota from the account
     * that can send soonest, under one lock: the numbers taken first get the quota first, so when it runs out the
     * numbers left are the ones worth least. Numbers beyond the account's request size or its remaining quota go back
     * to the front of the queue. Null when nothing is left or every quota is spent.
     */
    private Claimed claim(List<String> retry, Deque<String> queue) {
        synchronized (claims) {
            List<String> batch = retry;
            while (stop == Stop.NONE) {
                Account a = pick();
                if (a == null) {
                    return null;
                }
                List<String> b = batch != null ? keep(batch, a.perCall, queue) : poll(queue, a.perCall);
                if (b.isEmpty()) {
                    return null;
                }
                long granted = quota.claim(a.name(), today(), b.size(), a.spec.dailyQuota());
                if (granted == 0) {
                    a.spent = true;
                    log.info("account {}: daily quota of {} spent", a.name(), a.spec.dailyQuota());
                    if (batch == null) {
                        keep(b, 0, queue);
                    } else {
                        batch = b;
                    }
                    continue;
                }
                return new Claimed(a, keep(b, (int) granted, queue));
            }
            return null;
        }
    }

    /**
     * Fetches the profile photo of each active number ({@code e164 -> whatsappId}) through the same limiter: each
     * photo request takes one token of the account's rate but none of its daily check quota.
     */
    public void photos(Map<String, String> active) throws InterruptedException {
        Deque<Map.Entry<String, String>> queue = new ConcurrentLinkedDeque<>(active.entrySet());
        runWorkers(() -> {
            Map.Entry<String, String> next;
            // photos spend no check quota: they are fetched even when the quota ran out, not when the provider failed
            while (stop != Stop.PROVIDER_FAILED && (next = queue.poll()) != null) {
                photo(next.getKey(), next.getValue());
            }
            return null;
        });
    }

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

    private static List<String> poll(Deque<String> queue, int n) {
        List<String> batch = new ArrayList<>(n);
        String s;
        while (batch.size() < n && (s = queue.poll()) != null) {
            batch.add(s);
        }
        return batch;
    }

    /** Gives numbers back to the front of the queue (a smaller account cap or a partly granted quota). */
    private static List<String> keep(List<String> batch, int n, Deque<String> queue) {
        if (batch.size() <= n) {
            return batch;
        }
        if (n == 0) {
            for (int i = batch.size() - 1; i >= 0; i--) {
                queue.addFirst(batch.get(i));
            }
            return List.of();
        }
        List<String> rest = batch.subList(n, batch.size());
        for (int i = rest.size() - 1; i >= 0; i--) {
            queue.addFirst(rest.get(i));
        }
        return new ArrayList<>(batch.subList(0, n));
    }

    /** Sends a claimed batch, retrying as its errors say (each retry claims its quota again). */
    private void checkBatch(Claimed first, Deque<String> queue, long waitedBefore) throws InterruptedException {
        Account a = first.account();
        List<String> batch = first.batch();
        long carried = waitedBefore; // the open breaker, the previous attempt's Retry-After or backoff
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                carried += awaitBreaker();
                if (stop != Stop.NONE) {
                    return;
                }
                Claimed again = claim(batch, queue);
                if (again == null) {
                    return;
                }
                a = again.account();
                batch = again.batch();
            }
            long waited = carried + limit(a, batch.size());
            carried = 0;
            ProviderException failure;
            Instant sentAt = Instant.now();
            try {
                Map<String, LookupResult> answers;
                try {
                    answers = a.port.check(batch);
                } finally {
                    a.window.ended();
                }
                recorder.call(a.name(), "check", batch.size(), attempt, "ok", waited, sentAt);
                Map<String, LookupResult> complete = new HashMap<>(batch.size() * 2);
                for (String number : batch) {
                    LookupResult r = answers == null ? null : answers.get(number);
                    complete.put(number, r == null ? LookupResult.UNKNOWN : r);
                }
                recorder.answered(complete, a.name());
                failuresInARow.set(0);
                return;
            } catch (ProviderException e) {
                failure = e;
            } catch (RuntimeException e) {
                // an adapter bug or an unexpected answer: not an answer, treated like a transient failure
                failure = new ProviderException(
                        ProviderException.Kind.TRANSIENT, a.name(), 0, null, "unexpected error: " + e, e);
            }
            recorder.call(
                    a.name(), "check", batch.size(), attempt, failure.kind().name(), waited, sentAt);
            switch (failure.kind()) {
                case ACCOUNT -> {
                    halt(
                            Stop.PROVIDER_FAILED,
                            "account '" + a.name() + "' cannot be used"
                                    + (failure.httpStatus() > 0 ? " (HTTP " + failure.httpStatus() + ")" : "") + ": "
                                    + failure.getMessage());
                    return;
                }
                case REJECTED -> {
                    log.warn(
                            "account {}: request refused, {} numbers UNKNOWN: {}",
                            a.name(),
                            batch.size(),
                            failure.getMessage());
                    recorder.answered(unknown(batch), a.name());
                    return;
                }
                default -> {
                    if (attempt >= settings.retries().maxAttempts()) {
                        log.warn(
                                "account {}: {} numbers UNKNOWN after {} attempts: {}",
                                a.name(),
                                batch.size(),
                                attempt,
                                failure.getMessage());
                        recorder.answered(unknown(batch), a.name());
                        failed(a, failure);
                        return;
                    }
                    Duration wait = failure.retryAfter() != null ? failure.retryAfter() : backoff(attempt);
                    if (failure.kind() == ProviderException.Kind.THROTTLED) {
                        // the provider said slow down: the whole account pauses, not just this worker
                        long until = System.nanoTime() + wait.toNanos();
                        if (until > a.pausedUntilNanos) {
                            a.pausedUntilNanos = until;
                        }
                    } else {
                        carried += sleep(wait.toNanos());
                    }
                }
            }
        }
    }

    private void photo(String e164, String whatsappId) throws InterruptedException {
        long carried = 0;
        for (int attempt = 1; ; attempt++) {
            carried += awaitBreaker();
            if (stop == Stop.PROVIDER_FAILED) {
                return;
            }
            Account a = pickAny();
            long waited = carried + limit(a, 1);
            carried = 0;
            ProviderException failure;
            Instant sentAt = Instant.now();
            try {
                ProfilePhoto p;
                try {
                    p = a.port.profilePhoto(e164, whatsappId);
                } finally {
                    a.window.ended();
                }
                recorder.call(a.name(), "photo", 1, attempt, "ok", waited, sentAt);
                recorder.photo(e164, p == null ? ProfilePhoto.NONE : p);
                failuresInARow.set(0);
                return;
            } catch (ProviderException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = new ProviderException(
                        ProviderException.Kind.TRANSIENT, a.name(), 0, null, "unexpected error: " + e, e);
            }
            recorder.call(a.name(), "photo", 1, attempt, failure.kind().name(), waited, sentAt);
            if (failure.kind() == ProviderException.Kind.ACCOUNT) {
                halt(
                        Stop.PROVIDER_FAILED,
                        "account '" + a.name() + "' cannot be used"
                                + (failure.httpStatus() > 0 ? " (HTTP " + failure.httpStatus() + ")" : "") + ": "
                                + failure.getMessage());
                return;
            }
            if (failure.kind() == ProviderException.Kind.REJECTED
                    || attempt >= settings.retries().maxAttempts()) {
                recorder.photo(e164, null);
                if (failure.kind() != ProviderException.Kind.REJECTED) {
                    failed(a, failure);
                }
                return;
            }
            Duration wait = failure.retryAfter() != null ? failure.retryAfter() : backoff(attempt);
            if (failure.kind() == ProviderException.Kind.THROTTLED) {
                long until = System.nanoTime() + wait.toNanos();
                if (until > a.pausedUntilNanos) {
                    a.pausedUntilNanos = until;
                }
            } else {
                carried += sleep(wait.toNanos());
            }
        }
    }

    private static Map<String, LookupResult> unknown(List<String> batch) {
        Map<String, LookupResult> m = new HashMap<>(batch.size() * 2);
        batch.forEach(n -> m.put(n, LookupResult.UNKNOWN));
        return m;
    }

    /** Waits for the account's pause, a random jitter and the numbers' tokens; returns the milliseconds waited. */
    private long limit(Account a, int numbers) throws InterruptedException {
        long start = System.nanoTime();
        long jitter = a.spec.jitter().toNanos();
        if (jitter > 0) {
            TimeUnit.NANOSECONDS.sleep(ThreadLocalRandom.current().nextLong(jitter + 1));
        }
        long pause;
        while ((pause = a.pausedUntilNanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(pause);
        }
        a.window.awaitTurn();
        a.bucket.asBlocking().consume(numbers);
        a.window.acquire(numbers);
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The usable account that can send soonest; null (and the lookups stop) when every quota is spent. */
    private Account pick() {
        Account best = null;
        long bestWait = Long.MAX_VALUE;
        long now = System.nanoTime();
        for (Account a : accounts) {
            if (a.spent) {
                continue;
            }
            long wait = Math.max(
                    a.pausedUntilNanos - now,
                    a.bucket.estimateAbilityToConsume(a.perCall).getNanosToWaitForRefill());
            if (wait < bestWait) {
                best = a;
                bestWait = wait;
            }
        }
        if (best == null) {
            halt(
                    Stop.QUOTA_SPENT,
                    "every account's daily quota is spent ("
                            + String.join(
                                    ", ",
                                    accounts.stream()
                                            .map(a -> a.name() + " " + a.spec.dailyQuota())
                                            .toList())
                            + " numbers a day)");
        }
        return best;
    }

    /** For photos, which spend no check quota: the account that can send soonest, spent or not. */
    private Account pickAny() {
        Account best = accounts.get(0);
        long bestWait = Long.MAX_VALUE;
        long now = System.nanoTime();
        for (Account a : accounts) {
            long wait = Math.max(
                    a.pausedUntilNanos - now,
                    a.bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
            if (wait < bestWait) {
                best = a;
                bestWait = wait;
            }
        }
        return best;
    }

    /** A call failed even after its retries: counts toward the circuit breaker. */
    private void failed(Account a, ProviderException e) {
        if (failuresInARow.incrementAndGet() < settings.circuitBreaker().failures()) {
            return;
        }
        synchronized (this) {
            if (failuresInARow.get() < settings.circuitBreaker().failures()) {
                return; // another worker tripped it already
            }
            failuresInARow.set(0);
            trips++;
            if (trips >= 2) {
                halt(
                        Stop.PROVIDER_FAILED,
                        "the provider keeps failing: "
                                + settings.circuitBreaker().failures()
                                + " calls in a row failed after their retries, again after a pause of "
                                + settings.circuitBreaker().open().toSeconds() + " s (last: account '" + a.name()
                                + "': "
                                + e.getMessage() + ")");
                return;
            }
            log.warn(
                    "circuit breaker open: {} calls in a row failed after their retries (last: account {}: {});"
                            + " no call for {} s",
                    settings.circuitBreaker().failures(),
                    a.name(),
                    e.getMessage(),
                    settings.circuitBreaker().open().toSeconds());
            openUntilNanos =
                    System.nanoTime() + settings.circuitBreaker().open().toNanos();
        }
    }

    private long awaitBreaker() throws InterruptedException {
        long wait = openUntilNanos - System.nanoTime();
        return wait > 0 ? sleep(wait) : 0;
    }

    private synchronized void halt(Stop why, String message) {
        if (stop == Stop.NONE) {
            stop = why;
            stopMessage = message;
            log.warn("lookups stopped: {}", message);
        }
    }

    /** Exponential backoff with jitter: a random wait between half and all of initial * 2^(attempt-1), capped. */
    Duration backoff(int attempt) {
        long initial = settings.retries().initialBackoff().toMillis();
        long max = settings.retries().maxBackoff().toMillis();
        long full = Math.min(max, initial << Math.min(30, attempt - 1));
        return Duration.ofMillis(full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1));
    }

    private static long sleep(long nanos) throws InterruptedException {
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
