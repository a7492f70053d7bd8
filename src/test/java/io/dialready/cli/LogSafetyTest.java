package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import io.dialready.bench.FakeProviderServer;
import io.dialready.phone.LogMasking;
import io.dialready.run.ExitCodes;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log of a run never holds a full phone number or a secret: runs in their own JVM (dialready and Spring Batch
 * logging at DEBUG) write to one log file: one with an Evolution account against a fake gateway on loopback (the token
 * would go out in its {@code apikey} header), one with a Z-API account against a closed port (the token is part of
 * Z-API's URL, and every call would fail and be retried), and one that fails with a stack trace. (The provider adapters
 * are not wired into the job yet: until they are, the first two run the sandbox, with the tokens in their environment.) The log is
 * then searched for every input number in full (E.164, national digits, as typed in the input) and for the value of
 * each secret environment variable the processes had.
 * <p>
 * Secrets: a new provider's token variables go into {@link #SECRETS} and into an account of the specs below; the values
 * are fake and only have to be unmistakable.
 */
class LogSafetyTest {

    /** Environment variables holding secrets, with fake values, passed to the process. */
    static final Map<String, String> SECRETS = Map.of(
            "ZAPI_TOKEN",
            "tok_live_7Hq2ZpX9wLrT4mVb",
            "ZAPI_CLIENT_TOKEN",
            "F0c1e2d3client9Secret",
            "EVOLUTION_API_KEY",
            "evo-key-5f1c0a9e2b7d4c3a");

    private static final String INPUT = String.join(
            "\r\n",
            "CONTRATO;NOME;FONE;OUTROS",
            "A1;ANA;(11) 98765-4321;+55 21 99876-5432 / 3456-7890",
            "A2;BIA;11987654322;0xx31 91234-5678 ramal 12",
            "A3;CIA;+55 (41) 99123-4567;021 11 97777-8888",
            "A4;DORA;98765-1234;nao tem",
            "BROKEN;ROW",
            "");

    @TempDir
    Path dir;

