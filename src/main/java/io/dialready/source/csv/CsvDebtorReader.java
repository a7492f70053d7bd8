package io.dialready.source.csv;

import io.dialready.source.InputUnreadableException;
import io.dialready.source.Invisibles;
import io.dialready.source.RestartSkip;
import io.dialready.source.SourceRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads a debtor CSV with opencsv (RFC 4180 quoting, so backslashes in data are kept and quoted fields may span
 * lines), one {@link SourceRow} per record. Blank lines are skipped; a record whose field count differs from the
 * header's comes out as a malformed row for the rejects file rather than an exception.
 * <p>
 * Restartable: the number of records handed out is saved at each commit, and a restart skips that many records.
 */
public class CsvDebtorReader implements ItemStreamReader<SourceRow> {

    /**
     * The most characters one record (a row, with every line of its quoted fields) may hold: a debtor row holds a few
     * hundred. A longer one is a cell of megabytes or a quote opened and never closed, and reading it whole could
     * exhaust the heap, so the run stops there with a message naming the line.
     */
    public static final int MAX_RECORD_CHARS = 1_000_000;

    /** Records handed out and committed; a restart skips this many. */
    public static final String READ_KEY = "csv.records.read";

    private final Path file;
    private final CsvFormat format;
    private final boolean strictCharset;
    private CsvRecords reader;
    private RecordLimit limit;
    private String[] header;
    private long recordsRead;
    private boolean exhausted;
    private final java.util.concurrent.atomic.AtomicLong bytesRead = new java.util.concurrent.atomic.AtomicLong();
    private volatile long fileSize;

    public CsvDebtorReader(Path file, CsvFormat format) {
        this.file = file;
        this.format = format;
        this.strictCharset = format.charset().name().startsWith("UTF");
    }

    /** The header and whether any data row follows it, read without running a job (for the pre-flight checks). */
    public record Probe(List<String> header, boolean hasDataRows) {}

    public static Probe probe(Path file, CsvFormat format) {
        CsvDebtorReader r = new CsvDebtorReader(file, format);
        r.open(new ExecutionContext());
        try {
            return new Probe(List.of(r.header), r.read() != null);
        } finally {
            r.close();
        }
    }

    public String[] header() {
        return header;
    }

    @Override
    public void open(ExecutionContext context) {
        try {
            fileSize = Files.size(file);
            bytesRead.set(0);
            InputStream in = new CountingInputStream(Files.newInputStream(file), bytesRead);
            in.skipNBytes(format.bomLength());
            // Bad bytes become U+FFFD and are caught per row (see checkDecoded), which gives the right line
            // number; a decoder that reports them would fail while reading ahead, lines before the bad one.
            CharsetDecoder decoder = format.charset()
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            limit = new RecordLimit(new InputStreamReader(in, decoder), MAX_RECORD_CHARS);
            reader = new CsvRecords(new java.io.BufferedReader(limit), format.delimiter());
        } catch (IOException e) {
            throw new InputUnreadableException(file + ": cannot be opened (" + e.getMessage() + ")", e);
        }
        if (format.sepLine()) {
            try {
                reader.skipLine(); // Excel's "sep=;" line: not the header
            } catch (IOException e) {
                throw new InputUnreadableException(file + ": cannot be read (" + e.getMessage() + ")", e);
            }
        }
        CsvRecords.Record headerRecord = nextNonBlank();
        if (headerRecord == null) {
            throw new InputUnreadableException(file + ": the file holds no header row");
        }
        String[] first = headerRecord.fields();
        reader.width(first.length);
        header = new String[first.length];
        for (int i = 0; i < first.length; i++) {
            header[i] = first[i] == null ? "" : Invisibles.trim(first[i]);
        }
        recordsRead = 0;
        exhausted = false;
        RestartSkip.skip(this::read, context.getLong(READ_KEY, 0L), file);
    }

    @Override
    public SourceRow read() {
        if (exhausted) {
            return null;
        }
        long startLine = reader.linesRead() + 1;
        CsvRecords.Record record;
        try {
            limit.startRecord();
            record = reader.next();
            if (record == null) {
                exhausted = true;
                return null;
            }
        } catch (RecordLimit.TooLongException e) {
            throw new InputUnreadableException(
                    file + ": the row starting at line " + startLine + " is longer than "
                            + String.format(java.util.Locale.ROOT, "%,d", MAX_RECORD_CHARS)
                            + " characters (a debtor row holds a"
                            + " few hundred): a cell of megabytes, or a quote opened and never closed",
                    e);
        } catch (IOException e) {
            throw new InputUnreadableException(
                    file + ": read error near line " + (reader.linesRead() + 1) + " (" + e.getMessage() + ")", e);
        }
        recordsRead++;
        String[] fields = withoutNul(record.fields());
        String error = record.error();
        if (error == null) {
            error = undecodable(fields);
        }
        if (error == null && fields.length != header.length) {
            error = "expected " + header.length + " fields, found " + fields.length;
        }
        return new SourceRow(record.firstLine(), fields, error, record.lastLine(), record.blankBefore());
    }

