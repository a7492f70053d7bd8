package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.source.Portfolio;
import io.dialready.spec.JobSpecBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * scripts/nightly.sh run by bash on temp folders with the built classes (DIALREADY_CMD = this JVM's java and class
 * path): every job of the folder, the dated log and its pruning, the lock, the exit code, and yesterday's killed runs
 * resumed (or abandoned when their input was replaced) before the night's new work.
 */
@Tag("slow")
class NightlyScriptTest {

    @TempDir
    Path dir;

    private Path spec(Path folder, String name, Path input, Path out, int latency) throws Exception {
        return JobSpecBuilder.portfolio(input.toString())
                .sandbox("latency_ms", latency)
                .chunkSize(200)
                .output("dir", out)
                .writeTo(folder.resolve(name));
    }

    private record Result(int exitCode, String stdout) {}

    private Result nightly(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "bash",
                "-c",
                "umask 000; exec bash scripts/nightly.sh \"$@\"",
                "nightly.sh",
                "--jobs",
                dir.resolve("jobs").toString(),
                "--data",
                dir.resolve("data").toString(),
                "--logs",
                dir.resolve("logs").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nightly-stdout.txt").toFile());
        pb.environment().put("DIALREADY_CMD", String.join(" ", ChildJvm.dialready("256m")));
        Process p = pb.start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("nightly.sh finished").isTrue();
        return new Result(p.exitValue(), Files.readString(dir.resolve("nightly-stdout.txt")));
    }

    private Path todaysLog() {
        return dir.resolve("logs/nightly-" + LocalDate.now() + ".log");
    }

