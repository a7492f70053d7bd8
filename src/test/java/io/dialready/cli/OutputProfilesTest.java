package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.spec.JobSpecBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every extra dialer profile, end to end on a small file, byte for byte: header, order (priority from the database),
 * quoting, VICIdial's field limits and multi-lead mode.
 */
class OutputProfilesTest {

    static final String PORTFOLIO = """
            KEY,DOC,NOME,VALOR,DIAS,FONE1,FONE2,FONE3,FONE4
            A1,111,JOSÉ DA SILVA,1000,10,(11) 98765-4321,(11) 3456-7890,,
            A2,222,"MARIA ""MAFALDA"", SOUZA",10000,45,21 99876-5432,92 98888-7777,68 99912-3456,65 99234-5678
            CONTRATO-0000000000000003,333,MAXIMILIANO-ALEXANDRE-DE-ORLEANS-BRAGANCA SOBRENOME-MUITO-COMPRIDO-DEMAIS-AQUI,0,120,31 91234-5678,,,
            A4,444,SEM FONE,5,1,nao tem,,,
            """;

    @TempDir
    Path dir;

    RunFolder folder;
    Path out;

    @BeforeEach
    void files() throws Exception {
        folder = new RunFolder(dir);
        folder.input("in.csv", PORTFOLIO);
        out = folder.out();
    }

    /** The run with these keys of the spec's output section (YAML, indented by two spaces). */
    private CliRun enrich(String outputKeys) throws Exception {
        return folder.enrich(folder.spec(JobSpecBuilder.csv("in.csv")
                .key("KEY")
                .column("document", "DOC")
                .column("name", "NOME")
                .column("amount", "VALOR")
                .column("days_overdue", "DIAS")
                .phoneColumn("FONE1")
                .phoneColumn("FONE2")
                .phoneColumn("FONE3")
                .phoneColumn("FONE4")
                .sandbox("active_share", 0)
                .yaml("output:\n" + outputKeys)));
    }

    private String read(String name) throws Exception {
        return folder.read(name);
    }

