package io.dialready.lookup.providers;

import io.dialready.lookup.ContactLookup;
import io.dialready.lookup.ProviderException;
import io.dialready.lookup.ProviderException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every HTTP provider adapter shares: one request per call through the run's {@link HttpClient}, the per-request
 * timeout, and the mapping of every way a request can fail to a {@link ProviderException} of the right kind. Messages
 * name the account and the provider's own words; they never hold a URL (Z-API carries its token in the path), a token
 * or a full phone number (runs of 7 or more digits are masked, secrets are cut out).
 */
abstract class HttpProvider implements ContactLookup {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Digit runs long enough to be a phone number (with or without '+', spaces or dashes inside). */
    private static final Pattern LONG_DIGITS = Pattern.compile("\\+?\\d[\\d \\-()]{5,}\\d");

    private static final int MAX_WORDS = 200;

    protected final String account;
    protected final String baseUrl;
    protected final HttpClient http;
    protected final Duration timeout;
    private final List<String> secrets;
    private final Clock clock;

    HttpProvider(String account, String baseUrl, HttpClient http, Duration timeout, List<String> secrets, Clock clock) {
        this.account = account;
        this.baseUrl = baseUrl;
        this.http = http;
        this.timeout = timeout;
        this.secrets = secrets.stream().filter(s -> s != null && !s.isEmpty()).toList();
        this.clock = clock;
    }

    /** The account's name from the spec (messages, quotas, report). */
    public String account() {
        return account;
    }

