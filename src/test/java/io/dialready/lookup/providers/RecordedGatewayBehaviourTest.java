package io.dialready.lookup.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.dialready.lookup.providers.Fakes.BR1;
import static io.dialready.lookup.providers.Fakes.BR2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.dialready.domain.LookupResult;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.lookup.ContactLookup;
import io.dialready.lookup.ProviderException;
import io.dialready.lookup.ProviderException.Kind;
import io.dialready.testgateway.GatewayFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every adapter against the answers its gateway really gives, as recorded from the gateway's source (or, for Z-API, its
 * docs) in {@code src/test/resources/gateways/} (each fixture names the version and file its body comes from; see
 * gateways/README.md): errors classified by what they mean (Evolution 2.3's Boom errors inside an HTTP 400, 2.2's 500,
 * WAHA's session status, Z-API's words whatever the status), whether they reached WhatsApp (quota), the provider's
 * words quoted, and the answers' registered forms (LIDs claim none).
 */
class RecordedGatewayBehaviourTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final String ZAPI = "/instances/3C0FFEE/token/" + Fakes.ZAPI_TOKEN;

    /** An adapter, the stub of its check call, and the numbers one call asks. */
    private record Gateway(
            java.util.function.Supplier<MappingBuilder> stub, ContactLookup lookup, List<String> numbers) {

        /** A new stub of the check call (a WireMock builder makes one stub only). */
        MappingBuilder call() {
            return stub.get();
        }
    }

    private static Gateway gateway(String provider) {
        String base = wm.baseUrl();
        return switch (provider) {
            case "evolution" ->
                new Gateway(
                        () -> post(urlPathEqualTo("/chat/whatsappNumbers/cobranca-01")),
                        new EvolutionLookup(
                                "evo-01",
                                base,
                                "cobranca-01",
                                Fakes.EVOLUTION_KEY,
                                500,
                                Fakes.http(),
                                Fakes.TIMEOUT,
                                Fakes.CLOCK),
                        List.of(BR1, BR2));
            case "waha" ->
                new Gateway(
                        () -> get(urlPathEqualTo("/api/contacts/check-exists")),
                        new WahaLookup(
                                "waha-01", base, "default", Fakes.WAHA_KEY, Fakes.http(), Fakes.TIMEOUT, Fakes.CLOCK),
                        List.of(BR1));
            case "waha-without-key" ->
                new Gateway(
                        () -> get(urlPathEqualTo("/api/contacts/check-exists")),
                        new WahaLookup("waha-01", base, "default", null, Fakes.http(), Fakes.TIMEOUT, Fakes.CLOCK),
                        List.of(BR1));
            case "wppconnect" ->
                new Gateway(
                        () -> get(urlPathMatching("/api/cobranca/check-number-status/\\d+")),
                        new WppConnectLookup(
                                "wpp-01", base, "cobranca", Fakes.WPP_TOKEN, Fakes.http(), Fakes.TIMEOUT, Fakes.CLOCK),
                        List.of(BR1));
            case "zapi" ->
                new Gateway(
                        () -> post(urlPathEqualTo(ZAPI + "/phone-exists-batch")),
                        new ZapiLookup(
                                "zapi-01",
                                base,
                                "3C0FFEE",
                                Fakes.ZAPI_TOKEN,
                                Fakes.ZAPI_CLIENT,
                                500,
                                Fakes.http(),
                                Fakes.TIMEOUT,
                                Fakes.CLOCK),
                        List.of(BR1, BR2));
            case "zapi-single" ->
                new Gateway(
                        () -> get(urlPathMatching(ZAPI + "/phone-exists/\\d+")),
                        new ZapiLookup(
                                "zapi-01",
                                base,
                                "3C0FFEE",
                                Fakes.ZAPI_TOKEN,
                                null,
                                500,
                                Fakes.http(),
                                Fakes.TIMEOUT,
                                Fakes.CLOCK),
                        List.of(BR1));
            default -> throw new IllegalArgumentException(provider);
        };
    }

    static Stream<Arguments> errors() {
        List<Arguments> all = new ArrayList<>(List.of(
                // Evolution 2.3.x: HTTP 400 whatever happened; the Boom inside says what
                arguments("evolution", "evolution-2.3.6/connection-closed", 0, Kind.ACCOUNT, true, "Connection Closed"),
                arguments("evolution", "evolution-2.3.6/logged-out", 0, Kind.ACCOUNT, true, "Intentional Logout"),
                arguments("evolution", "evolution-2.3.6/timed-out", 0, Kind.TRANSIENT, false, "Boom 408 Timed Out"),
                arguments("evolution", "evolution-2.3.6/rate-overlimit", 0, Kind.THROTTLED, false, "rate-overlimit"),
                arguments("evolution", "evolution-2.3.6/instance-not-loaded", 0, Kind.NOT_READY, true, "not loaded"),
                arguments(
                        "evolution",
                        "evolution-2.3.6/bad-request",
                        0,
                        Kind.REJECTED,
                        true,
                        "numbers contains duplicate item"),
                arguments("evolution", "evolution-2.3.6/unauthorized", 0, Kind.ACCOUNT, true, "Unauthorized"),
                arguments(
                        "evolution",
                        "evolution-2.3.6/instance-does-not-exist",
                        0,
                        Kind.ACCOUNT,
                        true,
                        "instance does not exist"),
                // Evolution 2.2.x: 500 through the global error handler, read by its words
                arguments("evolution", "evolution-2.2.3/timed-out", 0, Kind.TRANSIENT, false, "Timed Out"),
                arguments("evolution", "evolution-2.2.3/connection-closed", 0, Kind.ACCOUNT, true, "Connection Closed"),
                // WAHA: 422 with the session's status
                arguments(
                        "waha", "waha-2024.10.8/session-starting", 0, Kind.NOT_READY, true, "session status STARTING"),
                arguments("waha", "waha-2024.10.8/session-scan-qr-code", 0, Kind.ACCOUNT, true, "SCAN_QR_CODE"),
                arguments("waha", "waha-2024.10.8/session-failed", 0, Kind.ACCOUNT, true, "FAILED"),
                arguments("waha", "waha-2024.10.8/session-stopped", 0, Kind.ACCOUNT, true, "STOPPED"),
                arguments("waha-without-key", "waha-2025/unauthorized", 0, Kind.ACCOUNT, true, "requires its API key"),
                // WPPConnect
                arguments("wppconnect", "wppconnect-2.10.4/disconnected", 0, Kind.ACCOUNT, true, "não está ativa"),
                arguments("wppconnect", "wppconnect-2.10.4/bad-token", 0, Kind.ACCOUNT, true, "Session and Token"),
                arguments(
                        "wppconnect",
                        "wppconnect-2.10.4/error",
                        0,
                        Kind.TRANSIENT,
                        false,
                        "Error on check number status")));
        // Z-API: by its words, whatever the HTTP status (the docs give the words, not the status)
        for (String zapi : List.of("zapi", "zapi-single")) {
            for (int status : new int[] {200, 400, 403}) {
                all.add(arguments(zapi, "zapi-docs/null-not-allowed", status, Kind.ACCOUNT, true, "null not allowed"));
                all.add(arguments(zapi, "zapi-docs/not-connected", status, Kind.ACCOUNT, true, "not connected"));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} (HTTP {2}) is {3}")
    @MethodSource("errors")
    void errorsAreClassifiedByWhatTheyMean(
            String provider, String fixture, int status, Kind kind, boolean refused, String words) {
        Gateway g = gateway(provider);
        GatewayFixture f = GatewayFixture.of(fixture);
        ResponseDefinitionBuilder answer = status == 0 ? f.response() : f.response(status);
        wm.stubFor(g.call().willReturn(answer));

        ProviderException e =
                catchThrowableOfType(ProviderException.class, () -> g.lookup().check(g.numbers()));

        assertThat(e).as("%s %s must fail", provider, fixture).isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        assertThat(e.refused())
                .as("refused before it could reach WhatsApp (gives its quota back)")
                .isEqualTo(refused);
        assertThat(e.getMessage()).contains(words).doesNotContain("5511987650001", Fakes.ZAPI_TOKEN);
    }

    @Test
    void evolutionAnswersTheRegisteredFormAndALidClaimsNone() throws Exception {
        Gateway g = gateway("evolution");
        wm.stubFor(
                g.call().willReturn(GatewayFixture.of("evolution-2.3.6/numbers").response()));
        Map<String, LookupResult> answers = g.lookup().check(List.of(BR1, BR2));
        assertThat(answers.get(BR1)).isEqualTo(new LookupResult(WhatsAppStatus.ACTIVE, "551187650001"));
        assertThat(answers.get(BR2)).isEqualTo(new LookupResult(WhatsAppStatus.INACTIVE, null));

        wm.stubFor(g.call().willReturn(GatewayFixture.of("evolution-2.3.6/lid").response()));
        assertThat(g.lookup().check(List.of(BR1)).get(BR1))
                .as("a LID is not a phone: no registered form is claimed")
                .isEqualTo(new LookupResult(WhatsAppStatus.ACTIVE, null));
    }

    @Test
    void wppconnectAnswersAndItsNegativesNeedConfirmation() throws Exception {
        Gateway g = gateway("wppconnect");
        wm.stubFor(g.call()
                .willReturn(GatewayFixture.of("wppconnect-2.10.4/exists").response()));
        assertThat(g.lookup().check(List.of(BR1)).get(BR1))
                .isEqualTo(new LookupResult(WhatsAppStatus.ACTIVE, "5511987650001"));

        wm.stubFor(g.call()
                .willReturn(GatewayFixture.of("wppconnect-2.10.4/not-exists").response()));
        assertThat(g.lookup().check(List.of(BR1)).get(BR1).status()).isEqualTo(WhatsAppStatus.INACTIVE);
        assertThat(g.lookup().negativesNeedConfirmation())
                .as("wa-js answers a failed lookup exactly like a real negative")
                .isTrue();

        wm.stubFor(
                g.call().willReturn(GatewayFixture.of("wppconnect-2.10.4/lid").response()));
        assertThat(g.lookup().check(List.of(BR1)).get(BR1)).isEqualTo(new LookupResult(WhatsAppStatus.ACTIVE, null));
    }

    @Test
    void wahaAnswersAndALidTakesItsPhoneFormFromPn() throws Exception {
        Gateway g = gateway("waha");
        wm.stubFor(
                g.call().willReturn(GatewayFixture.of("waha-2024.10.8/exists").response()));
        assertThat(g.lookup().check(List.of(BR1)).get(BR1))
                .isEqualTo(new LookupResult(WhatsAppStatus.ACTIVE, "5511987650001"));
        wm.stubFor(g.call()
                .willReturn(GatewayFixture.of("waha-2024.10.8/not-exists").response()));
        assertThat(g.lookup().check(List.of(BR1)).get(BR1).status()).isEqualTo(WhatsAppStatus.INACTIVE);
        wm.stubFor(g.call().willReturn(GatewayFixture.of("waha-2025/lid").response()));
        assertThat(g.lookup().check(List.of(BR1)).get(BR1))
                .isEqualTo(new LookupResult(WhatsAppStatus.ACTIVE, "552187650002"));
        assertThat(g.lookup().negativesNeedConfirmation()).isFalse();
    }

    @Test
    void zapiAnswersTakeTheRegisteredFormFromPhoneAndOutputPhone() throws Exception {
        Gateway single = gateway("zapi-single");
        wm.stubFor(single.call()
                .willReturn(GatewayFixture.of("zapi-docs/phone-exists").response()));
        assertThat(single.lookup().check(List.of(BR1)).get(BR1))
                .isEqualTo(new LookupResult(WhatsAppStatus.ACTIVE, "551187650001"));

        Gateway batch = gateway("zapi");
        wm.stubFor(batch.call()
                .willReturn(GatewayFixture.of("zapi-docs/phone-exists-batch").response()));
        Map<String, LookupResult> answers = batch.lookup().check(List.of(BR1, BR2));
        assertThat(answers.get(BR1)).isEqualTo(new LookupResult(WhatsAppStatus.ACTIVE, "551187650001"));
        assertThat(answers.get(BR2).status()).isEqualTo(WhatsAppStatus.INACTIVE);
    }

    @Test
    void anOnPremisesApiThatAnswersValidForEveryNumberStopsTheAccount() {
        OnPremLookup onprem = new OnPremLookup(
                "gw-01",
                wm.baseUrl(),
                Fakes.ONPREM_TOKEN,
                null,
                null,
                false,
                500,
                Fakes.http(),
                Fakes.TIMEOUT,
                Fakes.CLOCK);
        wm.stubFor(post(urlPathEqualTo("/v1/contacts"))
                .willReturn(GatewayFixture.of("onprem-2.43/all-valid").response()));
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            asked.add(String.format("+55119876500%02d", i));
        }

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> onprem.check(asked));

        assertThat(e.kind()).isEqualTo(Kind.ACCOUNT);
        assertThat(e.getMessage()).contains("'valid' for every one of the 10 numbers", "v2.43");
    }
}
