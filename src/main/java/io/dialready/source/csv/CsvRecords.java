package io.dialready.source.csv;

import com.opencsv.ICSVParser;
import com.opencsv.RFC4180ParserBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Splits CSV text into records while counting physical lines, so that a stray quote cannot hide rows.
 * <p>
 * opencsv alone reads a quoted field across line breaks until the next quote, however far: a name written
 * {@code "NOME 3} on line 4 and a stray {@code NOME 503"} on line 504 made one record of 500 lines, and 499 debtors
 * vanished into one name. Here a quoted field may span line breaks (an address, a note) but not
 * {@link #MAX_FIELD_LINES} lines, and not a line that is a whole row on its own (as many fields as the header, no
 * quote left open): either way the line where the quote opened is a malformed row naming where the quote would have
 * closed, and the lines after it are read again as rows. A quote never closed before the end of the file is the same
 * case.
 */
final class CsvRecords {

    /** The most physical lines one quoted field may span: an address or a note, not a page. */
    static final int MAX_FIELD_LINES = 10;

    /** How far to look for the line a stray quote would have closed on, to name it. */
    private static final int LOOKAHEAD_LINES = 2_000;

    /** One record: its first and last physical line, the blank lines skipped before it, its fields or why not. */
    record Record(long firstLine, long lastLine, long blankBefore, String[] fields, String error) {}

    private record Line(long number, String text) {}

    private final BufferedReader in;
    private final char delimiter;
    private final Deque<Line> pushedBack = new ArrayDeque<>();
    private long linesRead;
    private int width = -1;

    CsvRecords(Reader in, char delimiter) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
        this.delimiter = delimiter;
    }

    /** The header's field count: from now on a line with as many fields is a whole row. */
    void width(int fields) {
        this.width = fields;
    }

    /** Physical lines read from the text so far (not counting lines pushed back to be read again). */
    long linesRead() {
        return linesRead - pushedBack.size();
    }

    /** Reads one physical line and drops it (Excel's {@code sep=;} line). */
    void skipLine() throws IOException {
        line();
    }

    /** The next non-blank record, or null at the end of the text; blank lines before it are counted in it. */
    Record next() throws IOException {
        long blank = 0;
        while (true) {
            Line first = line();
            if (first == null) {
                trailingBlank = blank;
                return null;
            }
            ICSVParser parser = parser();
            String[] fields = parser.parseLineMulti(first.text());
            if (!parser.isPending()) {
                if (isBlank(fields)) {
                    blank++;
                    continue;
                }
                return new Record(first.number(), first.number(), blank, fields, null);
            }
            return quoted(first, fields, parser, blank);
        }
    }

    private long trailingBlank;

    /** Blank lines after the last record (known once {@link #next} has returned null). */
    long trailingBlank() {
        return trailingBlank;
    }

    /** A record whose first line leaves a quoted field open: read on while that is plausible, else reject the line. */
    private Record quoted(Line first, String[] opened, ICSVParser parser, long blank) throws IOException {
        List<Line> taken = new ArrayList<>();
        List<String> fields = new ArrayList<>(List.of(opened));
        while (parser.isPending()) {
            Line next = line();
            if (next == null) {
                return stray(
                        first,
                        taken,
                        null,
                        parser,
                        "is never closed (the file ends at line " + lastNumber(first, taken) + ")",
                        blank);
            }
            if (wholeRow(next.text()) || taken.size() + 1 >= MAX_FIELD_LINES) {
                taken.add(next);
                String why = wholeRow(next.text())
                        ? "would run over line " + next.number() + ", a whole row on its own"
                        : "spans more than " + MAX_FIELD_LINES + " lines";
                return stray(first, taken, next, parser, why, blank);
            }
            taken.add(next);
            // each call returns the fields completed by that line: the record is all of them (as opencsv's reader)
            fields.addAll(List.of(parser.parseLineMulti(next.text())));
        }
        return new Record(
                first.number(), taken.get(taken.size() - 1).number(), blank, fields.toArray(String[]::new), null);
    }

    /**
     * Rejects the first line alone and puts the lines after it back to be read as rows; the reason names the line the
     * quote would have closed on (looked for up to {@link #LOOKAHEAD_LINES} lines on) so the user can find both ends.
     */
    private Record stray(Line first, List<Line> taken, Line at, ICSVParser parser, String why, long blankBefore)
            throws IOException {
        String closes = "";
        if (at != null) {
            parser.parseLineMulti(at.text());
            closes = closingLine(parser, taken);
        }
        for (int i = taken.size() - 1; i >= 0; i--) {
            pushedBack.addFirst(taken.get(i));
        }
        String reason = "stray quote: the quoted field opened at line " + first.number() + " " + why + closes
                + "; this line is rejected and the lines after it are read as rows";
        return new Record(first.number(), first.number(), blankBefore, new String[] {first.text()}, reason);
    }

    /** Reads on (keeping the lines to be read again) to the line the open quote closes on. */
    private String closingLine(ICSVParser parser, List<Line> taken) throws IOException {
        for (int i = 0; i < LOOKAHEAD_LINES && parser.isPending(); i++) {
            Line next = line();
            if (next == null) {
                return "; it is never closed (the file ends at line "
                        + taken.get(taken.size() - 1).number() + ")";
            }
            taken.add(next);
            parser.parseLineMulti(next.text());
        }
        return parser.isPending()
                ? "; it is not closed within " + String.format(Locale.ROOT, "%,d", LOOKAHEAD_LINES) + " lines"
                : "; it closes at line " + taken.get(taken.size() - 1).number();
    }

    private static long lastNumber(Line first, List<Line> taken) {
        return taken.isEmpty() ? first.number() : taken.get(taken.size() - 1).number();
    }

    private boolean wholeRow(String text) throws IOException {
        if (width < 3) {
            return false; // with one or two columns too many lines of a note would look like rows
        }
        ICSVParser alone = parser();
        String[] fields = alone.parseLineMulti(text);
        return !alone.isPending() && fields.length == width;
    }

    private ICSVParser parser() {
        return new RFC4180ParserBuilder().withSeparator(delimiter).build();
    }

    private Line line() throws IOException {
        if (!pushedBack.isEmpty()) {
            return pushedBack.removeFirst();
        }
        String text = in.readLine();
        if (text == null) {
            return null;
        }
        return new Line(++linesRead, text);
    }

    static boolean isBlank(String[] fields) {
        return fields.length == 0 || (fields.length == 1 && (fields[0] == null || fields[0].isBlank()));
    }

    void close() throws IOException {
        in.close();
    }
}
