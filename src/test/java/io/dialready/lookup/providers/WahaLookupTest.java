package io.dialready.lookup.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.dialready.lookup.providers.Fakes.BR1;
import static io.dialready.lookup.providers.Fakes.BR2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.dialready.domain.LookupResult;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.lookup.ProviderException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** WAHA's check-exists, as its swagger (ContactsController, WANumberExistResult) describes it. */
class WahaLookupTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private WahaLookup waha(String apiKey) {
        return new WahaLookup("waha-01", wm.baseUrl(), "default", apiKey, Fakes.http(), Fakes.TIMEOUT, Fakes.CLOCK);
    }

    @Test
    void numberExistsMapsToActiveWithTheChatIdDigitsAndOneNumberPerCall() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/contacts/check-exists"))
                .withQueryParam("phone", equalTo("5511987650001"))
                .willReturn(okJson("{\"numberExists\": true, \"chatId\": \"551187650001@c.us\"}")));
        wm.stubFor(get(urlPathEqualTo("/api/contacts/check-exists"))
                .withQueryParam("phone", equalTo("5521987650002"))
                .willReturn(okJson("{\"numberExists\": false}")));

        WahaLookup waha = waha(Fakes.WAHA_KEY);

        assertThat(waha.maxBatch()).isEqualTo(1);
        assertThat(waha.check(List.of(BR1)).get(BR1))
                .isEqualTo(new LookupResult(WhatsAppStatus.ACTIVE, "551187650001"));
        assertThat(waha.check(List.of(BR2)).get(BR2)).isEqualTo(new LookupResult(WhatsAppStatus.INACTIVE, null));
        wm.verify(
                2,
                getRequestedFor(urlPathEqualTo("/api/contacts/check-exists"))
                        .withQueryParam("session", equalTo("default"))
                        .withHeader("X-Api-Key", equalTo(Fakes.WAHA_KEY)));
        assertThatThrownBy(() -> waha.check(List.of(BR1, BR2))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChatIdThatIsALidGivesNoRegisteredFormUnlessPnCarriesIt() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/contacts/check-exists"))
                .withQueryParam("phone", equalTo("5511987650001"))
                .willReturn(okJson("{\"numberExists\": true, \"chatId\": \"123456789012345@lid\"}")));
        // the phone form of a LID, as WAHA's LidToPhoneNumber carries it (src/structures/lids.dto.ts: pn "...@c.us")
        wm.stubFor(get(urlPathEqualTo("/api/contacts/check-exists"))
                .withQueryParam("phone", equalTo("5521987650002"))
                .willReturn(okJson("{\"numberExists\": true, \"chatId\": \"123456789012346@lid\","
                        + " \"pn\": \"552187650002@c.us\"}")));

        WahaLookup waha = waha(null);
        assertThat(waha.check(List.of(BR1)).get(BR1))
                .as("a LID is no phone: no registered form is claimed")
                .isEqualTo(new LookupResult(WhatsAppStatus.ACTIVE, null));
        assertThat(waha.check(List.of(BR2)).get(BR2).whatsappId()).isEqualTo("552187650002");
        wm.verify(getRequestedFor(urlPathEqualTo("/api/contacts/check-exists")).withoutHeader("X-Api-Key"));
    }

    @Test
    void aSessionThatIsNotWorkingStopsTheAccount() {
        wm.stubFor(get(urlPathEqualTo("/api/contacts/check-exists"))
                .willReturn(aResponse()
                        .withStatus(422)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                    {"statusCode": 422, "error": "Unprocessable Entity",
                     "message": "Session status is not as expected. Try again later or restart the session",
                     "session": "default", "status": "SCAN_QR_CODE", "expected": ["WORKING"]}""")));

        ProviderException e =
                catchThrowableOfType(ProviderException.class, () -> waha(null).check(List.of(BR1)));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.ACCOUNT);
        assertThat(e.getMessage()).contains("Session status is not as expected");
    }

    @Test
    void otherUnprocessableRequestsAreRejected() {
        wm.stubFor(get(urlPathEqualTo("/api/contacts/check-exists"))
                .willReturn(aResponse()
                        .withStatus(422)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"statusCode\": 422, \"message\": [\"phone must be a string\"]}")));

        ProviderException e =
                catchThrowableOfType(ProviderException.class, () -> waha(null).check(List.of(BR1)));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED);
    }
}
