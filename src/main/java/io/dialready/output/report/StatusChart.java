package io.dialready.output.report;

import static io.dialready.output.report.ReportText.count;
import static io.dialready.output.report.ReportText.esc;
import static io.dialready.output.report.ReportText.fmt;
import static io.dialready.output.report.ReportText.percent;

import io.dialready.domain.WhatsAppStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** The report page's SVG charts: phones by WhatsApp status, one stacked bar per segment or phone type. */
final class StatusChart {

    private static final int LABEL_WIDTH = 150;
    private static final int BAR_WIDTH = 380;
    private static final int ROW_HEIGHT = 34;

    private StatusChart() {}

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

    /**
     * A horizontal stacked bar per row, the bar's length proportional to the row's total (the largest row fills the
     * width), each status a coloured part; the row's total and its active share are written at the end.
     */
    static void chart(StringBuilder h, String title, String caption, Map<String, RunReport.StatusCounts> rows) {
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
        int labelWidth = LABEL_WIDTH;
        int barWidth = BAR_WIDTH;
        int rowHeight = ROW_HEIGHT;
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
            row(h, row.getKey(), row.getValue(), max, y);
            y += ROW_HEIGHT;
        }
        h.append("</svg>\n</figure>\n");
    }

    /** One bar: the row's label, a part per status (its count written inside when it fits), its total. */
    private static void row(StringBuilder h, String label, RunReport.StatusCounts counts, long max, int y) {
        int labelWidth = LABEL_WIDTH;
        int barWidth = BAR_WIDTH;

        long rowTotal = counts.total();
        h.append("<g class=\"row\" data-row=\"")
                .append(esc(label))
                .append("\" data-total=\"")
                .append(rowTotal)
                .append("\">");
        h.append("<text x=\"")
                .append(labelWidth - 10)
                .append("\" y=\"")
                .append(y + 17)
                .append("\" text-anchor=\"end\" class=\"rowlabel\">")
                .append(esc(label))
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
                    .append(esc(label))
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
    }

    static void legend(StringBuilder h) {
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
}
