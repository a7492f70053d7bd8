package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.batch.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The terminal's progress display, fed by the real progress meter: lines for cron, a bar on a terminal, or nothing. */
class TerminalProgressTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(console, true, StandardCharsets.UTF_8);
    private final AtomicLong lookups = new AtomicLong();
    private double fraction;

    private Progress meter(TerminalProgress.Mode mode, Duration interval) {
        return meter(TerminalProgress.of(mode, stream), interval);
    }

    private Progress meter(io.dialready.batch.ProgressListener display, Duration interval) {
        return new Progress(interval, display)
                .withInputFraction(() -> fraction)
                .withLookups(lookups::get, OptionalDouble::empty);
    }

    private String printed() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutATerminalOneLinePerInterval() throws Exception {
        Progress p = meter(TerminalProgress.Mode.LINES, Duration.ofMillis(300));
        p.start(0);
        for (int i = 1; i <= 10; i++) {
            Thread.sleep(120);
            fraction = i / 40.0;
            p.rows(100, i * 100L);
        }
        p.close();
        String[] lines = printed().strip().split("\n");
        assertThat(lines.length).isBetween(2, 4);
        assertThat(lines)
                .allMatch(line -> line.matches("progress: [0-9,]+ of ~4,000 rows \\(\\d+%\\), [0-9,]+ rows/s, "
                        + "lookups [0-9,.]+/s \\(no rate limit\\), ETA (unknown|\\d+s)"));
        assertThat(lines[lines.length - 1]).endsWith("s").doesNotContain("unknown"); // ETA known after 1 s
    }

    @Test
    void onATerminalABarWithRowsSpeedAndLookups() throws Exception {
        Progress p =
                meter(new TerminalProgress(TerminalProgress.Mode.BAR, stream).withBarWidth(150), Duration.ofHours(1));
        p.start(0);
        for (int i = 1; i <= 5; i++) {
            Thread.sleep(300);
            lookups.addAndGet(50);
            fraction = i / 10.0;
            p.rows(100, i * 100L);
        }
        p.close();
        String bar = printed();
        assertThat(bar)
                .contains("enrich")
                .contains("500/1000 rows")
                .containsPattern("\\d rows/s · lookups \\d")
                .contains("no rate limit");
        assertThat(bar).doesNotContain("progress:"); // no log-style lines on a terminal
    }

    @Test
    void quietPrintsNothing() {
        Progress p = meter(TerminalProgress.Mode.NONE, Duration.ofMillis(1));
        p.start(0);
        p.rows(1, 1);
        p.close();
        assertThat(printed()).isEmpty();
    }

    @Test
    void autoIsABarOnATerminalAndLinesElsewhere() {
        assertThat(TerminalProgress.Mode.AUTO.resolve(true)).isEqualTo(TerminalProgress.Mode.BAR);
        assertThat(TerminalProgress.Mode.AUTO.resolve(false)).isEqualTo(TerminalProgress.Mode.LINES);
        assertThat(TerminalProgress.Mode.NONE.resolve(true)).isEqualTo(TerminalProgress.Mode.NONE);
    }
}
