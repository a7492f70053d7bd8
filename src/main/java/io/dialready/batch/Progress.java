package io.dialready.batch;

import java.io.PrintStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long run: at most one line every few seconds, to the log file and (unless quiet) to stderr, with rows
 * done and the rate since this process started.
 */
public final class Progress {

    private static final Logger log = LoggerFactory.getLogger(Progress.class);

    private final PrintStream console;
    private final long intervalNanos;
    private long startNanos;
    private long startRows;
    private long lastPrintNanos;

    public Progress(PrintStream console, long intervalMillis) {
        this.console = console;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    public void start(long rowsAlreadyDone) {
        startNanos = System.nanoTime();
        lastPrintNanos = startNanos;
        startRows = rowsAlreadyDone;
    }

    public void rows(int chunkRows, long totalRows) {
        long now = System.nanoTime();
        if (now - lastPrintNanos < intervalNanos) {
            return;
        }
        lastPrintNanos = now;
        double seconds = (now - startNanos) / 1e9;
        long rate = seconds > 0 ? Math.round((totalRows - startRows) / seconds) : 0;
        String line = String.format("progress: %,d rows read, %,d rows/s", totalRows, rate);
        log.info(line);
        if (console != null) {
            console.println(line);
        }
    }
}
