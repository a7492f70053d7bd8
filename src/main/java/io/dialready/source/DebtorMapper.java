package io.dialready.source;

import io.dialready.domain.DebtorRecord;
import io.dialready.domain.Reject;
import io.dialready.spec.JobSpec;
import io.dialready.spec.JobSpecException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Maps a row's fields to a {@link DebtorRecord} by the spec's column names. Column names are matched ignoring case and
 * surrounding spaces; a mapped column missing from the header is a spec error naming the key and the column.
 * Unusable amounts and dates become rejects for that value; the row itself is still enriched.
 */
public final class DebtorMapper {

    private final JobSpec.Columns columns;
    private final int key;
    private final int name;
    private final int document;
    private final int amount;
    private final int dueDate;
    private final int daysOverdue;
    private final DateTimeFormatter dateFormat;
    private final String dateFormatText;

    public DebtorMapper(JobSpec spec, String[] header) {
        this.columns = spec.columns();
        this.key = index(header, columns.key(), "columns.key", true);
        this.name = index(header, columns.name(), "columns.name", false);
        this.document = index(header, columns.document(), "columns.document", false);
        this.amount = index(header, columns.amount(), "columns.amount", false);
        this.dueDate = index(header, columns.dueDate(), "columns.due_date", false);
        this.daysOverdue = index(header, columns.daysOverdue(), "columns.days_overdue", false);
        // strict resolving needs 'u' (proleptic year) rather than 'y' (year of era)
        this.dateFormatText = columns.dateFormat();
        this.dateFormat = DateTimeFormatter.ofPattern(columns.dateFormat().replace('y', 'u'), Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    /** Index of a column in the header, -1 when the spec does not map it; spec error when mapped but absent. */
    public static int index(String[] header, String column, String key, boolean required) {
        if (column == null) {
            if (required) {
                throw new JobSpecException("key '" + key + "' is required");
            }
            return -1;
        }
        int found = -1;
        for (int i = 0; i < header.length; i++) {
            if (Invisibles.trim(header[i]).equalsIgnoreCase(Invisibles.trim(column))) {
                if (found >= 0) {
                    throw new JobSpecException("key '" + key + "' names column '" + column
                            + "', which the input's header holds twice (columns " + (found + 1) + " and " + (i + 1)
                            + "): rename one of them");
                }
                found = i;
            }
        }
        if (found >= 0) {
            return found;
        }
        if (looksLikeData(header)) {
            // the "header" is a debtor's row: never quote it (a CPF, a name, phones)
            throw new JobSpecException("key '" + key + "' names column '" + Invisibles.visible(column)
                    + "', which is not in the input's header; its first line looks like a data row, not a header (a"
                    + " file exported without its header row?): add the header line, or fix the spec's column names");
        }
        String[] shown = new String[Math.min(header.length, 30)];
        for (int i = 0; i < shown.length; i++) {
            String name = Invisibles.visible(header[i]);
            shown[i] = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        }
        throw new JobSpecException("key '" + key + "' names column '" + Invisibles.visible(column)
                + "', which is not in the input's header " + Arrays.toString(shown));
    }

    /** A header with a cell of eight digits or more (a CPF, a phone) or a date is a data row, not a header. */
    private static boolean looksLikeData(String[] header) {
        for (String h : header) {
            if (h.replaceAll("[^0-9]", "").length() >= 8 || h.matches("\\d{1,2}/\\d{1,2}/\\d{2,4}")) {
                return true;
            }
        }
        return false;
    }

    /** The record, plus a reject for each value that could not be used. Returns null record when the key is empty. */
    public DebtorRecord map(SourceRow row, LocalDate asOf, List<Reject> rejects) {
        String[] f = row.fields();
        String keyValue = Invisibles.trim(value(f, key));
        keyValue = keyValue == null || keyValue.isEmpty() ? null : keyValue;
        if (keyValue == null) {
            rejects.add(new Reject(row.line(), columns.key(), "", "empty debtor key"));
            return null;
        }
        BigDecimal amt = null;
        String rawAmount = value(f, amount);
        if (rawAmount != null) {
            amt = parseAmount(rawAmount, columns.decimalSeparator());
            if (amt == null) {
                rejects.add(new Reject(row.line(), columns.amount(), rawAmount, "not an amount"));
            }
        }
        LocalDate due = null;
        String rawDue = value(f, dueDate);
        if (rawDue != null) {
            due = parseDate(rawDue);
            if (due == null) {
                rejects.add(new Reject(row.line(), columns.dueDate(), rawDue, "not a date in " + dateFormatText));
            } else if (due.getYear() < 1900 || due.getYear() > 2100) {
                // an Excel serial such as 2958465 is a valid date (31/12/9999) but no debt falls due then
                rejects.add(new Reject(row.line(), columns.dueDate(), rawDue, "date outside 1900-2100"));
                due = null;
            }
        }
        Integer days = null;
        String rawDays = value(f, daysOverdue);
        if (rawDays != null) {
            days = parseDays(rawDays);
            if (days == null) {
                rejects.add(new Reject(row.line(), columns.daysOverdue(), rawDays, "not a whole number of days"));
            }
        }
        if (days == null && due != null) {
            days = (int) ChronoUnit.DAYS.between(due, asOf);
        }
        return new DebtorRecord(row.line(), keyValue, value(f, name), value(f, document), amt, due, days);
    }

    private static String value(String[] fields, int index) {
        if (index < 0 || index >= fields.length || fields[index] == null) {
            return null;
        }
        String v = fields[index].strip();
        return v.isEmpty() ? null : v;
    }

    /** "1.234,56", "R$ 1.234,56", "1234.56", "-12,5": null when it is not an amount. */
    static BigDecimal parseAmount(String raw, char decimalSeparator) {
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9' || c == '-') {
                sb.append(c);
            } else if (c == decimalSeparator) {
                sb.append('.');
            } else if (c == '.' || c == ',' || c == ' ' || c == '\u00A0' || c == '\'') {
                // thousands grouping
            } else if (Character.isLetter(c) && sb.isEmpty() || c == '$' || c == '\u20B9') {
                // currency prefix such as R$ or Rs or the rupee sign
            } else {
                return null;
            }
        }
        if (sb.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(sb.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private LocalDate parseDate(String raw) {
        try {
            return LocalDate.parse(raw, dateFormat);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(raw.length() > 10 ? raw.substring(0, 10) : raw);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static Integer parseDays(String raw) {
        String v = raw.endsWith(".0") ? raw.substring(0, raw.length() - 2) : raw;
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static List<Reject> newRejectList() {
        return new ArrayList<>(2);
    }
}
