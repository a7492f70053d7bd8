package io.dialready.spec;

import java.nio.file.Path;
import java.util.List;

/**
 * A job spec (jobs/*.yml) after loading, validation and defaults: what to read, how to map its columns, how to look
 * numbers up and where to write. Paths are absolute. Documented key by key in jobs/README.md.
 */
public record JobSpec(Path specFile, String name, String country, Input input, Columns columns, List<PhoneSource> phones,
        Lookup lookup, Output output, Run run) {

    /**
     * Where the debtor rows come from. {@code format} is null when it is to be guessed from the input file's extension
     * ({@link #formatOf}); {@code encoding} and {@code delimiter} (CSV) are null when they are to be detected;
     * {@code sheet} (XLSX: a name or a 1-based position) is null for the first sheet, {@code headerRow} (XLSX: 1-based)
     * null to detect the header row.
     */
    public record Input(Path path, String format, String encoding, Character delimiter, boolean header, String sheet,
            Integer headerRow) {

        /** The format to read {@code file} with: the spec's, or guessed from the file's extension. */
        public String formatOf(Path file) {
            if (format != null) {
                return format;
            }
            String lower = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".xlsx") || lower.endsWith(".xlsm")) {
                return "xlsx";
            }
            return lower.endsWith(".xls") ? "xls" : "csv";
        }

        public boolean isWorkbook(Path file) {
            return !formatOf(file).equals("csv");
        }
    }

    /** Which input columns hold what. Only {@code key} is required. */
    public record Columns(String key, String name, String document, String amount, String dueDate, String daysOverdue,
            String dateFormat, char decimalSeparator) {
    }

    /**
     * One place phones are found: a single {@code column} (which may hold several numbers when {@code multiple}), or an
     * area-code column {@code ddd} plus a {@code number} column.
     */
    public record PhoneSource(String column, String ddd, String number, boolean multiple) {

        public boolean split() {
            return ddd != null;
        }

        /** The name the outputs use for this source: the column, or "DDD1+FONE1". */
        public String label() {
            return split() ? ddd + "+" + number : column;
        }
    }

    public record Lookup(String provider, Sandbox sandbox, boolean checkFixedLines, boolean dryRun, int batchSize) {
    }

    /** The built-in sandbox provider: deterministic answers, no network. */
    public record Sandbox(double activeShare, int latencyMs, long seed, double legacyFormShare) {
    }

    /**
     * {@code dir} is null when the spec leaves it to the command line (default: ./out). {@code format} is csv, xlsx or
     * both: which files the enriched and dialer outputs are (rejects and report are always CSV and JSON).
     */
    public record Output(Path dir, String encoding, char delimiter, String lineSeparator, String format) {

        public boolean csv() {
            return !format.equals("xlsx");
        }

        public boolean xlsx() {
            return !format.equals("csv");
        }
    }

    public record Run(int chunkSize, int threads) {
    }
}
