package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Do-not-call numbers and excluded debtor keys: left out of the dialer outputs, marked, counted. */
class SuppressionTest {

    @TempDir
    Path dir;

    @Test
    void suppressedPhonesAndDebtors() throws Exception {
        Files.writeString(dir.resolve("in.csv"), """
                KEY,FONE1,FONE2
                S1,(11) 98765-4321,(11) 91234-5678
                S2,21 99876-5432,
                S3,31 91234-5678,
                """);
        Files.writeString(dir.resolve("dnc.txt"), """
                # our do-not-call list, any format
                +55 11 98765-4321
                0xx31 9999
                """);
        Files.writeString(dir.resolve("keys.txt"), "S2\n");
        Path spec = Files.writeString(dir.resolve("job.yml"), """
                country: BR
                input:
                  path: in.csv
                columns:
                  key: KEY
                phones:
                  - column: FONE1
                  - column: FONE2
                lookup:
                  sandbox:
                    active_share: 0
                suppression:
                  do_not_call: [dnc.txt]
                  debtor_keys: [keys.txt]
                output:
                  profiles: [per-debtor]
                  phone_columns: 1
                """);
        Path out = dir.resolve("out");
        CliRun run = CliRun.of(
                "enrich",
                "--job",
                spec.toString(),
                "--output",
                out.toString(),
                "--data",
                dir.resolve("data").toString(),
                "--log-file",
                dir.resolve("log.txt").toString(),
                "--as-of",
                "2026-11-23",
                "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();

        assertThat(Files.readString(out.resolve("in.enriched.csv"), StandardCharsets.UTF_8))
                .isEqualTo("""
                KEY,FONE1,FONE2,wa_best_phone,wa_best_status,wa_active_phones,phones_ranked,segment,priority,\
                wa_provider,suppressed
                S1,(11) 98765-4321,(11) 91234-5678,+5511912345678,INACTIVE,,+5511912345678,unknown,1000,sandbox,\
                +5511987654321
                S2,21 99876-5432,,,SUPPRESSED,,,unknown,0,sandbox,debtor
                S3,31 91234-5678,,+5531912345678,INACTIVE,,+5531912345678,unknown,1000,sandbox,
                """);
        assertThat(Files.readString(out.resolve("in.dialer.csv"), StandardCharsets.UTF_8))
                .isEqualTo("""
                debtor_key,rank,phone_e164,phone_national,phone_type,whatsapp,whatsapp_id,source_column,segment,\
                priority,provider
                S1,1,+5511912345678,11912345678,MOBILE,INACTIVE,,FONE2,unknown,1000,sandbox
                S3,1,+5531912345678,31912345678,MOBILE,INACTIVE,,FONE1,unknown,1000,sandbox
                """);
        assertThat(Files.readString(out.resolve("in.per-debtor.csv"), StandardCharsets.UTF_8))
                .isEqualTo("""
                debtor_key,name,segment,priority,phones,phone1,phone1_type,phone1_whatsapp
                S1,,unknown,1000,1,+5511912345678,MOBILE,INACTIVE
                S3,,unknown,1000,1,+5531912345678,MOBILE,INACTIVE
                """);
        Map<?, ?> report =
                JsonMapper.shared().readValue(out.resolve("in.report.json").toFile(), Map.class);
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
