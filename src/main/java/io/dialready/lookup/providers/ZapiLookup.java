package io.dialready.lookup.providers;

import io.dialready.domain.LookupResult;
import io.dialready.lookup.ProfilePhoto;
import io.dialready.lookup.ProviderException;
import io.dialready.lookup.ProviderException.Kind;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Z-API (Brazilian SaaS). The instance token is part of the path ({@code /instances/{id}/token/{token}/...}), so no URL
 * ever reaches a message; the optional account security token goes in the {@code Client-Token} header. One number:
 * {@code GET .../phone-exists/{phone}} answering {@code {"exists","phone","lid"}} ({@code phone} is the registered
 * form; the docs show it both bare and wrapped in a one-element array). Several:
 * {@code POST .../phone-exists-batch} {@code {"phones":[...]}} answering an array of
 * {@code {"exists","inputPhone","outputPhone","lid"}}, at most 50,000 numbers per call. Profile photos:
 * {@code GET .../profile-picture?phone=} answering {@code {"link"}} (or {@code [{"link"}]}); links expire after about
 * 48 hours.
 * <p>
 * Z-API publishes docs only (developer.z-api.io), so its errors are read by their words whatever the HTTP status, a
 * 200 included: {@code {"error":"null not allowed"}} (the account security token is required and missing or wrong,
 * security/client-token) and "not connected" / "restore the session" (instance/status) are account errors.
 */
public final class ZapiLookup extends HttpProvider {

    public static final String NAME = "zapi";
    /** Z-API's documented limit of one batch call. */
    public static final int MAX_BATCH = 50_000;

    private final String root;
    private final String clientToken;
    private final int maxBatch;

    public ZapiLookup(
            String account,
            String baseUrl,
            String instance,
            String token,
            String clientToken,
            int maxBatch,
            HttpClient http,
            Duration timeout,
            Clock clock) {
        super(
                account,
                baseUrl,
                http,
                timeout,
                clientToken == null ? List.of(token) : List.of(token, clientToken),
                clock);
        this.root = "/instances/" + enc(instance) + "/token/" + enc(token);
        this.clientToken = clientToken;
        this.maxBatch = Math.min(maxBatch, MAX_BATCH);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    private HttpRequest.Builder zapi(String path) {
        HttpRequest.Builder b = request(root + path);
        if (clientToken != null) {
            b.header("Client-Token", clientToken);
        }
        return b;
    }

    @Override
    public Map<String, LookupResult> check(List<String> e164Numbers) throws ProviderException {
        Answers answers = new Answers(e164Numbers);
        if (e164Numbers.size() == 1) {
            String e164 = e164Numbers.get(0);
            JsonNode answer = zsend(zapi("/phone-exists/" + digits(e164)).GET().build(), countNumbers(1));
            JsonNode item = answer.isArray() ? answer.path(0) : answer;
            if (!item.isObject()) {
                throw unexpected(200, countNumbers(1), "no object with 'exists'");
            }
            Boolean exists = bool(item.get("exists"));
            if (exists == null) {
                throw unexpected(200, countNumbers(1), "no 'exists'");
            }
            // the single call has no echo: the answer is for the number asked
            answers.answer(digits(e164), exists ? Answers.active(text(item.get("phone"))) : Answers.inactive());
            return answers.results();
        }
        String what = countNumbers(e164Numbers.size());
        JsonNode answer = zsend(
                zapi("/phone-exists-batch")
                        .header("Content-Type", "application/json")
                        .POST(json(Map.of(
                                "phones",
                                e164Numbers.stream().map(HttpProvider::digits).toList())))
                        .build(),
                what);
        if (!answer.isArray()) {
            throw unexpected(200, what, "not an array of numbers");
        }
        for (JsonNode item : answer.values()) {
            Boolean exists = bool(item.get("exists"));
            String input = text(item.get("inputPhone"));
            if (exists == null) {
                continue;
            }
            answers.answer(
                    input,
                    exists
                            ? Answers.active(text(item.get("outputPhone")), text(item.get("phone")))
                            : Answers.inactive());
        }
        return answers.results();
    }

    /** Like {@link #send}, but a 2xx whose body is an error ({@code {"error":...}}) is a failure too. */
    private JsonNode zsend(HttpRequest request, String what) throws ProviderException {
        HttpResponse<String> response = exchange(request, what);
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status < 200 || status >= 300) {
            throw failure(status, response, body, what);
        }
        JsonNode node = parse(body, status, what);
        if (node.isObject() && !node.has("exists") && text(node.get("error")) != null) {
            throw failure(status, response, body, what);
        }
        return node;
    }

    @Override
    protected Verdict classify(int status, String body, String words) {
        String lower = words.toLowerCase(Locale.ROOT);
        if (lower.contains("null not allowed")) {
            return Verdict.of(
                    Kind.ACCOUNT, words + " (the account security token is missing or wrong: client_token_env)");
        }
        if (lower.contains("not connected")
                || lower.contains("restore the session")
                || lower.contains("disconnected")) {
            return Verdict.of(Kind.ACCOUNT, words);
        }
        if (status >= 200 && status < 300) {
            return Verdict.of(Kind.TRANSIENT, words);
        }
        return super.classify(status, body, words);
    }

    @Override
    public boolean hasPhotos() {
        return true;
    }

    @Override
    public ProfilePhoto profilePhoto(String e164, String whatsappId) throws ProviderException {
        String phone = whatsappId != null ? whatsappId : digits(e164);
        JsonNode answer = send(zapi("/profile-picture?phone=" + phone).GET().build(), "profile photo");
        JsonNode item = answer.isArray() ? answer.path(0) : answer;
        String link = text(item.get("link"));
        return link == null || link.isBlank() || link.equalsIgnoreCase("null")
                ? ProfilePhoto.NONE
                : new ProfilePhoto(true, link);
    }
}
