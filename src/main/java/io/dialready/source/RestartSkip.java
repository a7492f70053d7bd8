package io.dialready.source;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * Where a restarted file reader takes up: it reads again, and drops, the rows the interrupted run had already
 * committed. A file that now has fewer rows was replaced, and the run must not go on as if it were the same input.
 */
public final class RestartSkip {

    private RestartSkip() {}

    /** Reads and drops {@code rows} rows with {@code read} (the reader's own read()), failing when the file ends first. */
    public static void skip(Supplier<SourceRow> read, long rows, Path file) {
        for (long i = 0; i < rows; i++) {
            if (read.get() == null) {
                throw new ItemStreamException(file + ": has fewer rows (" + i + ") than the interrupted run had read ("
                        + rows + "); was the input replaced?");
            }
        }
    }
}
