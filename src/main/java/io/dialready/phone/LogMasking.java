package io.dialready.phone;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks whatever looks like a phone number in a line of log text, with {@link PhoneMask}: a run of at least eight
 * digits, with an optional leading '+' and up to two separators (space, dot, dash, parentheses) between digits. The
 * log file's safety net: the code logs no numbers, but an exception message can quote a value (a database error quoting
 * the row it failed on, say). Dates ({@code 2026-11-23}) are left alone; other long numbers (a file size, a time in
 * milliseconds) are masked too, which costs nothing.
 */
public final class LogMasking {

    private static final Pattern NUMBER = Pattern.compile("\\+?\\d(?:[ ().-]{0,2}\\d){7,}");
    private static final Pattern DATE =
            Pattern.compile("(?<!\\d)\\d{4}-\\d{2}-\\d{2}(?:[ T]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)?(?!\\d)");

    private LogMasking() {}

    public static String mask(String text) {
        if (text == null || text.length() < 8) {
            return text;
        }
        // dates and times are kept as they are; only the text between them is searched for numbers
        Matcher d = DATE.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        int last = 0;
        while (d.find()) {
            maskNumbers(text.substring(last, d.start()), sb);
            sb.append(d.group());
            last = d.end();
        }
        maskNumbers(text.substring(last), sb);
        return sb.toString();
    }

    private static void maskNumbers(String text, StringBuilder sb) {
        Matcher m = NUMBER.matcher(text);
        int last = 0;
        while (m.find()) {
            sb.append(text, last, m.start()).append(PhoneMask.mask(m.group()));
            last = m.end();
        }
        sb.append(text, last, text.length());
    }
}
