package io.dialready.source.csv;

import java.nio.charset.Charset;

/**
 * How a CSV file is encoded and separated, as given in the spec or detected from its first bytes.
 *
 * @param sepLine whether the file starts with Excel's {@code sep=;} line, which names the delimiter and is no header
 */
public record CsvFormat(
        Charset charset,
        int bomLength,
        char delimiter,
        boolean encodingDetected,
        boolean delimiterDetected,
        boolean sepLine) {

    public CsvFormat(
            Charset charset, int bomLength, char delimiter, boolean encodingDetected, boolean delimiterDetected) {
        this(charset, bomLength, delimiter, encodingDetected, delimiterDetected, false);
    }
}
