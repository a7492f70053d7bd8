package io.dialready.db;

import java.util.regex.Pattern;

/**
 * Table and column names that come from a job spec: checked against a strict pattern before they are used in SQL,
 * where they cannot be bound as parameters. Values are always bound, never pasted.
 */
public final class Identifiers {

    /** Letters, digits and underscores, not starting with a digit, at most 64 characters (MySQL's limit). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private Identifiers() {}

    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * A table name, optionally qualified by its database ({@code crm.debtors}); each part is checked. Returns it
     * unchanged, or throws naming what is wrong.
     */
    public static String table(String name) {
        if (name == null) {
            throw new IllegalArgumentException("is empty");
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("must be a table name or database.table, not '" + name + "'");
        }
        for (String p : parts) {
            if (!valid(p)) {
                throw new IllegalArgumentException("must be letters, digits and underscores (not starting with a digit,"
                        + " at most 64), not '" + name + "'");
            }
        }
        return name;
    }

    public static String column(String name) {
        if (!valid(name)) {
            throw new IllegalArgumentException("must be letters, digits and underscores (not starting with a digit,"
                    + " at most 64), not '" + name + "'");
        }
        return name;
    }
}
