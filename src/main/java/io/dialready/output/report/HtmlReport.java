package io.dialready.output.report;

import io.dialready.domain.WhatsAppStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The run report for people: {@code <base>.report.html}, one self-contained page (inline CSS, SVG charts drawn here,
 * no script, no font or image from the network) rendered from the same figures as {@code report.json}. Keys the page
 * does not know (a newer report, per-account usage) are still listed under "All figures", so nothing the JSON says is
 * hidden; keys it expects but that are missing show as "-".
 */
public final class HtmlReport {

    /** The WhatsApp statuses in chart order, with their colours. */
    private static final Map<String, String> STATUS_COLOURS = new LinkedHashMap<>();

    static {
        STATUS_COLOURS.put("ACTIVE", "#1f9d55");
        STATUS_COLOURS.put("INACTIVE", "#8795a1");
        STATUS_COLOURS.put("UNKNOWN", "#f2a93b");
        STATUS_COLOURS.put("PENDING", "#4a7fd6");
        STATUS_COLOURS.put("SKIPPED", "#d3d9df");
    }

    private static final Map<String, String> STATUS_MEANING = Map.of(
            "ACTIVE",
            "an account exists",
            "INACTIVE",
            "the provider says none",
            "UNKNOWN",
            "the check failed (never read as inactive)",
            "PENDING",
            "not checked in this run",
            "SKIPPED",
            "not looked up by policy (fixed lines)");

    private static final Map<String, String> SEGMENT_NAMES =
            Map.of("0-30", "0-30 days", "31-90", "31-90 days", "90+", "over 90 days", "unknown", "unknown age");

    private HtmlReport() {}

    /** The page for a report. */
    public static String render(RunReport r) {
        StringBuilder h = new StringBuilder(16_384);
        RunReport.Run run = r.run();
        String job = str(run.job());
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>dialready run report: ")
                .append(esc(job))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n");
        header(h, r);
        cards(h, r);

        h.append("<section class=\"charts\">\n");
        Map<String, RunReport.StatusCounts> bySegment = new LinkedHashMap<>();
        r.reach().whatsappBySegment().forEach((k, v) -> bySegment.put(SEGMENT_NAMES.getOrDefault(k, k), v));
        chart(
                h,
                "WhatsApp status by segment",
                "Phones (dialer rows) of the debtors in each debt-age segment.",
                bySegment);
        chart(
                h,
                "WhatsApp status by phone type",
                "Valid phones by type; fixed lines are SKIPPED unless the spec asks" + " to check them.",
                r.reach().whatsappByPhoneType());
        legend(h);
        h.append("</section>\n");

        // the accounts and every figure as report.json holds them, read back the way any reader of it would
        Map<?, ?> asRead = r.asMap();
        accounts(h, asRead);
        allFigures(h, asRead);

        h.append("<footer>Written by dialready beside <code>")
                .append(esc(fileName(str(run.input()))))
                .append("</code>'s outputs; the same figures are in the run's <code>report.json</code>")
                .append(" (fields described in docs/outputs.md).</footer>\n");
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, RunReport r) {
        RunReport.Run run = r.run();
        h.append("<header><h1>Run report <span class=\"job\">")
                .append(esc(str(run.job())))
                .append("</span></h1>\n");
        h.append("<p class=\"meta\">")
                .append(esc(fileName(str(run.input()))))
                .append(" &middot; as of ")
                .append(esc(str(run.asOf())))
                .append(" &middot; finished ")
                .append(esc(time(str(r.timing().finishedAt()))))
                .append(" &middot; provider <b>")
                .append(esc(str(run.provider())))
                .append("</b></p>\n");
        if (run.providerNote() != null) {
            h.append("<p class=\"note\">").append(esc(run.providerNote())).append("</p>\n");
        }
        if (run.dryRun()) {
            h.append("<p class=\"note\">Dry run: nothing was looked up; phones are PENDING.</p>\n");
        }
        h.append("</header>\n");
    }

