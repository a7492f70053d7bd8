package io.dialready.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.dialready.domain.LookupResult;
import io.dialready.lookup.SandboxLookup;
import io.dialready.run.ExitCodes;
import io.dialready.source.Portfolio;
import io.dialready.spec.JobSpec;
import io.dialready.spec.JobSpecBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lookup engine end to end through the command line, with the sandbox behind accounts (so its limits, quota and
 * cache apply) and the real H2 job database: quota exhaustion and the next days' runs, the budget going to the most
 * valuable numbers, cache reuse and --force-recheck, a refused account (Evolution adapter, WireMock gateway), photos.
 */
class LookupJobTest {

    @TempDir
    Path dir;

    Path input;
    Path out;

    /** 12 debtors owing 1,000 to 12,000, one mobile each; debtor C03 also has a fixed line. */
    @BeforeEach
    void portfolio() throws Exception {
        StringBuilder sb = new StringBuilder(Portfolio.HEADER).append("\n");
        for (int i = 1; i <= 12; i++) {
            sb.append(String.format(
                    "C%02d;000;DEVEDOR %d;%d.000,00;01/11/2026;11;9%04d-%04d;%s;;;;SP%n",
                    i, i, i, 1000 + i, 2000 + i, i == 3 ? "11;3456-7890" : ";"));
        }
        input = Files.writeString(dir.resolve("carteira.csv"), sb.toString());
        out = dir.resolve("out");
    }

    @AfterEach
    void clock() {
        System.clearProperty("dialready.now");
    }

    /** The spec with these lookup accounts (a YAML list). */
    private Path spec(String accounts) throws Exception {
        return JobSpecBuilder.csv("carteira.csv")
                .key("CONTRATO")
                .column("amount", "VALOR")
                .column("due_date", "VENCIMENTO")
                .phone("DDD1", "FONE1")
                .phone("DDD2", "FONE2")
                .sandbox("active_share", 0.5)
                .lookup("batch_size", 2)
                .lookup("concurrency", 3)
                .lookupYaml("  accounts:\n" + accounts.indent(4))
                .chunkSize(5)
                .writeTo(dir.resolve("job.yml"));
    }

    /** Extra options of every run: none here (the H2 file job repository); a subclass runs on MariaDB. */
    List<String> databaseOptions() {
        return List.of();
    }

