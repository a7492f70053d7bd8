package io.dialready.output.dialer;

import io.dialready.domain.CallingWindow;
import io.dialready.domain.DialledPhone;
import io.dialready.domain.EnrichedDebtor;
import io.dialready.domain.LookupResult;
import io.dialready.domain.RankedPhone;
import io.dialready.output.CsvLineFormatter;
import io.dialready.output.FormulaGuard;
import java.util.ArrayList;
import java.util.List;

/**
 * The dialer file's shape: its header and a debtor's lines (one per phone, in rank order), staged with the debtor and
 * streamed in dialer order by the dialer-file step. The calling, shared and photo columns follow the spec.
 */
public final class DialerLines {

    public static final List<String> COLUMNS = List.of(
            "debtor_key",
            "rank",
            "phone_e164",
            "phone_national",
            "phone_type",
            "whatsapp",
            "whatsapp_id",
            "source_column",
            "segment",
            "priority",
            "provider");

    /** Appended to each row when the spec names a calling rules file. */
    public static final List<String> CALLING_COLUMNS =
            List.of("timezone", "window_weekdays", "window_saturday", "window_sunday", "window_date", "window");

    /** The last column with {@code shared_numbers: true}: how many debtors hold the number. */
    public static final String SHARED_COLUMN = "shared_by";

    /** The last columns with {@code lookup.photos}: whether the active number shows a profile photo. */
    public static final List<String> PHOTO_COLUMNS = List.of("has_photo", "photo_url");

    private final CsvLineFormatter format;
    private final String lineSeparator;
    private final FormulaGuard guard;
    private final String provider;
    private final boolean calling;
    private final boolean shared;
    private final boolean photos;

    public DialerLines(
            char delimiter,
            String lineSeparator,
            FormulaGuard guard,
            String provider,
            boolean calling,
            boolean shared,
            boolean photos) {
        this.format = new CsvLineFormatter(delimiter);
        this.lineSeparator = lineSeparator;
        this.guard = guard;
        this.provider = provider;
        this.calling = calling;
        this.shared = shared;
        this.photos = photos;
    }

    public String header() {
        List<String> columns = new ArrayList<>(COLUMNS);
        if (calling) {
            columns.addAll(CALLING_COLUMNS);
        }
        if (shared) {
            columns.add(SHARED_COLUMN);
        }
        if (photos) {
            columns.addAll(PHOTO_COLUMNS);
        }
        return format.format(columns.toArray(String[]::new));
    }

    /** The debtor's lines, joined by the line separator. */
    public String lines(EnrichedDebtor e) {
        char d = format.delimiter();
        StringBuilder lines = new StringBuilder(128 * e.phones().size());
        String key = format.append(
                        new StringBuilder(), guard.cell(e.ranked().debtor().key()))
                .toString();
        String tail = d
                + e.ranked().segment().label()
                + d
                + e.ranked().priority()
                + d
                + format.append(new StringBuilder(), provider);
        for (DialledPhone dp : e.phones()) {
            if (!lines.isEmpty()) {
                lines.append(lineSeparator);
            }
            RankedPhone p = dp.ranked();
            LookupResult r = p.lookup();
            lines.append(key)
                    .append(d)
                    .append(p.rank())
                    .append(d)
                    .append(p.phone().e164())
                    .append(d)
                    .append(p.phone().national())
                    .append(d)
                    .append(p.phone().type().name())
                    .append(d)
                    .append(r.status().name())
                    .append(d);
            format.append(lines, r.whatsappId()).append(d);
            format.append(lines, guard.cell(p.phone().source())).append(tail);
            if (calling) {
                window(lines, dp.window(), d);
            }
            if (shared) {
                lines.append(d).append(dp.sharedBy());
            }
            if (photos) {
                if (dp.hasPhoto() != null) {
                    lines.append(d).append(dp.hasPhoto()).append(d);
                    format.append(lines, dp.photoUrl());
                } else {
                    lines.append(d).append(d);
                }
            }
        }
        return lines.toString();
    }

    private static void window(StringBuilder lines, CallingWindow w, char d) {
        lines.append(d)
                .append(w.timeZone() == null ? "" : w.timeZone())
                .append(d)
                .append(w.weekdays())
                .append(d)
                .append(w.saturday())
                .append(d)
                .append(w.sunday())
                .append(d)
                .append(w.date())
                .append(d)
                .append(w.onDate());
    }
}
