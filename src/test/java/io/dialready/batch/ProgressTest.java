package io.dialready.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rows step's progress meter: the figures it hands its listener, and when a line is due. */
class ProgressTest {

    private final AtomicLong lookups = new AtomicLong();
    private double fraction;

    /** What the listener heard, in order. */
    private final List<Object> heard = new ArrayList<>();

    private final ProgressListener recorder = new ProgressListener() {
        @Override
        public void rowsStarted(long rowsAlreadyDone) {
            heard.add("started " + rowsAlreadyDone);
        }

        @Override
        public void rowsProgress(ProgressEvent event) {
            heard.add(event);
        }

        @Override
        public void rowsEnded() {
            heard.add("ended");
        }
    };

    private Progress progress(Duration interval, OptionalDouble allowed) {
        return new Progress(interval, recorder)
                .withInputFraction(() -> fraction)
                .withLookups(lookups::get, () -> allowed);
    }

    private List<ProgressEvent> events() {
        return heard.stream()
                .filter(ProgressEvent.class::isInstance)
                .map(ProgressEvent.class::cast)
                .toList();
    }

    @Test
    void everyChunkReachesTheListenerAndALineIsDueOncePerInterval() throws Exception {
        Progress p = progress(Duration.ofMillis(300), OptionalDouble.empty());
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
        p.close();
        assertThat(heard.get(0)).isEqualTo("started 0");
        assertThat(heard.get(heard.size() - 1)).isEqualTo("ended");
        assertThat(heard).filteredOn("ended"::equals).hasSize(1);
        assertThat(events()).hasSize(10).extracting(ProgressEvent::rows).endsWith(1000L);
        // 10 chunks over ~1.2 s with a line at most every 0.3 s: 2 to 4 lines due, not 10
        List<ProgressEvent> due =
                events().stream().filter(ProgressEvent::lineDue).toList();
        assertThat(due.size()).isBetween(2, 4);
        assertThat("progress: " + due.get(due.size() - 1).text())
                .matches("progress: [0-9,]+ of ~4,000 rows \\(\\d+%\\), [0-9,]+ rows/s, "
                        + "lookups [0-9,.]+/s \\(no rate limit\\), ETA \\d+s");
        ProgressEvent f = p.figures(1000, System.nanoTime(), false);
        assertThat(f.estimatedTotal()).isEqualTo(4000);
        // 1000 rows in ~1.2 s (wide bounds: the machine is shared)
        assertThat(f.rowsPerSecond()).isBetween(200.0, 1000.0);
        assertThat(f.lookupsPerSecond()).isBetween(1.4 * f.rowsPerSecond(), 1.6 * f.rowsPerSecond());
        // a quarter read in ~1.2 s: about 3.6 s left
        assertThat(f.eta().toSeconds()).isBetween(1L, 6L);
    }

    @Test
    void theAllowedRateIsShownBesideTheMeasuredOne() throws Exception {
        Progress p = progress(Duration.ofMillis(1), OptionalDouble.of(2.5));
        p.start(0);
        Thread.sleep(20);
        lookups.set(10);
        p.rows(10, 10);
        assertThat(events()).singleElement().satisfies(e -> {
            assertThat(e.lineDue()).isTrue();
            assertThat(e.text()).contains("of 2.5/s allowed").contains("ETA unknown");
        });
    }

    @Test
    void aResumedRunCountsRatesFromWhereThisProcessStarted() throws Exception {
        fraction = Double.NaN; // an XLSX input: no total, no ETA
        Progress p = progress(Duration.ofMillis(1), OptionalDouble.empty());
        p.start(1_000_000);
        Thread.sleep(1000);
        p.rows(500, 1_000_500);
        assertThat(heard.get(0)).isEqualTo("started 1000000");
        assertThat(events().get(0).text()).startsWith("1,000,500 rows, ").contains("ETA unknown");
        assertThat(events().get(0).estimatedTotal()).isEqualTo(-1);
        assertThat(p.figures(1_000_500, System.nanoTime(), false).rowsPerSecond())
                .isLessThan(501);
    }

    @Test
    void aLongRunShowsHoursAndMinutesLeft() {
        ProgressEvent e = new ProgressEvent(
                12_345, 1_000_000, 1234.4, 12.6, OptionalDouble.empty(), Duration.ofSeconds(7384), true);
        assertThat(e.text())
                .isEqualTo("12,345 of ~1,000,000 rows (1%), 1,234 rows/s, lookups 13/s (no rate limit), ETA 2h03m");
        assertThat(new ProgressEvent(5, -1, 0.5, 0.25, OptionalDouble.of(20), Duration.ofSeconds(125), true).text())
                .isEqualTo("5 rows, 1 rows/s, lookups 0.3/s (of 20.0/s allowed), ETA 2m05s");
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
                Duration.ofSeconds(20),
                io.dialready.spec.JobSpec.Retries.DEFAULT,
                io.dialready.spec.JobSpec.CircuitBreaker.DEFAULT,
                null,
                java.util.List.of(a, b));
        assertThat(EnrichJobConfiguration.allowedLookupsPerSecond(pool).getAsDouble())
                .isEqualTo(2.5);
    }
}
