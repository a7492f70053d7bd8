package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.spec.JobSpecBuilder;
import io.dialready.testdb.MariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dialer files as the real loaders read them (issue 14): a lead in each of Brazil's four offsets (UTC-2 Fernando
 * de Noronha, UTC-3 São Paulo and Rio, UTC-4 Amazonas, UTC-5 Acre), an Amazonas number under its own law, a working
 * day and holidays, byte for byte in every profile; the command-line file parsed with the field map of VICIdial's
 * {@code VICIDIAL_IN_new_leads_file.pl} ({@link VicidialCommandLineLoader}); and the VICIdial time-zone setup of
 * docs/vicidial/brazil-time-zones.sql run with the loaders' own queries on a real MariaDB.
 */
class DialerLoadersTest {

    static final String PORTFOLIO = """
            KEY,NOME,FONE
            SP1,ANA SOUZA,(11) 98765-4321
            AM1,BRUNO LIMA,(92) 98888-7777
            AC1,CARLA DIAS,(68) 99912-3456
            FN1,DARIO REIS,81 3619-1234
            =K5,"=HYPERLINK(""http://x"";""y"") RIO",(21) 99876-5432
            """;

    @TempDir
    Path dir;

    RunFolder folder;

    @BeforeEach
    void files() {
        folder = new RunFolder(dir);
        folder.input("in.csv", PORTFOLIO);
    }

    private CliRun enrich(String asOf) {
        Path spec = folder.spec(JobSpecBuilder.csv("in.csv")
                .set("calling_rules", Path.of("jobs/calling-rules.yml").toAbsolutePath())
                .key("KEY")
                .column("name", "NOME")
                .phoneColumn("FONE")
                .sandbox("active_share", 0)
                .yaml("""
                        output:
                          profiles: [per-phone, per-debtor, vicidial, vicidial-pipe, genesys]
                          phone_columns: 1
                          vicidial: {list_id: 101, source_code: carteira}
                        """));
        return CliRun.of(
                "enrich",
                "--job",
                spec.toString(),
                "--output",
                folder.out().toString(),
                "--data",
                folder.data().toString(),
                "--log-file",
                folder.log().toString(),
                "--as-of",
                asOf,
                "--quiet");
    }

