package io.dialready.batch;

import io.dialready.domain.RunCounters;
import io.dialready.output.report.RunReport;
import io.dialready.source.csv.CsvDebtorReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report's row figures (issue 12): the rows, whether the dialer files are withheld, and for a CSV input where each
 * of its physical lines went. Apart from {@link RunReportAssembler} so that FinishTasklet can ask the same question.
 */
final class RowsFigures {

    private static final Logger log = LoggerFactory.getLogger(RowsFigures.class);

    private RowsFigures() {}

    /**
     * Why the dialer files are withheld: more rows rejected than run.max_rejected_percent allows (all of them, with a
     * trailing delimiter on every row) means the file as a whole is wrong, and an empty or thin dialer file published
     * as a success would be dialled. Null when they are published.
     */
    static String withheld(RunCounters c, int maxRejectedPercent) {
        long read = c.rowsRead;
        long rejected = c.rowsRejected;
        if (read == 0 || rejected * 100 <= (long) maxRejectedPercent * read) {
            return null;
        }
        String share = rejected == read
                ? "every data row was rejected"
                : rejected + " of " + read + " data rows (" + (rejected * 100 / read) + "%) were rejected";
        if (c.rowsOneFieldMore == rejected) {
            share = (rejected == read ? "every data row has" : rejected + " of " + read + " data rows have")
                    + " one field more than the header: a trailing delimiter?";
        }
        return share + " (more than run.max_rejected_percent, " + maxRejectedPercent + "%; see the rejects file)";
    }

    /**
     * The rows and, for a CSV input, its physical lines counted apart from the rows and where each went: the check
     * that no line vanished (a quoted field that swallowed lines shows them as one record's lines, never as nothing).
     */
    static RunReport.Rows rows(RunPlan plan, RunCounters c) {
        String withheld = withheld(c, plan.spec().run().maxRejectedPercent());
        if (plan.format() == null || plan.spec().input().jdbc() != null || plan.workbook() != null) {
            return new RunReport.Rows(
                    c.rowsRead,
                    c.rowsEnriched,
                    c.rowsRejected,
                    c.rejectsWritten,
                    withheld,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        CsvDebtorReader.LineCount count = CsvDebtorReader.countLines(plan.input(), plan.format());
        long blank = c.linesBlank + count.trailingBlank();
        long accounted = c.linesHeader + blank + c.linesEnriched + c.linesRejected;
        Long unaccounted = null;
        if (accounted != count.lines()) {
            unaccounted = count.lines() - accounted;
            log.warn(
                    "{} of the input's {} lines are neither header, blank, enriched nor rejected",
                    unaccounted,
                    count.lines());
        }
        return new RunReport.Rows(
                c.rowsRead,
                c.rowsEnriched,
                c.rowsRejected,
                c.rejectsWritten,
                withheld,
                count.lines(),
                c.linesHeader,
                blank,
                c.linesEnriched,
                c.linesRejected,
                unaccounted);
    }
}
