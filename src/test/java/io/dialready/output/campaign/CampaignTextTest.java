package io.dialready.output.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CampaignTextTest {

    @Test
    void smsSegmentsGsm7AndUcs2() {
        assertThat(CampaignText.sms("a".repeat(160))).isEqualTo(new CampaignText.Sms("GSM-7", 160, 1));
        assertThat(CampaignText.sms("a".repeat(161))).isEqualTo(new CampaignText.Sms("GSM-7", 161, 2));
        assertThat(CampaignText.sms("a".repeat(306))).isEqualTo(new CampaignText.Sms("GSM-7", 306, 2));
        assertThat(CampaignText.sms("a".repeat(307)).segments()).isEqualTo(3);
        // extension characters take two septets
        assertThat(CampaignText.sms("€".repeat(80))).isEqualTo(new CampaignText.Sms("GSM-7", 160, 1));
        assertThat(CampaignText.sms("€".repeat(81)).segments()).isEqualTo(2);
        // one character outside GSM 03.38 (á, ã, ç, ₹) makes the whole text UCS-2
        assertThat(CampaignText.sms("Olá")).isEqualTo(new CampaignText.Sms("UCS-2", 3, 1));
        assertThat(CampaignText.sms("ã".repeat(70)).segments()).isEqualTo(1);
        assertThat(CampaignText.sms("ã".repeat(71)).segments()).isEqualTo(2);
        assertThat(CampaignText.sms("ã".repeat(135)).segments()).isEqualTo(3);
    }

    @Test
    void amountsAsEachCountryWritesThem() {
        assertThat(CampaignText.amount(new BigDecimal("1234.5"), "BR")).isEqualTo("R$ 1.234,50");
        assertThat(CampaignText.amount(new BigDecimal("1234567.891"), "IN")).isEqualTo("₹12,34,567.89");
        assertThat(CampaignText.amount(new BigDecimal("999"), "IN")).isEqualTo("₹999.00");
        assertThat(CampaignText.amount(new BigDecimal("1234.5"), "US")).isEqualTo("$1,234.50");
        assertThat(CampaignText.amount(new BigDecimal("1234.5"), "PT")).isEqualTo("EUR 1,234.50");
        assertThat(CampaignText.amount(null, "BR")).isEmpty();
    }

    @Test
    void waMeLinkPercentEncodesTheText() {
        assertThat(CampaignText.waLink("551134567000", "Quero negociar o contrato C-1 & já"))
                .isEqualTo("https://wa.me/551134567000?text=Quero%20negociar%20o%20contrato%20C-1%20%26%20j%C3%A1");
    }
}
