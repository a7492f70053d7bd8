package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.run.ExitCodes;
import io.dialready.source.Portfolio;
import io.dialready.testgateway.GatewayFixture;
import io.dialready.testgateway.ScriptedGateway;
import io.dialready.testgateway.ScriptedGateway.Answer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scenarios of gateways as they really answer, run as a user runs dialready (the command line, the real job
 * database, the real adapters over HTTP on loopback), each gateway answering with the bodies its own source produces
 * ({@code src/test/resources/gateways/}, {@link GatewayFixture}): Evolution 2.3.6's Baileys timeouts retried to a true
 * answer, a session that closes in a pool (the other account takes over, exit 0) and alone (exit 5, the rest PENDING,
 * their quota unspent), Z-API numbers left out of a batch asked again, WPPConnect's swallowed lookups confirmed before
 * they become INACTIVE, a dead gateway (exit 5, PENDING, not UNKNOWN), and an On-Premises API that answers valid for
 * everything.
 */
class GatewayScenariosJobTest {

    private static final Pattern NUMBERS = Pattern.compile("\"(\\d{12,13})\"");

    @TempDir
    Path dir;

    Path out;
    final List<ScriptedGateway> gateways = new ArrayList<>();

    @BeforeEach
    void secrets() {
        // the adapters need a set variable for their token: HOME is set everywhere (its value only goes to loopback)
        Assumptions.assumeTrue(System.getenv("HOME") != null);
        out = dir.resolve("out");
    }

    @AfterEach
    void stop() {
        gateways.forEach(ScriptedGateway::close);
        System.clearProperty("dialready.now");
    }

    /** Extra options of every run: none here (the H2 file job repository); a subclass runs on MariaDB. */
    List<String> databaseOptions() {
        return List.of();
    }

    private ScriptedGateway gateway(ScriptedGateway.Script script) throws Exception {
        ScriptedGateway g = new ScriptedGateway(script);
        gateways.add(g);
        return g;
    }

    /** {@code n} debtors, one mobile each: C001 owns +55 11 98765-0001 and so on. */
    private void portfolio(int n) throws Exception {
        StringBuilder sb = new StringBuilder(Portfolio.HEADER).append("\n");
        for (int i = 1; i <= n; i++) {
            sb.append(String.format(
                    "C%03d;000;DEVEDOR %d;%d.000,00;01/11/2026;11;98765-%04d;;;;;;SP%n", i, i, 1000 + i, i));
        }
        Files.writeString(dir.resolve("carteira.csv"), sb.toString());
    }

    /** The phone of debtor i as the gateways take it. */
    private static String digits(int i) {
        return String.format("551198765%04d", i);
    }

    /** Deterministic truth of the synthetic portfolio: the even numbers have an account. */
    private static boolean exists(String digits) {
        return (digits.charAt(digits.length() - 1) - '0') % 2 == 0;
    }

    private Path spec(String provider, String lookupExtra, String accounts) throws Exception {
        return Files.writeString(dir.resolve("job.yml"), """
                country: BR
                input:
                  path: carteira.csv
                columns:
                  key: CONTRATO
                  amount: VALOR
                  due_date: VENCIMENTO
                phones:
                  - ddd: DDD1
                    number: FONE1
                lookup:
                  provider: %s
                  retries:
                    max_attempts: 4
                    initial_backoff_ms: 50
                    max_backoff_ms: 200
                %s
                  accounts:
                %s
                run:
                  chunk_size: 50
                """.formatted(
                        provider, lookupExtra.indent(2).stripTrailing(), accounts.indent(4)));
    }

    private static String account(String name, String baseUrl, String rate, int burst) {
        return """
                - name: %s
                  base_url: %s
                  instance: %s
                  token_env: HOME
                  rate: %s
                  burst: %d
                  jitter_ms: 0
                  daily_quota: 10000
                """.formatted(name, baseUrl, name, rate, burst);
    }

