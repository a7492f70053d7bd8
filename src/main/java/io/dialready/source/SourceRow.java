package io.dialready.source;

/**
 * One data row as read from the input, before any interpretation.
 *
 * @param line   physical line number where the row starts (1-based, header included), as the rejects file reports it
 * @param fields the values, in header order; for a malformed row, whatever was read
 * @param error  why the row cannot be used (e.g. wrong number of fields), null for a well-formed row
 * @param lastLine    physical line where the row ends (a quoted field may span lines); {@code line} for others
 * @param blankBefore blank lines skipped just before the row (CSV), so that every physical line is accounted for
 */
@SuppressWarnings("ArrayRecordComponent") // a row's fields, handed on and never compared or hashed
public record SourceRow(long line, String[] fields, String error, long lastLine, long blankBefore) {

    public SourceRow(long line, String[] fields, String error) {
        this(line, fields, error, line, 0);
    }

    /** The physical lines the row spans. */
    public long lines() {
        return lastLine - line + 1;
    }

    public boolean malformed() {
        return error != null;
    }
}