    @Test
    void everyProfileOnAWorkingDay() {
        CliRun run = enrich("2026-11-24"); // a Tuesday
        assertThat(run.exitCode()).as(run.err()).isZero();
        // the windows of 24 Nov 2026, local to each phone; Amazonas 8:00-18:00 (jobs/calling-rules.yml, provisional)
        assertThat(folder.read("in.per-debtor.csv")).isEqualTo("""
                debtor_key,name,segment,priority,phones,window_date,phone1,phone1_type,phone1_whatsapp,phone1_timezone,\
                phone1_window
                SP1,ANA SOUZA,unknown,1000,1,2026-11-24,+5511987654321,MOBILE,INACTIVE,America/Sao_Paulo,08:00-20:00
                AM1,BRUNO LIMA,unknown,1000,1,2026-11-24,+5592988887777,MOBILE,INACTIVE,America/Manaus,08:00-18:00
                AC1,CARLA DIAS,unknown,1000,1,2026-11-24,+5568999123456,MOBILE,INACTIVE,America/Rio_Branco,08:00-20:00
                FN1,DARIO REIS,unknown,1000,1,2026-11-24,+558136191234,FIXED_LINE,SKIPPED,America/Noronha,08:00-20:00
                '=K5,"'=HYPERLINK(""http://x"";""y"") RIO",unknown,1000,1,2026-11-24,+5521998765432,MOBILE,INACTIVE,\
                America/Sao_Paulo,09:00-19:00
                """);
        // owner: the VICIdial time-zone code of each offset (FNT -2, BRT -3, AMT -4, ACT -5); the formula key in
        // VICIdial's own safe form (a backslash the loaders remove; '"' and ';' dropped as the web loader does)
        assertThat(folder.read("in.vicidial.csv")).isEqualTo("""
                SP1,carteira,101,55,11987654321,,ANA,,SOUZA,,,,,SP,,,BR,,,,,,segment unknown whatsapp INACTIVE,1000,BRT
                AM1,carteira,101,55,92988887777,,BRUNO,,LIMA,,,,,AM,,,BR,,,,,,segment unknown whatsapp INACTIVE,1000,AMT
                AC1,carteira,101,55,68999123456,,CARLA,,DIAS,,,,,AC,,,BR,,,,,,segment unknown whatsapp INACTIVE,1000,ACT
                FN1,carteira,101,55,8136191234,,DARIO,,REIS,,,,,PE,,,BR,,,,,,segment unknown whatsapp SKIPPED,1000,FNT
                \\=K5,carteira,101,55,21998765432,,\\=HYPERLINK(http://xy),,RIO,,,,,RJ,,,BR,,,,,,\
                segment unknown whatsapp INACTIVE,1000,BRT
                """);
        assertThat(folder.read("in.vicidial.txt")).isEqualTo("""
                SP1|carteira|101|55|11987654321||ANA||SOUZA|||||SP|||BR||||||segment unknown whatsapp INACTIVE||||1000|BRT|
                AM1|carteira|101|55|92988887777||BRUNO||LIMA|||||AM|||BR||||||segment unknown whatsapp INACTIVE||||1000|AMT|
                AC1|carteira|101|55|68999123456||CARLA||DIAS|||||AC|||BR||||||segment unknown whatsapp INACTIVE||||1000|ACT|
                FN1|carteira|101|55|8136191234||DARIO||REIS|||||PE|||BR||||||segment unknown whatsapp SKIPPED||||1000|FNT|
                \\=K5|carteira|101|55|21998765432||\\=HYPERLINK(http://xy)||RIO|||||RJ|||BR||||||\
                segment unknown whatsapp INACTIVE||||1000|BRT|
                """);
        // Genesys: the rule region a rule set keys on (BR-RJ), beside each phone's time zone
        assertThat(folder.read("in.genesys.csv")).isEqualTo("""
                contact_id,name,segment,priority,window_date,cell1,cell1_timezone,cell1_region,home1,home1_timezone,\
                home1_region
                SP1,ANA SOUZA,unknown,1000,2026-11-24,+5511987654321,America/Sao_Paulo,BR-SP,,,
                AM1,BRUNO LIMA,unknown,1000,2026-11-24,+5592988887777,America/Manaus,BR-AM,,,
                AC1,CARLA DIAS,unknown,1000,2026-11-24,+5568999123456,America/Rio_Branco,BR-AC,,,
                FN1,DARIO REIS,unknown,1000,2026-11-24,,,,+558136191234,America/Noronha,BR-PE
                '=K5,"'=HYPERLINK(""http://x"";""y"") RIO",unknown,1000,2026-11-24,+5521998765432,America/Sao_Paulo,BR-RJ,,,
                """);
        assertThat(folder.read("in.dialer.csv")).isEqualTo("""
                debtor_key,rank,phone_e164,phone_national,phone_type,whatsapp,whatsapp_id,source_column,segment,\
                priority,provider,timezone,window_weekdays,window_saturday,window_sunday,window_date,window
                SP1,1,+5511987654321,11987654321,MOBILE,INACTIVE,,FONE,unknown,1000,sandbox,America/Sao_Paulo,\
                08:00-20:00,08:00-14:00,closed,2026-11-24,08:00-20:00
                AM1,1,+5592988887777,92988887777,MOBILE,INACTIVE,,FONE,unknown,1000,sandbox,America/Manaus,\
                08:00-18:00,closed,closed,2026-11-24,08:00-18:00
                AC1,1,+5568999123456,68999123456,MOBILE,INACTIVE,,FONE,unknown,1000,sandbox,America/Rio_Branco,\
                08:00-20:00,08:00-14:00,closed,2026-11-24,08:00-20:00
                FN1,1,+558136191234,8136191234,FIXED_LINE,SKIPPED,,FONE,unknown,1000,sandbox,America/Noronha,\
                08:00-20:00,08:00-14:00,closed,2026-11-24,08:00-20:00
                '=K5,1,+5521998765432,21998765432,MOBILE,INACTIVE,,FONE,unknown,1000,sandbox,America/Sao_Paulo,\
                09:00-19:00,closed,closed,2026-11-24,09:00-19:00
                """);
    }

