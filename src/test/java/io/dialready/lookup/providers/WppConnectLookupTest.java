package io.dialready.lookup.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.dialready.lookup.providers.Fakes.BR1;
import static io.dialready.lookup.providers.Fakes.BR2;
import static io.dialready.lookup.providers.Fakes.WPP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.dialready.domain.LookupResult;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.lookup.ProfilePhoto;
import io.dialready.lookup.ProviderException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** WPPConnect server's check-number-status and profile-pic, as its controllers and middleware answer. */
class WppConnectLookupTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private WppConnectLookup wpp() {
        return new WppConnectLookup(
                "wpp-01", wm.baseUrl(), "cobranca", WPP_TOKEN, Fakes.http(), Fakes.TIMEOUT, Fakes.CLOCK);
    }

    @Test
    void numberExistsMapsToActiveWithTheSerializedId() throws Exception {
        wm.stubFor(get(urlEqualTo("/api/cobranca/check-number-status/5511987650001"))
                .willReturn(okJson("""
                {"status": "success", "response": {"id": {"server": "c.us", "user": "551187650001",
                  "_serialized": "551187650001@c.us"}, "status": 200, "isBusiness": false,
                  "canReceiveMessage": true, "numberExists": true}}""")));
        wm.stubFor(get(urlEqualTo("/api/cobranca/check-number-status/5521987650002"))
                .willReturn(okJson("""
                {"status": "success", "response": {"id": {"server": "c.us", "user": "5521987650002",
                  "_serialized": "5521987650002@c.us"}, "status": 404, "numberExists": false}}""")));

        WppConnectLookup wpp = wpp();

        assertThat(wpp.maxBatch()).isEqualTo(1);
        assertThat(wpp.check(List.of(BR1)).get(BR1)).isEqualTo(new LookupResult(WhatsAppStatus.ACTIVE, "551187650001"));
        assertThat(wpp.check(List.of(BR2)).get(BR2)).isEqualTo(new LookupResult(WhatsAppStatus.INACTIVE, null));
        wm.verify(getRequestedFor(urlEqualTo("/api/cobranca/check-number-status/5511987650001"))
                .withHeader("Authorization", equalTo("Bearer " + WPP_TOKEN)));
    }

    @Test
    void aDisconnectedSessionStopsTheAccount() {
        wm.stubFor(get(urlEqualTo("/api/cobranca/check-number-status/5511987650001"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                    {"response": null, "status": "Disconnected", "message": "A sessão do WhatsApp não está ativa."}""")));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> wpp().check(List.of(BR1)));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.ACCOUNT);
        assertThat(e.getMessage())
                .contains("A sessão do WhatsApp não está ativa.")
                .contains("'wpp-01'");
    }

    @Test
    void aBadTokenStopsTheAccount() {
        wm.stubFor(get(urlEqualTo("/api/cobranca/check-number-status/5511987650001"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": \"Check that the Session and Token are correct\"}")));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> wpp().check(List.of(BR1)));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.ACCOUNT);
        assertThat(e.getMessage()).contains("Check that the Session and Token are correct");
    }

    @Test
    void profilePicturesTakeTheFullUrlAndAnEmptyAnswerIsNoPhoto() throws Exception {
        wm.stubFor(get(urlEqualTo("/api/cobranca/profile-pic/551187650001")).willReturn(okJson("""
                {"status": "success", "response": {"eurl": "https://pps.whatsapp.net/v/t61/full.jpg",
                  "id": {"_serialized": "551187650001@c.us"}, "img": "https://pps.whatsapp.net/v/t61/small.jpg",
                  "imgFull": "https://pps.whatsapp.net/v/t61/full.jpg", "raw": null, "tag": "1683"}}""")));
        wm.stubFor(get(urlEqualTo("/api/cobranca/profile-pic/5521987650002"))
                .willReturn(okJson("{\"status\": \"success\"}")));

        WppConnectLookup wpp = wpp();

        assertThat(wpp.profilePhoto(BR1, "551187650001"))
                .isEqualTo(new ProfilePhoto(true, "https://pps.whatsapp.net/v/t61/full.jpg"));
        assertThat(wpp.profilePhoto(BR2, null)).isEqualTo(ProfilePhoto.NONE);
    }
}
