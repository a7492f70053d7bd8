package io.dialready.batch;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The rows step's figures after a chunk. Rates are measured since this process started the step (a resumed run does
 * not count the rows it skipped).
 *
 * @param estimatedTotal the rows the input holds, estimated from the share of its bytes read; -1 when unknown (XLSX)
 * @param eta            the time left, or null when unknown
 * @param lineDue        whether a progress interval has passed since the last line: a display that prints lines
 *                       prints one now (the same line then goes to the log file)
 */
public record ProgressEvent(
        long rows,
        long estimatedTotal,
        double rowsPerSecond,
        double lookupsPerSecond,
        OptionalDouble allowedLookupsPerSecond,
        Duration eta,
        boolean lineDue) {

    /** The lookup rate against the allowed one, e.g. "lookups 12.5/s (of 20.0/s allowed)". */
    public String lookupText() {
        String allowed = allowedLookupsPerSecond.isPresent()
                ? String.format(Locale.ROOT, "of %,.1f/s allowed", allowedLookupsPerSecond.getAsDouble())
                : "no rate limit";
        return String.format(
                Locale.ROOT,
                lookupsPerSecond < 10 ? "lookups %,.1f/s (%s)" : "lookups %,.0f/s (%s)",
                lookupsPerSecond,
                allowed);
    }

    /** The progress line without its "progress: " prefix. */
    public String text() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%,d", rows));
        if (estimatedTotal > 0) {
            sb.append(String.format(
                    Locale.ROOT,
                    " of ~%,d rows (%d%%)",
                    estimatedTotal,
                    Math.min(100, Math.round(100.0 * rows / estimatedTotal))));
        } else {
            sb.append(" rows");
        }
        sb.append(String.format(Locale.ROOT, ", %,d rows/s, ", Math.round(rowsPerSecond)))
                .append(lookupText());
        sb.append(", ETA ").append(eta == null ? "unknown" : format(eta));
        return sb.toString();
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
