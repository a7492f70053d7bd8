package io.dialready.lookup;

/**
 * Spreads one account's numbers evenly over time: each call gets a send slot, and the slots of consecutive calls are
 * as far apart as their numbers take at the account's rate (a call of n numbers is followed, n / rate later, by the
 * next). So a gateway that enforces the account's rate as a token bucket sees a steady trickle of small calls, never
 * a burst that arrives a little early, and a pool's workers can be shared out between accounts by their next free slot.
 * <p>
 * The pace is 2% under the rate ({@link SendWindow#MARGIN}), so that the account's {@link SendWindow}, which has the
 * last word, seldom has to hold a call back. A 429 slows the account down (its pace halves, down to a sixteenth) and
 * pauses it; answered numbers bring the pace back gradually, a tenth of the rate for each rate's worth of numbers
 * answered, so a gateway stricter than the spec is probed, not hammered.
 * <p>
 * Not thread-safe: the engine calls it under its claims lock.
 */
final class Pacer {

    /** Lowest share of the rate a run of 429s can bring an account down to. */
    static final double MIN_FACTOR = 1.0 / 16;
    /** Share of the rate recovered for each rate's worth of numbers answered. */
    static final double RECOVERY = 0.1;

    private final double nanosPerNumber;
    private final long permits;
    private double factor = 1.0;
    private long next;
    private long pausedUntil;

    Pacer(long permits, long periodNanos) {
        this.permits = permits;
        this.nanosPerNumber = periodNanos * (1 + SendWindow.MARGIN) / permits;
        // nanoTime values are only comparable by difference: start from now, never from a sentinel that overflows
        this.next = System.nanoTime();
        this.pausedUntil = next;
    }

    /** When a call could be sent at the soonest (nanoTime). */
    long soonest(long now) {
        return Math.max(now, Math.max(next, pausedUntil));
    }

    /**
     * Reserves the next slot for a call of {@code numbers}, no sooner than {@code now + jitter}: returns its send time
     * and moves the next free slot that many numbers' worth later.
     */
    long reserve(int numbers, long now, long jitterNanos) {
        long slot = Math.max(now + jitterNanos, soonest(now));
        next = slot + (long) (numbers * nanosPerNumber / factor);
        return slot;
    }

    /** Until when the account is paused (a Retry-After or a backoff after a 429); no call goes before it. */
    long pausedUntil() {
        return pausedUntil;
    }

    /** The gateway said slow down: halve the pace and pause the account for {@code pauseNanos}. */
    void throttled(long now, long pauseNanos) {
        factor = Math.max(MIN_FACTOR, factor / 2);
        pausedUntil = Math.max(pausedUntil, now + pauseNanos);
    }

    /** {@code numbers} were answered: recover part of the pace a 429 took. */
    void answered(int numbers) {
        if (factor < 1) {
            factor = Math.min(1, factor + RECOVERY * numbers / permits);
        }
    }

    /** The share of the account's rate in use now (1 unless 429s slowed it down). */
    double factor() {
        return factor;
    }
}