    private CliRun enrich(Path spec, String day, String... extra) {
        System.setProperty("dialready.now", day + "T03:00:00Z");
        List<String> args = new ArrayList<>(List.of(
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
                "--quiet"));
        args.addAll(databaseOptions());
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private Map<?, ?> report() throws Exception {
        return JsonMapper.shared().readValue(out.resolve("carteira.report.json").toFile(), Map.class);
    }

    /** Debtor key -> its mobile's dialer row. */
    private Map<String, String[]> mobiles() throws Exception {
        Map<String, String[]> rows = new HashMap<>();
        for (String[] r : EnrichCommandTest.csv(out.resolve("carteira.dialer.csv"))) {
            if (r[4].equals("MOBILE")) {
                rows.put(r[0], r);
            }
        }
        return rows;
    }

    private static String key(int i) {
        return String.format("C%02d", i);
    }

    @Test
    void aSpentQuotaLeavesThePhonesPendingAndTheNextDaysCheckThemMostValuableFirst() throws Exception {
        Path spec = spec("""
                - name: conta-1
                  rate: 100/s
                  burst: 2
                  jitter_ms: 0
                  daily_quota: 5
                """);

        // day 1: 12 mobiles wanted, 5 allowed: the 5 debtors owing most are checked, the rest PENDING
        CliRun day1 = enrich(spec, "2026-11-24");
        assertThat(day1.exitCode()).as(day1.err()).isEqualTo(ExitCodes.QUOTA_SPENT);
        assertThat(day1.err()).contains("daily quota is spent", "conta-1", "7 numbers left PENDING");
        for (String f : List.of(
                "carteira.enriched.csv", "carteira.dialer.csv", "carteira.rejects.csv", "carteira.report.json")) {
            assertThat(out.resolve(f)).as("outputs complete").exists();
        }
        Map<String, String[]> rows = mobiles();
        assertThat(rows).hasSize(12);
        SandboxLookup sandbox = new SandboxLookup(new JobSpec.Sandbox(0.5, 0, 0, 0.1));
        for (int i = 1; i <= 12; i++) {
            String[] r = rows.get(key(i));
            if (i >= 8) {
                LookupResult expected = sandbox.check(List.of(r[2])).get(r[2]);
                assertThat(r[5]).as(key(i)).isEqualTo(expected.status().name());
                assertThat(r[6]).isEqualTo(expected.whatsappId() == null ? "" : expected.whatsappId());
            } else {
                assertThat(r[5]).as(key(i) + " owes less: left for later").isEqualTo("PENDING");
            }
        }
        assertThat(EnrichCommandTest.csv(out.resolve("carteira.dialer.csv")))
                .filteredOn(r -> r[4].equals("FIXED_LINE"))
                .singleElement()
                .satisfies(
                        r -> assertThat(r[5]).as("fixed lines are not checked").isEqualTo("SKIPPED"));
        Map<?, ?> report = report();
        assertThat(report.get("lookups_requested")).isEqualTo(5);
        assertThat(report.get("pending")).isEqualTo(7);
        assertThat(report.get("lookup_stopped")).isEqualTo("QUOTA_SPENT");
        assertThat(EnrichCommandTest.map(report.get("whatsapp"))).containsEntry("PENDING", 7);
        assertThat((List<?>) report.get("accounts"))
                .singleElement()
                .satisfies(a -> assertThat(EnrichCommandTest.map(a))
                        .containsEntry("name", "conta-1")
                        .containsEntry("numbers_checked", 5)
                        .containsEntry("quota_used", 5)
                        .containsEntry("daily_quota", 5));

        // the same day again: nothing left to spend, answers come from the cache
        CliRun again = enrich(spec, "2026-11-24");
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.QUOTA_SPENT);
        assertThat(report().get("lookups_requested")).isEqualTo(0);
        assertThat(report().get("cache_hits")).isEqualTo(5);

        // day 2: yesterday's pending first (the most valuable of them), the rest from the cache
        CliRun day2 = enrich(spec, "2026-11-25");
        assertThat(day2.exitCode()).as(day2.err()).isEqualTo(ExitCodes.QUOTA_SPENT);
        rows = mobiles();
        for (int i = 1; i <= 12; i++) {
            assertThat(rows.get(key(i))[5].equals("PENDING")).as(key(i)).isEqualTo(i <= 2);
        }
        assertThat(report().get("cache_hits")).isEqualTo(5);
        assertThat(report().get("lookups_requested")).isEqualTo(5);

        // day 3: the last two, and the run completes
        CliRun day3 = enrich(spec, "2026-11-26");
        assertThat(day3.exitCode()).as(day3.err()).isZero();
        assertThat(mobiles().values()).noneSatisfy(r -> assertThat(r[5]).isEqualTo("PENDING"));
        assertThat(report().get("pending")).isEqualTo(0);
        assertThat(report().get("lookups_requested")).isEqualTo(2);
        assertThat(report().get("cache_hits")).isEqualTo(10);
        assertThat(report().containsKey("lookup_stopped")).isFalse();
    }

    @Test
    void cachedAnswersAreReusedUntilTheyExpireOrARecheckIsForced() throws Exception {
        Path spec = spec("""
                - name: conta-1
                  rate: 1000/s
                  burst: 10
                  jitter_ms: 0
                  daily_quota: 1000
                """);
        CliRun first = enrich(spec, "2026-11-24");
        assertThat(first.exitCode()).as(first.err()).isZero();
        Map<String, String[]> answers = mobiles();
        assertThat(report().get("lookups_requested")).isEqualTo(12);
        assertThat(report().get("provider_calls")).as("batch_size 2").isEqualTo(6);
        assertThat(report().get("cache_hits")).isEqualTo(0);

        CliRun second = enrich(spec, "2026-11-30");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(report().get("lookups_requested")).isEqualTo(0);
        assertThat(report().get("provider_calls")).isEqualTo(0);
        assertThat(report().get("cache_hits")).isEqualTo(12);
        assertThat(mobiles()).allSatisfy((k, r) -> assertThat(r).containsExactly(answers.get(k)));

        CliRun forced = enrich(spec, "2026-11-30", "--force-recheck");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(report().get("lookups_requested")).isEqualTo(12);
        assertThat(report().get("cache_hits")).isEqualTo(0);

        // 8 days after the forced recheck the 7-day-old answers are stale: asked again
        CliRun stale = enrich(spec, "2026-12-08");
        assertThat(stale.exitCode()).as(stale.err()).isZero();
        assertThat(report().get("lookups_requested")).isEqualTo(12);
        assertThat(mobiles()).allSatisfy((k, r) -> assertThat(r).containsExactly(answers.get(k)));
    }

