package io.dialready.source;

/**
 * Characters a spreadsheet user cannot see: the no-break spaces Excel and web pages leave around a value, zero-width
 * spaces and joiners pasted from chat apps, a byte-order mark. A header {@code "CPF\u00A0"} or a key
 * {@code "\u200B123"} looks right on screen and matches nothing, so they are trimmed from header names and debtor keys,
 * and shown as escapes in a message that quotes a header.
 */
public final class Invisibles {

    private Invisibles() {}

    /** Whether the character is white space, a no-break space, zero-width or a byte-order mark. */
    public static boolean invisible(char c) {
        return Character.isWhitespace(c)
                || Character.isSpaceChar(c)
                || c == '\u200B'
                || c == '\u200C'
                || c == '\u200D'
                || c == '\u2060'
                || c == '\uFEFF';
    }

    /** The value without invisible characters at either end (and without BOMs anywhere); null stays null. */
    public static String trim(String value) {
        if (value == null) {
            return null;
        }
        int start = 0;
        int end = value.length();
        while (start < end && invisible(value.charAt(start))) {
            start++;
        }
        while (end > start && invisible(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end).replace("\uFEFF", "");
    }

    /** The value with every invisible or control character other than a plain space written as {@code \\uXXXX}. */
    public static String visible(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c != ' ' && (invisible(c) || Character.isISOControl(c))) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
