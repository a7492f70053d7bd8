package io.dialready.cli;

import io.dialready.batch.ProgressEvent;
import io.dialready.run.RunListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The rows step's progress on the terminal, as one listener of the run:
 * <ul>
 * <li>{@link Mode#BAR}: a progress bar (me.tongfei:progressbar), redrawn every second;</li>
 * <li>{@link Mode#LINES}: the progress line of every interval (the one the log file gets), for cron and logs.</li>
 * </ul>
 * The total and the ETA are estimates (shown as {@code ~}) for a CSV input, and left out for an XLSX input.
 */
final class TerminalProgress implements RunListener {

    /** How progress is shown on the console. */
    enum Mode {
        /** BAR when stderr is a terminal (System.console() != null), else LINES. */
        AUTO,
        BAR,
        LINES,
        NONE;

        Mode resolve(boolean terminal) {
            return this == AUTO ? terminal ? BAR : LINES : this;
        }
    }

    private final Mode mode;
    private final PrintStream console;
    private int barWidth;
    private ProgressBar bar;
    private volatile Duration eta;

    /**
     * @param mode    BAR or LINES (AUTO resolves to LINES; NONE shows nothing)
     * @param console where the bar or lines go (stderr)
     */
    TerminalProgress(Mode mode, PrintStream console) {
        this.mode = mode == Mode.AUTO ? Mode.LINES : mode;
        this.console = console;
    }

    /** The listener for a mode: nothing at all for NONE. */
    static RunListener of(Mode mode, PrintStream console) {
        return mode == Mode.NONE ? RunListener.NONE : new TerminalProgress(mode, console);
    }

    /** The bar's width in characters; default (0): the terminal's width. */
    TerminalProgress withBarWidth(int width) {
        this.barWidth = width;
        return this;
    }

    @Override
    public void rowsStarted(long rowsAlreadyDone) {
        eta = null;
        if (mode != Mode.BAR) {
            return;
        }
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
                .setEtaFunction(state -> Optional.ofNullable(eta))
                .build();
    }

    @Override
    public void rowsProgress(ProgressEvent event) {
        eta = event.eta();
        if (bar != null) {
            if (event.estimatedTotal() > 0) {
                bar.maxHint(Math.max(event.estimatedTotal(), event.rows()));
            }
            bar.stepTo(event.rows());
            bar.setExtraMessage(" · " + event.lookupText()); // the bar puts it right after its "N rows/s"
        } else if (mode == Mode.LINES && event.lineDue()) {
            console.println("progress: " + event.text());
        }
    }

    /** Ends the bar (its last line stays on the terminal). */
    @Override
    public void rowsEnded() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
