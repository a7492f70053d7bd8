package io.dialready.testgateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A gateway on loopback whose every answer a test script picks, call by call, from the recorded answers
 * ({@link GatewayFixture}) or bodies built the way the gateway builds them: a session that closes after five calls, a
 * share of calls that time out, a lookup wa-js swallowed. Records what each call asked.
 */
public final class ScriptedGateway implements AutoCloseable {

    /** One call as the gateway received it. */
    public record Call(String method, String path, String query, String body) {}

    /** What the gateway answers. */
    public record Answer(int status, String body) {

        public static Answer of(GatewayFixture f) {
            return new Answer(f.status(), f.body());
        }

        public static Answer json(String body) {
            return new Answer(200, body);
        }
    }

    /** Picks the answer of a call; {@code n} counts the calls of this gateway from 1. */
    @FunctionalInterface
    public interface Script {
        Answer answer(Call call, int n) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

    public ScriptedGateway(Script script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, script));
        server.start();
    }

    private void handle(HttpExchange exchange, Script script) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Call call = new Call(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(),
                body);
        int n;
        synchronized (calls) {
            calls.add(call);
            n = calls.size();
        }
        Answer a;
        try {
            a = script.answer(call, n);
        } catch (Exception e) {
            a = new Answer(500, "{\"error\":\"script failed: " + e + "\"}");
        }
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(a.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
