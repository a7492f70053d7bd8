package io.dialready.lookup.providers;

import io.dialready.domain.LookupResult;
import io.dialready.lookup.ProviderException;
import io.dialready.lookup.ProviderException.Kind;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The On-Premises-shaped {@code POST /v1/contacts} that some hosted gateways still offer:
 * {@code {"blocking":"wait","contacts":["+5511..."],"force_check":false}} with a Bearer token, answering
 * {@code {"contacts":[{"input","status","wa_id"?}]}}. {@code valid} is ACTIVE (registered form in {@code wa_id}),
 * {@code invalid} INACTIVE, {@code processing} and {@code failed} are not answers (UNKNOWN). Errors come as
 * {@code {"errors":[{"code","title","details"}]}}.
 *
 * <p>The token is either given (token_env) or obtained by logging in ({@code POST /v1/users/login} with basic auth,
 * answering {@code {"users":[{"token","expires_after"}]}}); a logged-in token is kept, renewed before it expires, and
 * a 401 logs in again once before the account is given up (ACCOUNT). A login is an extra request beside the check.
 */
public final class OnPremLookup extends HttpProvider {

    public static final String NAME = "onprem";
    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX", Locale.ROOT);

    private final String fixedToken;
    private final String basicAuth;
    private final boolean forceCheck;
    private final int maxBatch;
    private final Clock clock;

    /** A batch of at least this many numbers, all {@code valid}, is not an answer: see {@link #allValid}. */
    static final int ALL_VALID_BATCH = 10;
    /** This many {@code valid} answers in a row from the start of the run, without one {@code invalid}: the same. */
    static final int ALL_VALID_RUN = 20;

    private long validSoFar;
    private long invalidSoFar;

    private volatile String token;
    private volatile Instant tokenExpires;
    private volatile long logins;

    /**
     * @param token a fixed Bearer token, or null to log in with {@code username}/{@code password}
     * @param forceCheck the body's {@code force_check}: true asks the gateway not to answer from its own cache
     */
    public OnPremLookup(
            String account,
            String baseUrl,
            String token,
            String username,
            String password,
            boolean forceCheck,
            int maxBatch,
            HttpClient http,
            Duration timeout,
            Clock clock) {
        super(account, baseUrl, http, timeout, secrets(token, username, password), clock);
        this.fixedToken = token;
        this.basicAuth = token != null
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.forceCheck = forceCheck;
        this.maxBatch = maxBatch;
        this.clock = clock;
    }

    private static List<String> secrets(String token, String username, String password) {
        List<String> s = new ArrayList<>();
        for (String v : new String[] {token, password}) {
            if (v != null) {
                s.add(v);
            }
        }
        if (username != null && password != null) {
            s.add(Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return s;
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
    protected String currentSecret() {
        return token;
    }

    /** How many times this account logged in (extra requests beside the checks). */
    public long logins() {
        return logins;
    }

    @Override
    public Map<String, LookupResult> check(List<String> e164Numbers) throws ProviderException {
        String what = countNumbers(e164Numbers.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("blocking", "wait");
        body.put("contacts", e164Numbers);
        body.put("force_check", forceCheck);
        HttpResponse<String> response = exchange(contacts(body, bearer(false)), what);
        if (response.statusCode() == 401 && fixedToken == null) {
            // the kept token expired or was revoked: log in again, once
            response = exchange(contacts(body, bearer(true)), what);
        }
        int status = response.statusCode();
        String text = response.body() == null ? "" : response.body();
        if (status < 200 || status >= 300) {
            throw failure(status, response, text, what);
        }
        JsonNode answer = parse(text, status, what);
        JsonNode list = answer.get("contacts");
        if (list == null || !list.isArray()) {
            throw unexpected(
                    status, what, "no 'contacts' list" + (answer.has("errors") ? " (" + errorWords(text) + ")" : ""));
        }
        Answers answers = new Answers(e164Numbers);
        int valid = 0;
        int invalid = 0;
        for (JsonNode item : list.values()) {
            String input = text(item.get("input"));
            String st = text(item.get("status"));
            if (input == null || st == null) {
                continue;
            }
            switch (st.toLowerCase(Locale.ROOT)) {
                case "valid" -> {
                    valid++;
                    answers.answer(input, Answers.active(text(item.get("wa_id"))));
                }
                case "invalid" -> {
                    invalid++;
                    answers.answer(input, Answers.inactive());
                }
                default -> {
                    // processing, failed: not answers, the number stays UNKNOWN
                }
            }
        }
        allValid(valid, invalid, what);
        return answers.results();
    }

    /**
     * Meta's On-Premises API answers {@code valid} for every number from v2.43 on: it no longer checks. A batch of
     * {@value #ALL_VALID_BATCH} or more numbers all {@code valid}, or the first {@value #ALL_VALID_RUN} answers of the run
     * all {@code valid}, stop the account (the batch's answers are not used; the answers of earlier, smaller batches of
     * the run were already kept).
     */
    private synchronized void allValid(int valid, int invalid, String what) throws ProviderException {
        validSoFar += valid;
        invalidSoFar += invalid;
        boolean batch = valid >= ALL_VALID_BATCH && invalid == 0;
        boolean run = invalidSoFar == 0 && validSoFar >= ALL_VALID_RUN;
        if (batch || run) {
            throw new ProviderException(
                    Kind.ACCOUNT,
                    account,
                    200,
                    null,
                    "account '" + account + "': " + what + ": " + name() + " answered 'valid' for every one of the "
                            + (batch ? valid + " numbers of one call" : validSoFar + " numbers asked so far")
                            + ", as Meta's On-Premises API does from v2.43 on, where it no longer checks:"
                            + " use a gateway that really checks (docs/providers.md)",
                    null,
                    true);
        }
    }

    private HttpRequest contacts(Map<String, Object> body, String bearer) {
        return request("/v1/contacts")
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .POST(json(body))
                .build();
    }

    private String bearer(boolean renew) throws ProviderException {
        if (fixedToken != null) {
            return fixedToken;
        }
        synchronized (this) {
            Instant now = clock.instant();
            if (renew || token == null || (tokenExpires != null && !now.isBefore(tokenExpires.minusSeconds(60)))) {
                login();
            }
            return token;
        }
    }

    private void login() throws ProviderException {
        HttpRequest request = request("/v1/users/login")
                .header("Authorization", basicAuth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        HttpResponse<String> response = exchange(request, "log in");
        logins++;
        int status = response.statusCode();
        String text = response.body() == null ? "" : response.body();
        if (status < 200 || status >= 300) {
            ProviderException e = failure(status, response, text, "log in");
            if (status == 400 || status == 401 || status == 403) {
                // wrong user name or password: this account cannot be used
                throw new ProviderException(Kind.ACCOUNT, account, status, null, e.getMessage(), null);
            }
            throw e;
        }
        JsonNode user = parse(text, status, "log in").path("users").path(0);
        String t = text(user.get("token"));
        if (t == null || t.isBlank()) {
            throw unexpected(status, "log in", "no 'users[0].token'");
        }
        token = t;
        tokenExpires = expires(text(user.get("expires_after")));
    }

    private static Instant expires(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip(), EXPIRES).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value.strip()).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
