package io.dialready.lookup.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.bench.FakeProviderServer;
import io.dialready.domain.LookupResult;
import io.dialready.domain.WhatsAppStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The real Evolution and WAHA adapters against the benchmark's stand-in gateway: every number gets an answer, both
 * shapes agree on each number, and each check is one call.
 */
class BenchGatewayCompatibilityTest {

    private final FakeProviderServer server = new FakeProviderServer(0, 0.6);

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void evolutionBulkAndWahaSingleAnswerEveryNumberAlike() throws Exception {
        String base = "http://127.0.0.1:" + server.start(0);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            numbers.add(String.format("+55119%08d", 20_000_000 + i * 7919));
        }
        EvolutionLookup evolution =
                new EvolutionLookup("bench", base, "bench", "k", 500, Fakes.http(), Fakes.TIMEOUT, Fakes.CLOCK);
        WahaLookup waha = new WahaLookup("bench", base, "default", null, Fakes.http(), Fakes.TIMEOUT, Fakes.CLOCK);

        Map<String, LookupResult> bulk = evolution.check(numbers);
        int active = 0;
        for (String n : numbers) {
            LookupResult single = waha.check(List.of(n)).get(n);
            assertThat(bulk.get(n)).as(n).isEqualTo(single);
            assertThat(single.status()).isIn(WhatsAppStatus.ACTIVE, WhatsAppStatus.INACTIVE);
            if (single.status() == WhatsAppStatus.ACTIVE) {
                active++;
                assertThat(single.whatsappId()).isEqualTo(n.substring(1));
            }
        }
        assertThat(active).isBetween(15, 45);
        JsonNode stats = HttpProvider.JSON.readTree(server.stats());
        assertThat(stats.get("calls").asLong()).isEqualTo(1 + numbers.size());
        assertThat(stats.get("numbers").asLong()).isEqualTo(2L * numbers.size());
    }
}
