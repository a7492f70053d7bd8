package io.dialready.lookup.providers;

import io.dialready.domain.LookupResult;
import io.dialready.lookup.ProfilePhoto;
import io.dialready.lookup.ProviderException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Evolution API v2 (self-hosted, Baileys-based): {@code POST /chat/whatsappNumbers/{instance}} with header
 * {@code apikey} and body {@code {"numbers":["5511..."]}}, many numbers per call. The answer is an array of
 * {@code {"exists","jid","number","name"?,"lid"?}}: {@code number} echoes the number sent, {@code jid} is the registered
 * form ({@code 5511...@s.whatsapp.net}). Profile photos: {@code POST /chat/fetchProfilePictureUrl/{instance}}
 * {@code {"number"}} answering {@code {"wuid","profilePictureUrl"}} (null when hidden or unset).
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
            answers.answer(echo, exists ? Answers.active(jid, echo) : Answers.inactive());
        }
        return answers.results();
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
