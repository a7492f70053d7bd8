package io.dialready.output.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DistinctCounterTest {

    @Test
    void countsEachNumberOnceAcrossTableGrowth() {
        DistinctCounter counter = new DistinctCounter();
        for (int i = 0; i < 200_000; i++) { // several times the initial table
            assertThat(counter.add("+55119" + (10_000_000 + i))).isTrue();
        }
        for (int i = 0; i < 200_000; i += 7) {
            assertThat(counter.add("+55119" + (10_000_000 + i)))
                    .as("seen before")
                    .isFalse();
        }
        assertThat(counter.add("5511910000000")).as("with or without +").isFalse();
        assertThat(counter.size()).isEqualTo(200_000);
    }
}