    @Test
    void everyProfile() throws Exception {
        CliRun run = enrich("""
                  profiles: [per-phone, per-debtor, vicidial, vicidial-pipe, genesys]
                  phone_columns: 2
                  vicidial:
                    list_id: 101
                    source_code: carteira
                """);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("in.per-debtor.csv", "in.vicidial.csv", "in.vicidial.txt", "in.genesys.csv");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".dialready.lock")))
                    .containsExactlyInAnyOrder(
                            "in.enriched.csv",
                            "in.dialer.csv",
                            "in.rejects.csv",
                            "in.report.json",
                            "in.report.html",
                            "in.per-debtor.csv",
                            "in.vicidial.csv",
                            "in.vicidial.txt",
                            "in.genesys.csv");
        }
        assertThat(read("in.per-debtor.csv")).isEqualTo("""
                debtor_key,name,segment,priority,phones,phone1,phone1_type,phone1_whatsapp,phone2,phone2_type,\
                phone2_whatsapp
                A2,"MARIA ""MAFALDA"", SOUZA",31-90,1400,4,+5521998765432,MOBILE,INACTIVE,+5592988887777,MOBILE,INACTIVE
                A1,JOSÉ DA SILVA,0-30,1300,2,+5511987654321,MOBILE,INACTIVE,+551134567890,FIXED_LINE,SKIPPED
                CONTRATO-0000000000000003,MAXIMILIANO-ALEXANDRE-DE-ORLEANS-BRAGANCA SOBRENOME-MUITO-COMPRIDO-DEMAIS-AQUI,\
                90+,1000,1,+5531912345678,MOBILE,INACTIVE,,,
                """);
        // no header (VICIdial's loaders read every line as a lead); A2 has four phones: one lead per phone, tied by
        // vendor_lead_code, each with its state and time-zone code in owner (BRT UTC-3, AMT UTC-4, ACT UTC-5); A1 has
        // two of one state and zone: one lead, the fixed line in alt_phone; the third debtor's key and names cut; the
        // '"' of MARIA "MAFALDA" is dropped (the web loader drops it: admin_listloader_fourth_gen.php line 216)
        assertThat(read("in.vicidial.csv")).isEqualTo("""
                A2,carteira,101,55,21998765432,,MARIA,,"MAFALDA, SOUZA",,,,,RJ,,,BR,,,,,,segment 31-90 whatsapp INACTIVE,1400,BRT
                A2,carteira,101,55,92988887777,,MARIA,,"MAFALDA, SOUZA",,,,,AM,,,BR,,,,,,segment 31-90 whatsapp INACTIVE,1400,AMT
                A2,carteira,101,55,68999123456,,MARIA,,"MAFALDA, SOUZA",,,,,AC,,,BR,,,,,,segment 31-90 whatsapp INACTIVE,1400,ACT
                A2,carteira,101,55,65992345678,,MARIA,,"MAFALDA, SOUZA",,,,,MT,,,BR,,,,,,segment 31-90 whatsapp INACTIVE,1400,AMT
                A1,carteira,101,55,11987654321,,JOSÉ,,DA SILVA,,,,,SP,,,BR,,,1134567890,,,segment 0-30 whatsapp INACTIVE/SKIPPED,1300,BRT
                CONTRATO-00000000000,carteira,101,55,31912345678,,MAXIMILIANO-ALEXANDRE-DE-ORLEA,,SOBRENOME-MUITO-COMPRIDO-DEMAI,,,,,\
                MG,,,BR,,,,,,segment 90+ whatsapp INACTIVE,1000,BRT
                """);
        // the command-line loader's stdrankowner layout: called_count, status, entry_date empty, rank 27th, owner 28th
        assertThat(read("in.vicidial.txt")).isEqualTo("""
                A2|carteira|101|55|21998765432||MARIA||MAFALDA, SOUZA|||||RJ|||BR||||||segment 31-90 whatsapp INACTIVE||||1400|BRT|
                A2|carteira|101|55|92988887777||MARIA||MAFALDA, SOUZA|||||AM|||BR||||||segment 31-90 whatsapp INACTIVE||||1400|AMT|
                A2|carteira|101|55|68999123456||MARIA||MAFALDA, SOUZA|||||AC|||BR||||||segment 31-90 whatsapp INACTIVE||||1400|ACT|
                A2|carteira|101|55|65992345678||MARIA||MAFALDA, SOUZA|||||MT|||BR||||||segment 31-90 whatsapp INACTIVE||||1400|AMT|
                A1|carteira|101|55|11987654321||JOSÉ||DA SILVA|||||SP|||BR|||1134567890|||segment 0-30 whatsapp INACTIVE/SKIPPED||||1300|BRT|
                CONTRATO-00000000000|carteira|101|55|31912345678||MAXIMILIANO-ALEXANDRE-DE-ORLEA||SOBRENOME-MUITO-COMPRIDO-DEMAI|||||\
                MG|||BR||||||segment 90+ whatsapp INACTIVE||||1000|BRT|
                """);
        assertThat(read("in.vicidial.txt").lines())
                .allSatisfy(l -> assertThat(l.split("\\|", -1)).hasSize(29));
        assertThat(read("in.vicidial.csv").lines()).allSatisfy(l -> {
            assertThat(l.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)).hasSize(25);
        });
        assertThat(read("in.genesys.csv")).isEqualTo("""
                contact_id,name,segment,priority,cell1,cell1_timezone,cell2,cell2_timezone,home1,home1_timezone,home2,\
                home2_timezone
                A2,"MARIA ""MAFALDA"", SOUZA",31-90,1400,+5521998765432,America/Sao_Paulo,+5592988887777,America/Manaus,,,,
                A1,JOSÉ DA SILVA,0-30,1300,+5511987654321,America/Sao_Paulo,,,+551134567890,America/Sao_Paulo,,
                CONTRATO-0000000000000003,MAXIMILIANO-ALEXANDRE-DE-ORLEANS-BRAGANCA SOBRENOME-MUITO-COMPRIDO-DEMAIS-AQUI,\
                90+,1000,+5531912345678,America/Sao_Paulo,,,,,,
                """);
        // the per-phone dialer file is the unchanged default one
        assertThat(read("in.dialer.csv")).startsWith("""
                debtor_key,rank,phone_e164,phone_national,phone_type,whatsapp,whatsapp_id,source_column,segment,priority,provider
                A2,1,+5521998765432,21998765432,MOBILE,INACTIVE,,FONE1,31-90,1400,sandbox
                """);
        assertThat(read("in.rejects.csv")).isEqualTo("""
                line,column,value,reason
                4,vicidial.vendor_lead_code,CONTRATO-0000000000000003,cut to 20 characters for VICIdial
                4,vicidial.first_name,MAXIMILIANO-ALEXANDRE-DE-ORLEANS-BRAGANCA,cut to 30 characters for VICIdial
                4,vicidial.last_name,SOBRENOME-MUITO-COMPRIDO-DEMAIS-AQUI,cut to 30 characters for VICIdial
                5,FONE1,nao tem,not a phone number
                """);
        Map<?, ?> report =
                JsonMapper.shared().readValue(out.resolve("in.report.json").toFile(), Map.class);
        assertThat(((Map<?, ?>) report.get("outputs")).keySet())
                .map(String::valueOf)
                .contains("per-debtor", "vicidial", "vicidial-pipe", "genesys");
    }

    @Test
    void vicidialThreePhonesInOneLeadNeverTwice() throws Exception {
        Files.writeString(dir.resolve("in.csv"), """
                KEY,DOC,NOME,VALOR,DIAS,FONE1,FONE2,FONE3,FONE4
                B1,999,ANA,100,5,(11) 98765-4321,11 3456-7890,(11) 99876-5432,11987654321
                """);
        CliRun run = enrich("""
                  profiles: [vicidial-pipe]
                  vicidial:
                    list_id: 1000
                    vendor_lead_code: document
                """);
        assertThat(run.exitCode()).as(run.err()).isZero();
        // rank order: mobiles first; rank 2 in alt_phone, rank 3 (the fixed line) in address3; FONE4 repeats FONE1
        // and is counted once, so it never appears twice in the lead
        assertThat(read("in.vicidial.txt"))
                .isEqualTo("999||1000|55|11987654321||ANA|||||1134567890||SP|||BR|||11998765432|||"
                        + "segment 0-30 whatsapp INACTIVE/INACTIVE/SKIPPED||||1200|BRT|\n");
        assertThat(out.resolve("in.vicidial.csv")).doesNotExist();
    }

    @Test
    void vicidialPhonesOfAnotherStateGetALeadOfTheirOwn() throws Exception {
        Files.writeString(dir.resolve("in.csv"), """
                KEY,DOC,NOME,VALOR,DIAS,FONE1,FONE2,FONE3,FONE4
                B1,999,ANA,100,5,(11) 98765-4321,(21) 99876-5432,,
                """);
        CliRun run = enrich("""
                  profiles: [vicidial-pipe]
                  vicidial:
                    list_id: 1000
                """);
        assertThat(run.exitCode()).as(run.err()).isZero();
        // VICIdial gives a lead one state and one gmt_offset_now for all its numbers (AST_VDhopper.pl line 2003): the
        // Rio number in the São Paulo lead's alt_phone would be dialled under São Paulo's rules
        assertThat(read("in.vicidial.txt")).isEqualTo("""
                B1||1000|55|11987654321||ANA|||||||SP|||BR||||||segment 0-30 whatsapp INACTIVE||||1200|BRT|
                B1||1000|55|21998765432||ANA|||||||RJ|||BR||||||segment 0-30 whatsapp INACTIVE||||1200|BRT|
                """);
        assertThat(out.resolve("in.vicidial.csv")).doesNotExist();
    }

    @Test
    void noProfilesNoExtraFiles() throws Exception {
        CliRun run = enrich("  delimiter: \",\"\n");
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".dialready.lock")))
                    .containsExactlyInAnyOrder(
                            "in.enriched.csv", "in.dialer.csv", "in.rejects.csv", "in.report.json", "in.report.html");
        }
        assertThat(read("in.rejects.csv")).isEqualTo("line,column,value,reason\n5,FONE1,nao tem,not a phone number\n");
    }
}
