package io.dialready.sink;

import java.io.IOException;
import java.io.StringWriter;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;

/**
 * Formats one CSV record (without its line end) with opencsv: quotes only the fields that need it (delimiter, quote,
 * line break), doubling embedded quotes. Not thread-safe: one per writer.
 */
public final class CsvLineFormatter {

    private final StringWriter buffer = new StringWriter(256);
    private final ICSVWriter writer;

    public CsvLineFormatter(char delimiter) {
        this.writer = new CSVWriterBuilder(buffer).withSeparator(delimiter).withLineEnd("").build();
    }

    public String format(String... fields) {
        buffer.getBuffer().setLength(0);
        writer.writeNext(fields, false);
        try {
            writer.flush();
        }
        catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        return buffer.toString();
    }
}
