package io.dialready.lookup;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * The numbers of one {@link LookupEngine#check} call and where each stands: waiting to be asked (most valuable first),
 * out in a call, or waiting for the second ask that confirms a negative. Numbers a call could not use (beyond its
 * size, its quota or a dropped account) go back to the front, numbers a bulk answer left out go to the back (a later
 * call asks them again). The check is done when nothing waits and nothing is out. Not thread-safe: the engine calls it
 * under its claims lock.
 */
final class Work {

    /** One number and how often it was asked without an answer; {@code confirming}: a first negative came back. */
    static final class Item {
        final String e164;
        int unanswered;
        boolean confirming;
        long dueNanos;

        Item(String e164) {
            this.e164 = e164;
        }

        @Override
        public String toString() {
            return e164;
        }
    }

    private final Deque<Item> waiting = new ArrayDeque<>();
    private final Deque<Item> confirmations = new ArrayDeque<>();
    private int out;

    Work(Collection<String> numbers) {
        numbers.forEach(n -> waiting.add(new Item(n)));
    }

    /**
     * Takes up to {@code n} numbers for a call: confirmations that are due first, then the waiting numbers in order. The
     * numbers are out until {@link #done} or {@link #giveBack}.
     */
    List<Item> take(int n, long now) {
        List<Item> batch = new ArrayList<>(n);
        while (batch.size() < n && !confirmations.isEmpty() && confirmations.peekFirst().dueNanos <= now) {
            batch.add(confirmations.pollFirst());
        }
        while (batch.size() < n && !waiting.isEmpty()) {
            batch.add(waiting.pollFirst());
        }
        out += batch.size();
        return batch;
    }

    /** Numbers a call did not use after all: back to the front, in their order (they were the next to ask). */
    void giveBack(List<Item> items) {
        for (int i = items.size() - 1; i >= 0; i--) {
            Item it = items.get(i);
            if (it.confirming) {
                confirmations.addFirst(it);
            } else {
                waiting.addFirst(it);
            }
        }
        out -= items.size();
    }

    /** Keeps the first {@code n} of a batch and gives the rest back; returns the kept ones. */
    List<Item> keep(List<Item> batch, int n) {
        if (batch.size() <= n) {
            return batch;
        }
        giveBack(new ArrayList<>(batch.subList(n, batch.size())));
        return new ArrayList<>(batch.subList(0, n));
    }

    /** A call's numbers came back with a final answer (or as UNKNOWN for good). */
    void done(int numbers) {
        out -= numbers;
    }

    /** A number the answer left out (or could not read): asked again in a later call. */
    void askAgain(Item it) {
        it.unanswered++;
        waiting.addLast(it);
        out--;
    }

    /** A first negative, to be asked again once {@code delayNanos} have passed. */
    void confirmLater(Item it, long now, long delayNanos) {
        it.confirming = true;
        it.dueNanos = now + delayNanos;
        confirmations.addLast(it);
        out--;
    }

    /** Nothing waits and nothing is out. */
    boolean finished() {
        return waiting.isEmpty() && confirmations.isEmpty() && out == 0;
    }

    /** Whether a number could be taken now. */
    boolean available(long now) {
        return !waiting.isEmpty() || (!confirmations.isEmpty() && confirmations.peekFirst().dueNanos <= now);
    }

    /** When the next confirmation is due (nanoTime), or {@code Long.MAX_VALUE} when none waits. */
    long nextDue() {
        return confirmations.isEmpty() ? Long.MAX_VALUE : confirmations.peekFirst().dueNanos;
    }

    /** The numbers not answered yet that wait (for the caller's PENDING count and tests). */
    int waitingCount() {
        return waiting.size() + confirmations.size();
    }
}
