package io.dialready.batch;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of the rows step: rows done, rows/s, lookups/s against the rate the provider allows, and an ETA.
 * <ul>
 * <li>{@link Mode#BAR}: a progress bar on the terminal (me.tongfei:progressbar), redrawn every second;</li>
 * <li>{@link Mode#LINES}: one line every interval on stderr (for cron and logs);</li>
 * <li>{@link Mode#NONE} (--quiet): nothing on the console.</li>
 * </ul>
 * In every mode the same line goes to the log file once per interval. Rates are measured since this process started
 * the step (a resumed run does not count the rows it skipped).
 * <p>
 * The total and the ETA: for a CSV input, the share of the file's bytes read so far ({@code fraction}) gives an
 * estimated total ({@code rows done / fraction}) and the ETA (the bytes left at the byte rate so far). That is an
 * estimate, shown as {@code ~}; an XLSX input has no honest figure before the end (its rows are in a compressed
 * stream), so the total and ETA are left out there.
 */
public final class Progress implements AutoCloseable {

    /** How progress is shown on the console. */
    public enum Mode {
        /** BAR when stderr is a terminal (System.console() != null), else LINES. */
        AUTO,
        BAR,
        LINES,
        NONE;

        public Mode resolve(boolean terminal) {
            return this == AUTO ? terminal ? BAR : LINES : this;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Progress.class);

    private final Mode mode;
    private final PrintStream console;
    private final long intervalNanos;
    private DoubleSupplier fraction = () -> Double.NaN;
    private LongSupplier lookups = () -> 0;
    private Supplier<OptionalDouble> allowedRate = OptionalDouble::empty;
    private long startNanos;
    private long startRows;
    private long startLookups;
    private double startFraction;
    private long lastPrintNanos;
    private ProgressBar bar;
    private int barWidth;

    /**
     * @param mode     BAR, LINES or NONE (resolve AUTO first)
     * @param console  where the bar or lines go (stderr)
     * @param interval how often a line is printed and logged
     */
    public Progress(Mode mode, PrintStream console, Duration interval) {
        this.mode = mode == Mode.AUTO ? Mode.LINES : mode;
        this.console = console;
        this.intervalNanos = interval.toNanos();
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

    /** The bar's width in characters; default (0): the terminal's width. */
    Progress withBarWidth(int width) {
        this.barWidth = width;
        return this;
    }

    public Mode mode() {
        return mode;
    }

    public void start(long rowsAlreadyDone) {
        startNanos = System.nanoTime();
        lastPrintNanos = startNanos;
        startRows = rowsAlreadyDone;
        startLookups = lookups.getAsLong();
        startFraction = 0;
        if (mode == Mode.BAR && console != null) {
            bar = new ProgressBarBuilder()
                    .setTaskName("enrich")
                    .setInitialMax(-1)
                    .startsFrom(rowsAlreadyDone, Duration.ZERO)
                    .setUnit(" rows", 1)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(1000)
                    .showSpeed(new java.text.DecimalFormat("#,##0"))
                    .setConsumer(
                            barWidth > 0
                                    ? new ConsoleProgressBarConsumer(console, barWidth)
                                    : new ConsoleProgressBarConsumer(console))
                    .setEtaFunction(state -> eta(System.nanoTime()))
                    .build();
        }
    }

    /** Called after each chunk with the rows read so far in the whole run. */
    public void rows(int chunkRows, long totalRows) {
        long now = System.nanoTime();
        if (bar != null) {
            Figures f = figures(totalRows, now);
            if (f.estimatedTotal > 0) {
                bar.maxHint(Math.max(f.estimatedTotal, totalRows));
            }
            bar.stepTo(totalRows);
            bar.setExtraMessage(" · " + f.lookupText()); // the bar puts it right after its "N rows/s"
        }
        if (now - lastPrintNanos < intervalNanos) {
            return;
        }
        lastPrintNanos = now;
        String line = "progress: " + figures(totalRows, now).text();
        log.info(line);
        if (mode == Mode.LINES && console != null) {
            console.println(line);
        }
    }

    /** The figures at this point, for the bar, the log line and tests. */
    Figures figures(long totalRows, long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rowsPerSecond = (totalRows - startRows) / seconds;
        double lookupsPerSecond = (lookups.getAsLong() - startLookups) / seconds;
        double read = fraction.getAsDouble();
        long estimatedTotal = -1;
        if (!Double.isNaN(read) && read > 0) {
            estimatedTotal = read >= 1.0 ? totalRows : Math.round(totalRows / read);
        }
        return new Figures(
                totalRows, estimatedTotal, rowsPerSecond, lookupsPerSecond, allowedRate.get(), eta(now).orElse(null));
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

    /** What a progress line shows. */
    record Figures(
            long rows,
            long estimatedTotal,
            double rowsPerSecond,
            double lookupsPerSecond,
            OptionalDouble allowedLookupsPerSecond,
            Duration eta) {

        String lookupText() {
            String allowed = allowedLookupsPerSecond.isPresent()
                    ? String.format(Locale.ROOT, "of %,.1f/s allowed", allowedLookupsPerSecond.getAsDouble())
                    : "no rate limit";
            return String.format(
                    Locale.ROOT,
                    lookupsPerSecond < 10 ? "lookups %,.1f/s (%s)" : "lookups %,.0f/s (%s)",
                    lookupsPerSecond,
                    allowed);
        }

        String text() {
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

    /** Ends the bar (its last line stays on the terminal). */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
