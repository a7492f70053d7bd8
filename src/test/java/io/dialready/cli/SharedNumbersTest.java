package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.spec.JobSpecBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A number held by several debtors, seen in different chunks (chunk size 1): flagged with shared_by, ranked below
 * each debtor's own numbers, counted in the report. The same debtor key on two rows does not make a number shared.
 */
class SharedNumbersTest {

    @TempDir
    Path dir;

    @Test
    void sharedNumbersAcrossChunks() throws Exception {
        RunFolder folder = new RunFolder(dir);
        folder.input("in.csv", """
                KEY,FONE1,FONE2
                X1,(11) 98765-4321,(11) 91111-2222
                X2,(21) 99876-5432,
                X3,(31) 91234-5678,11 98765-4321
                X2,21 99876-5432,
                """);
        CliRun run = folder.enrich(folder.spec(JobSpecBuilder.csv("in.csv")
                .set("shared_numbers", true)
                .key("KEY")
                .phoneColumn("FONE1")
                .phoneColumn("FONE2")
                .sandbox("active_share", 0)
                .chunkSize(1)));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(folder.read("in.dialer.csv")).isEqualTo("""
                debtor_key,rank,phone_e164,phone_national,phone_type,whatsapp,whatsapp_id,source_column,segment,\
                priority,provider,shared_by
                X1,1,+5511911112222,11911112222,MOBILE,INACTIVE,,FONE2,unknown,1000,sandbox,1
                X1,2,+5511987654321,11987654321,MOBILE,INACTIVE,,FONE1,unknown,1000,sandbox,2
                X2,1,+5521998765432,21998765432,MOBILE,INACTIVE,,FONE1,unknown,1000,sandbox,1
                X3,1,+5531912345678,31912345678,MOBILE,INACTIVE,,FONE1,unknown,1000,sandbox,1
                X3,2,+5511987654321,11987654321,MOBILE,INACTIVE,,FONE2,unknown,1000,sandbox,2
                X2,1,+5521998765432,21998765432,MOBILE,INACTIVE,,FONE1,unknown,1000,sandbox,1
                """);
        Map<?, ?> report = folder.report("in");
        assertThat(report.get("numbers_shared")).isEqualTo(1);
        assertThat(report.get("phones_shared")).isEqualTo(2);
        assertThat(run.out()).contains("shared numbers: 1 (in 2 dialer rows)");
        assertThat(folder.outputs())
                .containsExactlyInAnyOrder(
                        "in.enriched.csv", "in.dialer.csv", "in.rejects.csv", "in.report.json", "in.report.html");
    }
}
