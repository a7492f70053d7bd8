package io.dialready.lookup;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The strict half of an account's limit: no more than {@code permits} numbers sent within any window of the rate's
 * period (plus a small margin), whatever the burst. The token bucket in front of it spreads the calls out and lets a
 * burst go at once after a pause; a token bucket alone allows {@code burst + rate} numbers in one period, which is more
 * than the account's configured rate, so this log of recent sends has the last word. The margin (2% of the period)
 * keeps the provider's own count under the rate when calls arrive a few milliseconds closer together than they were
 * sent (scheduling and network jitter); it costs at most 2% of the rate. Calls also keep half their pace apart at send
 * time: slots that passed while their workers were late on a busy machine do not leave as one burst.
 * <p>
 * The account's first request goes alone (the engine holds the others back) and counts from when its answer came back
 * ({@link #firstEnded}): a first request is slow to leave (the HTTP client's start, a new connection), and if it were
 * counted from when it was handed over, it could arrive next to requests sent a full window later. Waiting for it costs
 * one latency per account and run.
 */
final class SendWindow {

    /** Share of the period added to the window, against arrival jitter. */
    static final double MARGIN = 0.02;

    private final long permits;
    private final long windowNanos;
    private final long minGapPerNumber;
    private final ArrayDeque<long[]> sent = new ArrayDeque<>(); // {nanoTime, numbers}
    private long inWindow;

    SendWindow(long permits, long periodNanos) {
        this.permits = permits;
        this.windowNanos = periodNanos + (long) (periodNanos * MARGIN);
        // calls whose slots passed while their workers were late (a busy machine) must not all leave at once: a call
        // goes at least half its predecessor's share of the period after it
        this.minGapPerNumber = periodNanos / permits / 2;
    }

    /**
     * Waits until {@code numbers} more can be sent without exceeding the permits in any window, then records them as
     * sent now. A call larger than the permits (impossible with the engine's batch sizes) waits for an empty window.
     */
    synchronized void acquire(int numbers) throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            while (!sent.isEmpty() && now - sent.peekFirst()[0] >= windowNanos) {
                inWindow -= sent.pollFirst()[1];
            }
            long[] last = sent.peekLast();
            long gapWait = last == null ? 0 : last[0] + last[1] * minGapPerNumber - now;
            if (gapWait <= 0 && (sent.isEmpty() || inWindow + numbers <= permits)) {
                sent.addLast(new long[] {now, numbers});
                inWindow += numbers;
                return;
            }
            long waitNanos = gapWait > 0 ? gapWait : sent.peekFirst()[0] + windowNanos - now;
            TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, waitNanos));
        }
    }

    /** The account's first request (the only one sent so far) has ended: it counts from now. */
    synchronized void firstEnded() {
        long[] entry = sent.peekLast();
        if (entry != null) {
            entry[0] = System.nanoTime();
        }
        notifyAll();
    }
}
