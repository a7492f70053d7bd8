package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dialready resume} and {@code enrich --resume-only} in this JVM, after a run killed in its own JVM: a spec
 * edited since the run cannot be resumed (the run is abandoned, not restarted with other rules); an empty data folder
 * has nothing to resume; --resume-only starts nothing new.
 */
class ResumeCommandTest {

    @TempDir
    Path dir;

    private Path spec(int latency) throws Exception {
        return Files.writeString(dir.resolve("job.yml"), """
                country: BR
                input:
                  path: in.csv
                columns:
                  key: CONTRATO
                phones:
                  - ddd: DDD1
                    number: FONE1
                  - column: TELEFONES
                lookup:
                  sandbox:
                    latency_ms: %d
                run:
                  chunk_size: 100
                output:
                  dir: out
                """.formatted(latency));
    }

    private CliRun resume() {
        return CliRun.of("resume", "--data", dir.resolve("data").toString(), "--log-file",
                dir.resolve("log.txt").toString(), "--quiet");
    }

    @Test
    void nothingToResumeInAFreshDataFolderAndResumeOnlyStartsNothing() throws Exception {
        CliRun none = resume();
        assertThat(none.exitCode()).as(none.err()).isZero();
        assertThat(none.out()).startsWith("dialready: nothing to resume (no job repository in ");

        KillAndResumeTest.writePortfolio(dir.resolve("in.csv"), 50);
        Path spec = spec(0);
        CliRun only = CliRun.of("enrich", "--job", spec.toString(), "--resume-only", "--data",
                dir.resolve("data").toString(), "--log-file", dir.resolve("log.txt").toString(), "--quiet");
        assertThat(only.exitCode()).as(only.err()).isZero();
        assertThat(only.out().strip()).isEqualTo("dialready: nothing to resume for " + spec + " on "
                + dir.resolve("in.csv"));
        assertThat(dir.resolve("out")).isEmptyDirectory();
        // a completed run is not "unfinished"
        assertThat(CliRun.of("enrich", "--job", spec.toString(), "--data", dir.resolve("data").toString(),
                "--log-file", dir.resolve("log.txt").toString(), "--quiet").exitCode()).isZero();
        assertThat(resume().out()).startsWith("dialready: nothing to resume in ");
    }

    @Test
    void aKilledRunWhoseSpecChangedIsAbandonedNotResumedWithOtherRules() throws Exception {
        KillAndResumeTest.writePortfolio(dir.resolve("in.csv"), 10_000);
        Path spec = spec(40);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.dialready.DialreadyApplication", "enrich", "--job", spec.toString(), "--data",
                dir.resolve("data").toString(), "--log-file", dir.resolve("log.txt").toString(), "--quiet")
            .redirectErrorStream(true).redirectOutput(dir.resolve("killed.txt").toFile()).start();
        Path part = dir.resolve("out/in.enriched.csv.part");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (p.isAlive() && System.nanoTime() < deadline && (!Files.exists(part) || Files.size(part) < 100_000)) {
            Thread.sleep(5);
        }
        assertThat(p.isAlive()).as(Files.readString(dir.resolve("killed.txt"))).isTrue();
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        spec(0); // the spec edited after the crash

        CliRun r = resume();
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("resuming run 1 (" + spec + " on " + dir.resolve("in.csv") + ", left STARTED)")
            .contains("run 1 (" + spec + " on " + dir.resolve("in.csv") + ") cannot be resumed: its job spec, or a"
                    + " file the spec names, changed since it ran; marked abandoned")
            .contains("resume done: 0 resumed, 0 failed again, 1 abandoned");
        assertThat(dir.resolve("out/in.enriched.csv")).doesNotExist();
        assertThat(resume().out()).startsWith("dialready: nothing to resume in ");
    }
}
