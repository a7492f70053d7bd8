package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.spec.JobSpecBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Do-not-call numbers and excluded debtor keys: left out of the dialer outputs, marked, counted. */
class SuppressionTest {

    @TempDir
    Path dir;

    @Test
    void suppressedPhonesAndDebtors() throws Exception {
        RunFolder folder = new RunFolder(dir);
        folder.input("in.csv", """
                KEY,FONE1,FONE2
                S1,(11) 98765-4321,(11) 91234-5678
                S2,21 99876-5432,
                S3,31 91234-5678,
                """);
        folder.input("dnc.txt", """
                # our do-not-call list, any format
                +55 11 98765-4321
                0xx31 9999
                """);
        folder.input("keys.txt", "S2\n");
        CliRun run = folder.enrich(folder.spec(JobSpecBuilder.csv("in.csv")
                .key("KEY")
                .phoneColumn("FONE1")
                .phoneColumn("FONE2")
                .sandbox("active_share", 0)
                .output("profiles", "[per-debtor]")
                .output("phone_columns", 1)
                .yaml("""
                        suppression:
                          do_not_call: [dnc.txt]
                          debtor_keys: [keys.txt]
                        """)));
        assertThat(run.exitCode()).as(run.err()).isZero();

        assertThat(folder.read("in.enriched.csv")).isEqualTo("""
                KEY,FONE1,FONE2,wa_best_phone,wa_best_status,wa_active_phones,phones_ranked,segment,priority,\
                wa_provider,suppressed
                S1,(11) 98765-4321,(11) 91234-5678,+5511912345678,INACTIVE,,+5511912345678,unknown,1000,sandbox,\
                +5511987654321
                S2,21 99876-5432,,,SUPPRESSED,,,unknown,0,sandbox,debtor
                S3,31 91234-5678,,+5531912345678,INACTIVE,,+5531912345678,unknown,1000,sandbox,
                """);
        assertThat(folder.read("in.dialer.csv")).isEqualTo("""
                debtor_key,rank,phone_e164,phone_national,phone_type,whatsapp,whatsapp_id,source_column,segment,\
                priority,provider
                S1,1,+5511912345678,11912345678,MOBILE,INACTIVE,,FONE2,unknown,1000,sandbox
                S3,1,+5531912345678,31912345678,MOBILE,INACTIVE,,FONE1,unknown,1000,sandbox
                """);
        assertThat(folder.read("in.per-debtor.csv")).isEqualTo("""
                debtor_key,name,segment,priority,phones,phone1,phone1_type,phone1_whatsapp
                S1,,unknown,1000,1,+5511912345678,MOBILE,INACTIVE
                S3,,unknown,1000,1,+5531912345678,MOBILE,INACTIVE
                """);
        Map<?, ?> report = folder.report("in");
        assertThat(report.get("phones_suppressed")).isEqualTo(1);
        assertThat(report.get("debtors_suppressed")).isEqualTo(1);
        assertThat(report.get("phones_valid")).isEqualTo(2);
        assertThat(report.get("lookups_requested"))
                .as("suppressed numbers are not looked up")
                .isEqualTo(2);
        assertThat(report.get("debtors_without_valid_phone")).isEqualTo(0);
        assertThat(report.get("rows_enriched")).isEqualTo(3);
        assertThat(run.out()).contains("suppressed: 1 debtors, 1 numbers");
    }
}
