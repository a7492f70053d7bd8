package io.dialready.output;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Formats one CSV record (without its line end) with opencsv: quotes only the fields that need it (delimiter, quote,
 * line break), doubling embedded quotes. Not thread-safe: one per writer.
 */
public final class CsvLineFormatter {

    private final StringWriter buffer = new StringWriter(256);
    private final ICSVWriter writer;
    private final char delimiter;

    public CsvLineFormatter(char delimiter) {
        this.delimiter = delimiter;
        this.writer = new CSVWriterBuilder(buffer)
                .withSeparator(delimiter)
                .withLineEnd("")
                .build();
    }

    /**
     * Appends one field to a line being built by hand, quoted by the same rule as {@link #format} (only when it holds
     * the delimiter, a quote or a line break). For the writer's hot path, where going through opencsv for every field
     * of every phone costs more than the rest of the line.
     */
    public StringBuilder append(StringBuilder line, String field) {
        if (field == null || field.isEmpty()) {
            return line;
        }
        boolean quote = false;
        for (int i = 0; i < field.length() && !quote; i++) {
            char c = field.charAt(i);
            quote = c == delimiter || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            return line.append(field);
        }
        line.append('"');
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '"') {
                line.append('"');
            }
            line.append(c);
        }
        return line.append('"');
    }

    public char delimiter() {
        return delimiter;
    }

    public String format(String... fields) {
        buffer.getBuffer().setLength(0);
        writer.writeNext(fields, false);
        try {
            writer.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        return buffer.toString();
    }
}
