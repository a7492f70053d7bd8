package io.dialready.lookup.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.dialready.lookup.providers.Fakes.BR1;
import static io.dialready.lookup.providers.Fakes.BR2;
import static io.dialready.lookup.providers.Fakes.BR3;
import static io.dialready.lookup.providers.Fakes.IN1;
import static io.dialready.lookup.providers.Fakes.ONPREM_LOGIN_TOKEN;
import static io.dialready.lookup.providers.Fakes.ONPREM_PASSWORD;
import static io.dialready.lookup.providers.Fakes.ONPREM_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.dialready.domain.LookupResult;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.lookup.ProviderException;
import io.dialready.spec.JobSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The On-Premises-shaped /v1/contacts and /v1/users/login, as Meta's On-Premises reference documented them. */
class OnPremLookupTest {

    private static final String BASIC = "Basic "
            + Base64.getEncoder()
                    .encodeToString((ONPREM_USER + ":" + ONPREM_PASSWORD).getBytes(StandardCharsets.UTF_8));

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private OnPremLookup withLogin() {
        return new OnPremLookup(
                "gw-01",
                wm.baseUrl(),
                null,
                ONPREM_USER,
                ONPREM_PASSWORD,
                false,
                500,
                Fakes.http(),
                Fakes.TIMEOUT,
                Fakes.CLOCK);
    }

    private static void login(String token) {
        wm.stubFor(post(urlEqualTo("/v1/users/login"))
                .withHeader("Authorization", equalTo(BASIC))
                .willReturn(okJson("{\"users\": [{\"token\": \"" + token
                        + "\", \"expires_after\": \"2026-12-01 00:00:00+00:00\"}]}")));
    }

    @Test
    void validInvalidProcessingAndFailedMapToActiveInactiveAndUnknown() throws Exception {
        login(ONPREM_LOGIN_TOKEN);
        wm.stubFor(post(urlEqualTo("/v1/contacts")).willReturn(okJson("""
                {"contacts": [
                  {"input": "+5511987650001", "status": "valid", "wa_id": "551187650001"},
                  {"input": "+5521987650002", "status": "invalid"},
                  {"input": "+5531987650003", "status": "processing"},
                  {"input": "+919876500004", "status": "failed"}
                ]}""")));

        OnPremLookup onprem = withLogin();
        Map<String, LookupResult> answers = onprem.check(List.of(BR1, BR2, BR3, IN1));

        assertThat(answers.get(BR1)).isEqualTo(new LookupResult(WhatsAppStatus.ACTIVE, "551187650001"));
        assertThat(answers.get(BR2)).isEqualTo(new LookupResult(WhatsAppStatus.INACTIVE, null));
        assertThat(answers.get(BR3)).as("processing is not an answer").isEqualTo(LookupResult.UNKNOWN);
        assertThat(answers.get(IN1)).as("failed is not an answer").isEqualTo(LookupResult.UNKNOWN);
        wm.verify(
                1,
                postRequestedFor(urlEqualTo("/v1/contacts"))
                        .withHeader("Authorization", equalTo("Bearer " + ONPREM_LOGIN_TOKEN))
                        .withRequestBody(equalToJson("""
                    {"blocking": "wait", "force_check": false,
                     "contacts": ["+5511987650001", "+5521987650002", "+5531987650003", "+919876500004"]}""")));

        // the token is kept: a second check does not log in again
        onprem.check(List.of(BR1));
        wm.verify(1, postRequestedFor(urlEqualTo("/v1/users/login")));
        assertThat(onprem.logins()).isEqualTo(1);
    }