    private static void cards(StringBuilder h, RunReport r) {
        RunReport.Rows rows = r.rows();
        RunReport.Phones phones = r.phones();
        RunReport.Lookups lookups = r.lookups();
        RunReport.StatusCounts wa = r.reach().whatsapp();
        long active = wa.active();
        long answered = active + wa.inactive();
        long enriched = rows.rowsEnriched();
        long reachable = r.reach().debtorsWithActiveWhatsapp();
        long cache = lookups.cacheHits();

        h.append("<section class=\"cards\">\n");
        card(
                h,
                "Debtors",
                count(enriched),
                count(rows.rowsRead()) + " rows read, " + count(rows.rowsRejected()) + " rejected");
        card(h, "Valid phones", count(phones.phonesValid()), count(phones.phonesUnique()) + " distinct numbers");
        card(
                h,
                "Active WhatsApp share",
                answered == 0 ? "-" : percent(active, answered),
                count(active) + " active of " + count(answered) + " answered; " + count(wa.unknown()) + " unknown");
        card(
                h,
                "Debtors reachable on WhatsApp",
                count(reachable),
                (enriched == 0 ? "-" : percent(reachable, enriched)) + " of debtors (enrichment hit rate)");
        card(h, "Repaired numbers", count(phones.phonesRepaired()), "ninth digit, carrier or trunk prefix");
        card(h, "Invalid numbers", count(phones.phonesInvalid()), "each one listed in the rejects file");
        long lookupsRequested = lookups.lookupsRequested();
        StringBuilder lookupNote = new StringBuilder();
        lookupNote.append(count(cache)).append(" from cache");
        if (lookupsRequested + cache > 0) {
            lookupNote
                    .append(" (")
                    .append(percent(cache, lookupsRequested + cache))
                    .append(')');
        }
        lookupNote.append("; ").append(count(lookups.providerCalls())).append(" provider calls");
        if (lookups.retries() != null) {
            lookupNote.append("; ").append(count(lookups.retries())).append(" retries");
        }
        if (lookups.throttledMs() != null) {
            lookupNote.append("; throttled ").append(seconds(lookups.throttledMs() / 1000.0));
        }
        card(h, "Lookups used", count(lookupsRequested), lookupNote.toString());
        RunReport.Timing timing = r.timing();
        card(
                h,
                "Duration",
                seconds(timing.durationSeconds()),
                count(timing.rowsPerSecond()) + " rows/s"
                        + (timing.executions() > 1 ? "; resumed, " + timing.executions() + " attempts" : ""));
        h.append("</section>\n");
    }

    private static void card(StringBuilder h, String title, String value, String note) {
        h.append("<div class=\"card\"><div class=\"label\">")
                .append(esc(title))
                .append("</div><div class=\"value\">")
                .append(esc(value))
                .append("</div><div class=\"sub\">")
                .append(esc(note))
                .append("</div></div>\n");
    }

