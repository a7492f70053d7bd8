package io.dialready.lookup.providers;

import io.dialready.domain.LookupResult;
import io.dialready.lookup.ProfilePhoto;
import io.dialready.lookup.ProviderException;
import io.dialready.lookup.ProviderException.Kind;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Evolution API v2 (self-hosted, Baileys-based): {@code POST /chat/whatsappNumbers/{instance}} with header
 * {@code apikey} and body {@code {"numbers":["5511..."]}}, many numbers per call. The answer is an array of
 * {@code {"exists","jid","number","name"?,"lid"?}}: {@code number} echoes the number sent, {@code jid} is the registered
 * form ({@code 5511...@s.whatsapp.net}). Profile photos: {@code POST /chat/fetchProfilePictureUrl/{instance}}
 * {@code {"number"}} answering {@code {"wuid","profilePictureUrl"}} (null when hidden or unset).
 * <p>
 * Errors are read by what they mean, not by the HTTP status alone ({@link #classify}): from 2.3.0 on,
 * {@code src/api/routes/chat.router.ts} catches every error of {@code whatsappNumbers} and answers HTTP 400 with the
 * thrown error serialised, so a Baileys/Boom error arrives as {@code {"data":..,"isBoom":true,"isServer":..,
 * "output":{"statusCode":428,"payload":{"statusCode":428,"error":"Precondition Required","message":"Connection
 * Closed"},"headers":{}}}} and an instance that exists but is not loaded (a TypeError, whose JSON has no own fields)
 * as {@code {}}; 2.2.x answered the same errors as HTTP 500 through the global handler of {@code src/main.ts}
 * ({@code {"status":500,"error":"Internal Server Error","response":{"message":"Timed Out"}}}).
 */
public final class EvolutionLookup extends HttpProvider {

    public static final String NAME = "evolution";

    private final String instancePath;
    private final String apiKey;
    private final int maxBatch;

    public EvolutionLookup(
            String account,
            String baseUrl,
            String instance,
            String apiKey,
            int maxBatch,
            HttpClient http,
            Duration timeout,
            Clock clock) {
        super(account, baseUrl, http, timeout, List.of(apiKey), clock);
        this.instancePath = URLEncoder.encode(instance, StandardCharsets.UTF_8).replace("+", "%20");
        this.apiKey = apiKey;
        this.maxBatch = maxBatch;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public Map<String, LookupResult> check(List<String> e164Numbers) throws ProviderException {
        String what = countNumbers(e164Numbers.size());
        List<String> numbers = e164Numbers.stream().map(HttpProvider::digits).toList();
        JsonNode answer = send(
                request("/chat/whatsappNumbers/" + instancePath)
                        .header("apikey", apiKey)
                        .header("Content-Type", "application/json")
                        .POST(json(Map.of("numbers", numbers)))
                        .build(),
                what);
        if (!answer.isArray()) {
            throw unexpected(200, what, "not an array of numbers");
        }
        Answers answers = new Answers(e164Numbers);
        for (JsonNode item : answer.values()) {
            Boolean exists = bool(item.get("exists"));
            String jid = text(item.get("jid"));
            // v2 echoes the number sent; older versions only the jid
            String echo = text(item.get("number"));
            if (echo == null) {
                echo = jid;
            }
            if (exists == null) {
                continue; // unreadable item: its number stays UNKNOWN
            }
            answers.answer(echo, exists ? Answers.active(jid) : Answers.inactive());
        }
        return answers.results();
    }

    /**
     * Boom errors by {@code output.statusCode} (Baileys' {@code DisconnectReason}, src/Types/index.ts): 428 (connection
     * closed), 401 (logged out), 403, 411 and 440 (connection replaced) are account errors; 408 (timed out) and 5xx are
     * transient, except a 5xx carrying WhatsApp's own error code 429 in {@code data} (a {@code rate-overlimit} node,
     * src/WABinary/generic-utils.ts {@code assertNodeErrorFree}), which is throttling that reached WhatsApp. {@code {}} is an
     * instance not loaded (not ready); a validation error ({@code "error":"Bad Request"}) is rejected; any other 400 is an
     * internal error of the gateway (transient). 2.2.x's 500 is read by its words.
     */
    @Override
    protected Verdict classify(int status, String body, String words) {
        JsonNode node = tryJson(body);
        if (status == 400 && node != null && node.isObject()) {
            if (node.isEmpty()) {
                return Verdict.of(Kind.NOT_READY, "instance not loaded (empty error {})");
            }
            if (Boolean.TRUE.equals(bool(node.get("isBoom")))) {
                return boom(node);
            }
            if ("Bad Request".equals(text(node.get("error")))) {
                return Verdict.of(Kind.REJECTED, words);
            }
            return Verdict.of(Kind.TRANSIENT, words.isEmpty() ? "an internal error of the gateway" : words);
        }
        String lower = words.toLowerCase(Locale.ROOT);
        if (status >= 500 && (lower.contains("connection closed") || lower.contains("logged out"))) {
            return Verdict.of(Kind.ACCOUNT, words);
        }
        if (status >= 500 && lower.contains("cannot read properties of undefined")) {
            return Verdict.of(Kind.NOT_READY, words + " (instance not loaded)");
        }
        return super.classify(status, body, words);
    }

    private Verdict boom(JsonNode node) {
        JsonNode output = node.path("output");
        int code = output.path("statusCode").asInt(0);
        JsonNode payload = output.path("payload");
        String message = text(payload.get("message"));
        String words = clean("Boom " + code + (message == null ? "" : " " + message));
        String lower = words.toLowerCase(Locale.ROOT);
        JsonNode data = node.get("data");
        if (code >= 500 && data != null && data.isNumber() && data.asInt() == 429) {
            return new Verdict(Kind.THROTTLED, false, words + " (WhatsApp rate-overlimit)");
        }
        if (code == 428 || code == 401 || code == 403 || code == 411 || code == 440 || lower.contains("logged out")) {
            return Verdict.of(Kind.ACCOUNT, words);
        }
        if (code == 408 || code >= 500) {
            return Verdict.of(Kind.TRANSIENT, words);
        }
        return Verdict.of(Kind.REJECTED, words);
    }

    @Override
    public boolean hasPhotos() {
        return true;
    }

    @Override
    public ProfilePhoto profilePhoto(String e164, String whatsappId) throws ProviderException {
        String number = whatsappId != null ? whatsappId : digits(e164);
        JsonNode answer = send(
                request("/chat/fetchProfilePictureUrl/" + instancePath)
                        .header("apikey", apiKey)
                        .header("Content-Type", "application/json")
                        .POST(json(Map.of("number", number)))
                        .build(),
                "profile photo");
        String url = text(answer.get("profilePictureUrl"));
        return url == null || url.isBlank() ? ProfilePhoto.NONE : new ProfilePhoto(true, url);
    }
}
