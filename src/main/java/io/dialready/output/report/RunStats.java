package io.dialready.output.report;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * The run's counters. Saved in the step's execution context at every commit, so a resumed run reports the whole run,
 * not just the part after the restart. Updated by the chunk writer only (one thread).
 */
public final class RunStats implements ItemStream {

    private static final String PREFIX = "stats.";

    private final Map<String, Long> counters = new TreeMap<>();

    public void add(String name, long delta) {
        if (delta != 0) {
            counters.merge(name, delta, Long::sum);
        }
    }

    public void increment(String name) {
        counters.merge(name, 1L, Long::sum);
    }

    public long get(String name) {
        return counters.getOrDefault(name, 0L);
    }

    /** Counters whose names start with the prefix, keyed by the rest of the name. */
    public Map<String, Long> group(String prefix) {
        Map<String, Long> g = new TreeMap<>();
        counters.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                g.put(k.substring(prefix.length()), v);
            }
        });
        return g;
    }

    public void set(String name, long value) {
        counters.put(name, value);
    }

    @Override
    public void open(ExecutionContext context) {
        counters.clear();
        for (Map.Entry<String, Object> e : context.entrySet()) {
            if (e.getKey().startsWith(PREFIX) && e.getValue() instanceof Number n) {
                counters.put(e.getKey().substring(PREFIX.length()), n.longValue());
            }
        }
    }

    @Override
    public void update(ExecutionContext context) {
        counters.forEach((k, v) -> context.putLong(PREFIX + k, v));
    }

    /** Restores counters saved by {@link #update} into another context (used by the report step). */
    public static RunStats from(ExecutionContext context) {
        RunStats stats = new RunStats();
        stats.open(context);
        return stats;
    }
}