    @Test
    void a401LogsInAgainOnceAndThenStopsTheAccount() {
        login(ONPREM_LOGIN_TOKEN);
        wm.stubFor(post(urlEqualTo("/v1/contacts"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                    {"errors": [{"code": 1005, "title": "Access denied", "details": "Invalid credentials."},
                                {"code": 1005, "title": "Token", "details": "%s revoked"}]}""".formatted(ONPREM_LOGIN_TOKEN))));

        ProviderException e =
                catchThrowableOfType(ProviderException.class, () -> withLogin().check(List.of(BR1)));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.ACCOUNT);
        assertThat(e.getMessage())
                .contains("1005 Access denied: Invalid credentials.")
                .contains("'gw-01'")
                .contains("Token: <secret> revoked")
                .doesNotContain(ONPREM_LOGIN_TOKEN);
        wm.verify(2, postRequestedFor(urlEqualTo("/v1/users/login")));
        wm.verify(2, postRequestedFor(urlEqualTo("/v1/contacts")));
    }

    @Test
    void aTokenIsRenewedByASecondLoginAMinuteBeforeItExpiresWithoutA401() throws Exception {
        // the gateway accepts each token until it expires; the run's clock moves past the first one's expiry
        wm.stubFor(post(urlEqualTo("/v1/users/login"))
                .inScenario("tokens")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"users\": [{\"token\": \"old-TOKEN\", \"expires_after\": "
                        + "\"2026-11-24 04:00:00+00:00\"}]}"))
                .willSetStateTo("renewed"));
        wm.stubFor(post(urlEqualTo("/v1/users/login"))
                .inScenario("tokens")
                .whenScenarioStateIs("renewed")
                .willReturn(okJson("{\"users\": [{\"token\": \"new-TOKEN\", \"expires_after\": "
                        + "\"2026-11-25 04:00:00+00:00\"}]}")));
        wm.stubFor(post(urlEqualTo("/v1/contacts"))
                .withHeader("Authorization", equalTo("Bearer old-TOKEN"))
                .willReturn(okJson("{\"contacts\": [{\"input\": \"+5511987650001\", \"status\": \"valid\","
                        + " \"wa_id\": \"5511987650001\"}]}")));
        wm.stubFor(post(urlEqualTo("/v1/contacts"))
                .withHeader("Authorization", equalTo("Bearer new-TOKEN"))
                .willReturn(okJson("{\"contacts\": [{\"input\": \"+5511987650001\", \"status\": \"invalid\"}]}")));
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(Fakes.NOW); // 03:00
        java.time.Clock moving = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        OnPremLookup onprem = new OnPremLookup(
                "gw-01",
                wm.baseUrl(),
                null,
                ONPREM_USER,
                ONPREM_PASSWORD,
                false,
                500,
                Fakes.http(),
                Fakes.TIMEOUT,
                moving);

        assertThat(onprem.check(List.of(BR1)).get(BR1).status()).isEqualTo(WhatsAppStatus.ACTIVE);
        now.set(Fakes.NOW.plus(Duration.ofMinutes(58))); // 03:58: still more than a minute left
        assertThat(onprem.check(List.of(BR1)).get(BR1).status()).isEqualTo(WhatsAppStatus.ACTIVE);
        assertThat(onprem.logins()).isEqualTo(1);

        now.set(Fakes.NOW.plus(Duration.ofMinutes(59)).plusSeconds(1)); // 03:59:01: under a minute left
        assertThat(onprem.check(List.of(BR1)).get(BR1).status())
                .as("asked with the renewed token")
                .isEqualTo(WhatsAppStatus.INACTIVE);
        assertThat(onprem.logins()).isEqualTo(2);
        wm.verify(3, postRequestedFor(urlEqualTo("/v1/contacts")));
        wm.verify(
                1,
                postRequestedFor(urlEqualTo("/v1/contacts")).withHeader("Authorization", equalTo("Bearer new-TOKEN")));
        wm.verify(
                2,
                postRequestedFor(urlEqualTo("/v1/contacts")).withHeader("Authorization", equalTo("Bearer old-TOKEN")));
    }

    @Test
    void wrongCredentialsAtLoginStopTheAccountWithoutShowingThem() {
        wm.stubFor(post(urlEqualTo("/v1/users/login"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                    {"errors": [{"code": 1005, "title": "Access denied", "details": "Invalid credentials."}]}""")));

        ProviderException e =
                catchThrowableOfType(ProviderException.class, () -> withLogin().check(List.of(BR1)));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.ACCOUNT);
        assertThat(e.getMessage())
                .startsWith("account 'gw-01': log in: ")
                .doesNotContain(ONPREM_PASSWORD)
                .doesNotContain(BASIC.substring(6));
        wm.verify(0, postRequestedFor(urlEqualTo("/v1/contacts")));
    }

    @Test
    void aGivenTokenIsUsedAsItIsAndNeverLogsIn() throws Exception {
        wm.stubFor(post(urlEqualTo("/v1/contacts"))
                .withHeader("Authorization", equalTo("Bearer " + Fakes.ONPREM_TOKEN))
                .willReturn(okJson("""
                        {"contacts": [{"input": "5511987650001", "status": "valid", "wa_id": "5511987650001"}]}""")));
        OnPremLookup onprem = new OnPremLookup(
                "gw-01",
                wm.baseUrl(),
                Fakes.ONPREM_TOKEN,
                null,
                null,
                true,
                500,
                Fakes.http(),
                Fakes.TIMEOUT,
                Fakes.CLOCK);

        assertThat(onprem.check(List.of(BR1)).get(BR1))
                .isEqualTo(new LookupResult(WhatsAppStatus.ACTIVE, "5511987650001"));
        wm.verify(postRequestedFor(urlEqualTo("/v1/contacts"))
                .withRequestBody(equalToJson(
                        "{\"blocking\": \"wait\", \"contacts\": [\"+5511987650001\"], " + "\"force_check\": true}")));
        wm.verify(0, postRequestedFor(urlEqualTo("/v1/users/login")));
    }

    @Test
    void theFactorysForceCheckReachesTheBody() throws Exception {
        wm.stubFor(post(urlEqualTo("/v1/contacts")).willReturn(okJson("{\"contacts\": []}")));
        JobSpec.Account account = new JobSpec.Account(
                "gw-01",
                wm.baseUrl(),
                null,
                "GW_TOKEN",
                null,
                null,
                null,
                new JobSpec.Rate(20, Duration.ofMinutes(1)),
                1,
                Duration.ZERO,
                1000);
        JobSpec.Lookup lookup = new JobSpec.Lookup(
                "onprem",
                new JobSpec.Sandbox(0.6, 0, 0, 0.1),
                false,
                false,
                500,
                4,
                Duration.ofDays(7),
                Duration.ofDays(2),
                null,
                Duration.ofSeconds(3),
                JobSpec.Retries.DEFAULT,
                JobSpec.CircuitBreaker.DEFAULT,
                null,
                List.of(account));

        Map<String, LookupResult> answers = new ProviderFactory(lookup, Map.of("GW_TOKEN", "t0k")::get)
                .forceCheck(true)
                .all()
                .get(0)
                .check(List.of(BR1));

        assertThat(answers.get(BR1)).as("not in the answer").isEqualTo(LookupResult.UNKNOWN);
        wm.verify(postRequestedFor(urlEqualTo("/v1/contacts"))
                .withHeader("Authorization", equalTo("Bearer t0k"))
                .withRequestBody(equalToJson(
                        "{\"blocking\": \"wait\", \"contacts\": [\"+5511987650001\"], " + "\"force_check\": true}")));
    }
}
