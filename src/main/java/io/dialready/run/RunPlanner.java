package io.dialready.run;

import io.dialready.batch.RunPlan;
import io.dialready.lookup.providers.ProviderFactory;
import io.dialready.output.files.OutputFiles;
import io.dialready.output.jdbc.JdbcResults;
import io.dialready.source.DebtorMapper;
import io.dialready.source.InputUnreadableException;
import io.dialready.source.PhoneExtractor;
import io.dialready.source.csv.CsvDebtorReader;
import io.dialready.source.csv.CsvFormat;
import io.dialready.source.csv.CsvFormatDetector;
import io.dialready.source.jdbc.JdbcDebtorReader;
import io.dialready.source.xlsx.XlsxDebtorReader;
import io.dialready.spec.JobSpec;
import io.dialready.spec.JobSpecException;
import io.dialready.spec.JobSpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The pre-flight checks: loads the spec and checks the input (its header against the spec's columns, at least one
 * data row), the provider's secrets and the results tables before anything starts, so that bad input fails in a
 * second with one line. The plan it returns is exactly what the run reads (a workbook's sheet and header row found
 * here, the CSV's encoding and delimiter detected here).
 */
final class RunPlanner {

    private RunPlanner() {}

    /**
     * @throws JobSpecException        the spec, or the request, is wrong
     * @throws InputUnreadableException the input cannot be read or does not fit the spec
     * @throws IOException             anything else reading the files
     */
    static RunPlan plan(RunRequest request) throws IOException {
        JobSpec spec = new JobSpecLoader().load(request.job());
        if (spec.input().jdbc() != null) {
            return planJdbc(spec, request);
        }
        Path in = request.input() != null
                ? request.input().toAbsolutePath().normalize()
                : spec.input().path();
        CsvFormat format;
        List<String> headerNames;
        boolean hasDataRows;
        XlsxDebtorReader.Layout workbook = null;
        if (spec.input().isWorkbook(in)) {
            XlsxDebtorReader.Layout layout = new XlsxDebtorReader.Layout(
                    spec.input().sheet(),
                    spec.input().headerRow(),
                    XlsxDebtorReader.mappedColumns(spec),
                    spec.columns().dateFormat(),
                    spec.columns().decimalSeparator());
            XlsxDebtorReader.Probe probe = XlsxDebtorReader.probe(in, layout);
            // the run reads exactly what was checked here, and a resumed run the same sheet and row
            workbook = new XlsxDebtorReader.Layout(
                    probe.sheetName(),
                    (int) probe.headerRow(),
                    layout.expectedColumns(),
                    layout.dateFormat(),
                    layout.decimalSeparator());
            format = new CsvFormat(StandardCharsets.UTF_8, 0, spec.output().delimiter(), false, false);
            headerNames = probe.header();
            hasDataRows = probe.hasDataRows();
        } else {
            format = new CsvFormatDetector()
                    .detect(in, spec.input().encoding(), spec.input().delimiter());
            CsvDebtorReader.Probe probe = CsvDebtorReader.probe(in, format);
            headerNames = probe.header();
            hasDataRows = probe.hasDataRows();
        }
        String[] header = headerNames.toArray(String[]::new);
        new DebtorMapper(spec, header);
        new PhoneExtractor(spec, header);
        checkSecrets(spec, request);
        if (!hasDataRows) {
            throw new InputUnreadableException(in + ": has a header but no data rows");
        }
        return plan(
                spec, request, in, format, headerNames, OutputFiles.forInput(outputDir(spec, request), in), workbook);
    }

    /** A database source: connection, table or query, key column and mapped columns checked before anything runs. */
    private static RunPlan planJdbc(JobSpec spec, RunRequest request) {
        if (request.input() != null) {
            throw new JobSpecException("--input names a file, but " + spec.specFile()
                    + " reads a database (input.jdbc); leave out --input");
        }
        JobSpec.Jdbc jdbc = spec.input().jdbc();
        Path outDir = outputDir(spec, request);
        checkSecrets(spec, request);
        JdbcDebtorReader.Probe probe = JdbcDebtorReader.probe(jdbc);
        String[] header = probe.header().toArray(String[]::new);
        try {
            new DebtorMapper(spec, header);
            new PhoneExtractor(spec, header);
        } catch (JobSpecException e) {
            // the table is what is wrong here, not the spec's syntax: same exit code as a connection refused
            throw new InputUnreadableException(jdbc.describe() + ": " + e.getMessage());
        }
        if (!probe.hasDataRows()) {
            throw new InputUnreadableException(jdbc.describe() + ": has no rows");
        }
        if (spec.output().jdbc() != null) {
            JdbcResults.check(spec.output().jdbc());
        }
        String base = jdbc.table() != null ? jdbc.table().substring(jdbc.table().indexOf('.') + 1) : spec.name();
        CsvFormat format =
                new CsvFormat(StandardCharsets.UTF_8, 0, spec.output().delimiter(), false, false);
        return plan(spec, request, null, format, probe.header(), new OutputFiles(outDir, base), null);
    }

    /** Every secret the spec names is in the environment before anything is read or asked. */
    private static void checkSecrets(JobSpec spec, RunRequest request) {
        if (!request.dryRun() && !spec.lookup().dryRun()) {
            ProviderFactory.fromEnvironment(spec.lookup()).checkEnvironment();
        }
    }

    private static Path outputDir(JobSpec spec, RunRequest request) {
        Path outDir = request.output() != null
                ? request.output()
                : spec.output().dir() != null ? spec.output().dir() : Path.of("out");
        return outDir.toAbsolutePath().normalize();
    }

    private static RunPlan plan(
            JobSpec spec,
            RunRequest request,
            Path in,
            CsvFormat format,
            List<String> header,
            OutputFiles outputs,
            XlsxDebtorReader.Layout workbook) {
        return new RunPlan(
                spec,
                in,
                format,
                header,
                outputs,
                request.asOf() != null ? request.asOf() : LocalDate.now(),
                request.dryRun(),
                request.quiet(),
                workbook,
                request.progressInterval(),
                request.forceRecheck(),
                clock());
    }

    /**
     * The clock of quota days and cache ages: UTC now, or the instant in the system property {@code dialready.now}
     * (ISO-8601, e.g. 2026-11-25T03:00:00Z) for tests that need another day.
     */
    static Clock clock() {
        String now = System.getProperty("dialready.now");
        if (now == null || now.isBlank()) {
            return Clock.systemUTC();
        }
        return Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
    }
}
