package io.dialready.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in WhatsApp gateway on loopback for {@code scripts/bench-lookup.sh} and the limiter tests: answers Evolution
 * API v2's bulk check ({@code POST /chat/whatsappNumbers/{instance}}) and WAHA's single check
 * ({@code GET /api/contacts/check-exists}) after a latency, with deterministic answers, and records when every call
 * arrived so that the benchmark can report the rate the client achieved and the most numbers seen in any one-second
 * window. Not a test double of any one gateway's quirks: the adapters' tests reproduce those.
 * <p>
 * With {@code --rate N} it enforces N numbers a second per account (Evolution instance, WAHA session) as a token bucket
 * whose burst is the rate, checked when a call arrives: a call that finds too few tokens is answered 429 at once and
 * counted ({@code throttled_calls}). With {@code --latency-jitter 0.2} each answer takes the latency ±20% (uniform).
 *
 * <pre>
 * FakeProviderServer --port 0 --latency-ms 300 --latency-jitter 0.2 --rate 20 --stats bench/lookup-stats.json
 * </pre>
 *
 * Prints {@code listening on http://127.0.0.1:PORT} once ready; writes the stats file on {@code GET /__stats} and when
 * stopped (SIGTERM).
 */
public final class FakeProviderServer {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final long latencyMs;
    private final double activeShare;
    private final double latencyJitter;
    private final double ratePerSecond;
    private final List<long[]> arrivals = new ArrayList<>(); // {nanoTime, numbers}
    private final java.util.Map<String, double[]> buckets = new java.util.HashMap<>(); // account -> {tokens, nanoTime}
    private long throttledCalls;
    private long throttledNumbers;
    private volatile boolean warming;
    private HttpServer server;
    private ExecutorService executor;

    public FakeProviderServer(long latencyMs, double activeShare) {
        this(latencyMs, activeShare, 0, 0);
    }

    /**
     * @param latencyJitter the latency varies uniformly by this share either way (0.2: ±20%)
     * @param ratePerSecond numbers per second each account may send (a token bucket, burst = rate); 0: no limit
     */
    public FakeProviderServer(long latencyMs, double activeShare, double latencyJitter, double ratePerSecond) {
        this.latencyMs = latencyMs;
        this.activeShare = activeShare;
        this.latencyJitter = latencyJitter;
        this.ratePerSecond = ratePerSecond;
    }

    public int start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        // every call sleeps its latency on its own thread, so concurrent calls overlap as on a real gateway
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/chat/whatsappNumbers/", this::evolution);
        server.createContext("/api/contacts/check-exists", this::waha);
        server.createContext("/__stats", exchange -> reply(exchange, 200, stats()));
        server.start();
        return server.getAddress().getPort();
    }

    /**
     * Sends a few requests of each shape to itself and forgets them, so that the first calls of the benchmark are not
     * slowed by this server's own class loading and compilation: a first request that arrives late would be counted
     * in the same one-second window as the next one, which the client sent a full window later.
     */
    public void warmUp(int port) throws IOException, InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        warming = true;
        for (int i = 0; i < 20; i++) {
            http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/chat/whatsappNumbers/warmup"))
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                    "{\"numbers\":[\"5511987650000\"]}"))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                    base + "/api/contacts/check-exists?phone=5511987650000&session=warmup"))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        }
        warming = false;
        synchronized (this) {
            arrivals.clear();
            buckets.clear();
        }
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void evolution(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        if (!"POST".equals(exchange.getRequestMethod())) {
            reply(exchange, 405, error(405, "Method Not Allowed"));
            return;
        }
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = JSON.readTree(in);
        } catch (RuntimeException e) {
            reply(exchange, 400, error(400, "body is not JSON"));
            return;
        }
        JsonNode numbers = body.get("numbers");
        if (numbers == null || !numbers.isArray()) {
            reply(exchange, 400, error(400, "numbers is required"));
            return;
        }
        String instance = exchange.getRequestURI().getPath().substring("/chat/whatsappNumbers/".length());
        if (!admit(instance, arrived, numbers.size())) {
            reply(exchange, 429, error(429, "Too Many Requests"));
            return;
        }
        pause();
        ArrayNode answer = JSON.createArrayNode();
        for (JsonNode n : numbers) {
            String digits = n.asString().replaceAll("\\D", "");
            ObjectNode item = answer.addObject();
            boolean exists = active(digits);
            item.put("exists", exists);
            item.put("jid", digits + "@s.whatsapp.net");
            item.put("number", digits);
        }
        reply(exchange, 200, JSON.writeValueAsString(answer));
    }

    private void waha(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        String phone = null;
        String session = "default";
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals("phone")) {
                    phone = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } else if (eq > 0 && pair.substring(0, eq).equals("session")) {
                    session = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        if (phone == null || phone.isBlank()) {
            reply(exchange, 400, error(400, "phone is required"));
            return;
        }
        if (!admit(session, arrived, 1)) {
            reply(exchange, 429, "{\"statusCode\":429,\"message\":\"Too Many Requests\"}");
            return;
        }
        pause();
        String digits = phone.replaceAll("\\D", "");
        ObjectNode answer = JSON.createObjectNode();
        boolean exists = active(digits);
        answer.put("numberExists", exists);
        if (exists) {
            answer.put("chatId", digits + "@c.us");
        }
        reply(exchange, 200, JSON.writeValueAsString(answer));
    }

    private boolean active(String digits) {
        long h = digits.hashCode() * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        return ((h >>> 11) * 0x1.0p-53) < activeShare;
    }

    private void pause() {
        if (latencyMs > 0 && !warming) {
            double spread = latencyJitter
                    * (2 * java.util.concurrent.ThreadLocalRandom.current().nextDouble() - 1);
            try {
                Thread.sleep(Math.round(latencyMs * (1 + spread)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Takes the call's numbers from the account's token bucket (burst = rate, refilled continuously) when it has them,
     * and records the arrival; a call it cannot take is counted as throttled (429).
     */
    private synchronized boolean admit(String account, long nanos, int numbers) {
        if (ratePerSecond > 0 && !warming) {
            double[] b = buckets.computeIfAbsent(account, k -> new double[] {ratePerSecond, nanos});
            b[0] = Math.min(ratePerSecond, b[0] + (nanos - (long) b[1]) / 1e9 * ratePerSecond);
            b[1] = nanos;
            if (b[0] + 1e-9 < numbers) {
                throttledCalls++;
                throttledNumbers += numbers;
                return false;
            }
            b[0] -= numbers;
        }
        arrivals.add(new long[] {nanos, numbers});
        return true;
    }

    /**
     * Calls and numbers received, the rate of arrivals ({@code numbers_per_s}: the numbers after the first call over
     * the time from the first call's arrival to the last one's, which is the client's sending rate whatever the
     * latency), and the most calls and numbers that arrived within any one second.
     */
    public synchronized String stats() {
        List<long[]> sorted = new ArrayList<>(arrivals);
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        long calls = sorted.size();
        long numbers = 0;
        for (long[] a : sorted) {
            numbers += a[1];
        }
        int maxCalls = 0;
        long maxNumbers = 0;
        long windowNumbers = 0;
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            windowNumbers += sorted.get(to)[1];
            while (sorted.get(to)[0] - sorted.get(from)[0] >= TimeUnit.SECONDS.toNanos(1)) {
                windowNumbers -= sorted.get(from)[1];
                from++;
            }
            maxCalls = Math.max(maxCalls, to - from + 1);
            maxNumbers = Math.max(maxNumbers, windowNumbers);
        }
        double spanS = calls < 2 ? 0 : (sorted.get(sorted.size() - 1)[0] - sorted.get(0)[0]) / 1e9;
        double rate = spanS == 0 ? 0 : (numbers - sorted.get(0)[1]) / spanS;
        ObjectNode s = JSON.createObjectNode();
        s.put("calls", calls);
        s.put("numbers", numbers);
        s.put("span_s", Math.round(spanS * 1000) / 1000.0);
        s.put("numbers_per_s", Math.round(rate * 100) / 100.0);
        s.put("max_calls_in_1s", maxCalls);
        s.put("max_numbers_in_1s", maxNumbers);
        s.put("throttled_calls", throttledCalls);
        s.put("throttled_numbers", throttledNumbers);
        s.put("accounts", buckets.isEmpty() ? 1 : buckets.size());
        ArrayNode gaps = s.putArray("first_gaps_ms");
        for (int i = 1; i < Math.min(sorted.size(), 6); i++) {
            gaps.add((sorted.get(i)[0] - sorted.get(i - 1)[0]) / 1_000_000);
        }
        return JSON.writeValueAsString(s);
    }

    private static String error(int status, String message) {
        return "{\"status\":" + status + ",\"error\":\"" + message + "\",\"response\":{\"message\":[\"" + message
                + "\"]}}";
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        long latency = 300;
        double share = 0.6;
        double jitter = 0;
        double rate = 0;
        Path statsFile = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value);
                case "--latency-ms" -> latency = Long.parseLong(value);
                case "--active-share" -> share = Double.parseDouble(value);
                case "--latency-jitter" -> jitter = Double.parseDouble(value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--stats" -> statsFile = Path.of(value);
                default -> usage(System.err, "unknown option " + args[i]);
            }
            i++;
        }
        FakeProviderServer fake = new FakeProviderServer(latency, share, jitter, rate);
        int bound = fake.start(port);
        fake.warmUp(bound);
        Path stats = statsFile;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (stats != null) {
                    Files.writeString(stats, fake.stats() + "\n");
                }
            } catch (IOException e) {
                System.err.println("fake provider: cannot write " + stats + ": " + e.getMessage());
            }
            fake.stop();
        }));
        System.out.println(
                String.format(Locale.ROOT, "listening on http://127.0.0.1:%d (latency %d ms)", bound, latency));
        System.out.flush();
        Thread.currentThread().join();
    }

    private static void usage(PrintStream err, String problem) {
        err.println("fake provider: " + problem);
        err.println("usage: FakeProviderServer [--port N] [--latency-ms MS] [--latency-jitter 0..1] [--rate N/s]"
                + " [--active-share 0..1] [--stats FILE]");
        System.exit(2);
    }
}
