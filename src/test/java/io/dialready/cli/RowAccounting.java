package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks that every data row of a CSV input is accounted for: read independently of the job, each record is either the
 * next row of the enriched file (its original columns, in input order) or a row reject naming the record's first line
 * with the whole record as its value; and the report's {@code rows_read = rows_enriched + rows_rejected} matches.
 */
final class RowAccounting {

    private RowAccounting() {}

    static void check(Path input, Charset charset, char delimiter, Path enriched, Path rejects, Path report)
            throws Exception {
        // the rejects file: line -> whole-row value, for the rows rejected as a whole
        Map<Long, String> rowRejects = new HashMap<>();
        Map<Long, Integer> rejectsPerLine = new HashMap<>();
        try (CSVReader r = csv(Files.newBufferedReader(rejects, StandardCharsets.UTF_8), ',')) {
            assertThat(r.readNext()).containsExactly("line", "column", "value", "reason");
            for (String[] f; (f = r.readNext()) != null; ) {
                long line = Long.parseLong(f[0]);
                rowRejects.merge(line, f[2], (a, b) -> a + "\n" + b);
                rejectsPerLine.merge(line, 1, Integer::sum);
            }
        }
        long read = 0;
        long enrichedRows = 0;
        long rejectedRows = 0;
        try (CSVReader in = csv(Files.newBufferedReader(input, charset), delimiter);
                CSVReader out = csv(Files.newBufferedReader(enriched, StandardCharsets.UTF_8), ',')) {
            String[] header = nextNonBlank(in);
            String[] outHeader = out.readNext();
            assertThat(Arrays.copyOf(outHeader, header.length))
                    .as("the enriched file starts with the input's columns")
                    .isEqualTo(stripBom(header));
            String[] pendingOut = out.readNext();
            while (true) {
                long line = in.getLinesRead() + 1;
                String[] rec = in.readNext();
                if (rec == null) {
                    break;
                }
                if (rec.length == 1 && rec[0].isBlank()) {
                    continue;
                }
                read++;
                String whole = String.join(String.valueOf(delimiter), rec);
                if (pendingOut != null
                        && rec.length == header.length
                        && sameCells(rec, Arrays.copyOf(pendingOut, header.length))) {
                    enrichedRows++;
                    pendingOut = out.readNext();
                } else {
                    String values = rowRejects.get(line);
                    assertThat(values)
                            .as("input line %d is neither enriched (in order) nor rejected: %s", line, whole)
                            .isNotNull();
                    assertThat(values.split("\n"))
                            .as("the reject of line %d holds the whole row", line)
                            .contains(whole);
                    rejectedRows++;
                }
            }
            assertThat(pendingOut)
                    .as("the enriched file has no row the input does not have")
                    .isNull();
        }
        Map<?, ?> r = JsonMapper.shared().readValue(report.toFile(), Map.class);
        assertThat(((Number) r.get("rows_read")).longValue()).as("rows_read").isEqualTo(read);
        assertThat(((Number) r.get("rows_enriched")).longValue())
                .as("rows_enriched")
                .isEqualTo(enrichedRows);
        assertThat(((Number) r.get("rows_rejected")).longValue())
                .as("rows_rejected")
                .isEqualTo(rejectedRows);
        assertThat(read).isEqualTo(enrichedRows + rejectedRows);
    }

    /** Equal, or equal once the enriched file's formula guard (a leading ') is taken off. */
    private static boolean sameCells(String[] input, String[] output) {
        for (int i = 0; i < input.length; i++) {
            String a = input[i];
            String b = output[i];
            if (!a.equals(b) && !("'" + a).equals(b)) {
                return false;
            }
        }
        return true;
    }

    private static String[] stripBom(String[] header) {
        String[] h = header.clone();
        for (int i = 0; i < h.length; i++) {
            h[i] = h[i].replace("\uFEFF", "").strip();
        }
        return h;
    }

    private static String[] nextNonBlank(CSVReader in) throws Exception {
        String[] rec;
        do {
            rec = in.readNext();
        } while (rec != null && rec.length == 1 && rec[0].isBlank());
        return rec;
    }

    private static CSVReader csv(Reader reader, char delimiter) {
        return new CSVReaderBuilder(reader)
                .withCSVParser(
                        new RFC4180ParserBuilder().withSeparator(delimiter).build())
                .build();
    }
}
