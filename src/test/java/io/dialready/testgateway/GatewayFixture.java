package io.dialready.testgateway;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An answer a real gateway gives, recorded from its source code or docs, as a test fixture: one file under
 * {@code src/test/resources/gateways/<gateway>-<version>/<name>.json} holding the gateway, its version, the source file
 * (or docs page) the body comes from, the HTTP status, headers and body. {@code gateways/README.md} lists them all. A
 * fake gateway (WireMock) answers with {@link #response()}.
 *
 * @param name the fixture's path under gateways/, without .json (e.g. {@code evolution-2.3.6/connection-closed})
 * @param body the body exactly as the gateway serialises it (compact JSON)
 */
public record GatewayFixture(
        String name,
        String gateway,
        String version,
        String source,
        int status,
        Map<String, String> headers,
        String body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static GatewayFixture of(String name) {
        String path = "/gateways/" + name + ".json";
        try (InputStream in = GatewayFixture.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            JsonNode f = JSON.readTree(in);
            Map<String, String> headers = new LinkedHashMap<>();
            f.path("headers")
                    .properties()
                    .forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
            return new GatewayFixture(
                    name,
                    f.path("gateway").asString(),
                    f.path("version").asString(),
                    f.path("source").asString(),
                    f.path("status").asInt(),
                    headers,
                    JSON.writeValueAsString(f.get("body")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The WireMock answer: status, headers and body as the gateway sends them. */
    public ResponseDefinitionBuilder response() {
        ResponseDefinitionBuilder r = WireMock.aResponse().withStatus(status).withBody(body);
        headers.forEach(r::withHeader);
        return r;
    }

    /** The same body with another status (a fixture whose status the gateway's docs do not give). */
    public ResponseDefinitionBuilder response(int otherStatus) {
        return response().withStatus(otherStatus);
    }

    /** The body with {@code from} replaced by {@code to} (another number than the recorded one). */
    public ResponseDefinitionBuilder responseWith(String from, String to) {
        ResponseDefinitionBuilder r = WireMock.aResponse().withStatus(status).withBody(body.replace(from, to));
        headers.forEach(r::withHeader);
        return r;
    }
}
