package io.dialready.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSpecLoaderTest {

    @TempDir
    Path dir;

    private final JobSpecLoader loader = new JobSpecLoader();

    private static final String MINIMAL = """
            country: BR
            input:
              path: data/portfolio.csv
            columns:
              key: CONTRATO
            phones:
              - column: TELEFONE
            """;

    private JobSpec parse(String yaml) {
        return loader.parse(yaml, dir.resolve("jobs/test.yml"));
    }

    @Test
    void minimalSpecGetsDefaultsAndPathsRelativeToTheSpecFile() {
        JobSpec spec = parse(MINIMAL);
        assertThat(spec.name()).isEqualTo("test");
        assertThat(spec.input().path()).isEqualTo(dir.resolve("jobs/data/portfolio.csv"));
        assertThat(spec.input().encoding()).as("auto-detected").isNull();
        assertThat(spec.input().delimiter()).as("auto-detected").isNull();
        assertThat(spec.columns().decimalSeparator())
                .as("Brazil writes 1.234,56")
                .isEqualTo(',');
        assertThat(spec.columns().dateFormat()).isEqualTo("dd/MM/yyyy");
        assertThat(spec.lookup().provider()).isEqualTo("sandbox");
        assertThat(spec.lookup().checkFixedLines()).isFalse();
        assertThat(spec.output().dir()).as("left to the command line").isNull();
        assertThat(spec.output().encoding()).isEqualTo("UTF-8");
        assertThat(spec.phones()).singleElement().satisfies(p -> {
            assertThat(p.label()).isEqualTo("TELEFONE");
            assertThat(p.multiple()).isTrue();
        });
    }

    @Test
    void lookupCacheAgesNegativeConfirmationAndTheNinthDigitFor7() {
        JobSpec defaults = parse(MINIMAL);
        assertThat(defaults.lookup().cacheTtl(false)).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(defaults.lookup().cacheTtl(true)).as("negatives age faster").isEqualTo(java.time.Duration.ofDays(2));
        assertThat(defaults.lookup().confirmNegatives())
                .as("as the provider needs")
                .isNull();
        assertThat(defaults.ninthDigitFor7()).isTrue();

        JobSpec set = parse(MINIMAL + """
                ninth_digit_for_7: false
                lookup:
                  cache_ttl_days: 10
                  negative_ttl_days: 1
                  confirm_negatives: false
                  concurrency: 256
                """);
        assertThat(set.ninthDigitFor7()).isFalse();
        assertThat(set.lookup().cacheTtl(true)).isEqualTo(java.time.Duration.ofDays(1));
        assertThat(set.lookup().confirmNegatives()).isFalse();
        assertThat(set.lookup().concurrency()).isEqualTo(256);

        assertThat(parse(MINIMAL + "lookup:\n  cache_ttl_days: 1\n").lookup().cacheTtl(true))
                .as("never longer than the positive age")
                .isEqualTo(java.time.Duration.ofDays(1));
        assertThatThrownBy(() -> parse(MINIMAL + "lookup:\n  negative_ttl_days: 8\n"))
                .hasMessageContaining("lookup.negative_ttl_days")
                .hasMessageContaining("between 0 and 7");
        assertThatThrownBy(() -> parse(MINIMAL + "lookup:\n  concurrency: 257\n"))
                .hasMessageContaining("lookup.concurrency");
    }

    @Test
    void shippedDemoSpecsLoad() {
        JobSpec br = loader.load(Path.of("jobs/demo-br.yml"));
        assertThat(br.country()).isEqualTo("BR");
        assertThat(br.input().path().toString()).endsWith("samples/carteira-demo-br.csv");
        assertThat(br.phones())
                .extracting(JobSpec.PhoneSource::label)
                .containsExactly("DDD1+FONE1", "DDD2+FONE2", "TELEFONES");
        JobSpec in = loader.load(Path.of("jobs/demo-in.yml"));
        assertThat(in.country()).isEqualTo("IN");
        assertThat(in.columns().decimalSeparator()).isEqualTo('.');
    }

    @Test
    void unknownKeyIsNamedWithItsPath() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("  path:", "  pathh: x\n  path:")))
                .isInstanceOf(JobSpecException.class)
                .hasMessageContaining("unknown key 'input.pathh'")
                .hasMessageContaining("known keys here:");
        assertThatThrownBy(() -> parse(MINIMAL + "phonez: []\n")).hasMessageContaining("unknown key 'phonez'");
        assertThatThrownBy(() -> parse(MINIMAL.replace("- column: TELEFONE", "- colum: TELEFONE")))
                .hasMessageContaining("unknown key 'phones[0].colum'");
    }

    @Test
    void missingRequiredKeysAreNamed() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("country: BR\n", "")))
                .hasMessageContaining("key 'country' is required");
        assertThatThrownBy(() -> parse(MINIMAL.replace("  key: CONTRATO\n", "  name: NOME\n")))
                .hasMessageContaining("key 'columns.key' is required");
        assertThatThrownBy(() -> parse(MINIMAL.replace("  path: data/portfolio.csv\n", "  format: csv\n")))
                .hasMessageContaining("key 'input.path' is required");
        assertThatThrownBy(() -> parse(MINIMAL.replace("phones:\n  - column: TELEFONE\n", "")))
                .hasMessageContaining("key 'phones' is required");
    }

    @Test
    void phoneSourcesMustBeAColumnOrADddAndNumberPair() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("- column: TELEFONE", "- ddd: DDD1")))
                .hasMessageContaining("key 'phones[0].number' is required with 'ddd'");
        assertThatThrownBy(() -> parse(MINIMAL.replace("- column: TELEFONE", "- number: FONE1")))
                .hasMessageContaining("key 'phones[0].ddd' is required");
        assertThatThrownBy(() -> parse(MINIMAL.replace("- column: TELEFONE", "- column: T\n    ddd: D\n    number: N")))
                .hasMessageContaining("either 'column' or 'ddd' + 'number'");
    }

    @Test
    void badValuesAreNamedWithTheKey() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("country: BR", "country: XX")))
                .hasMessageContaining("key 'country' must be an ISO 3166 region code");
        assertThatThrownBy(() -> parse(MINIMAL + "lookup:\n  provider: whatsmagic\n"))
                .hasMessageContaining("key 'lookup.provider' names an unknown provider 'whatsmagic'");
        assertThatThrownBy(() -> parse(MINIMAL + "lookup:\n  sandbox:\n    active_share: 1.5\n"))
                .hasMessageContaining("key 'lookup.sandbox.active_share' must be between 0 and 1");
        assertThatThrownBy(() ->
                        parse(MINIMAL.replace("  path: data/portfolio.csv", "  path: x.csv\n  encoding: klingon")))
                .hasMessageContaining("key 'input.encoding' names an unknown encoding 'klingon'");
        assertThatThrownBy(() -> parse(MINIMAL.replace("  path: data/portfolio.csv", "  path: x.csv\n  delimiter: ab")))
                .hasMessageContaining("key 'input.delimiter' must be one character");
        assertThatThrownBy(() -> parse(MINIMAL + "run:\n  chunk_size: lots\n")).hasMessageContaining("run.chunk_size");
    }

    @Test
    void malformedYamlAndMissingFilesSayWhere() throws Exception {
        assertThatThrownBy(() -> parse("country: [BR\n")).hasMessageContaining("invalid YAML");
        assertThatThrownBy(() -> loader.load(dir.resolve("nope.yml"))).hasMessageContaining("does not exist");
        Path empty = Files.writeString(dir.resolve("empty.yml"), "");
        assertThatThrownBy(() -> loader.load(empty)).hasMessageContaining("is empty");
    }

    @Test
    void workbookKeysAndOutputFormat() {
        JobSpec csv = parse(MINIMAL);
        assertThat(csv.input().formatOf(csv.input().path())).isEqualTo("csv");
        assertThat(csv.input().formatOf(Path.of("today.XLSX")))
                .as("guessed from the actual input (--input)")
                .isEqualTo("xlsx");
        assertThat(csv.input().formatOf(Path.of("old.xls"))).isEqualTo("xls");
        assertThat(csv.output().csv()).isTrue();
        assertThat(csv.output().xlsx()).isFalse();

        JobSpec xlsx = parse(MINIMAL.replace(
                        "  path: data/portfolio.csv", "  path: data/portfolio.xlsx\n  sheet: 2\n  header_row: 3")
                + "output:\n  format: BOTH\n");
        assertThat(xlsx.input().sheet()).isEqualTo("2");
        assertThat(xlsx.input().headerRow()).isEqualTo(3);
        assertThat(xlsx.input().isWorkbook(xlsx.input().path())).isTrue();
        assertThat(xlsx.output().csv()).isTrue();
        assertThat(xlsx.output().xlsx()).isTrue();
        assertThat(parse(MINIMAL.replace("  path: data/portfolio.csv", "  path: x.xlsx\n  format: csv"))
                        .input()
                        .isWorkbook(Path.of("x.xlsx")))
                .as("an explicit format wins")
                .isFalse();

        assertThatThrownBy(() -> parse(MINIMAL + "output:\n  format: pdf\n")).hasMessageContaining("output.format");
        assertThatThrownBy(
                        () -> parse(MINIMAL.replace("  path: data/portfolio.csv", "  path: x.xlsx\n  header_row: 0")))
                .hasMessageContaining("input.header_row");
        assertThatThrownBy(() -> parse(MINIMAL.replace("  path: data/portfolio.csv", "  path: x.ods\n  format: ods")))
                .hasMessageContaining("input.format");
    }

    @Test
    void callingRulesFileIsResolvedAgainstTheSpecAndChecked() throws Exception {
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("jobs/rules.yml"), "countries:\n  IN: {all: {weekdays: \"08:00-19:00\"}}\n");
        assertThat(parse(MINIMAL).callingRules()).isNull();
        assertThat(parse(MINIMAL + "calling_rules: rules.yml\n").callingRules())
                .isEqualTo(dir.resolve("jobs/rules.yml"));
        assertThatThrownBy(() -> parse(MINIMAL + "calling_rules: missing.yml\n"))
                .isInstanceOf(JobSpecException.class)
                .hasMessageContaining("key 'calling_rules'")
                .hasMessageContaining("missing.yml");
        Files.writeString(dir.resolve("jobs/rules.yml"), "countries:\n  IN: {all: {weekdays: \"8h-19h\"}}\n");
        assertThatThrownBy(() -> parse(MINIMAL + "calling_rules: rules.yml\n"))
                .hasMessageContaining("countries.IN.all.weekdays must be HH:mm-HH:mm");

        // the user's municipal and company days, checked when the spec is loaded
        Files.writeString(dir.resolve("jobs/rules.yml"), "countries:\n  IN: {all: {weekdays: \"08:00-19:00\"}}\n");
        Files.writeString(dir.resolve("jobs/days.csv"), "01-25,BR-SP,Aniversário de São Paulo\n");
        assertThat(parse(MINIMAL + "calling_rules: rules.yml\ncalling_holidays: days.csv\n")
                        .callingHolidays())
                .isEqualTo(dir.resolve("jobs/days.csv"));
        assertThat(parse(MINIMAL + "calling_rules: rules.yml\n").callingHolidays())
                .isNull();
        assertThatThrownBy(() -> parse(MINIMAL + "calling_holidays: days.csv\n"))
                .hasMessageContaining("key 'calling_holidays'")
                .hasMessageContaining("needs calling_rules");
        Files.writeString(dir.resolve("jobs/days.csv"), "25/01,BR-SP,x\n");
        assertThatThrownBy(() -> parse(MINIMAL + "calling_rules: rules.yml\ncalling_holidays: days.csv\n"))
                .hasMessageContaining("key 'calling_holidays'")
                .hasMessageContaining("days.csv line 1");
    }

    @Test
    void genesysTakesAtMostTenPhoneColumns() {
        // cell1..N and home1..N: Genesys Cloud takes at most 10 phone columns in a contact list
        assertThat(parse(MINIMAL + "output:\n  profiles: [genesys]\n  phone_columns: 5\n")
                        .output()
                        .phoneColumns())
                .isEqualTo(5);
        assertThatThrownBy(() -> parse(MINIMAL + "output:\n  profiles: [genesys]\n  phone_columns: 6\n"))
                .hasMessageContaining("output.phone_columns")
                .hasMessageContaining("10 phone columns");
        assertThat(parse(MINIMAL + "output:\n  profiles: [per-debtor]\n  phone_columns: 11\n")
                        .output()
                        .phoneColumns())
                .isEqualTo(11);
    }

    @Test
    void outputProfilesAndVicidialSettings() {
        JobSpec.Output plain = parse(MINIMAL).output();
        assertThat(plain.profiles()).isEmpty();
        assertThat(plain.phoneColumns()).isEqualTo(3);
        assertThat(plain.vicidial()).isNull();

        JobSpec.Output o = parse(MINIMAL + """
                output:
                  profiles: [per-phone, genesys, vicidial, per-debtor, genesys]
                  phone_columns: 5
                  vicidial: {list_id: 101}
                """).output();
        assertThat(o.profiles())
                .containsExactly(JobSpec.Profile.GENESYS, JobSpec.Profile.VICIDIAL, JobSpec.Profile.PER_DEBTOR);
        assertThat(o.phoneColumns()).isEqualTo(5);
        assertThat(o.vicidial()).isEqualTo(new JobSpec.Vicidial(101, "", "key"));

        assertThatThrownBy(() -> parse(MINIMAL + "output:\n  profiles: [five9]\n"))
                .hasMessageContaining("key 'output.profiles'")
                .hasMessageContaining("five9");
        assertThatThrownBy(() -> parse(MINIMAL + "output:\n  profiles: [vicidial]\n"))
                .hasMessageContaining("key 'output.vicidial.list_id' is required");
        assertThatThrownBy(() -> parse(MINIMAL + "output:\n  profiles: [vicidial-pipe]\n  vicidial: {list_id: 99}\n"))
                .hasMessageContaining("must be 100 or more");
        assertThatThrownBy(() -> parse(MINIMAL + "output:\n  phone_columns: 12\n"))
                .hasMessageContaining("key 'output.phone_columns'");
        assertThatThrownBy(() -> parse(MINIMAL + "output:\n  vicidial: {list_id: 101}\n"))
                .hasMessageContaining("names neither vicidial nor vicidial-pipe");
        assertThatThrownBy(() -> parse(MINIMAL
                        + "output:\n  profiles: [vicidial]\n  vicidial: {list_id: 101, vendor_lead_code: cpf}\n"))
                .hasMessageContaining("key 'output.vicidial.vendor_lead_code'");
    }

    @Test
    void suppressionFilesMustExist() throws Exception {
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("jobs/dnc.txt"), "11987654321\n");
        assertThat(parse(MINIMAL).suppression()).isNull();
        JobSpec.Suppression s =
                parse(MINIMAL + "suppression:\n  do_not_call: [dnc.txt]\n").suppression();
        assertThat(s.doNotCall()).containsExactly(dir.resolve("jobs/dnc.txt"));
        assertThat(s.debtorKeys()).isEmpty();
        assertThatThrownBy(() -> parse(MINIMAL + "suppression:\n  debtor_keys: [keys.txt]\n"))
                .hasMessageContaining("key 'suppression.debtor_keys[0]'")
                .hasMessageContaining("keys.txt");
        assertThatThrownBy(() -> parse(MINIMAL + "suppression: {}\n"))
                .hasMessageContaining("key 'suppression' must name");
        assertThatThrownBy(() -> parse(MINIMAL + "suppression:\n  dnc: [dnc.txt]\n"))
                .hasMessageContaining("unknown key 'suppression.dnc'");
    }

    @Test
    void campaignsAddTheirFilesAndAreChecked() {
        JobSpec.Output o = parse(MINIMAL + """
                campaigns:
                  whatsapp:
                    templates: {"0-30": a, "31-90": b, "90+": c}
                  sms_optin:
                    business_number: "+55 (11) 3456-7000"
                    text: "Oi {name}: {link}"
                    whatsapp_text: "Quero negociar"
                """).output();
        assertThat(o.profiles()).containsExactly(JobSpec.Profile.WHATSAPP_CAMPAIGN, JobSpec.Profile.SMS_OPTIN);
        assertThat(o.campaigns().whatsappTemplates()).containsEntry("90+", "c").doesNotContainKey("unknown");
        assertThat(o.campaigns().sms().businessDigits()).isEqualTo("551134567000");

        assertThatThrownBy(() -> parse(MINIMAL + "campaigns:\n  whatsapp:\n    templates: {\"0-30\": a}\n"))
                .hasMessageContaining("key 'campaigns.whatsapp.templates.31-90' is required");
        assertThatThrownBy(() -> parse(MINIMAL
                        + "campaigns:\n  sms_optin: {business_number: \"123\", text: \"{link}\", whatsapp_text: x}\n"))
                .hasMessageContaining("key 'campaigns.sms_optin.business_number'");
        assertThatThrownBy(() -> parse(MINIMAL + "campaigns:\n  sms_optin: {business_number: \"11 3456-7000\","
                        + " text: \"no link\", whatsapp_text: x}\n"))
                .hasMessageContaining("must contain {link}");
        assertThatThrownBy(() -> parse(MINIMAL + "output:\n  profiles: [sms-optin]\n"))
                .hasMessageContaining("campaigns section");
    }

    @Test
    void providerAccountsGetConservativeDefaultsAndNameTheirSecretsByEnvironmentVariable() {
        JobSpec spec = parse(MINIMAL + """
                lookup:
                  provider: evolution
                  accounts:
                    - name: cobranca-01
                      base_url: http://evolution.local:8080/
                      instance: cobranca-01
                      token_env: EVOLUTION_APIKEY
                    - name: cobranca-02
                      base_url: https://evo2.example.com
                      instance: cobranca-02
                      token_env: EVOLUTION_APIKEY_2
                      rate: 20/s
                      burst: 20
                      jitter_ms: 0
                      daily_quota: 50000
                """);
        JobSpec.Lookup lookup = spec.lookup();
        assertThat(lookup.provider()).isEqualTo("evolution");
        assertThat(lookup.cacheTtl()).hasDays(7);
        assertThat(lookup.photos()).isNull();
        JobSpec.Account first = lookup.accounts().get(0);
        assertThat(first.baseUrl()).as("trailing slash dropped").isEqualTo("http://evolution.local:8080");
        assertThat(first.rate().perSecond())
                .as("one number every 3 s by default")
                .isEqualTo(20 / 60.0);
        assertThat(first.burst()).isEqualTo(1);
        assertThat(first.jitter()).hasMillis(2000);
        assertThat(first.dailyQuota()).isEqualTo(1000);
        JobSpec.Account second = lookup.accounts().get(1);
        assertThat(second.rate().perSecond()).isEqualTo(20.0);
        assertThat(second.rate()).hasToString("20/s");
        assertThat(second.dailyQuota()).isEqualTo(50000);
    }

    @Test
    void providerSpecMistakesNameTheKey() {
        String evolution = MINIMAL + """
                lookup:
                  provider: evolution
                """;
        assertThatThrownBy(() -> parse(evolution)).hasMessageContaining("key 'lookup.accounts' is required");
        assertThatThrownBy(() -> parse(evolution + """
                  accounts:
                    - name: a
                      base_url: http://x:1
                      instance: i
                """))
                .hasMessageContaining("key 'lookup.accounts[0].token_env' is required");
        assertThatThrownBy(() -> parse(evolution + """
                  accounts:
                    - name: a
                      base_url: http://x:1
                      instance: i
                      token_env: "sk-live-abc/123"
                """))
                .hasMessageContaining("lookup.accounts[0].token_env' must name an environment variable");
        assertThatThrownBy(() -> parse(evolution + """
                  accounts:
                    - name: a
                      base_url: http://x:1
                      instance: i
                      token_env: T
                      rate: fast
                """))
                .hasMessageContaining("lookup.accounts[0].rate' must be numbers per second, minute or hour");
        assertThatThrownBy(() -> parse(MINIMAL + """
                lookup:
                  provider: waha
                  photos:
                    min_amount: 1000
                  accounts:
                    - name: a
                      base_url: http://x:1
                      instance: default
                """))
                .hasMessageContaining("key 'lookup.photos' is not available with provider 'waha'");
    }

    /** Issue 12, item 4: the last of two values used to win, and a Brazilian landline became +1 313... */
    @Test
    void aKeyWrittenTwiceIsASpecErrorNamingIt() {
        assertThatThrownBy(() -> parse(MINIMAL + "country: US\n"))
                .isInstanceOf(JobSpecException.class)
                .hasMessage(dir.resolve("jobs/test.yml") + ": duplicate key 'country' (line 8): each key may be written"
                        + " once (which value was meant?)");
        assertThatThrownBy(() -> parse(MINIMAL.replace("  key: CONTRATO", "  key: CONTRATO\n  key: CPF")))
                .hasMessage(dir.resolve("jobs/test.yml") + ": duplicate key 'columns.key' (line 6): each key may be"
                        + " written once (which value was meant?)");
    }

    /** Issue 12, item 4: a line break or a quote cannot delimit fields; tab still can. */
    @Test
    void anOutputDelimiterThatCannotDelimitIsRefused() {
        assertThatThrownBy(() -> parse(MINIMAL + "output:\n  delimiter: \"\\n\"\n"))
                .hasMessageContaining(
                        "key 'output.delimiter' must be one character such as ';' ',' '|' or tab, not" + " '\\n'");
        assertThatThrownBy(() -> parse(MINIMAL + "output:\n  delimiter: '\"'\n"))
                .hasMessageContaining("key 'output.delimiter' must be one character");
        assertThat(parse(MINIMAL + "output:\n  delimiter: \"\\t\"\n").output().delimiter())
                .isEqualTo('\t');
    }
}
