package io.dialready.source;

/**
 * One data row as read from the input, before any interpretation.
 *
 * @param line   physical line number where the row starts (1-based, header included), as the rejects file reports it
 * @param fields the values, in header order; for a malformed row, whatever was read
 * @param error  why the row cannot be used (e.g. wrong number of fields), null for a well-formed row
 */
@SuppressWarnings("ArrayRecordComponent") // a row's fields, handed on and never compared or hashed
public record SourceRow(long line, String[] fields, String error) {

    public boolean malformed() {
        return error != null;
    }
}
