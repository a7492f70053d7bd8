package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.source.Portfolio;
import io.dialready.spec.JobSpecBuilder;
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

    private JobSpecBuilder spec(int latency) {
        return JobSpecBuilder.csv("in.csv")
                .key("CONTRATO")
                .phone("DDD1", "FONE1")
                .phoneColumn("TELEFONES")
                .sandbox("latency_ms", latency)
                .chunkSize(100)
                .output("dir", "out");
    }

    private Path writeSpec(int latency) {
        return spec(latency).writeTo(dir.resolve("job.yml"));
    }

    private CliRun resume() {
        return CliRun.of(
                "resume",
                "--data",
                dir.resolve("data").toString(),
                "--log-file",
                dir.resolve("log.txt").toString(),
                "--quiet");
    }

    @Test
    void nothingToResumeInAFreshDataFolderAndResumeOnlyStartsNothing() throws Exception {
        CliRun none = resume();
        assertThat(none.exitCode()).as(none.err()).isZero();
        assertThat(none.out()).startsWith("dialready: nothing to resume (no job repository in ");

        Portfolio.write(dir.resolve("in.csv"), 50);
        Path spec = writeSpec(0);
        CliRun only = CliRun.of(
                "enrich",
                "--job",
                spec.toString(),
                "--resume-only",
                "--data",
                dir.resolve("data").toString(),
                "--log-file",
                dir.resolve("log.txt").toString(),
                "--quiet");
        assertThat(only.exitCode()).as(only.err()).isZero();
        assertThat(only.out().strip())
                .isEqualTo("dialready: nothing to resume for " + spec + " on " + dir.resolve("in.csv"));
        assertThat(dir.resolve("out"))
                .isDirectoryNotContaining(p -> !p.getFileName().toString().equals(".dialready.lock"));
        // a completed run is not "unfinished"
        assertThat(CliRun.of(
                                "enrich",
                                "--job",
                                spec.toString(),
                                "--data",
                                dir.resolve("data").toString(),
                                "--log-file",
                                dir.resolve("log.txt").toString(),
                                "--quiet")
                        .exitCode())
                .isZero();
        assertThat(resume().out()).startsWith("dialready: nothing to resume in ");
    }

    /** A run that failed on its input's bytes would fail the same way every night: reported once, then abandoned. */
    @Test
    void aRunThatFailsAgainOnItsInputIsReportedOnceThenAbandoned() throws Exception {
        StringBuilder csv = new StringBuilder(Portfolio.HEADER).append('\n');
        for (int i = 0; i < 3000; i++) {
            csv.append("C").append(i).append(";1;N;1,00;01/11/2026;11;98765-4321;;;;;;SP\n");
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // row 3002 holds a cell of 1.1 million characters, found only when the run reaches it (a bad byte is now
        // found before the run starts, issue 12: the encoding is decided on the whole file)
        bytes.writeBytes(("C9;1;" + "N".repeat(1_100_000) + ";1,00;01/11/2026;11;98765-4321;;;;;;SP\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.write(dir.resolve("in.csv"), bytes.toByteArray());
        Path spec = spec(0).writeTo(dir.resolve("job.yml"));
        CliRun first = CliRun.of(
                "enrich",
                "--job",
                spec.toString(),
                "--data",
                dir.resolve("data").toString(),
                "--log-file",
                dir.resolve("log.txt").toString(),
                "--quiet");
        assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(3);
        assertThat(first.err()).contains("is longer than 1,000,000 characters");

        CliRun r = resume();
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("resuming run 1 failed (exit code 3), and would every time; marked abandoned");
        assertThat(r.out()).contains("resume done: 0 resumed, 1 failed again, 0 abandoned");
        CliRun next = resume();
        assertThat(next.exitCode()).isZero();
        assertThat(next.out()).startsWith("dialready: nothing to resume in ");
    }

    @Test
    void aKilledRunWhoseSpecChangedIsAbandonedNotResumedWithOtherRules() throws Exception {
        Portfolio.write(dir.resolve("in.csv"), 10_000);
        Path spec = writeSpec(40);
        Process p = new ProcessBuilder(ChildJvm.dialready(
                        "256m",
                        "enrich",
                        "--job",
                        spec.toString(),
                        "--data",
                        dir.resolve("data").toString(),
                        "--log-file",
                        dir.resolve("log.txt").toString(),
                        "--quiet"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.txt").toFile())
                .start();
        Path part = dir.resolve("out/in.enriched.csv.part");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (p.isAlive() && System.nanoTime() < deadline && (!Files.exists(part) || Files.size(part) < 100_000)) {
            Thread.sleep(5);
        }
        assertThat(p.isAlive()).as(Files.readString(dir.resolve("killed.txt"))).isTrue();
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        writeSpec(0); // the spec edited after the crash

        CliRun r = resume();
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("resuming run 1 (" + spec + " on " + dir.resolve("in.csv") + ", left STARTED)")
                .contains("run 1 (" + spec + " on " + dir.resolve("in.csv") + ") cannot be resumed: its job spec, or a"
                        + " file the spec names, changed since it ran; marked abandoned")
                .contains("resume done: 0 resumed, 0 failed again, 1 abandoned");
        assertThat(dir.resolve("out/in.enriched.csv")).doesNotExist();
        assertThat(resume().out()).startsWith("dialready: nothing to resume in ");
    }
}
