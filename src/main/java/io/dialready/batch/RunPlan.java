package io.dialready.batch;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import io.dialready.sink.OutputFiles;
import io.dialready.source.CsvFormat;
import io.dialready.source.XlsxDebtorReader;
import io.dialready.spec.JobSpec;

/**
 * Everything one run needs, settled before the job starts (spec loaded, input checked, header read), so that the
 * Spring wiring only assembles parts.
 *
 * @param format   the CSV input's encoding and delimiter; for a workbook, UTF-8 and the output delimiter (used only to
 *                 show a rejected row's cells on one line)
 * @param workbook for an XLSX input, the sheet (by its name) and header row found by the pre-flight checks; null for
 *                 a CSV input
 * @param progress how progress is shown (BAR or LINES, already resolved; NONE when quiet)
 * @param progressInterval how often a progress line is printed and logged
 */
public record RunPlan(JobSpec spec, Path input, CsvFormat format, List<String> header, OutputFiles outputs,
        LocalDate asOf, boolean dryRun, boolean quiet, XlsxDebtorReader.Layout workbook, Progress.Mode progress,
        java.time.Duration progressInterval) {
}