    /**
     * The Evolution adapter against a WireMock gateway on loopback that answers two bulk checks (leaving every number
     * out, so they are UNKNOWN) and then refuses the apikey (401): exit 5, the message names the account, the phones
     * not yet asked are PENDING and every output is written.
     */
    @Test
    void aRefusedAccountStopsTheLookupsWithExitCode5AndCompleteOutputs() throws Exception {
        // the adapter needs a set variable for its apikey: HOME is set everywhere (its value only goes to loopback)
        Assumptions.assumeTrue(System.getenv("HOME") != null);
        WireMockServer gateway =
                new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        gateway.start();
        try {
            String path = "/chat/whatsappNumbers/cobranca-01";
            gateway.stubFor(post(urlEqualTo(path))
                    .inScenario("key")
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willSetStateTo("one")
                    .willReturn(okJson("[]")));
            gateway.stubFor(post(urlEqualTo(path))
                    .inScenario("key")
                    .whenScenarioStateIs("one")
                    .willSetStateTo("revoked")
                    .willReturn(okJson("[]")));
            gateway.stubFor(
                    post(urlEqualTo(path))
                            .inScenario("key")
                            .whenScenarioStateIs("revoked")
                            .willReturn(
                                    aResponse()
                                            .withStatus(401)
                                            .withHeader("Content-Type", "application/json")
                                            .withBody(
                                                    "{\"status\":401,\"error\":\"Unauthorized\",\"response\":{\"message\":\"Unauthorized\"}}")));
            Path spec = spec("""
                    - name: cobranca-01
                      base_url: %s
                      instance: cobranca-01
                      token_env: HOME
                      rate: 1000/s
                      burst: 2
                      jitter_ms: 0
                    """.formatted(gateway.baseUrl()));
            Files.writeString(
                    spec,
                    Files.readString(spec)
                            .replace("  sandbox:\n    active_share: 0.5\n", "  provider: evolution\n")
                            .replace("  concurrency: 3\n", "  concurrency: 1\n"));
            CliRun run = enrich(spec, "2026-11-24");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.PROVIDER_FAILED);
            assertThat(run.err()).contains("cobranca-01", "401", "8 numbers left PENDING");
            assertThat(run.err()).doesNotContain(System.getenv("HOME"));
            Map<String, String[]> rows = mobiles();
            assertThat(rows.values())
                    .filteredOn(r -> r[5].equals("UNKNOWN"))
                    .as("missing from the answers")
                    .hasSize(4);
            assertThat(rows.values()).filteredOn(r -> r[5].equals("PENDING")).hasSize(8);
            assertThat(rows.values()).allSatisfy(r -> assertThat(r[10]).isEqualTo("evolution"));
            assertThat(report().get("lookup_stopped")).isEqualTo("PROVIDER_FAILED");
            assertThat(report().get("provider_calls")).isEqualTo(3);
            assertThat(out.resolve("carteira.enriched.csv")).exists();
        } finally {
            gateway.stop();
        }
    }

    @Test
    void photosOfActiveNumbersOfDebtorsOwingEnoughAreInTheDialerFile() throws Exception {
        Path spec = spec("""
                - name: conta-1
                  rate: 1000/s
                  burst: 10
                  jitter_ms: 0
                  daily_quota: 1000
                """);
        Files.writeString(
                spec,
                Files.readString(spec)
                        .replace("  batch_size: 2\n", "  batch_size: 2\n  photos:\n    min_amount: 6000\n"));
        CliRun run = enrich(spec, "2026-11-24");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String[]> dialer = EnrichCommandTest.csv(out.resolve("carteira.dialer.csv"));
        assertThat(dialer.get(0)).endsWith("provider", "has_photo", "photo_url");
        SandboxLookup sandbox = new SandboxLookup(new JobSpec.Sandbox(0.5, 0, 0, 0.1));
        int fetched = 0;
        for (String[] r : dialer.subList(1, dialer.size())) {
            int owed = Integer.parseInt(r[0].substring(1));
            if (r[5].equals("ACTIVE") && owed >= 6) {
                fetched++;
                var photo = sandbox.profilePhoto(r[2], r[6]);
                assertThat(r[11]).as(r[0]).isEqualTo(Boolean.toString(photo.present()));
                assertThat(r[12]).isEqualTo(photo.url() == null ? "" : photo.url());
            } else {
                assertThat(r[11] + r[12]).as(r[0] + " gets no photo").isEmpty();
            }
        }
        assertThat(fetched).isPositive();
        assertThat((Integer) report().get("provider_calls")).isEqualTo(6 + fetched);
    }
}
