package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.source.Portfolio;
import io.dialready.spec.JobSpecBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kills a real run (SIGKILL, in its own JVM) twice at random points of its rows step, runs the same command again,
 * and checks the outputs are byte for byte those of an uninterrupted run.
 */
@Tag("slow")
class KillAndResumeTest {

    private static final int ROWS = 30_000;

    @TempDir
    Path dir;

    private List<String> command(Path spec, Path out, Path data) {
        return ChildJvm.dialready(
                "256m",
                "enrich",
                "--job",
                spec.toString(),
                "--output",
                out.toString(),
                "--data",
                data.toString(),
                "--log-file",
                dir.resolve("log.txt").toString(),
                "--as-of",
                "2026-11-23",
                "--quiet");
    }

    @Test
    void aKilledRunResumesAndProducesTheSameFiles() throws Exception {
        killAndResume("", List.of());
    }

    /** The same with every optional output: the shared-numbers pre-pass, profile and campaign steps all resume. */
    @Test
    void aKilledRunWithEveryProfileResumesToTheSameFiles() throws Exception {
        Path dnc = Files.writeString(dir.resolve("dnc.txt"), "(21) 91000-0001\n(11) 3000-0007\n");
        Path keys = Files.writeString(dir.resolve("keys.txt"), "C15\nC1500\n");
        killAndResume(
                """
                calling_rules: %s
                shared_numbers: true
                suppression:
                  do_not_call: [%s]
                  debtor_keys: [%s]
                output:
                  profiles: [per-debtor, vicidial, vicidial-pipe, genesys]
                  vicidial: {list_id: 101}
                campaigns:
                  whatsapp:
                    templates: {"0-30": a, "31-90": b, "90+": c}
                  sms_optin:
                    business_number: "(11) 3456-7000"
                    text: "Oi {name}, {amount}: {link}"
                    whatsapp_text: "Contrato {key}"
                """.formatted(Path.of("jobs/calling-rules.yml").toAbsolutePath(), dnc, keys),
                List.of(
                        "big.per-debtor.csv",
                        "big.vicidial.csv",
                        "big.vicidial.txt",
                        "big.genesys.csv",
                        "big.whatsapp-campaign.csv",
                        "big.sms-optin.csv"));
    }

    private void killAndResume(String extraSpec, List<String> extraFiles) throws Exception {
        Path input = Portfolio.write(dir.resolve("big.csv"), ROWS);
        Path spec = JobSpecBuilder.portfolio("big.csv")
                .sandbox("latency_ms", 25)
                .chunkSize(200)
                .yaml(extraSpec)
                .writeTo(dir.resolve("job.yml"));

        // the reference: one uninterrupted run
        Path refOut = dir.resolve("ref");
        CliRun ref = CliRun.of(
                "enrich",
                "--job",
                spec.toString(),
                "--output",
                refOut.toString(),
                "--data",
                dir.resolve("ref-data").toString(),
                "--log-file",
                dir.resolve("ref-log.txt").toString(),
                "--as-of",
                "2026-11-23",
                "--quiet");
        assertThat(ref.exitCode()).as(ref.err()).isZero();
        long finalSize = Files.size(refOut.resolve("big.enriched.csv"));

        long seed = System.nanoTime();
        Random random = new Random(seed);
        double first = 0.1 + random.nextDouble() * 0.3;
        double second = first + 0.1 + random.nextDouble() * 0.3;
        Path out = dir.resolve("out");
        Path data = dir.resolve("data");
        Path part = out.resolve("big.enriched.csv.part");
        int kills = 0;
        for (double fraction : new double[] {first, second}) {
            Process p = new ProcessBuilder(command(spec, out, data))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("proc-" + kills + ".txt").toFile())
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (p.isAlive()
                    && System.nanoTime() < deadline
                    && (!Files.exists(part) || Files.size(part) < fraction * finalSize)) {
                Thread.sleep(5);
            }
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hooks, nothing flushed
                kills++;
                assertThat(out.resolve("big.enriched.csv"))
                        .as("no final file from a killed run (seed " + seed + ")")
                        .doesNotExist();
            }
        }
        assertThat(kills).as("the run was killed mid-way (seed " + seed + ")").isGreaterThanOrEqualTo(1);

        Process resume = new ProcessBuilder(command(spec, out, data))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("resume.txt").toFile())
                .start();
        assertThat(resume.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(resume.exitValue())
                .as(Files.readString(dir.resolve("resume.txt")))
                .isZero();
        assertThat(Files.readString(dir.resolve("resume.txt"))).contains("resumed and completed");

        List<String> files = new ArrayList<>(List.of("big.enriched.csv", "big.dialer.csv", "big.rejects.csv"));
        files.addAll(extraFiles);
        for (String name : files) {
            assertThat(refOut.resolve(name)).isNotEmptyFile();
            assertThat(out.resolve(name))
                    .as(name + " (seed " + seed + ")")
                    .hasSameBinaryContentAs(refOut.resolve(name));
        }
        Map<?, ?> report =
                JsonMapper.shared().readValue(out.resolve("big.report.json").toFile(), Map.class);
        Map<?, ?> refReport =
                JsonMapper.shared().readValue(refOut.resolve("big.report.json").toFile(), Map.class);
        for (String key : new ArrayList<>(List.of(
                "rows_read",
                "rows_enriched",
                "rows_rejected",
                "phones_valid",
                "phones_unique",
                "phones_invalid",
                "whatsapp",
                "segments",
                "lookups_requested",
                "numbers_shared",
                "phones_shared",
                "phones_suppressed",
                "debtors_suppressed",
                "whatsapp_by_segment",
                "whatsapp_by_phone_type"))) {
            assertThat(report.get(key)).as(key).isEqualTo(refReport.get(key));
        }
        assertThat(report.get("rows_read")).isEqualTo(ROWS + ROWS / 1000);
        assertThat((Integer) report.get("executions")).isEqualTo(kills + 1);
    }
}
