package io.dialready.output;

/**
 * Neutralises cells copied from the input that a spreadsheet would run as a formula when a CSV output is opened
 * (CSV injection, OWASP): a value starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return
 * gets a leading {@code '}, which Excel and LibreOffice read as "this is text" and do not show. Only values that come
 * from the input (its cells and header names) go through here; the columns dialready writes itself (E.164 phones such
 * as {@code +5511987654321}, amounts, counts, statuses) stay raw. Off ({@code output.neutralise_formulas: false}) for
 * dialers that need the raw values.
 */
public final class FormulaGuard {

    public static final FormulaGuard ON = new FormulaGuard(true);
    public static final FormulaGuard OFF = new FormulaGuard(false);

    private final boolean on;

    private FormulaGuard(boolean on) {
        this.on = on;
    }

    public static FormulaGuard of(boolean on) {
        return on ? ON : OFF;
    }

    public boolean on() {
        return on;
    }

    /** Whether a spreadsheet would read this value as the start of a formula. */
    public static boolean risky(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** The value, with a leading {@code '} when it is risky and the guard is on. */
    public String cell(String value) {
        return on && risky(value) ? "'" + value : value;
    }

    /** The values, each through {@link #cell}; the same array when nothing needed a change. */
    public String[] cells(String[] values) {
        if (!on) {
            return values;
        }
        String[] copy = null;
        for (int i = 0; i < values.length; i++) {
            if (risky(values[i])) {
                if (copy == null) {
                    copy = values.clone();
                }
                copy[i] = "'" + values[i];
            }
        }
        return copy == null ? values : copy;
    }
}