    /**
     * A horizontal stacked bar per row, the bar's length proportional to the row's total (the largest row fills the
     * width), each status a coloured part; the row's total and its active share are written at the end.
     */
    private static void chart(StringBuilder h, String title, String caption, Map<String, RunReport.StatusCounts> rows) {
        h.append("<figure class=\"chart\"><figcaption><h2>")
                .append(esc(title))
                .append("</h2><p>")
                .append(esc(caption))
                .append("</p></figcaption>\n");
        long max = 0;
        for (RunReport.StatusCounts counts : rows.values()) {
            max = Math.max(max, counts.total());
        }
        if (rows.isEmpty() || max == 0) {
            h.append("<p class=\"empty\">No phones to show.</p></figure>\n");
            return;
        }
        int labelWidth = 150;
        int barWidth = 380;
        int rowHeight = 34;
        int width = labelWidth + barWidth + 230;
        int height = rows.size() * rowHeight + 6;
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" aria-label=\"")
                .append(esc(title))
                .append("\">\n");
        int y = 4;
        for (Map.Entry<String, RunReport.StatusCounts> row : rows.entrySet()) {
            RunReport.StatusCounts counts = row.getValue();
            long rowTotal = counts.total();
            h.append("<g class=\"row\" data-row=\"")
                    .append(esc(row.getKey()))
                    .append("\" data-total=\"")
                    .append(rowTotal)
                    .append("\">");
            h.append("<text x=\"")
                    .append(labelWidth - 10)
                    .append("\" y=\"")
                    .append(y + 17)
                    .append("\" text-anchor=\"end\" class=\"rowlabel\">")
                    .append(esc(row.getKey()))
                    .append("</text>");
            h.append("<rect x=\"")
                    .append(labelWidth)
                    .append("\" y=\"")
                    .append(y)
                    .append("\" width=\"")
                    .append(barWidth)
                    .append("\" height=\"24\" class=\"track\"/>");
            double x = labelWidth;
            for (Map.Entry<String, String> status : STATUS_COLOURS.entrySet()) {
                long n = counts.get(WhatsAppStatus.valueOf(status.getKey()));
                if (n == 0) {
                    continue;
                }
                double w = barWidth * (double) n / max;
                h.append("<rect x=\"")
                        .append(fmt(x))
                        .append("\" y=\"")
                        .append(y)
                        .append("\" width=\"")
                        .append(fmt(Math.max(w, 1.0)))
                        .append("\" height=\"24\" fill=\"")
                        .append(status.getValue())
                        .append("\" data-status=\"")
                        .append(status.getKey())
                        .append("\" data-count=\"")
                        .append(n)
                        .append("\"><title>")
                        .append(esc(row.getKey()))
                        .append(": ")
                        .append(count(n))
                        .append(' ')
                        .append(status.getKey())
                        .append(" (")
                        .append(percent(n, rowTotal))
                        .append(")</title></rect>");
                if (w >= 46) {
                    h.append("<text x=\"")
                            .append(fmt(x + w / 2))
                            .append("\" y=\"")
                            .append(y + 17)
                            .append("\" text-anchor=\"middle\" class=\"inbar")
                            .append(status.getKey().equals("SKIPPED") ? " dark" : "")
                            .append("\">")
                            .append(count(n))
                            .append("</text>");
                }
                x += w;
            }
            long active = counts.active();
            h.append("<text x=\"")
                    .append(labelWidth + barWidth + 10)
                    .append("\" y=\"")
                    .append(y + 17)
                    .append("\" class=\"total\">")
                    .append(count(rowTotal))
                    .append(rowTotal == 1 ? " phone" : " phones")
                    .append(rowTotal == 0 ? "" : " &middot; " + percent(active, rowTotal) + " active")
                    .append("</text></g>\n");
            y += rowHeight;
        }
        h.append("</svg>\n</figure>\n");
    }

    private static void legend(StringBuilder h) {
        h.append("<ul class=\"legend\">");
        STATUS_COLOURS.forEach((status, colour) -> h.append("<li><span class=\"swatch\" style=\"background:")
                .append(colour)
                .append("\"></span><b>")
                .append(status)
                .append("</b> ")
                .append(esc(STATUS_MEANING.get(status)))
                .append("</li>"));
        h.append("</ul>\n");
    }

    /** Per-account usage, when the report has it (provider accounts): a table of whatever each account reports. */
    private static void accounts(StringBuilder h, Map<?, ?> r) {
        Object accounts = r.get("accounts");
        if (accounts == null) {
            return;
        }
        List<Map<?, ?>> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (accounts instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                names.add(str(k));
                rows.add(map(v));
            });
        } else if (accounts instanceof List<?> l) {
            for (Object o : l) {
                Map<?, ?> row = map(o);
                names.add(str(row.containsKey("name") ? row.get("name") : row.get("account")));
                rows.add(row);
            }
        }
        Set<String> columns = new LinkedHashSet<>();
        for (Map<?, ?> row : rows) {
            row.keySet().forEach(k -> columns.add(str(k)));
        }
        columns.remove("name");
        columns.remove("account");
        h.append("<section><h2>Provider accounts</h2>\n<table><thead><tr><th>account</th>");
        columns.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr></thead><tbody>\n");
        for (int i = 0; i < rows.size(); i++) {
            h.append("<tr><td>").append(esc(names.get(i))).append("</td>");
            for (String c : columns) {
                h.append("<td class=\"num\">")
                        .append(esc(value(rows.get(i).get(c))))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    /** Every field of the report, nested ones flattened, so a key this page does not know is still shown. */
    private static void allFigures(StringBuilder h, Map<?, ?> r) {
        h.append("<section><details><summary>All figures</summary>\n<table class=\"all\"><tbody>\n");
        flatten("", r, h);
        h.append("</tbody></table></details></section>\n");
    }

    private static void flatten(String prefix, Map<?, ?> m, StringBuilder h) {
        m.forEach((k, v) -> {
            String key = prefix + str(k);
            if (v instanceof Map<?, ?> inner && !key.equals("accounts")) {
                flatten(key + ".", inner, h);
            } else {
                h.append("<tr><th>")
                        .append(esc(key))
                        .append("</th><td>")
                        .append(esc(value(v)))
                        .append("</td></tr>\n");
            }
        });
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String str(Object o) {
        return o == null ? "-" : String.valueOf(o);
    }

    private static String value(Object o) {
        if (o instanceof Long || o instanceof Integer) {
            return count(o);
        }
        return o == null ? "-" : String.valueOf(o);
    }

    private static String count(Object o) {
        if (o instanceof Number n) {
            return String.format(Locale.ROOT, "%,d", n.longValue());
        }
        return o == null ? "-" : String.valueOf(o);
    }

    private static String percent(long part, long whole) {
        if (whole == 0) {
            return "-";
        }
        double p = 100.0 * part / whole;
        return String.format(Locale.ROOT, p > 0 && p < 10 ? "%.1f%%" : "%.0f%%", p);
    }

    private static String seconds(double s) {
        long whole = Math.round(s);
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        return whole >= 3600
                ? String.format(Locale.ROOT, "%d h %02d min", whole / 3600, whole / 60 % 60)
                : String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }

    private static String time(String iso) {
        // 2026-11-23T23:40:01.123456 -> 2026-11-23 23:40:01
        String t = iso.replace('T', ' ');
        int dot = t.indexOf('.');
        return dot > 0 ? t.substring(0, dot) : t;
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash >= 0 ? path.substring(slash + 1) : path;
    }

    private static String fmt(double d) {
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

    private static final String CSS = """
            :root { color-scheme: light; }
            * { box-sizing: border-box; }
            body { margin: 0; background: #f4f6f8; color: #1c2733;
              font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1120px; margin: 0 auto; padding: 28px 32px 40px; }
            h1 { font-size: 26px; margin: 0 0 4px; font-weight: 650; }
            h1 .job { color: #1f6feb; }
            h2 { font-size: 17px; margin: 0 0 2px; font-weight: 620; }
            .meta { margin: 0; color: #5a6b7b; }
            .note { margin: 10px 0 0; padding: 8px 12px; background: #fff6e0; border: 1px solid #f0d595;
              border-radius: 6px; color: #6b4e00; }
            .cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 14px; margin: 22px 0; }
            .card { background: #fff; border: 1px solid #dde3e9; border-radius: 10px; padding: 14px 16px; }
            .card .label { font-size: 13px; color: #5a6b7b; text-transform: uppercase; letter-spacing: .03em; }
            .card .value { font-size: 30px; font-weight: 680; margin: 2px 0; font-variant-numeric: tabular-nums; }
            .card .sub { font-size: 13px; color: #5a6b7b; }
            .charts { background: #fff; border: 1px solid #dde3e9; border-radius: 10px; padding: 18px 20px; }
            figure.chart { margin: 0 0 20px; }
            figcaption p { margin: 0 0 8px; color: #5a6b7b; font-size: 13px; }
            svg { max-width: 100%; height: auto; font: 13px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
            svg .track { fill: #f0f3f6; }
            svg .rowlabel { fill: #1c2733; font-weight: 600; }
            svg .inbar { fill: #fff; font-size: 12px; font-weight: 600; }
            svg .inbar.dark { fill: #3d4b59; }
            svg .total { fill: #3d4b59; }
            .legend { list-style: none; padding: 0; margin: 4px 0 0; display: flex; flex-wrap: wrap; gap: 6px 18px;
              font-size: 13px; color: #3d4b59; }
            .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 5px;
              vertical-align: -1px; }
            section { margin-top: 18px; }
            table { border-collapse: collapse; background: #fff; width: 100%; font-size: 13px; }
            th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid #e6ebf0; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            table.all th { width: 40%; font-weight: 500; color: #3d4b59; }
            details summary { cursor: pointer; font-weight: 600; margin-bottom: 6px; }
            .empty { color: #5a6b7b; }
            footer { margin-top: 24px; color: #7b8a99; font-size: 12px; }
            @media (max-width: 900px) { .cards { grid-template-columns: repeat(2, 1fr); } }
            """;
}
