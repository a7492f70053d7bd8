package io.dialready.lookup;

import io.dialready.spec.JobSpec;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of a run: after {@code failures} calls in a row failed even after their retries, no call is made
 * for {@code open}; when it trips a second time in the run, the lookups stop rather than spend the night on a provider
 * that is down. Any answered call closes it again.
 */
final class Breaker {

    private static final Logger log = LoggerFactory.getLogger(Breaker.class);

    private final JobSpec.CircuitBreaker settings;
    private final BiConsumer<LookupEngine.Stop, String> halt;
    private final java.util.function.BooleanSupplier stopped;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private int trips;
    private volatile long openUntilNanos;

    /** {@code stopped}: the lookups stopped, so nobody waits for the breaker any more. */
    Breaker(
            JobSpec.CircuitBreaker settings,
            BiConsumer<LookupEngine.Stop, String> halt,
            java.util.function.BooleanSupplier stopped) {
        this.settings = settings;
        this.halt = halt;
        this.stopped = stopped;
        this.openUntilNanos = System.nanoTime();
    }

    /** A call was answered. */
    void succeeded() {
        failuresInARow.set(0);
    }

    /** A call failed even after its retries. */
    void failed(String account, ProviderException e) {
        if (failuresInARow.incrementAndGet() < settings.failures()) {
            return;
        }
        synchronized (this) {
            if (failuresInARow.get() < settings.failures()) {
                return; // another worker tripped it already
            }
            failuresInARow.set(0);
            trips++;
            if (trips >= 2) {
                halt.accept(
                        LookupEngine.Stop.PROVIDER_FAILED,
                        "the provider keeps failing: " + settings.failures()
                                + " calls in a row failed after their retries, again after a pause of "
                                + settings.open().toSeconds() + " s (last: account '" + account + "': "
                                + e.getMessage() + ")");
                return;
            }
            log.warn(
                    "circuit breaker open: {} calls in a row failed after their retries (last: account {}: {});"
                            + " no call for {} s",
                    settings.failures(),
                    account,
                    e.getMessage(),
                    settings.open().toSeconds());
            openUntilNanos = System.nanoTime() + settings.open().toNanos();
        }
    }

    /** Waits while the breaker is open and the lookups go on; returns the milliseconds waited. */
    long await() throws InterruptedException {
        long start = System.nanoTime();
        long left;
        while ((left = openUntilNanos - System.nanoTime()) > 0 && !stopped.getAsBoolean()) {
            LookupEngine.sleep(Math.min(left, 100_000_000L));
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
