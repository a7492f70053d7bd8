package io.dialready.lookup.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.domain.LookupResult;
import io.dialready.domain.WhatsAppStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswersTest {

    @Test
    void anExactEchoWinsOverTheNinthDigitTwin() {
        // both forms of the same Brazilian mobile asked: each gets its own answer
        Answers answers = new Answers(List.of("+5511987650001", "+551187650001"));
        answers.answer("551187650001", Answers.inactive());
        answers.answer("5511987650001", Answers.active("551187650001@s.whatsapp.net", "5511987650001"));

        assertThat(answers.results().get("+5511987650001"))
                .isEqualTo(new LookupResult(WhatsAppStatus.ACTIVE, "551187650001"));
        assertThat(answers.results().get("+551187650001").status()).isEqualTo(WhatsAppStatus.INACTIVE);
    }

    @Test
    void aTwinEchoAnswersOnlyWhenNoExactEchoDid() {
        Answers answers = new Answers(List.of("+5511987650001"));
        answers.answer("5511987650001", Answers.inactive());
        answers.answer("551187650001", Answers.active("551187650001", "551187650001"));
        assertThat(answers.results().get("+5511987650001").status()).isEqualTo(WhatsAppStatus.INACTIVE);
    }

    @Test
    void echoesOfNumbersNotAskedAreIgnored() {
        Answers answers = new Answers(List.of("+5511987650001"));
        answers.answer("5599999990000", Answers.inactive());
        answers.answer(null, Answers.inactive());
        assertThat(answers.results()).containsExactly(java.util.Map.entry("+5511987650001", LookupResult.UNKNOWN));
    }

    @Test
    void registeredFormsComeFromPhoneJidsOnly() {
        assertThat(Answers.registeredDigits("5511987650001@s.whatsapp.net")).isEqualTo("5511987650001");
        assertThat(Answers.registeredDigits("5511987650001:12@s.whatsapp.net")).isEqualTo("5511987650001");
        assertThat(Answers.registeredDigits("5511987650001@c.us")).isEqualTo("5511987650001");
        assertThat(Answers.registeredDigits("+55 11 98765-0001")).isEqualTo("5511987650001");
        assertThat(Answers.registeredDigits("123456789012345@lid")).isNull();
        assertThat(Answers.registeredDigits("120363000000000000@g.us")).isNull();
        assertThat(Answers.registeredDigits("")).isNull();
    }

    @Test
    void ninthDigitTwinsAreBrazilianMobilesOnly() {
        assertThat(Answers.ninthDigitTwin("5511987650001")).isEqualTo("551187650001");
        assertThat(Answers.ninthDigitTwin("551187650001")).isEqualTo("5511987650001");
        assertThat(Answers.ninthDigitTwin("551134567890")).as("a landline").isNull();
        assertThat(Answers.ninthDigitTwin("919876500004")).isNull();
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertThat(HttpProvider.retryAfter("30", Fakes.CLOCK)).isEqualTo(Duration.ofSeconds(30));
        assertThat(HttpProvider.retryAfter("Tue, 24 Nov 2026 03:01:30 GMT", Fakes.CLOCK))
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(HttpProvider.retryAfter("Tue, 24 Nov 2026 02:00:00 GMT", Fakes.CLOCK))
                .as("in the past")
                .isEqualTo(Duration.ZERO);
        assertThat(HttpProvider.retryAfter("soon", Fakes.CLOCK)).isNull();
        assertThat(HttpProvider.retryAfter(null, Fakes.CLOCK)).isNull();
    }
}