    /** NUL characters (a UTF-16 file's padding, a binary tail past the detector's sample) are not copied on. */
    private static String[] withoutNul(String[] fields) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] != null && fields[i].indexOf('\0') >= 0) {
                fields[i] = fields[i].replace("\0", "");
            }
        }
        return fields;
    }

    /** The file's physical lines and the blank ones at its end, counted apart from the rows, for the report. */
    public record LineCount(long lines, long trailingBlank) {}

    /**
     * Counts the physical lines of the file as the reader splits them (CR, LF or CRLF), independently of the records,
     * so the report can check that every line is a header, blank, enriched or rejected line.
     */
    public static LineCount countLines(Path file, CsvFormat format) {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(format.bomLength());
            java.io.BufferedReader lines = new java.io.BufferedReader(new InputStreamReader(in, format.charset()));
            long count = 0;
            long trailing = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                count++;
                trailing = line.isBlank() ? trailing + 1 : 0;
            }
            return new LineCount(count, trailing);
        } catch (IOException e) {
            throw new InputUnreadableException(
                    file + ": cannot be read again to count its lines (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A byte that does not decode in an otherwise valid Unicode file is a bad row, not a reason to stop or to read the
     * whole file as another encoding (the detector decided the encoding on the whole file): the row is rejected.
     */
    private String undecodable(String[] fields) {
        if (!strictCharset) {
            return null;
        }
        for (String f : fields) {
            if (f != null && f.indexOf('\uFFFD') >= 0) {
                return "bytes that are not valid " + format.charset().name() + " (shown as \uFFFD)";
            }
        }
        return null;
    }

    private CsvRecords.Record nextNonBlank() {
        try {
            limit.startRecord();
            CsvRecords.Record record = reader.next();
            if (record != null && strictCharset) {
                for (String f : record.fields()) {
                    if (f != null && f.indexOf('\uFFFD') >= 0) {
                        throw new InputUnreadableException(file + ": has bytes that are not valid "
                                + format.charset().name() + " in the header (set input.encoding, e.g. windows-1252)");
                    }
                }
            }
            return record;
        } catch (RecordLimit.TooLongException e) {
            throw new InputUnreadableException(
                    file + ": the header row is longer than "
                            + String.format(java.util.Locale.ROOT, "%,d", MAX_RECORD_CHARS)
                            + " characters: not a debtor list,"
                            + " or a quote opened and never closed",
                    e);
        } catch (IOException e) {
            throw new InputUnreadableException(file + ": the header cannot be read (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(READ_KEY, recordsRead);
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                // nothing to save: the file was only read
            }
            reader = null;
        }
    }

    /**
     * The share of the file's bytes read so far (0..1), for the progress display's estimate of the total and its ETA;
     * slightly ahead of the rows handed out (the decoder and the parser read ahead by a buffer). NaN before opening.
     */
    public double fractionRead() {
        long size = fileSize;
        return size <= 0 ? Double.NaN : Math.min(1.0, bytesRead.get() / (double) size);
    }

    /** Counts the bytes read through it (read from another thread by the progress display). */
    private static final class CountingInputStream extends java.io.FilterInputStream {

        private final java.util.concurrent.atomic.AtomicLong count;

        CountingInputStream(InputStream in, java.util.concurrent.atomic.AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count.addAndGet(skipped);
            return skipped;
        }
    }

    /**
     * Counts the characters read since the current record started and refuses to read past the limit, so that a
     * runaway record fails with a message instead of filling the heap. Sits below the line buffer, so the count
     * includes up to a buffer's worth of what follows the record: the limit is approximate by that much.
     */
    static final class RecordLimit extends java.io.FilterReader {

        static final class TooLongException extends IOException {
            TooLongException() {
                super("record longer than the limit");
            }
        }

        private final long max;
        private long count;

        RecordLimit(Reader in, long max) {
            super(in);
            this.max = max;
        }

        void startRecord() {
            count = 0;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0 && ++count > max) {
                throw new TooLongException();
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (count > max) {
                throw new TooLongException();
            }
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    @Override
    public String toString() {
        return "CsvDebtorReader[" + file + ", " + format + ", header=" + Arrays.toString(header) + "]";
    }
}
