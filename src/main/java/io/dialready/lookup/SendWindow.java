package io.dialready.lookup;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The strict half of an account's limit: no more than {@code permits} numbers sent within any window of the rate's
 * period (plus a small margin), whatever the burst. The token bucket in front of it spreads the calls out and lets a
 * burst go at once after a pause; a token bucket alone allows {@code burst + rate} numbers in one period, which is more
 * than the account's configured rate, so this log of recent sends has the last word. The margin (2% of the period)
 * keeps the provider's own count under the rate when calls arrive a few milliseconds closer together than they were
 * sent (scheduling and network jitter); it costs at most 2% of the rate.
 * <p>
 * The account's first request goes alone and counts from when its answer came back: a first request is slow to leave
 * (the HTTP client's start, a new connection), and if it were counted from when it was handed over, it could arrive
 * next to requests sent a full window later. Waiting for it costs one latency per account and run.
 */
final class SendWindow {

    /** Share of the period added to the window, against arrival jitter. */
    static final double MARGIN = 0.02;

    private final long permits;
    private final long windowNanos;
    private final ArrayDeque<long[]> sent = new ArrayDeque<>(); // {nanoTime, numbers}
    private long inWindow;
    private boolean opened;
    private Thread first;

    SendWindow(long permits, long periodNanos) {
        this.permits = permits;
        this.windowNanos = periodNanos + (long) (periodNanos * MARGIN);
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
            if (sent.isEmpty() || inWindow + numbers <= permits) {
                sent.addLast(new long[] {now, numbers});
                inWindow += numbers;
                return;
            }
            long waitNanos = sent.peekFirst()[0] + windowNanos - now;
            TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, waitNanos));
        }
    }

    /**
     * Waits, before the request takes its tokens, while the account's first request is out; the first caller becomes
     * that request. (Waiting before the tokens: requests that took their tokens during the first one's wait would all
     * leave together when it returned.)
     */
    synchronized void awaitTurn() throws InterruptedException {
        while (!opened && first != null && first != Thread.currentThread()) {
            wait();
        }
        if (!opened && first == null) {
            first = Thread.currentThread();
        }
    }

    /**
     * Called when a request acquired on this thread has ended (answered or failed): the first request of the account
     * is now counted from this moment, and the others may go.
     */
    synchronized void ended() {
        if (!opened && first == Thread.currentThread()) {
            long[] entry = sent.peekLast();
            if (entry != null) {
                entry[0] = System.nanoTime();
            }
            opened = true;
            first = null;
            notifyAll();
        }
    }
}
