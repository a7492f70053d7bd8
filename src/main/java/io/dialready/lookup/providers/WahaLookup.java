package io.dialready.lookup.providers;

import io.dialready.domain.LookupResult;
import io.dialready.lookup.ProviderException;
import io.dialready.lookup.ProviderException.Kind;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * WAHA (WhatsApp HTTP API): {@code GET /api/contacts/check-exists?phone=&session=}, one number per call, with the
 * optional {@code X-Api-Key} header. The answer is {@code {"numberExists":bool,"chatId":"5511...@c.us"}}. A session
 * that exists but is not WORKING (not scanned, stopped, failed) answers 422, read here as an account problem.
 */
public final class WahaLookup extends HttpProvider {

    public static final String NAME = "waha";

    private final String session;
    private final String apiKey;

    public WahaLookup(
            String account,
            String baseUrl,
            String session,
            String apiKey,
            HttpClient http,
            Duration timeout,
            Clock clock) {
        super(account, baseUrl, http, timeout, apiKey == null ? List.of() : List.of(apiKey), clock);
        this.session = URLEncoder.encode(session, StandardCharsets.UTF_8);
        this.apiKey = apiKey;
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
            throw new IllegalArgumentException("WAHA checks one number per call, not " + e164Numbers.size());
        }
        String e164 = e164Numbers.get(0);
        HttpRequest.Builder b = request("/api/contacts/check-exists?phone=" + digits(e164) + "&session=" + session);
        if (apiKey != null) {
            b.header("X-Api-Key", apiKey);
        }
        JsonNode answer = send(b.GET().build(), countNumbers(1));
        Boolean exists = bool(answer.get("numberExists"));
        if (exists == null) {
            throw unexpected(200, countNumbers(1), "no 'numberExists'");
        }
        Answers answers = new Answers(e164Numbers);
        answers.answer(
                digits(e164),
                // a chatId that is a LID (...@lid) is no phone: the phone form, when WAHA knows it, is in "pn"
                exists ? Answers.active(text(answer.get("chatId")), text(answer.get("pn"))) : Answers.inactive());
        return answers.results();
    }

    /**
     * WAHA's 422 when the session is not WORKING ({@code src/core/abc/manager.abc.ts} {@code waitUntilStatus}, after
     * waiting 5 s for it): {@code {"error":"Session status is not as expected...","session","status","expected"}}.
     * {@code STARTING} is a session reconnecting (not ready: asked again after a pause); {@code SCAN_QR_CODE},
     * {@code FAILED}, {@code STOPPED} (and any other status) mean the account cannot be used. A 401 without an API key
     * says why: current WAHA generates a key at every start unless {@code WAHA_API_KEY} is set
     * ({@code src/core/auth/config.ts}).
     */
    @Override
    protected Verdict classify(int status, String body, String words) {
        JsonNode node = tryJson(body);
        if (status == 422 && node != null && node.isObject()) {
            String sessionStatus = text(node.get("status"));
            String quoted = sessionStatus == null ? words : words + " (session status " + clean(sessionStatus) + ")";
            if ("STARTING".equalsIgnoreCase(sessionStatus)) {
                return Verdict.of(Kind.NOT_READY, quoted);
            }
            if (sessionStatus != null || words.toLowerCase(Locale.ROOT).contains("session")) {
                return Verdict.of(Kind.ACCOUNT, quoted);
            }
        }
        if (status == 401 && apiKey == null) {
            return Verdict.of(
                    Kind.ACCOUNT,
                    (words.isEmpty() ? "" : words + "; ")
                            + "current WAHA requires its API key (generated at every start unless WAHA_API_KEY is"
                            + " set): set token_env");
        }
        return super.classify(status, body, words);
    }
}