    @Test
    void holidaysCloseTheWindowsOfTheirDate() {
        // 2 Nov 2026, Finados (Lei 662/1949): a Monday, closed for every Brazilian phone
        CliRun run = enrich("2026-11-02");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(folder.read("in.per-debtor.csv")).isEqualTo("""
                debtor_key,name,segment,priority,phones,window_date,phone1,phone1_type,phone1_whatsapp,phone1_timezone,\
                phone1_window
                SP1,ANA SOUZA,unknown,1000,1,2026-11-02,+5511987654321,MOBILE,INACTIVE,America/Sao_Paulo,closed
                AM1,BRUNO LIMA,unknown,1000,1,2026-11-02,+5592988887777,MOBILE,INACTIVE,America/Manaus,closed
                AC1,CARLA DIAS,unknown,1000,1,2026-11-02,+5568999123456,MOBILE,INACTIVE,America/Rio_Branco,closed
                FN1,DARIO REIS,unknown,1000,1,2026-11-02,+558136191234,FIXED_LINE,SKIPPED,America/Noronha,closed
                '=K5,"'=HYPERLINK(""http://x"";""y"") RIO",unknown,1000,1,2026-11-02,+5521998765432,MOBILE,INACTIVE,\
                America/Sao_Paulo,closed
                """);
        assertThat(folder.read("in.genesys.csv").lines().skip(1))
                .allSatisfy(l -> assertThat(l).contains(",2026-11-02,"));
        // the VICIdial files do not depend on the date (VICIdial applies its own call times): the same bytes
        assertThat(folder.read("in.vicidial.txt").lines().findFirst().orElseThrow())
                .isEqualTo("SP1|carteira|101|55|11987654321||ANA||SOUZA|||||SP|||BR||||||"
                        + "segment unknown whatsapp INACTIVE||||1000|BRT|");
        assertThat(folder.read("in.per-debtor.csv").lines().skip(1))
                .allSatisfy(l -> assertThat(l).contains(",2026-11-02,").endsWith(",closed"));
        assertThat(folder.read("in.dialer.csv").lines().skip(1))
                .allSatisfy(l -> assertThat(l).endsWith(",2026-11-02,closed"));

        // 9 Jul 2026, São Paulo's state holiday (Lei SP 9.497/1997): only the São Paulo phone is closed
        run = enrich("2026-07-09");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> rows = folder.read("in.per-debtor.csv").lines().skip(1).toList();
        assertThat(rows.get(0)).startsWith("SP1,").endsWith(",America/Sao_Paulo,closed");
        assertThat(rows.get(1)).startsWith("AM1,").endsWith(",America/Manaus,08:00-18:00");
        assertThat(rows.get(4)).startsWith("'=K5,").endsWith(",America/Sao_Paulo,09:00-19:00");
    }

    @Test
    void theCommandLineLoaderReadsCountsStatusRankAndOwnerAsMeant() {
        CliRun run = enrich("2026-11-24");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = folder.read("in.vicidial.txt").lines().toList();
        assertThat(lines).hasSize(5);
        String[] owners = {"BRT", "AMT", "ACT", "FNT", "BRT"};
        for (int i = 0; i < lines.size(); i++) {
            Map<String, String> lead = VicidialCommandLineLoader.read(lines.get(i), "stdrankowner");
            assertThat(lead.get("called_count")).as("called_count").isEqualTo("0");
            assertThat(lead.get("status")).as("status").isEqualTo("NEW");
            assertThat(lead.get("entry_date")).as("entry_date").isEqualTo("(load time)");
            assertThat(lead.get("rank")).as("rank: the debtor's priority").isEqualTo("1000");
            assertThat(lead.get("owner")).as("owner: the time-zone code").isEqualTo(owners[i]);
            assertThat(lead.get("multi-alt-entries")).isEmpty();
            assertThat(lead.get("list_id")).isEqualTo("101");
            assertThat(lead.get("phone_code")).isEqualTo("55");
        }
        assertThat(VicidialCommandLineLoader.read(lines.get(4), "stdrankowner"))
                .containsEntry("vendor_lead_code", "\\=K5")
                .containsEntry("phone_number", "21998765432")
                .containsEntry("state", "RJ");
        // the layout this replaces (25 fields, the priority 24th): the standard format read the priority as
        // called_count, so a call-count limit stopped every lead
        String old = "A1|carteira|101|55|11987654321||JOSÉ||DA SILVA|||||SP|||BR|||1134567890|||"
                + "segment 0-30; whatsapp INACTIVE/SKIPPED|1300|";
        assertThat(VicidialCommandLineLoader.read(old, "standard"))
                .containsEntry("called_count", "1300")
                .containsEntry("rank", "0")
                .containsEntry("owner", "");
    }

