package io.dialready.output.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** How the report page writes its values: counts with thousands separators, shares, durations, escaped text. */
final class ReportText {

    private ReportText() {}

    /** A text resource beside this class. */
    static String resource(String name) {
        try (InputStream in = ReportText.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    static String str(Object o) {
        return o == null ? "-" : String.valueOf(o);
    }

    static String value(Object o) {
        if (o instanceof Long || o instanceof Integer) {
            return count(o);
        }
        return o == null ? "-" : String.valueOf(o);
    }

    static String count(Object o) {
        if (o instanceof Number n) {
            return String.format(Locale.ROOT, "%,d", n.longValue());
        }
        return o == null ? "-" : String.valueOf(o);
    }

    static String percent(long part, long whole) {
        if (whole == 0) {
            return "-";
        }
        double p = 100.0 * part / whole;
        return String.format(Locale.ROOT, p > 0 && p < 10 ? "%.1f%%" : "%.0f%%", p);
    }

    static String seconds(double s) {
        long whole = Math.round(s);
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        return whole >= 3600
                ? String.format(Locale.ROOT, "%d h %02d min", whole / 3600, whole / 60 % 60)
                : String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }

    static String time(String iso) {
        // 2026-11-23T23:40:01.123456 -> 2026-11-23 23:40:01
        String t = iso.replace('T', ' ');
        int dot = t.indexOf('.');
        return dot > 0 ? t.substring(0, dot) : t;
    }

    static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash >= 0 ? path.substring(slash + 1) : path;
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
