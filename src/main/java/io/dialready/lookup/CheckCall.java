package io.dialready.lookup;

import io.dialready.domain.LookupResult;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.lookup.ProviderException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One check call of the engine, from its placed first attempt to its last: waits for the account's slot and pause,
 * takes its place in the account's window, sends, and acts on what came back (see {@link LookupEngine} for the rules).
 */
final class CheckCall {

    private static final Logger log = LoggerFactory.getLogger(CheckCall.class);

    private final LookupEngine engine;
    private final Work work;
    private LookupEngine.Call call;
    /** No attempt so far reached WhatsApp. */
    private boolean allRefused = true;

    CheckCall(LookupEngine engine, LookupEngine.Call first, Work work) {
        this.engine = engine;
        this.call = first;
        this.work = work;
    }

    void run() throws InterruptedException {
        while (call != null) {
            call = attempt(call);
        }
    }

    /** One attempt; returns the next attempt's call, or null when this call is over. */
    private LookupEngine.Call attempt(LookupEngine.Call c) throws InterruptedException {
        LookupAccount a = c.account();
        List<Work.Item> items = c.items();
        int n = items.size();
        long waited = c.waitedMs() + LookupEngine.sleepUntil(c.slot());
        waited += LookupEngine.sleepUntil(engine.pausedUntil(a));
        if (a.dropped != null || engine.stop() == LookupEngine.Stop.PROVIDER_FAILED) {
            // no call goes to a dropped account, nor after the provider failed: the numbers were not sent (a call
            // that holds its quota still goes when the others' quota ran out)
            engine.release(c, n);
            engine.locked(() -> work.giveBack(items));
            engine.opened(a);
            return null;
        }
        long windowStart = System.nanoTime();
        a.window.acquire(n);
        waited += (System.nanoTime() - windowStart) / 1_000_000;
        Instant sentAt = Instant.now();
        Map<String, LookupResult> answers;
        ProviderException failure;
        try {
            try {
                answers = a.port.check(items.stream().map(it -> it.e164).toList());
            } finally {
                engine.opened(a);
            }
            engine.recorder().call(a.name(), "check", n, c.attempt(), "ok", waited, sentAt, n);
            answered(a, items, answers);
            return null;
        } catch (ProviderException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = LookupEngine.unexpected(a, e);
        }
        return failed(c, failure, waited, sentAt);
    }

    /** Sorts a call's answers: final ones are recorded; left-out numbers are asked again; first negatives wait. */
    private void answered(LookupAccount a, List<Work.Item> items, Map<String, LookupResult> answers) {
        int maxAsks = engine.settings().retries().maxAttempts();
        boolean confirm = engine.confirmsNegatives(a);
        Map<String, LookupResult> finals = new HashMap<>(items.size() * 2);
        engine.locked(() -> {
            long now = System.nanoTime();
            for (Work.Item it : items) {
                LookupResult r = answers == null ? null : answers.get(it.e164);
                if (LookupEngine.isUnanswered(r)) {
                    if (it.unanswered + 1 < maxAsks) {
                        work.askAgain(it);
                        continue;
                    }
                    r = LookupResult.UNKNOWN;
                } else if (r.status() == WhatsAppStatus.INACTIVE && confirm && !it.confirming) {
                    work.confirmLater(it, now, engine.confirmAfterNanos());
                    continue;
                }
                finals.put(it.e164, r);
            }
            work.done(finals.size());
            a.pacer.answered(items.size());
            a.refusedInARow = 0;
        });
        engine.breaker().succeeded();
        if (!finals.isEmpty()) {
            engine.recorder().answered(finals, a.name());
        }
    }

    private LookupEngine.Call failed(LookupEngine.Call c, ProviderException failure, long waited, Instant sentAt)
            throws InterruptedException {
        LookupAccount a = c.account();
        List<Work.Item> items = c.items();
        int n = items.size();
        if (failure.refused()) {
            engine.release(c, n);
        } else {
            allRefused = false;
        }
        engine.recorder()
                .call(
                        a.name(),
                        "check",
                        n,
                        c.attempt(),
                        failure.kind().name(),
                        waited,
                        sentAt,
                        failure.refused() ? 0 : n);
        boolean last = c.attempt() >= engine.settings().retries().maxAttempts();
        Kind kind = failure.kind();
        if (kind == Kind.ACCOUNT || (kind == Kind.NOT_READY && last)) {
            engine.locked(() -> work.giveBack(items));
            engine.drop(a, reason(a, failure));
            return null;
        }
        if (kind == Kind.REJECTED) {
            log.warn("account {}: request refused, {} numbers UNKNOWN: {}", a.name(), n, failure.getMessage());
            engine.locked(() -> work.done(n));
            engine.recorder().answered(LookupEngine.unknown(items), a.name());
            return null;
        }
        if (last) {
            return exhausted(a, items, failure);
        }
        Duration wait = failure.retryAfter() != null ? failure.retryAfter() : engine.backoff(c.attempt());
        long carried = 0;
        if (kind == Kind.THROTTLED) {
            // the gateway said slow down: the whole account slows down and pauses, not just this worker
            long now = System.nanoTime();
            engine.locked(() -> a.pacer.throttled(now, wait.toNanos()));
        } else {
            carried = LookupEngine.sleep(wait.toNanos());
        }
        carried += engine.breaker().await();
        return engine.place(items, work, c.attempt() + 1, carried);
    }

    /**
     * The last attempt failed too. Numbers that may have reached WhatsApp are UNKNOWN (never INACTIVE). Numbers no
     * attempt could deliver (refused connections, 429s) were never asked: they go back to the queue, and an account
     * whose calls keep being refused that way is dropped.
     */
    private LookupEngine.Call exhausted(LookupAccount a, List<Work.Item> items, ProviderException failure) {
        int n = items.size();
        int dropAfter = engine.settings().circuitBreaker().failures();
        if (allRefused) {
            int[] inARow = new int[1];
            engine.locked(() -> {
                work.giveBack(items);
                inARow[0] = ++a.refusedInARow;
            });
            log.warn(
                    "account {}: {} numbers not delivered after {} attempts, back in the queue: {}",
                    a.name(),
                    n,
                    engine.settings().retries().maxAttempts(),
                    failure.getMessage());
            if (inARow[0] >= dropAfter) {
                engine.drop(
                        a,
                        "account '" + a.name() + "': " + inARow[0]
                                + " calls in a row refused after their retries, none reached WhatsApp (last: "
                                + failure.getMessage() + ")");
            }
        } else {
            log.warn(
                    "account {}: {} numbers UNKNOWN after {} attempts: {}",
                    a.name(),
                    n,
                    engine.settings().retries().maxAttempts(),
                    failure.getMessage());
            engine.locked(() -> work.done(n));
            engine.recorder().answered(LookupEngine.unknown(items), a.name());
        }
        engine.breaker().failed(a.name(), failure);
        return null;
    }

    /** Why an account error drops the account: its name, the HTTP status, the provider's words. */
    static String reason(LookupAccount a, ProviderException failure) {
        return "account '" + a.name() + "' cannot be used"
                + (failure.httpStatus() > 0 ? " (HTTP " + failure.httpStatus() + ")" : "") + ": "
                + failure.getMessage();
    }
}