    @Test
    void theTimeZoneSetupGivesEachCodeItsOffsetWithTheLoadersOwnQueries() throws Exception {
        String setup = Files.readString(Path.of("docs/vicidial/brazil-time-zones.sql"));
        try (MariaDb.Schema schema = MariaDb.shared().newSchema();
                Connection c = schema.connect();
                Statement st = c.createStatement()) {
            // vicidial_phone_codes as extras/MySQL_AST_CREATE_tables.sql (svn r3884) lines 1244-1255 create it, with
            // the stock Brazilian row of VICIdial's old phone codes file (one row for the country, old summer time)
            st.execute("CREATE TABLE vicidial_phone_codes (country_code SMALLINT(5) UNSIGNED, country CHAR(3),"
                    + " areacode CHAR(3), state VARCHAR(4), GMT_offset VARCHAR(6), DST enum('Y','N'),"
                    + " DST_range VARCHAR(8), geographic_description VARCHAR(100), tz_code VARCHAR(4) default '',"
                    + " php_tz VARCHAR(100) default '') ENGINE=MyISAM");
            st.execute("INSERT INTO vicidial_phone_codes VALUES"
                    + " (55,'BRA','*','','-3','Y','TSO-LSF','Brazil','BRT','America/Sao_Paulo')");
            for (String sql : setup.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    st.execute(sql);
                }
            }
            Map<String, String> expected = Map.of("FNT", "-2.00", "BRT", "-3.00", "AMT", "-4.00", "ACT", "-5.00");
            for (Map.Entry<String, String> e : expected.entrySet()) {
                // the two queries of VICIDIAL_IN_new_leads_file.pl lines 2488 and 2502 (lookup_gmt() lines 623, 635)
                try (ResultSet r = st.executeQuery("SELECT GMT_offset from vicidial_phone_codes where tz_code='"
                        + e.getKey() + "' and country_code='55' limit 1;")) {
                    assertThat(r.next()).isTrue();
                    assertThat(Double.parseDouble(r.getString(1)))
                            .as(e.getKey())
                            .isEqualTo(Double.parseDouble(e.getValue()));
                }
                try (ResultSet r = st.executeQuery("SELECT distinct DST_range from vicidial_phone_codes where tz_code='"
                        + e.getKey() + "' and country_code='55' order by DST_range desc limit 1;")) {
                    assertThat(r.next()).isTrue();
                    // length(DST_range) > 2 would add an hour (line 2511): no Brazilian code may have one
                    assertThat(r.getString(1)).as(e.getKey() + " DST_range").hasSizeLessThanOrEqualTo(2);
                }
            }
            // the nightly area-code pass (ADMIN_adjust_GMTnow_on_leads.pl lines 495-510) matches phone_number LIKE
            // 'areacode%': the new rows match no number, nor carry the 'S' state-override flag
            try (ResultSet r = st.executeQuery("SELECT count(*) FROM vicidial_phone_codes WHERE country_code=55"
                    + " AND geographic_description LIKE '%(dialready)' AND (areacode REGEXP '[0-9*S]')")) {
                r.next();
                assertThat(r.getInt(1)).isZero();
            }
            // run twice (after a reload of the phone codes): still one row per code
            for (String sql : setup.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    st.execute(sql);
                }
            }
            try (ResultSet r = st.executeQuery(
                    "SELECT count(*) FROM vicidial_phone_codes WHERE areacode IN ('FNT','BRT','AMT','ACT')")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(4);
            }
        }
    }

    @Test
    void theSafeFormsBackslashIsGoneOnceTheCommandLineLoaderInsertsTheLead() throws Exception {
        CliRun run = enrich("2026-11-24");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, String> lead = VicidialCommandLineLoader.read(
                folder.read("in.vicidial.txt").lines().toList().get(4), "stdrankowner");
        try (MariaDb.Schema schema = MariaDb.shared().newSchema();
                Connection c = schema.connect();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE vicidial_list (vendor_lead_code VARCHAR(20), first_name VARCHAR(30),"
                    + " owner VARCHAR(20), `rank` SMALLINT(5) NOT NULL default '0')");
            // the loader's INSERT puts each value between double quotes (VICIDIAL_IN_new_leads_file.pl line 2727)
            st.execute("INSERT INTO vicidial_list (vendor_lead_code,first_name,owner,`rank`) values(\""
                    + lead.get("vendor_lead_code") + "\",\"" + lead.get("first_name") + "\",\"" + lead.get("owner")
                    + "\",\"" + lead.get("rank") + "\")");
            try (ResultSet r =
                    st.executeQuery("SELECT vendor_lead_code, first_name, owner, `rank` FROM vicidial_list")) {
                assertThat(r.next()).isTrue();
                // stored as the CRM has the key: the backslash before '=' is dropped by MySQL's string syntax
                assertThat(r.getString(1)).isEqualTo("=K5");
                assertThat(r.getString(2)).isEqualTo("=HYPERLINK(http://xy)");
                assertThat(r.getString(3)).isEqualTo("BRT");
                assertThat(r.getInt(4)).isEqualTo(1000);
            }
        }
    }
}
