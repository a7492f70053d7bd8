package io.dialready.output.report;

import static io.dialready.output.report.ReportText.count;
import static io.dialready.output.report.ReportText.esc;
import static io.dialready.output.report.ReportText.fileName;
import static io.dialready.output.report.ReportText.map;
import static io.dialready.output.report.ReportText.percent;
import static io.dialready.output.report.ReportText.seconds;
import static io.dialready.output.report.ReportText.str;
import static io.dialready.output.report.ReportText.time;
import static io.dialready.output.report.ReportText.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
        StatusChart.chart(
                h,
                "WhatsApp status by segment",
                "Phones (dialer rows) of the debtors in each debt-age segment.",
                bySegment);
        StatusChart.chart(
                h,
                "WhatsApp status by phone type",
                "Valid phones by type; fixed lines are SKIPPED unless the spec asks" + " to check them.",
                r.reach().whatsappByPhoneType());
        StatusChart.legend(h);
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

    /** The page's style sheet (a resource beside this class), inlined: the page fetches nothing. */
    private static final String CSS = ReportText.resource("report.css");
}