    private CliRun enrich(Path spec) {
        System.setProperty("dialready.now", "2026-11-24T03:00:00Z");
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
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Debtor key -> {status, whatsapp_id} of its mobile in the dialer file. */
    private Map<String, String[]> statuses() throws Exception {
        Map<String, String[]> rows = new HashMap<>();
        for (String[] r : EnrichCommandTest.csv(out.resolve("carteira.dialer.csv"))) {
            if (r[4].equals("MOBILE")) {
                rows.put(r[0], new String[] {r[5], r[6]});
            }
        }
        return rows;
    }

    private JsonNode report() throws Exception {
        return JsonMapper.shared().readTree(out.resolve("carteira.report.json").toFile());
    }

    private JsonNode accountReport(String name) throws Exception {
        for (JsonNode a : report().get("accounts")) {
            if (a.get("name").asString().equals(name)) {
                return a;
            }
        }
        throw new AssertionError("no account " + name + " in the report");
    }

    /** Evolution 2.3.6's answer (gateways/evolution-2.3.6/numbers): one OnWhatsAppDto per number asked. */
    private static Answer evolutionAnswer(String body, Set<String> lids) {
        StringBuilder sb = new StringBuilder("[");
        Matcher m = NUMBERS.matcher(body);
        while (m.find()) {
            String n = m.group(1);
            sb.append(sb.length() > 1 ? "," : "");
            if (lids.contains(n)) {
                sb.append("{\"jid\":\"12345678901")
                        .append(n, n.length() - 4, n.length())
                        .append("@lid\",\"exists\":true,\"number\":\"")
                        .append(n)
                        .append("\",\"lid\":\"lid\"}");
            } else {
                sb.append("{\"jid\":\"")
                        .append(n)
                        .append("@s.whatsapp.net\",\"exists\":")
                        .append(exists(n))
                        .append(",\"number\":\"")
                        .append(n)
                        .append("\"}");
            }
        }
        return Answer.json(sb.append("]").toString());
    }

    private void assertTrueAnswers(Map<String, String[]> rows, int n) {
        assertThat(rows).hasSize(n);
        for (int i = 1; i <= n; i++) {
            String[] r = rows.get(String.format("C%03d", i));
            assertThat(r[0]).as("C%03d", i).isEqualTo(exists(digits(i)) ? "ACTIVE" : "INACTIVE");
        }
    }

    @Test
    void baileysTimeoutsAreRetriedToTrueAnswersAndALidClaimsNoRegisteredForm() throws Exception {
        portfolio(60);
        GatewayFixture timedOut = GatewayFixture.of("evolution-2.3.6/timed-out");
        Set<String> lids = Set.of(digits(2));
        ScriptedGateway evolution = gateway((call, n) ->
                // Baileys' "Timed Out" on about 15% of the calls: Evolution 2.3.6 answers HTTP 400 with the Boom
                n % 7 == 3 ? Answer.of(timedOut) : evolutionAnswer(call.body(), lids));
        Path spec = spec("evolution", "concurrency: 2", account("conta-a", evolution.baseUrl(), "100/s", 4));

        CliRun run = enrich(spec);

        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, String[]> rows = statuses();
        assertTrueAnswers(rows, 60);
        assertThat(rows.get("C002")).as("answered by its LID only").containsExactly("ACTIVE", "");
        assertThat(rows.get("C004")).containsExactly("ACTIVE", digits(4));
        long timeouts = evolution.calls().size() - 15; // 60 numbers in calls of 4
        assertThat(timeouts).as("timed-out calls, each asked again").isPositive();
        assertThat(report().get("retries").asLong()).isEqualTo(timeouts);
        assertThat(accountReport("conta-a").get("quota_used").asLong())
                .as("a timeout may have reached WhatsApp: its numbers count")
                .isEqualTo(60 + 4 * timeouts);
    }

    /** Evolution 2.3.6 whose instance {@code closing} answers {@code good} calls, then Connection Closed forever. */
    private ScriptedGateway evolutionWithClosingSession(String closing, int good) throws Exception {
        GatewayFixture closed = GatewayFixture.of("evolution-2.3.6/connection-closed");
        Map<String, Integer> callsOf = new ConcurrentHashMap<>();
        return gateway((call, n) -> {
            String instance = call.path().substring(call.path().lastIndexOf('/') + 1);
            int k = callsOf.merge(instance, 1, Integer::sum);
            return instance.equals(closing) && k > good ? Answer.of(closed) : evolutionAnswer(call.body(), Set.of());
        });
    }

    private static long callsTo(ScriptedGateway g, String instance) {
        return g.calls().stream().filter(c -> c.path().endsWith("/" + instance)).count();
    }

    @Test
    void aSessionThatClosesInAPoolLeavesItsNumbersToTheOtherAccount() throws Exception {
        portfolio(100);
        ScriptedGateway evolution = evolutionWithClosingSession("conta-a", 5);
        Path spec = spec(
                "evolution",
                "concurrency: 2",
                account("conta-a", evolution.baseUrl(), "100/s", 2)
                        + account("conta-b", evolution.baseUrl(), "100/s", 2));

        CliRun run = enrich(spec);

        assertThat(run.exitCode())
                .as("every number got an answer: " + run.err())
                .isZero();
        assertTrueAnswers(statuses(), 100);
        assertThat(callsTo(evolution, "conta-a"))
                .as("5 good calls, the one that found the session closed, at most one more already on its way")
                .isBetween(6L, 7L);
        JsonNode a = accountReport("conta-a");
        JsonNode b = accountReport("conta-b");
        assertThat(a.get("quota_used").asLong())
                .as("the refused calls gave their numbers back")
                .isEqualTo(10);
        assertThat(a.get("quota_used").asLong() + b.get("quota_used").asLong()).isEqualTo(100);
        assertThat(a.get("numbers_answered").asLong()).isEqualTo(10);
        assertThat(a.get("quota_used_this_run").asLong()).isEqualTo(10);
        assertThat(a.get("calls_refused").asLong()).isBetween(1L, 2L);
        assertThat(a.get("dropped").asString()).contains("conta-a", "HTTP 400", "Connection Closed");
        assertThat(b.get("numbers_answered").asLong()).isEqualTo(90);
        assertThat(b.has("dropped")).isFalse();
        assertThat(run.out()).contains("account conta-a", "dropped from the run", "Connection Closed");
        assertThat(Files.readString(out.resolve("carteira.report.html")))
                .as("the HTML report's accounts table")
                .contains("dropped", "Boom 428 Connection Closed");
    }

    @Test
    void aLoneSessionThatClosesEndsWithExit5AndTheRestPendingAndUnspent() throws Exception {
        portfolio(100);
        ScriptedGateway evolution = evolutionWithClosingSession("conta-a", 5);
        Path spec = spec("evolution", "concurrency: 1", account("conta-a", evolution.baseUrl(), "100/s", 2));

        CliRun run = enrich(spec);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.PROVIDER_FAILED);
        assertThat(run.err()).contains("conta-a", "Connection Closed", "90 numbers left PENDING");
        Map<String, String[]> rows = statuses();
        assertThat(rows.values()).filteredOn(r -> r[0].equals("PENDING")).hasSize(90);
        assertThat(rows.values()).noneSatisfy(r -> assertThat(r[0]).isEqualTo("UNKNOWN"));
        assertThat(callsTo(evolution, "conta-a"))
                .as("no call after the one that found it closed")
                .isEqualTo(6);
        assertThat(accountReport("conta-a").get("quota_used").asLong())
                .as("quota for the 10 numbers answered, not for the 90 left")
                .isEqualTo(10);
        assertThat(report().get("lookup_stopped").asString()).isEqualTo("PROVIDER_FAILED");
    }

