package io.dialready.db;

import java.util.regex.Pattern;

/** JDBC URLs as they may be shown: in messages, logs and job parameters, never with a password in them. */
public final class JdbcUrls {

    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*):[^/@]*@");

    private JdbcUrls() {}

    /** The URL with any password (a {@code password=} parameter or {@code user:password@}) replaced by ***. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String u = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(u).replaceAll("$1:***@");
    }

    public static boolean mysql(String url) {
        return url != null && url.startsWith("jdbc:mysql:");
    }
}