    private int run(Path spec, Path out, String name) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.dialready(
                        List.of(
                                "-Xmx256m",
                                "-Dlogging.level.io.dialready=DEBUG",
                                "-Dlogging.level.org.springframework.batch=DEBUG"),
                        "enrich",
                        "--job",
                        spec.toString(),
                        "--output",
                        out.toString(),
                        "--data",
                        dir.resolve("data").toString(),
                        "--log-file",
                        dir.resolve("dialready.log").toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".txt").toFile());
        pb.environment().putAll(SECRETS);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static final String SPEC = """
            country: BR
            input:
              path: carteira.csv
            columns:
              key: CONTRATO
              name: NOME
            phones:
              - column: FONE
              - column: OUTROS
            run:
              chunk_size: 2
            output:
              profiles: [per-debtor, vicidial]
              vicidial: {list_id: 101}
            lookup:
              check_fixed_lines: true
              retries: {max_attempts: 2, initial_backoff_ms: 10, max_backoff_ms: 20}
              accounts:
                - name: conta-01
                  base_url: %s
                  instance: conta-01
                  token_env: %s
                  rate: 100/s
                  burst: 100
                  jitter_ms: 0
                  daily_quota: 100000
            """;

    @Test
    void theLogHoldsNoPhoneNumberAndNoSecret() throws Exception {
        Files.writeString(dir.resolve("carteira.csv"), INPUT, StandardCharsets.UTF_8);
        FakeProviderServer gateway = new FakeProviderServer(0, 0.5);
        int port = gateway.start(0);
        Path spec;
        Path out = dir.resolve("out");
        try {
            spec = Files.writeString(
                    dir.resolve("job.yml"),
                    SPEC.formatted("http://127.0.0.1:" + port, "EVOLUTION_API_KEY")
                            .replace("lookup:\n", "lookup:\n  provider: evolution\n"));
            assertThat(run(spec, out, "ok"))
                    .as(Files.readString(dir.resolve("ok.txt")))
                    .isZero();
            // NB: on main the provider adapters are not yet wired into the job (the run says "provider: sandbox");
            // once they are, this run goes through the Evolution adapter with its token, with no change here
        } finally {
            gateway.stop();
        }
        // Z-API carries the token in its URL; against a closed port every call fails, is retried and logged
        Path zapi = Files.writeString(
                dir.resolve("zapi.yml"),
                SPEC.formatted("http://127.0.0.1:9", "ZAPI_TOKEN")
                        .replace("lookup:\n", "lookup:\n  provider: zapi\n")
                        .replace(
                                "      daily_quota: 100000\n",
                                "      daily_quota: 100000\n      client_token_env: ZAPI_CLIENT_TOKEN\n"));
        run(zapi, dir.resolve("out-zapi"), "zapi"); // its outcome does not matter here, its log does

        // a second run that fails with a stack trace in the log: a row far too long, holding numbers
        Files.writeString(
                dir.resolve("long.csv"),
                "CONTRATO;NOME;FONE;OUTROS\r\nL1;ANA;11 98765-4321;\r\nL2;" + "+5511987654321 ".repeat(80_000)
                        + ";;\r\n");
        Path longSpec = Files.writeString(
                dir.resolve("long.yml"),
                SPEC.formatted("http://127.0.0.1:9", "EVOLUTION_API_KEY")
                        .replace("lookup:\n", "lookup:\n  provider: evolution\n")
                        .replace("carteira.csv", "long.csv"));
        assertThat(run(longSpec, dir.resolve("out-long"), "long")).isEqualTo(ExitCodes.INPUT_UNREADABLE);

        String log = Files.readString(dir.resolve("dialready.log"));
        assertThat(log)
                .as("the log was written, at DEBUG")
                .contains("DEBUG")
                .contains("run failed")
                .contains("at io.dialready");

        Set<String> numbers = new LinkedHashSet<>();
        try (CSVReader r =
                new CSVReaderBuilder(new StringReader(Files.readString(out.resolve("carteira.dialer.csv")))).build()) {
            List<String[]> rows = r.readAll();
            for (String[] row : rows.subList(1, rows.size())) {
                numbers.add(row[2]); // phone_e164
                numbers.add(row[3]); // phone_national
                numbers.add(row[2].substring(1)); // E.164 digits, as a provider's JID holds them
            }
        }
        assertThat(numbers).hasSizeGreaterThan(15);
        for (String number : numbers) {
            assertThat(Pattern.compile("(?<!\\d)" + Pattern.quote(number) + "(?!\\d)")
                            .matcher(log)
                            .find())
                    .as("the log holds " + number)
                    .isFalse();
        }
        List<String> typed = new ArrayList<>(List.of(
                "98765-4321", "99876-5432", "3456-7890", "91234-5678", "99123-4567", "97777-8888", "98765-1234"));
        for (String t : typed) {
            assertThat(log).as("the log holds " + t).doesNotContain(t);
        }
        for (String secret : SECRETS.values()) {
            assertThat(log).as("the log holds a secret").doesNotContain(secret);
            assertThat(Files.readString(dir.resolve("ok.txt"))
                            + Files.readString(dir.resolve("zapi.txt"))
                            + Files.readString(dir.resolve("long.txt")))
                    .doesNotContain(secret);
        }
    }

    @Test
    void maskingKeepsDatesAndHidesNumbersInAnyForm() {
        assertThat(LogMasking.mask("value '+5511987654321|+552199876543' too long"))
                .isEqualTo("value '+5511*****4321|+5521****6543' too long");
        assertThat(LogMasking.mask("as_of=2026-11-23, tel (11) 98765-4321 or 11 3456-7890, 12 rows"))
                .startsWith("as_of=2026-11-23, tel ")
                .endsWith("4321 or 11****7890, 12 rows")
                .doesNotContain("98765");
        assertThat(LogMasking.mask("no numbers here: 1,000,000 rows in 12.5 s"))
                .isEqualTo("no numbers here: 1,000,000 rows in 12.5 s");
    }
}