    @Test
    void runsEveryJobLogsToADatedFileKeepsTheLastNAndFailsWhenAJobFails() throws Exception {
        Path jobs = dir.resolve("jobs");
        for (String name : List.of("a", "b")) {
            Path input = dir.resolve(name + ".csv");
            Portfolio.write(input, 300);
            spec(jobs, name + ".yml", input, dir.resolve("out-" + name), 0);
        }
        Files.writeString(jobs.resolve("broken.yml"), "country: BR\ninputt: {}\n");
        Files.writeString(jobs.resolve("notes.txt"), "not a spec");
        Files.copy(Path.of("jobs/calling-rules.yml"), jobs.resolve("calling-rules.yml"));
        Files.createDirectories(dir.resolve("logs"));
        for (int day = 1; day <= 5; day++) {
            Files.writeString(dir.resolve("logs/nightly-2026-01-0" + day + ".log"), "old\n");
        }

        Result r = nightly("--keep", "3");

        assertThat(r.exitCode()).as(r.stdout()).isEqualTo(1);
        assertThat(r.stdout().strip())
                .startsWith("nightly " + LocalDate.now() + ": 3 job(s) run, FAILED: broken.yml" + " (exit code 2)")
                .endsWith("(log: " + todaysLog() + ")");
        String log = Files.readString(todaysLog());
        assertThat(log)
                .contains(
                        "job a.yml: completed",
                        "job b.yml: completed",
                        "job broken.yml: FAILED (exit code 2)",
                        "skipped calling-rules.yml: not a job spec (no top-level country, input, columns or phones key)",
                        "dialready: bad job spec",
                        "unknown key 'inputt'",
                        "nothing to resume");
        assertThat(log.indexOf("resume: runs left unfinished"))
                .isLessThan(
                        log.indexOf("--- ") + log.substring(log.indexOf("--- ")).indexOf("job a.yml"));
        assertThat(dir.resolve("out-a/a.enriched.csv")).exists();
        // issue 12, items 10 and 13: under umask 000 the nightly log is still owner/group only
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(todaysLog())))
                .isEqualTo("rw-rw----");
        assertThat(dir.resolve("out-b/b.report.html")).exists();
        try (Stream<Path> logs = Files.list(dir.resolve("logs"))) {
            assertThat(logs.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("nightly-")))
                    .containsExactlyInAnyOrder(
                            "nightly-2026-01-04.log",
                            "nightly-2026-01-05.log",
                            todaysLog().getFileName().toString());
        }
    }

    @Test
    void twoNightlyRunsNeverOverlap() throws Exception {
        Files.createDirectories(dir.resolve("jobs"));
        Files.createDirectories(dir.resolve("data"));
        Process holder =
                new ProcessBuilder("flock", dir.resolve("data/nightly.lock").toString(), "sleep", "60").start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            Result r;
            do {
                Thread.sleep(100);
                r = nightly();
            } while (r.exitCode() != 75 && System.nanoTime() < deadline);
            assertThat(r.exitCode()).as(r.stdout()).isEqualTo(75);
            assertThat(r.stdout()).contains("another nightly run holds");
        } finally {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Yesterday: run X (an ad-hoc job, not in the nightly folder) and run Y (a nightly job) were killed mid-way; Y's
     * input was then replaced by today's file. Tonight: X is resumed to the very files an uninterrupted run writes, Y's
     * old run is abandoned with the reason, and only then does the night's work (Y on today's file) start.
     */
    @Test
    void killedRunsAreResumedBeforeNewWorkAndARunWhoseInputWasReplacedIsAbandoned() throws Exception {
        Path adhoc = dir.resolve("adhoc");
        Path xInput = dir.resolve("x.csv");
        Portfolio.write(xInput, 15_000);
        Path xSpec = spec(adhoc, "x.yml", xInput, dir.resolve("out-x"), 25);
        Path yInput = dir.resolve("y.csv");
        Portfolio.write(yInput, 15_000);
        Path ySpec = spec(dir.resolve("jobs"), "y.yml", yInput, dir.resolve("out-y"), 25);

        // the reference for X: one uninterrupted run elsewhere
        Path refOut = dir.resolve("ref");
        CliRun ref = CliRun.of(
                "enrich",
                "--job",
                xSpec.toString(),
                "--output",
                refOut.toString(),
                "--data",
                dir.resolve("ref-data").toString(),
                "--log-file",
                dir.resolve("ref-log.txt").toString(),
                "--quiet");
        assertThat(ref.exitCode()).as(ref.err()).isZero();
        long finalSize = Files.size(refOut.resolve("x.enriched.csv"));

        killMidRun(xSpec, dir.resolve("out-x/x.enriched.csv.part"), finalSize);
        killMidRun(ySpec, dir.resolve("out-y/y.enriched.csv.part"), finalSize);
        Portfolio.write(yInput, 4_000); // today's file replaces yesterday's

        Result r = nightly();

        String log = Files.readString(todaysLog());
        assertThat(r.exitCode()).as(log).isZero();
        assertThat(log)
                .contains("resuming run", "x.yml on " + xInput, "resumed and completed")
                .contains(
                        "y.yml on " + yInput + ") cannot be resumed: its input " + yInput + " was replaced or changed")
                .contains("resume done: 1 resumed, 0 failed again, 1 abandoned");
        assertThat(log.indexOf("resumed and completed"))
                .as("resumed before the night's jobs")
                .isLessThan(log.indexOf("--- ", log.indexOf("resume done")));
        for (String name : List.of("x.enriched.csv", "x.dialer.csv", "x.rejects.csv")) {
            assertThat(dir.resolve("out-x").resolve(name)).as(name).hasSameBinaryContentAs(refOut.resolve(name));
        }
        Map<?, ?> x =
                JsonMapper.shared().readValue(dir.resolve("out-x/x.report.json").toFile(), Map.class);
        assertThat(x.get("executions")).isEqualTo(2);
        Map<?, ?> y =
                JsonMapper.shared().readValue(dir.resolve("out-y/y.report.json").toFile(), Map.class);
        assertThat(y.get("rows_read")).as("today's file, from its first row").isEqualTo(4_004);
        assertThat(y.get("executions")).isEqualTo(1);

        // the abandoned run is not tried again the next night; a second run the same day appends to the day's log
        Result next = nightly();
        assertThat(next.exitCode()).isZero();
        assertThat(next.stdout()).contains("1 job(s) run, all completed");
        String both = Files.readString(todaysLog());
        assertThat(both).startsWith(log);
        assertThat(both.substring(log.length())).contains("nothing to resume");
    }

    private void killMidRun(Path spec, Path part, long finalSize) throws Exception {
        Process p = new ProcessBuilder(ChildJvm.dialready(
                        "256m",
                        "enrich",
                        "--job",
                        spec.toString(),
                        "--data",
                        dir.resolve("data").toString(),
                        "--log-file",
                        dir.resolve("logs/dialready.log").toString(),
                        "--quiet"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.txt").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (p.isAlive()
                && System.nanoTime() < deadline
                && (!Files.exists(part) || Files.size(part) < 0.3 * finalSize)) {
            Thread.sleep(5);
        }
        assertThat(p.isAlive())
                .as("killed mid-run: " + Files.readString(dir.resolve("killed.txt")))
                .isTrue();
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
}
