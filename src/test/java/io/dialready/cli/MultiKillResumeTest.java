package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.bench.PortfolioGenerator;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nothing lost, proven on 100,000 rows: one run is killed with SIGKILL (its own JVM, no shutdown hook, nothing
 * flushed) several times, at seeded random points of each step in turn (twice in the rows step, then in the dialer
 * file, in a profile file and in the finish step's XLSX conversion), resumed each time by the same
 * command, and its final outputs are compared byte for byte with those of an uninterrupted run; then every input row
 * is accounted for. A random <em>time</em> would nearly always land in the rows step, so each kill waits for its step's
 * own file to appear in the output folder and to reach a random share of its final size.
 * <p>
 * The seed is printed in every failure message; rerun one with {@code -Ddialready.kill-seed=<seed>}.
 */
@Tag("slow")
class MultiKillResumeTest {

    private static final int ROWS = 100_000;
    /** Rows appended to the generated file that must come out as row rejects: short rows, no key. */
    private static final String[] BAD_ROWS = {
        "BROKEN;ROW", "X;Y;Z", ";000.000.000-00;SEM CHAVE;1,00;01/11/2026;11;91111-2222;;;;;;SP"
    };

    @TempDir
    Path dir;

    /** A kill point: a step's name and the condition on the output folder that says the process is inside it. */
    private record KillPoint(String step, Predicate<Path> reached) {}

    @Test
    void killedManyTimesAcrossEveryStepTheRunStillGivesTheSameFilesAndLosesNoRow() throws Exception {
        Path input = dir.resolve("big.csv");
        PortfolioGenerator.generate("br", ROWS, input, 7);
        StringBuilder tail = new StringBuilder();
        for (String bad : BAD_ROWS) {
            tail.append(bad).append("\r\n");
        }
        Files.write(input, tail.toString().getBytes(Charset.forName("windows-1252")), StandardOpenOption.APPEND);
        Path spec = Files.writeString(dir.resolve("job.yml"), """
                country: BR
                input:
                  path: big.csv
                columns:
                  key: CONTRATO
                  name: NOME
                  document: CPF
                  amount: VALOR
                  due_date: VENCIMENTO
                phones:
                  - ddd: DDD1
                    number: FONE1
                  - ddd: DDD2
                    number: FONE2
                  - column: TELEFONES
                run:
                  chunk_size: 500
                output:
                  format: both
                  profiles: [per-debtor]
                campaigns:
                  sms_optin:
                    business_number: "(11) 3456-7000"
                    text: "Oi {first_name}, {amount}: {link}"
                    whatsapp_text: "Contrato {key}"
                """);

        // the reference: one uninterrupted run, in its own JVM like the others
        Path refOut = dir.resolve("ref");
        Process ref = start(command(spec, refOut, dir.resolve("ref-data")), "ref.txt");
        assertThat(ref.waitFor(180, TimeUnit.SECONDS))
                .as("reference run finished")
                .isTrue();
        assertThat(ref.exitValue()).as(Files.readString(dir.resolve("ref.txt"))).isZero();
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String name : List.of("big.enriched.csv", "big.dialer.csv", "big.per-debtor.csv", "big.sms-optin.csv")) {
            sizes.put(name, Files.size(refOut.resolve(name)));
        }

        long seed = Long.getLong("dialready.kill-seed", System.nanoTime());
        Random random = new Random(seed);
        double first = 0.05 + 0.4 * random.nextDouble();
        double second = first + 0.05 + 0.4 * random.nextDouble();
        List<KillPoint> points = List.of(
                partReached("enrich-rows", "big.enriched.csv", first, sizes),
                partReached("enrich-rows", "big.enriched.csv", second, sizes),
                partReached("dialer-file", "big.dialer.csv", 0.1 + 0.8 * random.nextDouble(), sizes),
                partReached("per-debtor-file", "big.per-debtor.csv", 0.1 + 0.8 * random.nextDouble(), sizes),
                // finish: the enriched workbook is being written or written, the dialer workbook not yet renamed
                new KillPoint("finish", out -> Files.exists(out.resolve("big.enriched.xlsx.part"))));

        Path out = dir.resolve("out");
        Path data = dir.resolve("data");
        List<String> killedIn = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        int next = 0;
        int attempt = 0;
        Process last = null;
        while (true) {
            Process p = start(command(spec, out, data), "attempt-" + attempt + ".txt");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            boolean killed = false;
            while (p.isAlive() && System.nanoTime() < deadline) {
                if (next < points.size() && points.get(next).reached().test(out)) {
                    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL
                    killedIn.add(points.get(next).step());
                    next++;
                    killed = true;
                    assertThat(out.resolve("big.report.json"))
                            .as("no report from a killed run (seed " + seed + ")")
                            .doesNotExist();
                    break;
                }
                Thread.sleep(2);
            }
            attempt++;
            if (!killed) {
                assertThat(p.waitFor(120, TimeUnit.SECONDS))
                        .as("attempt %d ended (seed %d)", attempt, seed)
                        .isTrue();
                last = p;
                for (int i = next; i < points.size(); i++) {
                    missed.add(points.get(i).step());
                }
                break;
            }
        }
        String context = "seed " + seed + ", killed in " + killedIn + ", missed " + missed;
        String lastOutput = Files.readString(dir.resolve("attempt-" + (attempt - 1) + ".txt"));
        assertThat(last.exitValue()).as(context + ": " + lastOutput).isZero();
        // the steps run in order, so a missed kill point is a step that went by between two polls: rare, and the
        // points before it were still hit. Most of them must have been.
        assertThat(killedIn).as(context).hasSizeGreaterThanOrEqualTo(4).contains("enrich-rows");
        if (!killedIn.isEmpty()) {
            assertThat(lastOutput).as(context).contains("resumed and completed");
        }

        for (String name : List.of(
                "big.enriched.csv", "big.dialer.csv", "big.rejects.csv", "big.per-debtor.csv", "big.sms-optin.csv")) {
            assertThat(refOut.resolve(name)).isNotEmptyFile();
            assertThat(out.resolve(name)).as(name + " (" + context + ")").hasSameBinaryContentAs(refOut.resolve(name));
        }
        for (String name : List.of("big.enriched.xlsx", "big.dialer.xlsx")) {
            assertSameWorkbook(out.resolve(name), refOut.resolve(name), name + " (" + context + ")");
        }
        Map<String, Object> report = withoutVolatileKeys(out.resolve("big.report.json"));
        Map<String, Object> refReport = withoutVolatileKeys(refOut.resolve("big.report.json"));
        assertThat(report).as(context).isEqualTo(refReport);
        Map<?, ?> full =
                JsonMapper.shared().readValue(out.resolve("big.report.json").toFile(), Map.class);
        assertThat(full.get("executions")).as(context).isEqualTo(killedIn.size() + 1);
        assertThat(out.toFile().list((d, n) -> n.endsWith(".part")))
                .as("no part file left")
                .isEmpty();

        RowAccounting.check(
                input,
                Charset.forName("windows-1252"),
                ';',
                out.resolve("big.enriched.csv"),
                out.resolve("big.rejects.csv"),
                out.resolve("big.report.json"));
        assertThat(full.get("rows_read")).isEqualTo(ROWS + BAD_ROWS.length);
        assertThat(full.get("rows_rejected")).isEqualTo(BAD_ROWS.length);
    }

    /**
     * The same workbook: every part of the ZIP container (sheets, styles, shared strings) byte for byte, except the
     * document properties, which hold the time the workbook was written.
     */
    static void assertSameWorkbook(Path actual, Path expected, String what) throws Exception {
        try (ZipFile a = new ZipFile(actual.toFile());
                ZipFile e = new ZipFile(expected.toFile())) {
            List<String> names = new ArrayList<>();
            e.stream().forEach(entry -> names.add(entry.getName()));
            List<String> actualNames = new ArrayList<>();
            a.stream().forEach(entry -> actualNames.add(entry.getName()));
            assertThat(actualNames).as(what).containsExactlyInAnyOrderElementsOf(names);
            for (String name : names) {
                if (name.startsWith("docProps/")) {
                    continue;
                }
                try (InputStream x = a.getInputStream(a.getEntry(name));
                        InputStream y = e.getInputStream(e.getEntry(name))) {
                    assertThat(x).as(what + ": " + name).hasSameContentAs(y);
                }
            }
        }
    }

    /** The step's part file holds at least the given share of the size the reference run's file has. */
    private static KillPoint partReached(String step, String file, double share, Map<String, Long> sizes) {
        long target = (long) (share * sizes.get(file));
        return new KillPoint(step, out -> {
            try {
                Path part = out.resolve(file + ".part");
                return Files.exists(part) && Files.size(part) >= target;
            } catch (java.io.IOException e) {
                return false; // renamed between the two calls
            }
        });
    }

    /** The report without what differs between two runs of the same input: times, attempts, heap, folder. */
    static Map<String, Object> withoutVolatileKeys(Path report) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = JsonMapper.shared().readValue(report.toFile(), Map.class);
        for (String key : Set.of(
                "started_at",
                "finished_at",
                "duration_seconds",
                "rows_per_second",
                "enrich_rows_per_second",
                "executions",
                "peak_heap_mb")) {
            assertThat(r).containsKey(key);
            r.remove(key);
        }
        @SuppressWarnings("unchecked")
        Map<String, String> outputs = (Map<String, String>) r.remove("outputs");
        Map<String, String> names = new LinkedHashMap<>();
        outputs.forEach((k, v) -> names.put(k, Path.of(v).getFileName().toString()));
        r.put("outputs", names);
        return r;
    }

    private Process start(List<String> command, String log) throws Exception {
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile())
                .start();
    }

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
                PortfolioGenerator.AS_OF.toString(),
                "--quiet");
    }
}