    @Test
    void numbersLeftOutOfAZapiBatchAreAskedAgain() throws Exception {
        portfolio(40);
        Set<String> leftOut = ConcurrentHashMap.newKeySet();
        // Z-API's batch answer (gateways/zapi-docs/phone-exists-batch), leaving out each number ending in 3 once
        ScriptedGateway zapi = gateway((call, n) -> {
            if (call.method().equals("GET")) { // one number: GET .../phone-exists/{phone} (gateways/zapi-docs)
                String d = call.path().substring(call.path().lastIndexOf('/') + 1);
                return Answer.json("[{\"exists\":" + exists(d) + ",\"phone\":\"" + d + "\",\"lid\":null}]");
            }
            StringBuilder sb = new StringBuilder("[");
            Matcher m = NUMBERS.matcher(call.body());
            while (m.find()) {
                String d = m.group(1);
                if (d.endsWith("3") && leftOut.add(d)) {
                    continue;
                }
                sb.append(sb.length() > 1 ? "," : "")
                        .append("{\"exists\":")
                        .append(exists(d))
                        .append(",\"inputPhone\":\"")
                        .append(d)
                        .append("\",\"outputPhone\":\"")
                        .append(d)
                        .append("\"}");
            }
            return Answer.json(sb.append("]").toString());
        });
        Path spec = spec("zapi", "concurrency: 2", account("zapi-01", zapi.baseUrl(), "100/s", 10));

        CliRun run = enrich(spec);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(leftOut).hasSize(4);
        assertTrueAnswers(statuses(), 40);
        assertThat(report().get("lookups_requested").asLong())
                .as("40 numbers, 4 asked twice")
                .isEqualTo(44);
    }

