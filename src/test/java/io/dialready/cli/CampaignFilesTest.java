package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.spec.JobSpecBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WhatsApp campaign and SMS opt-in files, byte for byte, for debtors with an active number only. */
class CampaignFilesTest {

    @TempDir
    Path dir;

    @Test
    void whatsappCampaignAndSmsOptin() throws Exception {
        RunFolder folder = new RunFolder(dir);
        folder.input("in.csv", """
                KEY;NOME;VALOR;VENCIMENTO;FONE
                W1;ANA SOUZA;1.234,56;01/11/2026;(11) 98765-4321
                W2;JOÃO;250,00;01/08/2026;21 99876-5432
                W3;FIXO;10,00;01/11/2026;11 3456-7890
                """);
        Path spec = folder.spec(JobSpecBuilder.csv("in.csv")
                .key("KEY")
                .column("name", "NOME")
                .column("amount", "VALOR")
                .column("due_date", "VENCIMENTO")
                .phoneColumn("FONE")
                .sandbox("active_share", 1)
                .sandbox("legacy_form_share", 0)
                .yaml("""
                        campaigns:
                          whatsapp:
                            templates: {"0-30": lembrete, "31-90": plano, "90+": acordo}
                          sms_optin:
                            business_number: "(11) 3456-7000"
                            text: "Oi {first_name}, negocie {amount} pelo WhatsApp: {link}"
                            whatsapp_text: "Quero negociar o contrato {key}"
                        """));
        Path out = folder.out();
        CliRun run = folder.enrich(spec);
        assertThat(run.exitCode()).as(run.err()).isZero();
        // W3 has no active number (a fixed line, not looked up): in neither file; W2 is 90+ days overdue
        assertThat(Files.readString(out.resolve("in.whatsapp-campaign.csv"), StandardCharsets.UTF_8))
                .isEqualTo("""
                debtor_key,whatsapp_number,template,param_name,param_amount,param_days_overdue,param_due_date
                W1,5511987654321,lembrete,ANA SOUZA,"R$ 1.234,56",22,01/11/2026
                W2,5521998765432,acordo,JOÃO,"R$ 250,00",114,01/08/2026
                """);
        // Ã is not in GSM 03.38: W2's SMS is UCS-2, over 70 characters, so two segments
        assertThat(Files.readString(out.resolve("in.sms-optin.csv"), StandardCharsets.UTF_8))
                .isEqualTo("""
                debtor_key,phone,sms_text,sms_encoding,sms_segments,wa_link
                W1,+5511987654321,"Oi ANA, negocie R$ 1.234,56 pelo WhatsApp: \
                https://wa.me/551134567000?text=Quero%20negociar%20o%20contrato%20W1",GSM-7,1,\
                https://wa.me/551134567000?text=Quero%20negociar%20o%20contrato%20W1
                W2,+5521998765432,"Oi JOÃO, negocie R$ 250,00 pelo WhatsApp: \
                https://wa.me/551134567000?text=Quero%20negociar%20o%20contrato%20W2",UCS-2,2,\
                https://wa.me/551134567000?text=Quero%20negociar%20o%20contrato%20W2
                """);
    }
}
