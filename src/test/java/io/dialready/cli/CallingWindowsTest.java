package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.spec.JobSpecBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dialer file's time-zone and calling-window columns, end to end with the shipped rules file
 * (jobs/calling-rules.yml): a number in each Brazilian offset and state rule, and an Indian number.
 */
class CallingWindowsTest {

    @TempDir
    Path dir;

    private CliRun enrich(String country, String csv) throws Exception {
        RunFolder folder = new RunFolder(dir);
        folder.input("in.csv", csv);
        return folder.enrich(folder.spec(JobSpecBuilder.csv("in.csv")
                .country(country)
                .set("calling_rules", Path.of("jobs/calling-rules.yml").toAbsolutePath())
                .key("KEY")
                .phoneColumn("FONE")
                .sandbox("active_share", 0)));
    }

    @Test
    void brazilianZonesAndStateWindows() throws Exception {
        CliRun run = enrich("BR", """
                KEY,FONE
                SP,(11) 98765-4321
                RJ,21 99876-5432
                AM,(92) 98888-7777
                MT,65 99234-5678
                AC,(68) 99912-3456
                PE,81 3222-1234
                """);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(dir.resolve("out/in.dialer.csv"), StandardCharsets.UTF_8))
                .isEqualTo("""
                debtor_key,rank,phone_e164,phone_national,phone_type,whatsapp,whatsapp_id,source_column,segment,\
                priority,provider,timezone,window_weekdays,window_saturday,window_sunday,window_date,window
                SP,1,+5511987654321,11987654321,MOBILE,INACTIVE,,FONE,unknown,1000,sandbox,America/Sao_Paulo,\
                08:00-20:00,08:00-14:00,closed,2026-11-23,08:00-20:00
                RJ,1,+5521998765432,21998765432,MOBILE,INACTIVE,,FONE,unknown,1000,sandbox,America/Sao_Paulo,\
                09:00-19:00,closed,closed,2026-11-23,09:00-19:00
                AM,1,+5592988887777,92988887777,MOBILE,INACTIVE,,FONE,unknown,1000,sandbox,America/Manaus,\
                08:00-18:00,closed,closed,2026-11-23,08:00-18:00
                MT,1,+5565992345678,65992345678,MOBILE,INACTIVE,,FONE,unknown,1000,sandbox,America/Cuiaba,\
                08:00-20:00,08:00-14:00,closed,2026-11-23,08:00-20:00
                AC,1,+5568999123456,68999123456,MOBILE,INACTIVE,,FONE,unknown,1000,sandbox,America/Rio_Branco,\
                08:00-20:00,08:00-14:00,closed,2026-11-23,08:00-20:00
                PE,1,+558132221234,8132221234,FIXED_LINE,SKIPPED,,FONE,unknown,1000,sandbox,America/Recife,\
                08:00-20:00,08:00-14:00,closed,2026-11-23,08:00-20:00
                """);
    }

    @Test
    void indiaOneZoneRbiWindow() throws Exception {
        CliRun run = enrich("IN", """
                KEY,FONE
                L1,98765 43210
                L2,022 2345 6789
                """);
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("out/in.dialer.csv"));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1))
                .startsWith("L1,1,+919876543210,")
                .endsWith(",Asia/Kolkata,08:00-19:00,08:00-19:00,08:00-19:00,2026-11-23,08:00-19:00");
        assertThat(lines.get(2))
                .startsWith("L2,1,+912223456789,")
                .endsWith(",Asia/Kolkata,08:00-19:00,08:00-19:00,08:00-19:00,2026-11-23,08:00-19:00");
    }

    @Test
    void noRulesFileNoColumns() throws Exception {
        RunFolder folder = new RunFolder(dir);
        folder.input("in.csv", "KEY,FONE\nA,(11) 98765-4321\n");
        CliRun run = folder.enrich(
                folder.spec(JobSpecBuilder.csv("in.csv").key("KEY").phoneColumn("FONE")));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("out/in.dialer.csv")).get(0))
                .isEqualTo(
                        "debtor_key,rank,phone_e164,phone_national,phone_type,whatsapp,whatsapp_id,source_column,segment,"
                                + "priority,provider");
    }
}
