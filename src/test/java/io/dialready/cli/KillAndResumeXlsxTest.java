package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import io.dialready.source.Portfolio;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kills a run with an XLSX input and XLSX outputs (SIGKILL, in its own JVM) in its rows step, runs the same command
 * again, and opens the resulting workbook: every row exactly once, the same cells as an uninterrupted run.
 */
@Tag("slow")
class KillAndResumeXlsxTest {

    private static final int ROWS = 4_000;

    @TempDir
    Path dir;

    /** The CSV test portfolio as a workbook, with every all-digit value (phones, area codes) as a numeric cell. */
    static void writeWorkbook(Path csv, Path xlsx) throws Exception {
        SXSSFWorkbook wb = new SXSSFWorkbook(100);
        try (Reader in = Files.newBufferedReader(csv, Charset.forName("windows-1252"));
                CSVReader reader = new CSVReaderBuilder(in)
                        .withCSVParser(new CSVParserBuilder().withSeparator(';').build())
                        .build();
                OutputStream os = Files.newOutputStream(xlsx)) {
            SXSSFSheet sheet = wb.createSheet("carteira");
            int r = 0;
            String[] fields;
            while ((fields = reader.readNext()) != null) {
                Row row = sheet.createRow(r++);
                for (int i = 0; i < fields.length; i++) {
                    String v = fields[i];
                    if (v.isEmpty()) {
                        continue;
                    }
                    if (v.matches("[1-9]\\d{0,14}")) {
                        row.createCell(i).setCellValue(Double.parseDouble(v));
                    } else {
                        row.createCell(i).setCellValue(v);
                    }
                }
            }
            wb.write(os);
        } finally {
            wb.dispose();
            wb.close();
        }
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
                "2026-11-23",
                "--quiet");
    }

    @Test
    void aKilledXlsxRunResumesToAValidWorkbookWithEveryRowOnce() throws Exception {
        Path csv = dir.resolve("big.csv");
        Portfolio.write(csv, ROWS);
        Path input = dir.resolve("big.xlsx");
        writeWorkbook(csv, input);
        Path spec = Files.writeString(dir.resolve("job.yml"), """
                country: BR
                input:
                  path: big.xlsx
                columns:
                  key: CONTRATO
                  amount: VALOR
                  due_date: VENCIMENTO
                phones:
                  - ddd: DDD1
                    number: FONE1
                  - ddd: DDD2
                    number: FONE2
                  - column: TELEFONES
                lookup:
                  sandbox:
                    latency_ms: 25
                run:
                  chunk_size: 40
                output:
                  format: both
                """);

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
        double fraction = 0.2 + new Random(seed).nextDouble() * 0.5;
        Path out = dir.resolve("out");
        Path data = dir.resolve("data");
        Path part = out.resolve("big.enriched.csv.part");
        Process p = new ProcessBuilder(command(spec, out, data))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("proc.txt").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (p.isAlive()
                && System.nanoTime() < deadline
                && (!Files.exists(part) || Files.size(part) < fraction * finalSize)) {
            Thread.sleep(5);
        }
        assertThat(p.isAlive())
                .as("still running when killed (seed " + seed + ")")
                .isTrue();
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(out.resolve("big.enriched.xlsx")).doesNotExist();

        Process resume = new ProcessBuilder(command(spec, out, data))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("resume.txt").toFile())
                .start();
        assertThat(resume.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(resume.exitValue())
                .as(Files.readString(dir.resolve("resume.txt")))
                .isZero();
        assertThat(Files.readString(dir.resolve("resume.txt"))).contains("resumed and completed");

        List<List<String>> enriched = XlsxJobTest.cells(out.resolve("big.enriched.xlsx"), null, "");
        assertThat(enriched)
                .as("the same cells as the uninterrupted run (seed " + seed + ")")
                .isEqualTo(XlsxJobTest.csvRows(refOut.resolve("big.enriched.csv")));
        // in a workbook the CSV's short "BROKEN;ROW" lines are just rows with two cells: enriched, not rejected
        Set<String> keys = new HashSet<>();
        int broken = 0;
        for (List<String> row : enriched.subList(1, enriched.size())) {
            if (row.get(0).equals("BROKEN")) {
                broken++;
            } else {
                assertThat(keys.add(row.get(0)))
                        .as("row " + row.get(0) + " once")
                        .isTrue();
            }
        }
        assertThat(keys).hasSize(ROWS);
        assertThat(broken).isEqualTo(ROWS / 1000);
        assertThat(XlsxJobTest.cells(out.resolve("big.dialer.xlsx"), null, ""))
                .isEqualTo(XlsxJobTest.csvRows(refOut.resolve("big.dialer.csv")));
        assertThat(out.resolve("big.rejects.csv")).hasSameBinaryContentAs(refOut.resolve("big.rejects.csv"));
        Map<?, ?> report =
                JsonMapper.shared().readValue(out.resolve("big.report.json").toFile(), Map.class);
        assertThat(report.get("rows_read")).isEqualTo(ROWS + ROWS / 1000);
        assertThat(report.get("executions")).isEqualTo(2);
    }
}
