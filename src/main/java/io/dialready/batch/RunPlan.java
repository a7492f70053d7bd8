package io.dialready.batch;

import io.dialready.output.files.OutputFiles;
import io.dialready.source.csv.CsvFormat;
import io.dialready.source.xlsx.XlsxDebtorReader;
import io.dialready.spec.JobSpec;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything one run needs, settled before the job starts (spec loaded, input checked, header read), so that the
 * Spring wiring only assembles parts.
 *
 * @param format   the CSV input's encoding and delimiter; for a workbook, UTF-8 and the output delimiter (used only to
 *                 show a rejected row's cells on one line)
 * @param workbook for an XLSX input, the sheet (by its name) and header row found by the pre-flight checks; null for
 *                 a CSV input
 * @param quiet    no progress lines on the console (the lookup step's); the rows step's progress goes to the run's
 *                 listener (run/RunListener) whatever this says
 * @param progressInterval how often a progress line is printed and logged
 */
public record RunPlan(
        JobSpec spec,
        Path input,
        CsvFormat format,
        List<String> header,
        OutputFiles outputs,
        LocalDate asOf,
        boolean dryRun,
        boolean quiet,
        XlsxDebtorReader.Layout workbook,
        java.time.Duration progressInterval,
        boolean forceRecheck,
        java.time.Clock clock) {

    /**
     * Whether the lookup engine asks the numbers (pre-pass, lookup step, cache, limits): for every real provider, and
     * for the sandbox when the spec lists accounts. The sandbox without accounts (demos, the CSV benchmark) answers
     * each chunk in the rows step, with no limits, no cache and no pre-pass; a dry run asks nothing.
     */
    public boolean lookupEngine() {
        JobSpec.Lookup l = spec.lookup();
        return !dryRun
                && !l.dryRun()
                && (!l.provider().equals("sandbox") || !l.accounts().isEmpty());
    }
}
