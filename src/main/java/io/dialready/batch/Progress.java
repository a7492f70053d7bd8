package io.dialready.batch;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the progress of the rows step (rows done, rows/s, lookups/s against the rate the provider allows, an ETA)
 * and hands the figures to a {@link ProgressListener} after each chunk; once per interval the same line goes to the
 * log file, whoever listens. Rates are measured since this process started the step (a resumed run does not count the
 * rows it skipped).
 * <p>
 * The total and the ETA: for a CSV input, the share of the file's bytes read so far ({@code fraction}) gives an
 * estimated total ({@code rows done / fraction}) and the ETA (the bytes left at the byte rate so far). That is an
 * estimate, shown as {@code ~}; an XLSX input has no honest figure before the end (its rows are in a compressed
 * stream), so the total and ETA are left out there.
 */
public final class Progress implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Progress.class);

    private final long intervalNanos;
    private final ProgressListener listener;
    private DoubleSupplier fraction = () -> Double.NaN;
    private LongSupplier lookups = () -> 0;
    private Supplier<OptionalDouble> allowedRate = OptionalDouble::empty;
    private long startNanos;
    private long startRows;
    private long startLookups;
    private double startFraction;
    private long lastLineNanos;
    private boolean started;

    /**
     * @param interval how often a line is logged (and shown by a display of lines)
     * @param listener who else sees the figures
     */
    public Progress(Duration interval, ProgressListener listener) {
        this.intervalNanos = interval.toNanos();
        this.listener = listener;
    }

    /** The share of the input read (0..1, NaN when unknown), for the estimated total and the ETA. */
    public Progress withInputFraction(DoubleSupplier fraction) {
        this.fraction = fraction;
        return this;
    }

    /** The lookups made so far, and the rate the provider allows (empty: no limit). */
    public Progress withLookups(LongSupplier lookups, Supplier<OptionalDouble> allowedRate) {
        this.lookups = lookups;
        this.allowedRate = allowedRate;
        return this;
    }

    public void start(long rowsAlreadyDone) {
        startNanos = System.nanoTime();
        lastLineNanos = startNanos;
        startRows = rowsAlreadyDone;
        startLookups = lookups.getAsLong();
        startFraction = 0;
        started = true;
        listener.rowsStarted(rowsAlreadyDone);
    }

    /** Called after each chunk with the rows read so far in the whole run. */
    public void rows(int chunkRows, long totalRows) {
        long now = System.nanoTime();
        boolean lineDue = now - lastLineNanos >= intervalNanos;
        if (lineDue) {
            lastLineNanos = now;
        }
        ProgressEvent event = figures(totalRows, now, lineDue);
        if (lineDue) {
            log.info("progress: " + event.text());
        }
        listener.rowsProgress(event);
    }

    /** The figures at this point, for the listener, the log line and tests. */
    ProgressEvent figures(long totalRows, long now, boolean lineDue) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rowsPerSecond = (totalRows - startRows) / seconds;
        double lookupsPerSecond = (lookups.getAsLong() - startLookups) / seconds;
        double read = fraction.getAsDouble();
        long estimatedTotal = -1;
        if (!Double.isNaN(read) && read > 0) {
            estimatedTotal = read >= 1.0 ? totalRows : Math.round(totalRows / read);
        }
        return new ProgressEvent(
                totalRows,
                estimatedTotal,
                rowsPerSecond,
                lookupsPerSecond,
                allowedRate.get(),
                eta(now).orElse(null),
                lineDue);
    }

    /** Time left: the input's bytes left at the byte rate measured so far in this process. */
    private Optional<Duration> eta(long now) {
        double read = fraction.getAsDouble();
        double seconds = (now - startNanos) / 1e9;
        if (Double.isNaN(read) || read <= startFraction || seconds < 1) {
            return Optional.empty();
        }
        double perSecond = (read - startFraction) / seconds;
        return Optional.of(Duration.ofSeconds(Math.round((1.0 - read) / perSecond)));
    }

    /** The step ends: the listener is told once. */
    @Override
    public void close() {
        if (started) {
            started = false;
            listener.rowsEnded();
        }
    }
}
