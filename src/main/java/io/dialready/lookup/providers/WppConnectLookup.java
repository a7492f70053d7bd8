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
 * WPPConnect server: {@code GET /api/{session}/check-number-status/{phone}} with {@code Authorization: Bearer}, one
 * number per call. The answer is {@code {"status":"success","response":{"numberExists":bool,
 * "id":{"_serialized":"5511...@c.us"},...}}}; 401 is a bad token for the session, 404 a session that is not connected
 * ({@code "status":"Disconnected"}). Profile photos: {@code GET /api/{session}/profile-pic/{phone}} answering
 * {@code {"status":"success","response":{"eurl","imgFull","img"}}}, with no URL when the photo is hidden or unset.
 */
public final class WppConnectLookup extends HttpProvider {

    public static final String NAME = "wppconnect";

    private final String session;
    private final String token;

    public WppConnectLookup(
            String account,
            String baseUrl,
            String session,
            String token,
            HttpClient http,
            Duration timeout,
            Clock clock) {
        super(account, baseUrl, http, timeout, List.of(token), clock);
        this.session = URLEncoder.encode(session, StandardCharsets.UTF_8).replace("+", "%20");
        this.token = token;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxBatch() {
        return 1;
    }

    @Override
    public Map<String, LookupResult> check(List<String> e164Numbers) throws ProviderException {
        if (e164Numbers.size() != 1) {
            throw new IllegalArgumentException("WPPConnect checks one number per call, not " + e164Numbers.size());
        }
        String e164 = e164Numbers.get(0);
        JsonNode answer = send(
                request("/api/" + session + "/check-number-status/" + digits(e164))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                countNumbers(1));
        JsonNode response = answer.get("response");
        Boolean exists = response == null ? null : bool(response.get("numberExists"));
        if (exists == null) {
            throw unexpected(200, countNumbers(1), "no 'response.numberExists'");
        }
        String id = text(response.path("id").get("_serialized"));
        if (id == null) {
            id = text(response.get("id"));
        }
        Answers answers = new Answers(e164Numbers);
        answers.answer(digits(e164), exists ? Answers.active(id) : Answers.inactive());
        return answers.results();
    }

    /**
     * wa-js ({@code src/contact/functions/queryWidExists.ts}) catches every error of its server query and returns null,
     * which WPPConnect (wppconnect {@code src/lib/wapi/wapi.js} {@code checkNumberStatus}) answers as
     * {@code numberExists:false, status:404} inside an HTTP 200: a failed lookup looks exactly like a real negative.
     */
    @Override
    public boolean negativesNeedConfirmation() {
        return true;
    }

    @Override
    public boolean hasPhotos() {
        return true;
    }

    @Override
    public ProfilePhoto profilePhoto(String e164, String whatsappId) throws ProviderException {
        String phone = whatsappId != null ? whatsappId : digits(e164);
        JsonNode answer = send(
                request("/api/" + session + "/profile-pic/" + phone)
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                "profile photo");
        JsonNode response = answer.get("response");
        if (response == null || !response.isObject()) {
            return ProfilePhoto.NONE;
        }
        for (String field : new String[] {"eurl", "imgFull", "img"}) {
            String url = text(response.get(field));
            if (url != null && !url.isBlank()) {
                return new ProfilePhoto(true, url);
            }
        }
        return ProfilePhoto.NONE;
    }
}
