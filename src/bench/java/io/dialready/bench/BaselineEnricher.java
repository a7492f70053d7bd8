package io.dialready.bench;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvValidationException;
import io.dialready.domain.PhoneCandidate;
import io.dialready.output.report.HeapWatch;
import io.dialready.phone.PhoneNormalizer;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CSV benchmark's baseline: the least a hand-written tool would do with a Brazilian portfolio, as one plain
 * single-threaded loop without Spring, a job repository, restartability, lookups or ranking. It reads a BR-shaped file
 * (Windows-1252, {@code ;}, RFC 4180 quoting) with opencsv, normalises the three phone sources of
 * {@link PortfolioGenerator}'s BR shape with {@link PhoneNormalizer} ({@code DDD1+FONE1} and {@code DDD2+FONE2} with
 * {@code parseSplit}, {@code TELEFONES} with {@code parseCell}), and writes every input row plus one column holding its
 * distinct valid E.164 numbers joined by {@code |} (UTF-8, {@code ,}, opencsv's CSVWriter).
 *
 * <p>Blank lines are skipped; rows whose field count differs from the header's are counted and not written (the job
 * rejects them too). Prints one line:
 * {@code baseline rows=N seconds=S rows_per_s=R peak_heap_mb=M}, where rows counts the data records read and peak
 * heap is the peak live heap (after garbage collection), as the job's report computes it.
 *
 * <pre>
 * java -Xmx512m -Dloader.main=io.dialready.bench.BaselineEnricher -cp target/dialready.jar \
 *     org.springframework.boot.loader.launch.PropertiesLauncher --input bench/br.csv --output bench/baseline.csv
 * </pre>
 */
public final class BaselineEnricher {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    static final String PHONES_COLUMN = "phones_e164";
    private static final int BUFFER = 1 << 20;

    /** What one run did. */
    public record Result(long rows, long malformed, long phonesValid, double seconds, long peakHeapMb) {

        public long rowsPerSecond() {
            return seconds > 0 ? Math.round(rows / seconds) : 0;
        }

        public String line() {
            return String.format(
                    Locale.ROOT,
                    "baseline rows=%d seconds=%.3f rows_per_s=%d peak_heap_mb=%d",
                    rows,
                    seconds,
                    rowsPerSecond(),
                    peakHeapMb);
        }
    }

    private BaselineEnricher() {}

    public static void main(String[] args) {
        HeapWatch.start();
        Path input = null;
        Path output = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                System.out.println("usage: BaselineEnricher --input FILE --output FILE");
                return;
            }
            if (i + 1 >= args.length) {
                fail("missing value for " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--input" -> input = Path.of(v);
                case "--output" -> output = Path.of(v);
                default -> fail("unknown option " + a);
            }
        }
        if (input == null || output == null) {
            fail("--input and --output are required");
        }
        Result result;
        try {
            result = run(input, output);
        } catch (IOException | CsvValidationException | IllegalArgumentException e) {
            System.err.println("baseline: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (result.malformed() > 0) {
            System.err.println("baseline: " + result.malformed() + " rows with the wrong number of fields skipped");
        }
        System.out.println(result.line());
    }

    private static void fail(String message) {
        System.err.println("baseline: " + message);
        System.err.println("usage: BaselineEnricher --input FILE --output FILE");
        System.exit(2);
    }

    public static Result run(Path input, Path output) throws IOException, CsvValidationException {
        long start = System.nanoTime();
        PhoneNormalizer normalizer = new PhoneNormalizer("BR");
        long rows = 0;
        long malformed = 0;
        long phonesValid = 0;
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (CSVReader reader = new CSVReaderBuilder(new BufferedReader(
                                new InputStreamReader(Files.newInputStream(input), WINDOWS_1252), BUFFER))
                        .withCSVParser(
                                new RFC4180ParserBuilder().withSeparator(';').build())
                        .build();
                ICSVWriter writer = new CSVWriter(new BufferedWriter(
                        new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8), BUFFER))) {
            String[] header = reader.readNext();
            if (header == null) {
                throw new IllegalArgumentException(input + " is empty");
            }
            int ddd1 = column(header, "DDD1");
            int fone1 = column(header, "FONE1");
            int ddd2 = column(header, "DDD2");
            int fone2 = column(header, "FONE2");
            int telefones = column(header, "TELEFONES");
            int width = header.length;
            writer.writeNext(append(header, PHONES_COLUMN), false);

            List<String> e164 = new ArrayList<>(8);
            StringBuilder joined = new StringBuilder(64);
            String[] row;
            while ((row = reader.readNext()) != null) {
                if (row.length == 1 && row[0].isEmpty()) {
                    continue; // blank line
                }
                rows++;
                if (row.length != width) {
                    malformed++;
                    continue;
                }
                e164.clear();
                collect(normalizer.parseSplit("DDD1+FONE1", row[ddd1], row[fone1]), e164);
                collect(normalizer.parseSplit("DDD2+FONE2", row[ddd2], row[fone2]), e164);
                collect(normalizer.parseCell("TELEFONES", row[telefones]), e164);
                phonesValid += e164.size();
                joined.setLength(0);
                for (int k = 0; k < e164.size(); k++) {
                    if (k > 0) {
                        joined.append('|');
                    }
                    joined.append(e164.get(k));
                }
                writer.writeNext(append(row, joined.toString()), false);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(rows, malformed, phonesValid, seconds, peakHeapMb());
    }

    /** Adds the valid numbers not already in {@code out} (a debtor's same number found twice counts once). */
    private static void collect(List<PhoneCandidate> candidates, List<String> out) {
        for (int k = 0; k < candidates.size(); k++) {
            PhoneCandidate c = candidates.get(k);
            if (c.valid() && !out.contains(c.e164())) {
                out.add(c.e164());
            }
        }
    }

    private static int column(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            String h = header[i];
            if (i == 0 && !h.isEmpty() && h.charAt(0) == '\uFEFF') {
                h = h.substring(1);
            }
            if (h.trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("column " + name + " not found in the header " + String.join(";", header));
    }

    private static String[] append(String[] row, String value) {
        String[] out = new String[row.length + 1];
        System.arraycopy(row, 0, out, 0, row.length);
        out[row.length] = value;
        return out;
    }

    /** Peak live heap (after garbage collection), in MiB, measured as the job's report measures it. */
    static long peakHeapMb() {
        return HeapWatch.peakMb();
    }
}
