package io.dialready.spec;

import java.nio.file.Path;
import java.util.List;

/**
 * A job spec (jobs/*.yml) after loading, validation and defaults: what to read, how to map its columns, how to look
 * numbers up and where to write, and the calling rules file (null: none). Paths are absolute. Documented key by key in jobs/README.md.
 */
public record JobSpec(Path specFile, String name, String country, Input input, Columns columns, List<PhoneSource> phones,
        Lookup lookup, Output output, Run run, Path callingRules) {

    /** The spec without a calling rules file (no time-zone and window columns). */
    public JobSpec(Path specFile, String name, String country, Input input, Columns columns, List<PhoneSource> phones,
            Lookup lookup, Output output, Run run) {
        this(specFile, name, country, input, columns, phones, lookup, output, run, null);
    }

    /** Where the debtor rows come from. {@code encoding} and {@code delimiter} are null when they are to be detected. */
    public record Input(Path path, String format, String encoding, Character delimiter, boolean header) {
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

    /** {@code dir} is null when the spec leaves it to the command line (default: ./out). */
    public record Output(Path dir, String encoding, char delimiter, String lineSeparator) {
    }

    public record Run(int chunkSize, int threads) {
    }
}
