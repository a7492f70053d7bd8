package io.dialready.run;

import io.dialready.phone.LogMasking;
import java.util.Locale;

/**
 * Makes a run's one-line message safe to print, log, mail (nightly) and write beside a failed file (the watcher's
 * {@code .error.txt}): phone numbers and CPF-like documents masked as in the log, and no more than {@link #MAX_CHARS}
 * characters (a parser's message once quoted every shared string of a workbook, 73 KB of names and numbers).
 */
public final class Messages {

    public static final int MAX_CHARS = 600;

    private Messages() {}

    /** File paths (a token with a slash and a letter: {@code /tmp/junit-1953891825882765429/x.csv}) are kept whole. */
    private static final java.util.regex.Pattern PATH =
            java.util.regex.Pattern.compile("[^\\s'\"()\\[\\],]*[/\\\\][^\\s'\"()\\[\\],]*");

    private static String maskOutsidePaths(String message) {
        java.util.List<String> paths = new java.util.ArrayList<>();
        java.util.regex.Matcher m = PATH.matcher(message);
        StringBuilder held = new StringBuilder();
        while (m.find()) {
            if (m.group().chars().anyMatch(Character::isLetter)) {
                m.appendReplacement(held, "\u0000" + paths.size() + "\u0000");
                paths.add(m.group());
            }
        }
        m.appendTail(held);
        String masked = LogMasking.mask(held.toString());
        for (int i = 0; i < paths.size(); i++) {
            masked = masked.replace("\u0000" + i + "\u0000", paths.get(i));
        }
        return masked;
    }

    public static String safe(String message) {
        if (message == null) {
            return null;
        }
        String masked = maskOutsidePaths(message);
        if (masked.length() <= MAX_CHARS) {
            return masked;
        }
        return masked.substring(0, MAX_CHARS)
                + String.format(
                        Locale.ROOT,
                        "... (%,d more characters left out; the log file has the details)",
                        masked.length() - MAX_CHARS);
    }
}
