package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.source.Portfolio;
import io.dialready.spec.JobSpecBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;

/**
 * The drop-folder watcher for real: a watcher thread on temp folders running the real job, a file written slowly in
 * pieces, duplicates, bad files, temporary names, and a watcher killed (SIGKILL, its own JVM) mid-run and restarted.
 */
class WatchCommandTest {

    private static final Charset CP1252 = Charset.forName("windows-1252");

    @TempDir
    Path dir;

    Path inbox;
    Path outbox;
    Path spec;
    final StringWriter output = new StringWriter();
    final AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Integer> watcher;

    @BeforeEach
    void folders() throws Exception {
        inbox = Files.createDirectories(dir.resolve("inbox"));
        outbox = dir.resolve("outbox");
        spec = JobSpecBuilder.portfolio("unused.csv").chunkSize(200).writeTo(dir.resolve("job.yml"));
    }

    @AfterEach
    void stopWatcher() throws Exception {
        stop.set(true);
        if (watcher != null) {
            watcher.get(60, TimeUnit.SECONDS);
        }
    }

    private List<String> args(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--job",
                spec.toString(),
                "--inbox",
                inbox.toString(),
                "--outbox",
                outbox.toString(),
                "--data",
                dir.resolve("data").toString(),
                "--log-file",
                dir.resolve("log.txt").toString(),
                "--as-of",
                "2026-11-23",
                "--quiet"));
        args.addAll(List.of(extra));
        return args;
    }

    /** A watcher in this JVM, as `dialready watch` runs it, stopped by the test. */
    private int watch(String... extra) {
        WatchCommand command = new WatchCommand();
        command.stop = stop::get;
        CommandLine cl = new CommandLine(command);
        PrintWriter pw = new PrintWriter(output, true);
        cl.setOut(pw);
        cl.setErr(pw);
        return cl.execute(args(extra).toArray(String[]::new));
    }

    private void startWatcher() {
        watcher = CompletableFuture.supplyAsync(() -> watch("--settle", "0.8", "--poll", "0.1"));
    }

    private static void waitFor(Path file, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(file).as("appeared within " + seconds + " s").exists();
    }

    private static byte[] portfolio(int rows) {
        return Portfolio.bytes(rows);
    }

    private static long lines(Path file) throws Exception {
        try (Stream<String> s = Files.lines(file)) {
            return s.count();
        }
    }

    @Test
    void aFileWrittenSlowlyInPiecesIsTakenOnlyWhenCompleteThenDuplicatesAreNotProcessedTwice() throws Exception {
        startWatcher();
        byte[] content = portfolio(2000);
        Path drop = inbox.resolve("carteira.csv");
        int pieces = 6;
        for (int i = 0; i < pieces; i++) {
            int from = content.length * i / pieces;
            int to = content.length * (i + 1) / pieces;
            Files.write(
                    drop,
                    java.util.Arrays.copyOfRange(content, from, to),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            Thread.sleep(400); // an upload that pauses for half the settle time between pieces
            assertThat(drop)
                    .as("not taken while still growing (piece " + i + ")")
                    .exists();
            assertThat(inbox.resolve("processing/carteira.csv")).doesNotExist();
        }
        waitFor(inbox.resolve("done/carteira.csv"), 60);
        assertThat(inbox.resolve("done/carteira.csv")).hasBinaryContent(content);
        assertThat(drop).doesNotExist();
        // every row of the complete file is accounted for (2000 rows + 2 malformed ones: a half-read file has fewer)
        Map<?, ?> report = JsonMapper.shared()
                .readValue(outbox.resolve("carteira.report.json").toFile(), Map.class);
        assertThat(report.get("rows_read")).isEqualTo(2002);
        assertThat(lines(outbox.resolve("carteira.enriched.csv"))).isEqualTo(1 + 2000);
        assertThat(outbox.resolve("carteira.report.html")).exists();
        long outputTime = Files.getLastModifiedTime(outbox.resolve("carteira.enriched.csv"))
                .toMillis();

        // the same name and content again: not processed twice
        Files.write(inbox.resolve("carteira.csv"), content);
        waitFor(inbox.resolve("failed/carteira.csv.error.txt"), 30);
        assertThat(Files.readString(inbox.resolve("failed/carteira.csv.error.txt")))
                .startsWith("carteira.csv: not processed: duplicate: a file with the same name and content");
        assertThat(Files.getLastModifiedTime(outbox.resolve("carteira.enriched.csv"))
                        .toMillis())
                .isEqualTo(outputTime);

        // the same name with new content (tomorrow's file): processed, the earlier input kept under a stamped name
        byte[] tomorrow = portfolio(1500);
        Files.write(inbox.resolve("carteira.csv"), tomorrow);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && doneFiles().size() < 2) {
            Thread.sleep(50);
        }
        assertThat(doneFiles())
                .hasSize(2)
                .contains("carteira.csv")
                .anySatisfy(n -> assertThat(n).matches("carteira\\.\\d{8}-\\d{6}\\.csv"));
        Map<?, ?> second = JsonMapper.shared()
                .readValue(outbox.resolve("carteira.report.json").toFile(), Map.class);
        assertThat(second.get("rows_read")).isEqualTo(1501);
        assertThat(Files.readAllLines(dir.resolve("data/watch-ledger.tsv")))
                .hasSize(2)
                .allSatisfy(l -> assertThat(l.split("\t")[1]).isEqualTo("done"));
    }

    private List<String> doneFiles() throws Exception {
        try (Stream<Path> s = Files.list(inbox.resolve("done"))) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void badFilesGoToFailedWithTheReasonAndTemporaryNamesAreLeftAlone() throws Exception {
        Files.write(inbox.resolve("empty.csv"), new byte[0]);
        Files.write(inbox.resolve("header-only.csv"), (Portfolio.HEADER + "\r\n").getBytes(CP1252));
        Files.writeString(inbox.resolve("contract.pdf"), "%PDF-1.4");
        Files.write(inbox.resolve("upload.csv.part"), portfolio(10));
        Files.write(inbox.resolve(".hidden.csv"), portfolio(10));
        Files.write(inbox.resolve("~$carteira.xlsx"), new byte[] {1, 2, 3});

        int code = watch("--settle", "0.3", "--poll", "0.1", "--once");

        assertThat(code).as(output.toString()).isEqualTo(1);
        assertThat(Files.readString(inbox.resolve("failed/empty.csv.error.txt")))
                .contains("empty.csv: not processed: dialready: input unreadable: ")
                .contains("processing/empty.csv: the file is empty")
                .contains("exit code 3 (input unreadable)");
        assertThat(Files.readString(inbox.resolve("failed/header-only.csv.error.txt")))
                .contains("has a header but no data rows")
                .contains("exit code 3");
        assertThat(Files.readString(inbox.resolve("failed/contract.pdf.error.txt")))
                .contains("not a CSV or XLSX file");
        assertThat(inbox.resolve("failed/empty.csv")).exists();
        assertThat(inbox.resolve("upload.csv.part")).exists();
        assertThat(inbox.resolve(".hidden.csv")).exists();
        assertThat(inbox.resolve("~$carteira.xlsx")).exists();
        assertThat(output.toString()).contains("dialready watch: 0 done, 3 failed");
        // the watcher's own lines are in its --log-file, not in a log of the working folder
        assertThat(Files.readString(dir.resolve("log.txt"))).contains("DropFolder - contract.pdf: failed");
        // a failed file is not a duplicate: dropped again (fixed or not) it is tried again
        Files.write(inbox.resolve("empty.csv"), new byte[0]);
        stop.set(false);
        assertThat(watch("--settle", "0.3", "--poll", "0.1", "--once")).isEqualTo(1);
        assertThat(Files.readString(inbox.resolve("failed/empty.csv.error.txt")))
                .contains("exit code 3");
        try (Stream<Path> s = Files.list(inbox.resolve("failed"))) {
            assertThat(s.filter(p -> p.getFileName().toString().matches("empty\\.\\d{8}-\\d{6}\\.csv")))
                    .hasSize(1);
        }
    }

    /** Issue 12, item 8: a link in the inbox is not followed, and link sub-folders are refused. */
    @Test
    void linksAreNotFollowedAndLinkFoldersAreRefused() throws Exception {
        Path secret = Files.writeString(dir.resolve("shadow"), "root:$6$secret:19000:0:99999:7:::\n");
        Files.createSymbolicLink(inbox.resolve("carteira.csv"), secret);
        Files.write(inbox.resolve("real.csv"), portfolio(10));

        int code = watch("--settle", "0.3", "--poll", "0.1", "--once");

        assertThat(code).as(output.toString()).isZero();
        assertThat(output.toString())
                .contains("carteira.csv: skipped, a symbolic link (the watcher takes regular files only)")
                .contains("dialready watch: 1 done, 0 failed");
        assertThat(Files.isSymbolicLink(inbox.resolve("carteira.csv"))).isTrue();
        assertThat(inbox.resolve("failed/carteira.csv.error.txt")).doesNotExist();
        assertThat(Files.readString(dir.resolve("log.txt"))).doesNotContain("secret");

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path other = Files.createDirectories(dir.resolve("inbox2"));
        Files.createSymbolicLink(other.resolve("done"), elsewhere);
        inbox = other;
        Files.write(inbox.resolve("real.csv"), portfolio(10));
        output.getBuffer().setLength(0);
        stop.set(false);
        int refused = watch("--settle", "0.3", "--poll", "0.1", "--once");
        assertThat(refused).as(output.toString()).isNotZero();
        assertThat(output.toString())
                .contains("refused: " + other.resolve("done") + " is a symbolic link; the watcher's folders must be"
                        + " real folders");
        assertThat(elsewhere).isEmptyDirectory();
    }

    @Test
    void aWatcherKilledMidRunResumesTheFileInProcessingWhenRestarted() throws Exception {
        Path slowSpec = Files.writeString(dir.resolve("slow.yml"), Files.readString(spec) + """
                lookup:
                  sandbox:
                    latency_ms: 25
                """);
        spec = slowSpec;
        byte[] content = portfolio(20_000);

        // the reference: the same content enriched without interruption
        Path refDir = Files.createDirectories(dir.resolve("ref"));
        Files.write(refDir.resolve("big.csv"), content);
        CliRun ref = CliRun.of(
                "enrich",
                "--job",
                spec.toString(),
                "--input",
                refDir.resolve("big.csv").toString(),
                "--output",
                refDir.resolve("out").toString(),
                "--data",
                refDir.resolve("data").toString(),
                "--log-file",
                dir.resolve("ref-log.txt").toString(),
                "--as-of",
                "2026-11-23",
                "--quiet");
        assertThat(ref.exitCode()).as(ref.err()).isZero();
        long finalSize = Files.size(refDir.resolve("out/big.enriched.csv"));

        Files.write(inbox.resolve("big.csv"), content);
        List<String> command = new ArrayList<>(ChildJvm.dialready("256m", "watch"));
        command.addAll(args("--settle", "0.2", "--poll", "0.1"));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("watcher.txt").toFile())
                .start();
        Path part = outbox.resolve("big.enriched.csv.part");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (p.isAlive()
                && System.nanoTime() < deadline
                && (!Files.exists(part) || Files.size(part) < 0.3 * finalSize)) {
            Thread.sleep(5);
        }
        assertThat(p.isAlive()).as(Files.readString(dir.resolve("watcher.txt"))).isTrue();
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL
        assertThat(inbox.resolve("processing/big.csv")).exists();
        assertThat(outbox.resolve("big.enriched.csv")).doesNotExist();

        int code = watch("--settle", "0.2", "--poll", "0.1", "--once");

        assertThat(code).as(output.toString()).isZero();
        assertThat(output.toString()).contains("resumed and completed").contains("1 done, 0 failed");
        assertThat(inbox.resolve("done/big.csv")).hasBinaryContent(content);
        assertThat(inbox.resolve("processing/big.csv")).doesNotExist();
        for (String name : List.of("big.enriched.csv", "big.dialer.csv", "big.rejects.csv")) {
            assertThat(outbox.resolve(name))
                    .as(name)
                    .hasSameBinaryContentAs(refDir.resolve("out").resolve(name));
        }
        Map<?, ?> report =
                JsonMapper.shared().readValue(outbox.resolve("big.report.json").toFile(), Map.class);
        assertThat(report.get("executions")).isEqualTo(2);
        assertThat(report.get("rows_read")).isEqualTo(20_020);
    }
}
