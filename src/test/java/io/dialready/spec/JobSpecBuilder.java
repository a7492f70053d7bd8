package io.dialready.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Job specs for tests, as YAML a user would write (jobs/README.md), so that each test says only what matters to it:
 * {@code JobSpecBuilder.csv("in.csv").key("KEY").phoneColumn("FONE").sandbox("active_share", 0).writeTo(dir)}. Values
 * go into the YAML as given (quote them as YAML needs); {@link #yaml(String)} adds a section the builder does not
 * model (accounts, campaigns, suppression).
 */
public final class JobSpecBuilder {

    private final Map<String, Object> top = new LinkedHashMap<>();
    private final Map<String, Object> input = new LinkedHashMap<>();
    private final Map<String, Object> columns = new LinkedHashMap<>();
    private final List<String> phones = new ArrayList<>();
    private final Map<String, Object> lookup = new LinkedHashMap<>();
    private final Map<String, Object> sandbox = new LinkedHashMap<>();
    private final List<String> lookupBlocks = new ArrayList<>();
    private final Map<String, Object> run = new LinkedHashMap<>();
    private final Map<String, Object> output = new LinkedHashMap<>();
    private final List<String> sections = new ArrayList<>();

    private JobSpecBuilder() {
        top.put("country", "BR");
    }

    /** A Brazilian job reading the CSV or XLSX file at {@code path} (relative to the spec's folder). */
    public static JobSpecBuilder csv(String path) {
        JobSpecBuilder b = new JobSpecBuilder();
        b.input.put("path", path);
        return b;
    }

    /**
     * A job on the columns of {@code source/Portfolio}'s files: key CONTRATO, amount VALOR, due date VENCIMENTO, phones
     * DDD1+FONE1, DDD2+FONE2 and the free-text TELEFONES.
     */
    public static JobSpecBuilder portfolio(String path) {
        return csv(path)
                .key("CONTRATO")
                .column("amount", "VALOR")
                .column("due_date", "VENCIMENTO")
                .phone("DDD1", "FONE1")
                .phone("DDD2", "FONE2")
                .phoneColumn("TELEFONES");
    }

    /** A top-level key: country, calling_rules, shared_numbers. */
    public JobSpecBuilder set(String key, Object value) {
        top.put(key, value);
        return this;
    }

    public JobSpecBuilder country(String country) {
        return set("country", country);
    }

    /** An input key beside path: encoding, delimiter, sheet, header_row. */
    public JobSpecBuilder input(String key, Object value) {
        input.put(key, value);
        return this;
    }

    public JobSpecBuilder key(String column) {
        return column("key", column);
    }

    /** A column of the debtor: key, name, document, amount, due_date, days_overdue, date_format. */
    public JobSpecBuilder column(String role, String column) {
        columns.put(role, column);
        return this;
    }

    /** A phone in a column of its own (any format). */
    public JobSpecBuilder phoneColumn(String column) {
        phones.add("  - column: " + column);
        return this;
    }

    /** A phone split into an area code column and a number column. */
    public JobSpecBuilder phone(String dddColumn, String numberColumn) {
        phones.add("  - ddd: " + dddColumn + "\n    number: " + numberColumn);
        return this;
    }

    /** A lookup key: provider, batch_size, concurrency, check_fixed_lines. */
    public JobSpecBuilder lookup(String key, Object value) {
        lookup.put(key, value);
        return this;
    }

    /** YAML inside the lookup section, as written (indent it by two spaces): accounts, retries. */
    public JobSpecBuilder lookupYaml(String block) {
        lookupBlocks.add(block.endsWith("\n") ? block : block + "\n");
        return this;
    }

    /** A key of the sandbox provider: active_share, legacy_form_share, latency_ms. */
    public JobSpecBuilder sandbox(String key, Object value) {
        sandbox.put(key, value);
        return this;
    }

    public JobSpecBuilder chunkSize(int rows) {
        run.put("chunk_size", rows);
        return this;
    }

    /** An output key: dir, format, profiles, delimiter, phone_columns. */
    public JobSpecBuilder output(String key, Object value) {
        output.put(key, value);
        return this;
    }

    /** YAML appended as written: a section the builder does not model (campaigns, suppression, lookup accounts). */
    public JobSpecBuilder yaml(String section) {
        sections.add(section.endsWith("\n") ? section : section + "\n");
        return this;
    }

    /** The spec's text. */
    public String yaml() {
        StringBuilder y = new StringBuilder();
        top.forEach((k, v) -> y.append(k).append(": ").append(v).append('\n'));
        map(y, "input", input);
        map(y, "columns", columns);
        if (!phones.isEmpty()) {
            y.append("phones:\n");
            phones.forEach(p -> y.append(p).append('\n'));
        }
        if (!lookup.isEmpty() || !sandbox.isEmpty() || !lookupBlocks.isEmpty()) {
            y.append("lookup:\n");
            lookup.forEach(
                    (k, v) -> y.append("  ").append(k).append(": ").append(v).append('\n'));
            if (!sandbox.isEmpty()) {
                y.append("  sandbox:\n");
                sandbox.forEach((k, v) ->
                        y.append("    ").append(k).append(": ").append(v).append('\n'));
            }
            lookupBlocks.forEach(y::append);
        }
        map(y, "run", run);
        map(y, "output", output);
        sections.forEach(y::append);
        return y.toString();
    }

    /** Writes the spec to {@code file} and returns it. */
    public Path writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, yaml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void map(StringBuilder y, String name, Map<String, Object> values) {
        if (!values.isEmpty()) {
            y.append(name).append(":\n");
            values.forEach(
                    (k, v) -> y.append("  ").append(k).append(": ").append(v).append('\n'));
        }
    }
}