    /** A request builder for {@code baseUrl + path} with the per-request timeout and JSON accepted. */
    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", "application/json");
    }

    protected static HttpRequest.BodyPublisher json(Object body) {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8);
    }

    /**
     * Sends one request and returns the parsed 2xx answer; any other outcome is a {@link ProviderException}.
     *
     * @param what what the request does, for messages ("check 20 numbers", "profile photo")
     */
    protected JsonNode send(HttpRequest request, String what) throws ProviderException {
        HttpResponse<String> response = exchange(request, what);
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
            return parse(body, status, what);
        }
        throw failure(status, response, body, what);
    }

    /** Sends one request and returns the raw answer, whatever its status; transport failures are thrown. */
    protected HttpResponse<String> exchange(HttpRequest request, String what) throws ProviderException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw transportFailure("connect timed out after " + timeout.toMillis() + " ms", what, true);
        } catch (HttpTimeoutException e) {
            throw transportFailure("no answer within " + timeout.toMillis() + " ms (timeout_ms)", what);
        } catch (ConnectException e) {
            throw transportFailure("connection refused or unreachable", what, true);
        } catch (IOException e) {
            // the JDK's words ("header parser received no bytes", "EOF reached", "Connection reset") carry no URL,
            // but are cleaned all the same
            throw transportFailure(
                    "connection dropped (" + clean(e.getClass().getSimpleName() + ": " + e.getMessage()) + ")", what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw transportFailure("interrupted", what);
        }
    }

    protected JsonNode parse(String body, int status, String what) throws ProviderException {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw unexpected(status, what, "an empty answer");
            }
            return node;
        } catch (JacksonException e) {
            throw unexpected(status, what, "an answer that is not JSON");
        }
    }

    /** The whole answer does not have the documented shape: retried like a server error, then UNKNOWN. */
    protected ProviderException unexpected(int status, String what, String description) {
        return new ProviderException(
                Kind.TRANSIENT,
                account,
                status,
                null,
                prefix(what) + "unexpected answer from " + name() + ": " + description,
                null);
    }

    private ProviderException transportFailure(String reason, String what) {
        return transportFailure(reason, what, false);
    }

    /** {@code refused}: the request never left (no connection), so WhatsApp cannot have seen it. */
    private ProviderException transportFailure(String reason, String what, boolean refused) {
        return new ProviderException(Kind.TRANSIENT, account, 0, null, prefix(what) + reason, null, refused);
    }

    /**
     * How an error answer is read: the kind the engine acts on, whether the gateway refused it before asking WhatsApp,
     * and the provider's words to quote.
     */
    protected record Verdict(Kind kind, boolean refused, String words) {

        static Verdict of(Kind kind, String words) {
            return new Verdict(kind, ProviderException.refusedByDefault(kind), words);
        }
    }

    /** Maps an error answer to the kind the engine acts on. Adapters read their own bodies ({@link #classify}). */
    protected ProviderException failure(int status, HttpResponse<String> response, String body, String what) {
        Verdict v = classify(status, body, errorWords(body));
        Kind kind = v.kind();
        Duration retryAfter = kind == Kind.THROTTLED
                ? retryAfter(response.headers().firstValue("Retry-After").orElse(null), clock)
                : null;
        StringBuilder message = new StringBuilder(prefix(what))
                .append(name())
                .append(" answered HTTP ")
                .append(status);
        if (!v.words().isEmpty()) {
            message.append(": ").append(v.words());
        }
        switch (kind) {
            case ACCOUNT ->
                message.append(" (bad token, closed or disconnected session, or unknown instance: check account '")
                        .append(account)
                        .append("' on the provider)");
            case NOT_READY -> message.append(" (the account is not ready yet)");
            case THROTTLED ->
                message.append(retryAfter == null ? " (slow down)" : " (retry after " + retryAfter.toMillis() + " ms)");
            default -> {}
        }
        return new ProviderException(kind, account, status, retryAfter, message.toString(), null, v.refused());
    }

    static Kind kindOf(int status) {
        if (status == 429 || status == 503) {
            return Kind.THROTTLED;
        }
        if (status == 401 || status == 403 || status == 404) {
            return Kind.ACCOUNT;
        }
        if (status >= 500 || status == 408) {
            return Kind.TRANSIENT;
        }
        return Kind.REJECTED;
    }

    /**
     * Reads an error answer: by default by its HTTP status alone ({@link #kindOf}). Adapters whose gateway says more in
     * the body (Evolution's serialised Boom errors, WAHA's session status, Z-API's words) override it.
     */
    protected Verdict classify(int status, String body, String words) {
        return Verdict.of(kindOf(status), words);
    }

    /** The body as JSON, or null when it is not JSON. */
    static JsonNode tryJson(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * The provider's own error words from a JSON error body: Evolution's {@code response.message}, On-Premises'
     * {@code errors[].title/details}, NestJS' {@code message}, WPPConnect's and Z-API's {@code message}/{@code error};
     * a short non-JSON body as it is. Cleaned of secrets and phone numbers.
     */
    String errorWords(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        try {
            JsonNode node = JSON.readTree(body);
            collectWords(node, parts);
        } catch (JacksonException e) {
            parts.add(body.strip());
        }
        String words = clean(String.join("; ", parts));
        return words.length() > MAX_WORDS ? words.substring(0, MAX_WORDS) + "..." : words;
    }

    private static void collectWords(JsonNode node, List<String> parts) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.values().forEach(n -> collectWords(n, parts));
            return;
        }
        if (node.isString()) {
            parts.add(node.stringValue());
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode errors = node.get("errors");
        if (errors != null && errors.isArray()) {
            for (JsonNode e : errors.values()) {
                String title = text(e.get("title"));
                String details = text(e.get("details"));
                String code = e.has("code") ? e.get("code").asString() : null;
                parts.add((code == null ? "" : code + " ")
                        + (title == null ? "" : title)
                        + (details == null ? "" : (title == null ? "" : ": ") + details));
            }
            return;
        }
        JsonNode response = node.get("response");
        if (response != null && response.isObject() && response.has("message")) {
            collectWords(response.get("message"), parts);
            return;
        }
        boolean found = false;
        for (String field : new String[] {"message", "error", "detail", "details", "title"}) {
            JsonNode v = node.get(field);
            if (v != null && (v.isString() || v.isArray())) {
                collectWords(v, parts);
                found = true;
            }
        }
        if (!found) {
            JsonNode status = node.get("status");
            if (status != null && status.isString()) {
                parts.add(status.stringValue());
            }
        }
    }

    /** A secret obtained while running (a login token), cut out of messages like the configured ones. */
    protected String currentSecret() {
        return null;
    }

    /** Removes secrets, URLs and full phone numbers from provider words. */
    String clean(String words) {
        if (words == null) {
            return "";
        }
        String s = words;
        for (String secret : secrets) {
            s = s.replace(secret, "<secret>");
        }
        String current = currentSecret();
        if (current != null && !current.isEmpty()) {
            s = s.replace(current, "<secret>");
        }
        s = s.replaceAll("https?://\\S+", "<url>");
        s = LONG_DIGITS.matcher(s).replaceAll(m -> {
            String digits = m.group().replaceAll("\\D", "");
            return digits.length() < 7 ? m.group() : "<number .." + digits.substring(digits.length() - 2) + ">";
        });
        return s.replaceAll("\\s+", " ").strip();
    }

    private String prefix(String what) {
        return "account '" + account + "': " + what + ": ";
    }

    /**
     * A Retry-After header as a duration from now: delta-seconds or an HTTP-date (RFC 9110); null when absent or
     * unreadable; a date in the past is zero.
     */
    static Duration retryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            Instant at =
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(clock.instant(), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The string value of a JSON string or number, null for anything else. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isNumber()) {
            return node.asString();
        }
        return null;
    }

    /** A JSON boolean, or the strings "true"/"false" some providers send; null for anything else. */
    static Boolean bool(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isString()) {
            String s = node.stringValue().strip().toLowerCase(Locale.ROOT);
            return s.equals("true") ? Boolean.TRUE : s.equals("false") ? Boolean.FALSE : null;
        }
        return null;
    }

    /** The digits of an E.164 number as providers take them (no '+'). */
    static String digits(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }

    static String countNumbers(int n) {
        return n == 1 ? "check 1 number" : "check " + n + " numbers";
    }
}
