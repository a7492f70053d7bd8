package io.dialready.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The pace of one account: even slots, a 429 halving it and pausing, answered numbers bringing it back gradually. */
class PacerTest {

    private static final long MS = 1_000_000L;

    @Test
    void slotsAreAsFarApartAsTheirNumbersTakeAtTheRateLessTheMargin() {
        Pacer p = new Pacer(20, 1_000 * MS); // 20/s: 51 ms a number with the 2% margin
        long now = System.nanoTime();
        long first = p.reserve(1, now, 0);
        long second = p.reserve(1, now, 0);
        long bulk = p.reserve(4, now, 0);
        long after = p.reserve(1, now, 0);
        assertThat(first).isEqualTo(now);
        assertThat((second - first) / (double) MS).isCloseTo(51.0, within(0.01));
        assertThat((bulk - second) / (double) MS).isCloseTo(51.0, within(0.01));
        assertThat((after - bulk) / (double) MS)
                .as("a call of 4 holds 4 numbers' worth")
                .isCloseTo(204.0, within(0.01));
    }

    @Test
    void jitterDelaysAnIdleAccountButNeverBringsSlotsCloser() {
        Pacer p = new Pacer(20, 1_000 * MS);
        long now = System.nanoTime();
        long a = p.reserve(1, now, 30 * MS);
        long b = p.reserve(1, now, 0);
        assertThat(a - now).isEqualTo(30 * MS);
        assertThat(b - a).isEqualTo(51 * MS);
    }

    @Test
    void a429HalvesThePaceAndPausesThenAnswersBringItBackGradually() {
        Pacer p = new Pacer(20, 1_000 * MS);
        long now = System.nanoTime();
        p.throttled(now, 500 * MS);
        assertThat(p.factor()).isEqualTo(0.5);
        assertThat(p.soonest(now) - now).as("paused").isEqualTo(500 * MS);
        long s1 = p.reserve(1, now, 0);
        long s2 = p.reserve(1, now, 0);
        assertThat((s2 - s1) / (double) MS).as("half the pace").isCloseTo(102.0, within(0.01));

        p.answered(20); // a rate's worth answered: a tenth of the rate back
        assertThat(p.factor()).isCloseTo(0.6, within(1e-9));
        for (int i = 0; i < 10; i++) {
            p.answered(20);
        }
        assertThat(p.factor()).as("never above the rate").isEqualTo(1.0);

        for (int i = 0; i < 10; i++) {
            p.throttled(now, 0);
        }
        assertThat(p.factor()).as("never below a sixteenth").isEqualTo(Pacer.MIN_FACTOR);
    }
}
