package io.dialready.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final AtomicLong lookups = new AtomicLong();
    private double fraction;

    private Progress progress(Progress.Mode mode, Duration interval, OptionalDouble allowed) {
        return new Progress(mode, new PrintStream(console, true, StandardCharsets.UTF_8), interval)
                .withInputFraction(() -> fraction)
                .withLookups(lookups::get, () -> allowed);
    }

    private String printed() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutATerminalOneLinePerIntervalWithRatesTotalAndEta() throws Exception {
        Progress p = progress(Progress.Mode.LINES, Duration.ofMillis(300), OptionalDouble.empty());
        p.start(0);
        long rows = 0;
        for (int i = 1; i <= 10; i++) {
            Thread.sleep(120);
            rows += 100;
            lookups.addAndGet(150);
            fraction = rows / 4000.0;
            p.rows(100, rows);
        }
        p.close();
        String[] lines = printed().strip().split("\n");
        // 10 chunks over ~1.2 s with a line at most every 0.3 s: 3 or 4 lines, not 10
        assertThat(lines.length).isBetween(2, 4);
        String last = lines[lines.length - 1];
        assertThat(last)
                .matches("progress: [0-9,]+ of ~4,000 rows \\(\\d+%\\), [0-9,]+ rows/s, "
                        + "lookups [0-9,.]+/s \\(no rate limit\\), ETA \\d+s");
        Progress.Figures f = p.figures(1000, System.nanoTime());
        assertThat(f.estimatedTotal()).isEqualTo(4000);
        // 1000 rows in ~1.2 s (wide bounds: the machine is shared)
        assertThat(f.rowsPerSecond()).isBetween(200.0, 1000.0);
        assertThat(f.lookupsPerSecond()).isBetween(1.4 * f.rowsPerSecond(), 1.6 * f.rowsPerSecond());
        // a quarter read in ~1.2 s: about 3.6 s left
        assertThat(f.eta().toSeconds()).isBetween(1L, 6L);
    }

    @Test
    void theAllowedRateIsShownBesideTheMeasuredOne() throws Exception {
        Progress p = progress(Progress.Mode.LINES, Duration.ofMillis(1), OptionalDouble.of(2.5));
        p.start(0);
        Thread.sleep(20);
        lookups.set(10);
        p.rows(10, 10);
        assertThat(printed()).contains("of 2.5/s allowed").contains("ETA unknown");
    }

    @Test
    void aResumedRunCountsRatesFromWhereThisProcessStarted() throws Exception {
        fraction = Double.NaN; // an XLSX input: no total, no ETA
        Progress p = progress(Progress.Mode.LINES, Duration.ofMillis(1), OptionalDouble.empty());
        p.start(1_000_000);
        Thread.sleep(1000);
        p.rows(500, 1_000_500);
        assertThat(printed()).startsWith("progress: 1,000,500 rows, ").contains("ETA unknown");
        assertThat(p.figures(1_000_500, System.nanoTime()).rowsPerSecond()).isLessThan(501);
    }

    @Test
    void onATerminalABarWithRowsSpeedAndLookups() throws Exception {
        Progress p = progress(Progress.Mode.BAR, Duration.ofHours(1), OptionalDouble.empty())
                .withBarWidth(150);
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
    void theAllowedRateIsTheSumOfTheSpecsAccountRates() {
        io.dialready.spec.JobSpec.Lookup none =
                new io.dialready.spec.JobSpec.Lookup("sandbox", null, false, false, 500);
        assertThat(EnrichJobConfiguration.allowedLookupsPerSecond(none)).isEmpty();
        var perMinute = new io.dialready.spec.JobSpec.Rate(30, Duration.ofMinutes(1));
        var perSecond = new io.dialready.spec.JobSpec.Rate(2, Duration.ofSeconds(1));
        var a = new io.dialready.spec.JobSpec.Account(
                "a", "http://127.0.0.1:1", "i", null, null, null, null, perMinute, 5, Duration.ZERO, 1000);
        var b = new io.dialready.spec.JobSpec.Account(
                "b", "http://127.0.0.1:1", "i", null, null, null, null, perSecond, 5, Duration.ZERO, 1000);
        var pool = new io.dialready.spec.JobSpec.Lookup(
                "evolution",
                null,
                false,
                false,
                500,
                4,
                Duration.ofDays(7),
                Duration.ofDays(2),
                null,
                Duration.ofSeconds(20),
                io.dialready.spec.JobSpec.Retries.DEFAULT,
                io.dialready.spec.JobSpec.CircuitBreaker.DEFAULT,
                null,
                java.util.List.of(a, b));
        assertThat(EnrichJobConfiguration.allowedLookupsPerSecond(pool).getAsDouble())
                .isEqualTo(2.5);
    }

    @Test
    void quietPrintsNothing() {
        Progress p = progress(Progress.Mode.NONE, Duration.ofMillis(1), OptionalDouble.empty());
        p.start(0);
        p.rows(1, 1);
        p.close();
        assertThat(printed()).isEmpty();
    }
}
