package io.dialready.lookup.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.dialready.lookup.providers.Fakes.BR1;
import static io.dialready.lookup.providers.Fakes.BR2;
import static io.dialready.lookup.providers.Fakes.BR3;
import static io.dialready.lookup.providers.Fakes.ZAPI_CLIENT;
import static io.dialready.lookup.providers.Fakes.ZAPI_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.dialready.domain.LookupResult;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.lookup.ProfilePhoto;
import io.dialready.lookup.ProviderException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Z-API's single and batch checks and its profile picture, as developer.z-api.io documents them. */
class ZapiLookupTest {

    private static final String ROOT = "/instances/3C0FFEE/token/" + ZAPI_TOKEN;

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private ZapiLookup zapi(String clientToken) {
        return new ZapiLookup(
                "zapi-01",
                wm.baseUrl(),
                "3C0FFEE",
                ZAPI_TOKEN,
                clientToken,
                500,
                Fakes.http(),
                Fakes.TIMEOUT,
                Fakes.CLOCK);
    }

    @Test
    void theBatchCallMatchesAnswersByInputPhoneAndKeepsTheOutputPhone() throws Exception {
        // BR1 registered without the ninth digit (outputPhone differs from inputPhone), BR2 without WhatsApp,
        // BR3 missing from the answer
        wm.stubFor(post(urlEqualTo(ROOT + "/phone-exists-batch")).willReturn(okJson("""
                [
                  {"exists": true, "inputPhone": "5511987650001", "outputPhone": "551187650001",
                   "lid": "999999999999999@lid"},
                  {"exists": false, "inputPhone": "5521987650002", "outputPhone": "5521987650002", "lid": null}
                ]""")));

        Map<String, LookupResult> answers = zapi(ZAPI_CLIENT).check(List.of(BR1, BR2, BR3));

        assertThat(answers.get(BR1)).isEqualTo(new LookupResult(WhatsAppStatus.ACTIVE, "551187650001"));
        assertThat(answers.get(BR2)).isEqualTo(new LookupResult(WhatsAppStatus.INACTIVE, null));
        assertThat(answers.get(BR3)).isEqualTo(LookupResult.UNKNOWN);
        wm.verify(
                1,
                postRequestedFor(urlEqualTo(ROOT + "/phone-exists-batch"))
                        .withHeader("Client-Token", equalTo(ZAPI_CLIENT))
                        .withRequestBody(equalToJson("""
                    {"phones": ["5511987650001", "5521987650002", "5531987650003"]}""")));
    }

    @Test
    void oneNumberUsesTheSingleCallWhoseAnswerMayComeWrappedInAList() throws Exception {
        // the docs show the single answer both bare and as a one-element array; "phone" is the registered form
        wm.stubFor(get(urlEqualTo(ROOT + "/phone-exists/5511987650001")).willReturn(okJson("""
                [{"exists": true, "phone": "551187650001", "lid": "999999999@lid"}]""")));
        wm.stubFor(get(urlEqualTo(ROOT + "/phone-exists/5521987650002")).willReturn(okJson("""
                {"exists": "false", "phone": "5521987650002", "lid": null}""")));

        ZapiLookup zapi = zapi(null);

        assertThat(zapi.check(List.of(BR1)).get(BR1))
                .isEqualTo(new LookupResult(WhatsAppStatus.ACTIVE, "551187650001"));
        assertThat(zapi.check(List.of(BR2)).get(BR2).status()).isEqualTo(WhatsAppStatus.INACTIVE);
        wm.verify(
                1,
                getRequestedFor(urlEqualTo(ROOT + "/phone-exists/5511987650001"))
                        .withoutHeader("Client-Token"));
    }

    @Test
    void theBatchSizeNeverExceedsZapisLimit() {
        ZapiLookup zapi = new ZapiLookup(
                "zapi-01",
                wm.baseUrl(),
                "3C0FFEE",
                ZAPI_TOKEN,
                null,
                100_000,
                Fakes.http(),
                Fakes.TIMEOUT,
                Fakes.CLOCK);
        assertThat(zapi.maxBatch()).isEqualTo(50_000);
        assertThat(zapi(null).maxBatch()).isEqualTo(500);
    }

    @Test
    void anErrorNeverShowsTheTokenThatIsInThePath() {
        wm.stubFor(post(urlEqualTo(ROOT + "/phone-exists-batch"))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": \"Client-Token " + ZAPI_CLIENT
                                + " not allowed for /instances/3C0FFEE/token/" + ZAPI_TOKEN + "\"}")));

        ProviderException e = catchThrowableOfType(
                ProviderException.class, () -> zapi(ZAPI_CLIENT).check(List.of(BR1, BR2)));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.ACCOUNT);
        assertThat(e.getMessage())
                .doesNotContain(ZAPI_TOKEN)
                .doesNotContain(ZAPI_CLIENT)
                .contains("Client-Token <secret> not allowed");
    }

    @Test
    void profilePicturesComeAsALinkOrAListOfOneAndNoLinkIsNoPhoto() throws Exception {
        wm.stubFor(get(urlEqualTo(ROOT + "/profile-picture?phone=551187650001"))
                .willReturn(okJson("{\"link\": \"https://pps.whatsapp.net/v/t61/a.jpg\"}")));
        wm.stubFor(get(urlEqualTo(ROOT + "/profile-picture?phone=5521987650002"))
                .willReturn(okJson("[{\"link\": \"https://pps.whatsapp.net/v/t61/b.jpg\"}]")));
        wm.stubFor(
                get(urlEqualTo(ROOT + "/profile-picture?phone=5531987650003")).willReturn(okJson("{\"link\": null}")));

        ZapiLookup zapi = zapi(ZAPI_CLIENT);

        assertThat(zapi.profilePhoto(BR1, "551187650001").url()).isEqualTo("https://pps.whatsapp.net/v/t61/a.jpg");
        assertThat(zapi.profilePhoto(BR2, null).url()).isEqualTo("https://pps.whatsapp.net/v/t61/b.jpg");
        assertThat(zapi.profilePhoto(BR3, null)).isEqualTo(ProfilePhoto.NONE);
        wm.verify(
                3,
                getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                                ROOT + "/profile-picture"))
                        .withHeader("Client-Token", equalTo(ZAPI_CLIENT)));
    }
}
