package io.dialready.lookup.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.dialready.lookup.ContactLookup;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BiFunction;

/** The providers as a test makes them against a WireMock server on loopback, with synthetic secrets and numbers. */
final class Fakes {

    static final String EVOLUTION_KEY = "evo-KEY-7f3a9c";
    static final String ZAPI_TOKEN = "zapiTOKEN5b8e21";
    static final String ZAPI_CLIENT = "zapiCLIENT0c4d77";
    static final String WAHA_KEY = "waha-KEY-91aa03";
    static final String WPP_TOKEN = "$2b$10$wppTOKENsynthetic";
    static final String ONPREM_TOKEN = "onprem-TOKEN-e0e0e0";
    static final String ONPREM_USER = "gwuser";
    static final String ONPREM_PASSWORD = "gw-PASS-secret42";
    static final String ONPREM_LOGIN_TOKEN = "login-TOKEN-abcdef";

    /** Synthetic Brazilian mobiles (DDD 11, 21, 31) and an Indian one. */
    static final String BR1 = "+5511987650001";

    static final String BR2 = "+5521987650002";
    static final String BR3 = "+5531987650003";
    static final String IN1 = "+919876500004";

    /** A fixed "now" for Retry-After dates. */
    static final Instant NOW = Instant.parse("2026-11-24T03:00:00Z");

    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Generous: the machine running the tests may be busy, and a fake's first answer is slow (class loading). */
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** For the tests of answers slower than the timeout. */
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);

    static HttpClient http() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
    }

    /** One provider as the shared failure tests see it: how to make it, and the stub of its check call. */
    record Provider(
            String name,
            BiFunction<String, Duration, ContactLookup> make,
            MappingBuilder checkCall,
            List<String> numbers,
            List<String> secrets) {

        @Override
        public String toString() {
            return name;
        }

        ContactLookup make(String baseUrl) {
            return make.apply(baseUrl, TIMEOUT);
        }
    }

    static List<Provider> all() {
        String zapi = "/instances/3C0FFEE/token/" + ZAPI_TOKEN;
        return List.of(
                new Provider(
                        "evolution",
                        (base, timeout) -> new EvolutionLookup(
                                "evo-01", base, "cobranca-01", EVOLUTION_KEY, 500, http(), timeout, CLOCK),
                        post(urlPathEqualTo("/chat/whatsappNumbers/cobranca-01")),
                        List.of(BR1, BR2),
                        List.of(EVOLUTION_KEY)),
                new Provider(
                        "zapi",
                        (base, timeout) -> new ZapiLookup(
                                "zapi-01", base, "3C0FFEE", ZAPI_TOKEN, ZAPI_CLIENT, 500, http(), timeout, CLOCK),
                        post(urlPathEqualTo(zapi + "/phone-exists-batch")),
                        List.of(BR1, BR2),
                        List.of(ZAPI_TOKEN, ZAPI_CLIENT)),
                new Provider(
                        "zapi-single",
                        (base, timeout) -> new ZapiLookup(
                                "zapi-01", base, "3C0FFEE", ZAPI_TOKEN, ZAPI_CLIENT, 500, http(), timeout, CLOCK),
                        get(urlPathMatching(zapi + "/phone-exists/\\d+")),
                        List.of(BR1),
                        List.of(ZAPI_TOKEN, ZAPI_CLIENT)),
                new Provider(
                        "waha",
                        (base, timeout) -> new WahaLookup("waha-01", base, "default", WAHA_KEY, http(), timeout, CLOCK),
                        get(urlPathEqualTo("/api/contacts/check-exists")),
                        List.of(BR1),
                        List.of(WAHA_KEY)),
                new Provider(
                        "wppconnect",
                        (base, timeout) ->
                                new WppConnectLookup("wpp-01", base, "cobranca", WPP_TOKEN, http(), timeout, CLOCK),
                        get(urlPathMatching("/api/cobranca/check-number-status/\\d+")),
                        List.of(BR1),
                        List.of(WPP_TOKEN)),
                new Provider(
                        "onprem",
                        (base, timeout) -> new OnPremLookup(
                                "gw-01", base, ONPREM_TOKEN, null, null, false, 500, http(), timeout, CLOCK),
                        post(urlPathEqualTo("/v1/contacts")),
                        List.of(BR1, BR2),
                        List.of(ONPREM_TOKEN)));
    }

    private Fakes() {}
}
