package io.dialready.batch;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import io.dialready.sink.OutputFiles;
import io.dialready.source.CsvFormat;
import io.dialready.spec.JobSpec;

/**
 * Everything one run needs, settled before the job starts (spec loaded, input checked, header read), so that the
 * Spring wiring only assembles parts.
 */
public record RunPlan(JobSpec spec, Path input, CsvFormat format, List<String> header, OutputFiles outputs,
        LocalDate asOf, boolean dryRun, boolean quiet) {
}
