package io.dialready.source.csv;

import java.nio.charset.Charset;

/** How a CSV file is encoded and separated, as given in the spec or detected from its first bytes. */
public record CsvFormat(
        Charset charset, int bomLength, char delimiter, boolean encodingDetected, boolean delimiterDetected) {}
