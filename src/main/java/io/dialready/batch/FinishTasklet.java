package io.dialready.batch;

import io.dialready.lookup.LookupTables;
import io.dialready.output.dialer.DialerStaging;
import io.dialready.output.dialer.PhoneOwners;
import io.dialready.output.files.OutputFiles;
import io.dialready.output.files.XlsxOutput;
import io.dialready.output.report.ReportFiles;
import io.dialready.spec.JobSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The last step: converts the XLSX outputs, writes the report ({@link RunReportAssembler}), renames every output from its ".part" name (so they appear together, complete)
 * and drops the run's staging table. Safe to run again after a
 * crash half-way: renaming skips files already renamed.
 */
final class FinishTasklet implements Tasklet {

    private final RunPlan plan;
    private final JobRepository jobRepository;
    private final DataSource dataSource;
    private final RunReportAssembler report;
    private final XlsxOutput xlsxOutput;

    FinishTasklet(
            RunPlan plan, JobRepository jobRepository, DataSource dataSource, String provider, XlsxOutput xlsxOutput) {
        this.plan = plan;
        this.jobRepository = jobRepository;
        this.dataSource = dataSource;
        this.report = new RunReportAssembler(plan, jobRepository, dataSource, provider);
        this.xlsxOutput = xlsxOutput;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobInstance instance = chunkContext
                .getStepContext()
                .getStepExecution()
                .getJobExecution()
                .getJobInstance();
        OutputFiles out = plan.outputs();

        JobSpec.Output format = plan.spec().output();
        boolean rowsPending = Files.exists(OutputFiles.part(out.enriched()));
        if (format.xlsx()) {
            // from the CSV parts, while they are there; a finish interrupted before renaming them converts again.
            // Before the report, so that its duration and peak heap include the conversion.
            toXlsx(out.enriched(), out.enrichedXlsx(), "enriched", Set.of("priority"));
            toXlsx(out.dialer(), out.dialerXlsx(), "dialer", Set.of("rank", "priority"));
        }
        Path reportPart = OutputFiles.part(out.report());
        if (rowsPending || !Files.exists(out.report())) {
            LocalDate asOf = chunkContext
                    .getStepContext()
                    .getStepExecution()
                    .getJobParameters()
                    .getLocalDate(EnrichProcessor.AS_OF);
            ReportFiles.write(
                    report.assemble(instance, asOf),
                    reportPart,
                    OutputFiles.part(plan.outputs().reportHtml()));
        }
        String withheld = withheld(instance); // as the report says (dialer_withheld)
        if (format.xlsx()) {
            OutputFiles.publish(out.enrichedXlsx());
            publishDialer(out.dialerXlsx(), withheld);
        }
        if (format.csv()) {
            OutputFiles.publish(out.enriched());
        }
        OutputFiles.publish(out.rejects());
        if (format.csv()) {
            publishDialer(out.dialer(), withheld);
        } else {
            deleteQuietly(OutputFiles.part(out.enriched()));
            deleteQuietly(OutputFiles.part(out.dialer()));
        }
        for (JobSpec.Profile p : plan.spec().output().profiles()) {
            publishDialer(out.profile(p), withheld);
        }
        OutputFiles.publish(out.reportHtml());
        OutputFiles.publish(out.report());
        new DialerStaging(dataSource).drop(instance.getInstanceId());
        new PhoneOwners(dataSource).drop(instance.getInstanceId());
        if (plan.lookupEngine()) {
            LookupTables tables = new LookupTables(dataSource);
            tables.drop(instance.getInstanceId());
            // LGPD: answers expire; nothing older than the TTL is kept
            tables.purgeCache(
                    plan.clock().instant().minus(plan.spec().lookup().cacheTtl(false)),
                    plan.clock().instant().minus(plan.spec().lookup().cacheTtl(true)));
        }
        return RepeatStatus.FINISHED;
    }

    /** Why the dialer files are withheld, from the rows step's counters (RunReportAssembler#withheld), or null. */
    private String withheld(JobInstance instance) {
        StepExecution rows = jobRepository.getLastStepExecution(instance, EnrichJobConfiguration.ROWS_STEP);
        return RowsFigures.withheld(
                RunReportAssembler.counters(rows.getExecutionContext()),
                plan.spec().run().maxRejectedPercent());
    }

    /** Publishes a file for the dialer, or drops its part when the run withholds them. */
    private static void publishDialer(Path file, String withheld) {
        if (withheld == null) {
            OutputFiles.publish(file);
        } else {
            deleteQuietly(OutputFiles.part(file));
        }
    }

    private void toXlsx(Path csv, Path xlsx, String sheet, Set<String> numeric) {
        Path part = OutputFiles.part(csv);
        if (!Files.exists(part)) {
            return; // already converted and the CSV part renamed or removed: a resumed finish
        }
        JobSpec.Output o = plan.spec().output();
        xlsxOutput.convert(part, Charset.forName(o.encoding()), o.delimiter(), OutputFiles.part(xlsx), sheet, numeric);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }
}
