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

/** Evolution API v2 as its docs and source describe it, served by WireMock on loopback. */
class EvolutionLookupTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private EvolutionLookup evolution(String instance) {
        return new EvolutionLookup(
                "evo-01", wm.baseUrl(), instance, Fakes.EVOLUTION_KEY, 500, Fakes.http(), Fakes.TIMEOUT, Fakes.CLOCK);
    }

    @Test
    void aBulkAnswerMapsToActiveInactiveAndUnknownWithTheRegisteredForm() throws Exception {
        // BR1 active under its old 8-digit form (the jid drops the ninth digit), BR2 without WhatsApp, IN1 active,
        // BR3 left out of the answer (Baileys-based gateways omit numbers they could not resolve)
        wm.stubFor(post(urlEqualTo("/chat/whatsappNumbers/cobranca-01")).willReturn(okJson("""
                [
                  {"exists": true, "jid": "551187650001@s.whatsapp.net", "number": "5511987650001", "name": "Fulano"},
                  {"exists": false, "jid": "5521987650002@s.whatsapp.net", "number": "5521987650002"},
                  {"exists": true, "jid": "919876500004@s.whatsapp.net", "number": "919876500004",
                   "lid": "1234567890@lid"}
                ]""")));

        Map<String, LookupResult> answers = evolution("cobranca-01").check(List.of(BR1, BR2, BR3, IN1));

        assertThat(answers).containsOnlyKeys(BR1, BR2, BR3, IN1);
        assertThat(answers.get(BR1)).isEqualTo(new LookupResult(WhatsAppStatus.ACTIVE, "551187650001"));
        assertThat(answers.get(BR2)).isEqualTo(new LookupResult(WhatsAppStatus.INACTIVE, null));
        assertThat(answers.get(BR3)).as("missing from the bulk answer").isEqualTo(LookupResult.UNKNOWN);
        assertThat(answers.get(IN1)).isEqualTo(new LookupResult(WhatsAppStatus.ACTIVE, "919876500004"));
        wm.verify(
                1,
                postRequestedFor(urlEqualTo("/chat/whatsappNumbers/cobranca-01"))
                        .withHeader("apikey", equalTo(Fakes.EVOLUTION_KEY))
                        .withHeader("Content-Type", equalTo("application/json"))
                        .withRequestBody(equalToJson("""
                    {"numbers": ["5511987650001", "5521987650002", "5531987650003", "919876500004"]}""")));
    }

    @Test
    void anEchoInTheOtherNinthDigitFormStillAnswersTheNumberAsked() throws Exception {
        // a gateway that echoes the normalised form instead of the input
        wm.stubFor(post(urlEqualTo("/chat/whatsappNumbers/cobranca-01")).willReturn(okJson("""
                [{"exists": true, "jid": "551187650001@s.whatsapp.net", "number": "551187650001"}]""")));

        Map<String, LookupResult> answers = evolution("cobranca-01").check(List.of(BR1));

        assertThat(answers.get(BR1)).isEqualTo(new LookupResult(WhatsAppStatus.ACTIVE, "551187650001"));
    }

    @Test
    void anInstanceNameIsEscapedInThePath() throws Exception {
        wm.stubFor(post(urlEqualTo("/chat/whatsappNumbers/cobran%C3%A7a%2001")).willReturn(okJson("[]")));

        Map<String, LookupResult> answers = evolution("cobrança 01").check(List.of(BR1));

        assertThat(answers.get(BR1)).isEqualTo(LookupResult.UNKNOWN);
    }

    @Test
    void theDocumentedErrorsNameTheAccountAndTheProvidersWords() {
        wm.stubFor(post(urlEqualTo("/chat/whatsappNumbers/gone"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                    {"status": 404, "error": "Not Found",
                     "response": {"message": ["The \\"gone\\" instance does not exist"]}}""")));

        ProviderException e = catchThrowableOfType(
                ProviderException.class, () -> evolution("gone").check(List.of(BR1)));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.ACCOUNT);
        assertThat(e.account()).isEqualTo("evo-01");
        assertThat(e.getMessage())
                .isEqualTo("account 'evo-01': check 1 number: evolution answered HTTP 404: "
                        + "The \"gone\" instance does not exist (bad token, closed or disconnected session, or unknown instance: check "
                        + "account 'evo-01' on the provider)");
    }

    @Test
    void profilePhotosAskForTheRegisteredFormAndAHiddenPhotoIsNone() throws Exception {
        wm.stubFor(post(urlEqualTo("/chat/fetchProfilePictureUrl/cobranca-01"))
                .withRequestBody(equalToJson("{\"number\": \"551187650001\"}"))
                .willReturn(okJson("""
                    {"wuid": "551187650001@s.whatsapp.net",
                     "profilePictureUrl": "https://pps.whatsapp.net/v/t61/photo.jpg?oe=abc"}""")));
        wm.stubFor(post(urlEqualTo("/chat/fetchProfilePictureUrl/cobranca-01"))
                .withRequestBody(equalToJson("{\"number\": \"5521987650002\"}"))
                .willReturn(okJson("{\"wuid\": \"5521987650002@s.whatsapp.net\", \"profilePictureUrl\": null}")));

        EvolutionLookup evolution = evolution("cobranca-01");

        assertThat(evolution.hasPhotos()).isTrue();
        assertThat(evolution.profilePhoto(BR1, "551187650001"))
                .isEqualTo(new ProfilePhoto(true, "https://pps.whatsapp.net/v/t61/photo.jpg?oe=abc"));
        assertThat(evolution.profilePhoto(BR2, null)).isEqualTo(ProfilePhoto.NONE);
        wm.verify(
                2,
                postRequestedFor(urlEqualTo("/chat/fetchProfilePictureUrl/cobranca-01"))
                        .withHeader("apikey", equalTo(Fakes.EVOLUTION_KEY)));
    }

    @Test
    void itemsWithoutAReadableExistsLeaveTheirNumberUnknown() throws Exception {
        wm.stubFor(post(urlEqualTo("/chat/whatsappNumbers/cobranca-01")).willReturn(okJson("""
                [{"exists": "maybe", "jid": "5511987650001@s.whatsapp.net", "number": "5511987650001"},
                 {"exists": false, "number": "5521987650002"}]""")));

        Map<String, LookupResult> answers = evolution("cobranca-01").check(List.of(BR1, BR2));

        assertThat(answers.get(BR1)).isEqualTo(LookupResult.UNKNOWN);
        assertThat(answers.get(BR2).status()).isEqualTo(WhatsAppStatus.INACTIVE);
    }
}
