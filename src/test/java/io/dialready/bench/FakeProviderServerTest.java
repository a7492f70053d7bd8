package io.dialready.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The benchmark's fake gateway must answer like the providers it stands for and count what it receives. */
class FakeProviderServerTest {

    private final FakeProviderServer server = new FakeProviderServer(0, 0.5);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void answersEvolutionAndWahaShapesAndCountsCallsPerSecondWindow() throws Exception {
        int port = server.start(0);
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> bulk = http.send(
                HttpRequest.newBuilder(URI.create(base + "/chat/whatsappNumbers/bench"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"numbers\":[\"5511987654321\",\"5511912345678\",\"5521987650000\"]}"))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bulk.statusCode()).isEqualTo(200);
        JsonNode items = JsonMapper.builder().build().readTree(bulk.body());
        assertThat(items).hasSize(3);
        assertThat(items.get(0).get("number").asString()).isEqualTo("5511987654321");
        assertThat(items.get(0).get("jid").asString()).isEqualTo("5511987654321@s.whatsapp.net");

        HttpResponse<String> single = http.send(
                HttpRequest.newBuilder(
                                URI.create(base + "/api/contacts/check-exists?phone=5511987654321&session=default"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(single.statusCode()).isEqualTo(200);
        boolean exists = JsonMapper.builder()
                .build()
                .readTree(single.body())
                .get("numberExists")
                .asBoolean();
        assertThat(exists)
                .as("the same number gets the same answer from both shapes")
                .isEqualTo(items.get(0).get("exists").asBoolean());

        JsonNode stats = JsonMapper.builder().build().readTree(server.stats());
        assertThat(stats.get("calls").asLong()).isEqualTo(2);
        assertThat(stats.get("numbers").asLong()).isEqualTo(4);
        assertThat(stats.get("max_numbers_in_1s").asLong()).isEqualTo(4);
        assertThat(stats.get("max_calls_in_1s").asLong()).isEqualTo(2);
    }

    @Test
    void refusesAnEvolutionCallWithoutNumbers() throws Exception {
        int port = server.start(0);
        HttpResponse<String> bad = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/chat/whatsappNumbers/bench"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("numbers is required");
    }
}