    @Test
    void wppconnectNegativesAreConfirmedBeforeTheyBecomeInactive() throws Exception {
        portfolio(20);
        GatewayFixture exists = GatewayFixture.of("wppconnect-2.10.4/exists");
        GatewayFixture notExists = GatewayFixture.of("wppconnect-2.10.4/not-exists");
        Map<String, List<Long>> asks = new ConcurrentHashMap<>();
        // wa-js swallows the first lookup of the active numbers ending in 0 or 4: numberExists false, status 404
        ScriptedGateway wpp = gateway((call, n) -> {
            String d = call.path().substring(call.path().lastIndexOf('/') + 1);
            List<Long> times = asks.computeIfAbsent(d, k -> new java.util.concurrent.CopyOnWriteArrayList<>());
            times.add(System.nanoTime());
            boolean swallowed = (d.endsWith("0") || d.endsWith("4")) && times.size() == 1;
            GatewayFixture f = exists(d) && !swallowed ? exists : notExists;
            return new Answer(f.status(), f.body().replace("5511987650001", d));
        });
        Path spec = spec("wppconnect", "concurrency: 4", account("wpp-01", wpp.baseUrl(), "100/s", 1));

        CliRun run = enrich(spec);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertTrueAnswers(statuses(), 20);
        assertThat(asks).hasSize(20).allSatisfy((d, times) -> {
            boolean negativeFirst = !exists(d) || d.endsWith("0") || d.endsWith("4");
            assertThat(times).as(d).hasSize(negativeFirst ? 2 : 1);
            if (negativeFirst) {
                assertThat((times.get(1) - times.get(0)) / 1_000_000_000.0)
                        .as("asked again after wa-js' 15 s miss cache")
                        .isGreaterThanOrEqualTo(15.0);
            }
        });
    }

    @Test
    void aDeadGatewayEndsWithExit5AndEveryNumberPendingNotUnknown() throws Exception {
        portfolio(30);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: every connection is refused
        }
        // the default circuit breaker (10 failures)
        Path spec = spec("evolution", "concurrency: 4", account("conta-a", "http://127.0.0.1:" + port, "100/s", 2));

        CliRun run = enrich(spec);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.PROVIDER_FAILED);
        assertThat(run.err()).contains("conta-a", "connection refused", "30 numbers left PENDING");
        assertThat(statuses().values()).allSatisfy(r -> assertThat(r[0]).isEqualTo("PENDING"));
        assertThat(accountReport("conta-a").get("quota_used").asLong()).isZero();
    }

    @Test
    void anOnPremisesApiThatAnswersValidForEverythingStopsTheAccount() throws Exception {
        portfolio(30);
        ScriptedGateway meta = gateway((call, n) -> {
            // Meta's On-Premises API from v2.43 on (gateways/onprem-2.43/all-valid): valid for every number
            StringBuilder sb = new StringBuilder("{\"contacts\":[");
            Matcher m = Pattern.compile("\"\\+(\\d+)\"").matcher(call.body());
            while (m.find()) {
                sb.append(sb.length() > 13 ? "," : "")
                        .append("{\"input\":\"+")
                        .append(m.group(1))
                        .append("\",\"status\":\"valid\",\"wa_id\":\"")
                        .append(m.group(1))
                        .append("\"}");
            }
            return Answer.json(sb.append("]}").toString());
        });
        Path spec = spec("onprem", "concurrency: 1\nbatch_size: 10", account("gw-01", meta.baseUrl(), "100/s", 10));
        Files.writeString(spec, Files.readString(spec).replace("      instance: gw-01\n", ""));

        CliRun run = enrich(spec);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.PROVIDER_FAILED);
        assertThat(run.err()).contains("gw-01", "'valid' for every one", "v2.43");
        assertThat(statuses().values()).allSatisfy(r -> assertThat(r[0]).isEqualTo("PENDING"));
    }
}
