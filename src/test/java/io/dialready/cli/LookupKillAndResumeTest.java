package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.source.Portfolio;
import io.dialready.spec.JobSpecBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kills a real run (SIGKILL, in its own JVM) in the middle of its lookup step, runs the same command again, and checks
 * the outputs are byte for byte those of an uninterrupted run, with no number left unanswered and no number asked
 * twice beyond the requests that were in flight when it was killed.
 */
@Tag("slow")
class LookupKillAndResumeTest {

    private static final int ROWS = 3_000;

    @TempDir
    Path dir;

    private List<String> command(Path spec, Path out, Path data, Path log) {
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
                log.toString(),
                "--as-of",
                "2026-11-23",
                "--quiet");
    }

    @Test
    void aRunKilledDuringItsLookupsResumesWithTheNextUnansweredNumber() throws Exception {
        Portfolio.write(dir.resolve("big.csv"), ROWS);
        Path spec = JobSpecBuilder.portfolio("big.csv")
                .lookup("batch_size", 20)
                .lookup("concurrency", 4)
                .sandbox("latency_ms", 40)
                .lookupYaml("""
                          accounts:
                            - name: conta-1
                              rate: 500/s
                              burst: 20
                              jitter_ms: 0
                              daily_quota: 1000000
                        """)
                .chunkSize(200)
                .writeTo(dir.resolve("job.yml"));

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
        Map<?, ?> refReport =
                JsonMapper.shared().readValue(refOut.resolve("big.report.json").toFile(), Map.class);
        int numbers = (Integer) refReport.get("lookups_requested");
        assertThat(numbers).isGreaterThan(2000);

        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path out = dir.resolve("out");
        Path data = dir.resolve("data");
        Path log = dir.resolve("log.txt");
        Process p = new ProcessBuilder(command(spec, out, data, log))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.txt").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive()
                && System.nanoTime() < deadline
                && !(Files.exists(log) && Files.readString(log).contains("lookup plan:"))) {
            Thread.sleep(20);
        }
        Thread.sleep(300 + random.nextInt(1500));
        assertThat(p.isAlive())
                .as("still looking up when killed (seed " + seed + ")")
                .isTrue();
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(Files.readString(log))
                .as("killed before the rows step")
                .doesNotContain("Executing step: [enrich-rows]");

        Process resume = new ProcessBuilder(command(spec, out, data, log))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("resume.txt").toFile())
                .start();
        assertThat(resume.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(resume.exitValue())
                .as(Files.readString(dir.resolve("resume.txt")))
                .isZero();
        assertThat(Files.readString(dir.resolve("resume.txt"))).contains("resumed and completed");

        for (String name : List.of("big.enriched.csv", "big.dialer.csv", "big.rejects.csv")) {
            assertThat(out.resolve(name))
                    .as(name + " (seed " + seed + ")")
                    .hasSameBinaryContentAs(refOut.resolve(name));
        }
        Map<?, ?> report =
                JsonMapper.shared().readValue(out.resolve("big.report.json").toFile(), Map.class);
        assertThat(report.get("whatsapp")).isEqualTo(refReport.get("whatsapp"));
        assertThat(report.get("pending")).isEqualTo(0);
        // only the requests in flight at the kill (at most 4 workers x 20 numbers) were sent twice
        assertThat((Integer) report.get("lookups_requested")).isBetween(numbers, numbers + 4 * 20);
        assertThat((Integer) report.get("executions")).isEqualTo(2);
    }
}
