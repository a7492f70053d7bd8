package io.dialready.batch;

import java.io.PrintStream;

import javax.sql.DataSource;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemWriterBuilder;
import org.springframework.batch.infrastructure.item.file.transform.PassThroughLineAggregator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.transaction.PlatformTransactionManager;

import io.dialready.lookup.LookupService;
import io.dialready.lookup.SandboxLookup;
import io.dialready.phone.PhoneExtractor;
import io.dialready.sink.CsvLineFormatter;
import io.dialready.sink.DialerStaging;
import io.dialready.sink.OutputFiles;
import io.dialready.sink.RunStats;
import io.dialready.sink.XlsxOutput;
import io.dialready.source.CsvDebtorReader;
import io.dialready.source.DebtorMapper;
import io.dialready.source.SourceRow;
import io.dialready.source.XlsxDebtorReader;
import io.dialready.spec.JobSpec;

/**
 * The enrich job, wired as the flow reads:
 * <ol>
 * <li>{@code enrich-rows}: source (CSV or XLSX, streamed) -> phones (parsed ahead on every core, input order kept,
 * see {@link ReadAheadParser}) -> lookup -> ranking -> enriched file, rejects file and the dialer staging table, chunk
 * by chunk;</li>
 * <li>{@code dialer-file}: the staging table ORDER BY priority -> the dialer file;</li>
 * <li>{@code finish}: the report, the XLSX outputs (when asked for) streamed from the finished CSV parts, then every
 * output renamed from its ".part" name at once.</li>
 * </ol>
 */
@Configuration
public class EnrichJobConfiguration {

    public static final String JOB_NAME = "enrich";
    public static final String ROWS_STEP = "enrich-rows";

    @Bean
    public Job enrichJob(JobRepository jobRepository, Step enrichRowsStep, Step dialerFileStep, Step finishStep) {
        return new JobBuilder(JOB_NAME, jobRepository).start(enrichRowsStep)
            .next(dialerFileStep)
            .next(finishStep)
            .build();
    }

    @Bean
    public RunStats runStats() {
        return new RunStats();
    }

    @Bean
    public LookupService lookupService(RunPlan plan) {
        JobSpec.Lookup l = plan.spec().lookup();
        return new LookupService(new SandboxLookup(l.sandbox()), l.checkFixedLines(), plan.dryRun() || l.dryRun(),
                l.batchSize());
    }

    @Bean
    public DialerStaging dialerStaging(DataSource dataSource) {
        return new DialerStaging(dataSource);
    }

    @Bean
    public Step enrichRowsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            RunPlan plan, LookupService lookupService, DialerStaging staging, RunStats stats) {
        JobSpec spec = plan.spec();
        String[] header = plan.header().toArray(String[]::new);
        ItemStreamReader<SourceRow> reader = plan.workbook() != null
                ? new XlsxDebtorReader(plan.input(), plan.workbook())
                : new CsvDebtorReader(plan.input(), plan.format());
        EnrichProcessor processor = new EnrichProcessor(new DebtorMapper(spec, header),
                new PhoneExtractor(spec, header), plan.asOf(), plan.format().delimiter(), spec.output().delimiter());
        JobSpec.Output out = spec.output();
        CsvLineFormatter headerFormat = new CsvLineFormatter(out.delimiter());
        String[] enrichedHeader = new String[header.length + EnrichWriter.ENRICHED_COLUMNS.size()];
        System.arraycopy(header, 0, enrichedHeader, 0, header.length);
        for (int i = 0; i < EnrichWriter.ENRICHED_COLUMNS.size(); i++) {
            enrichedHeader[header.length + i] = EnrichWriter.ENRICHED_COLUMNS.get(i);
        }
        FlatFileItemWriter<String> enriched = fileWriter("enriched", plan.outputs().enriched(), out,
                headerFormat.format(enrichedHeader));
        FlatFileItemWriter<String> rejects = fileWriter("rejects", plan.outputs().rejects(), out,
                headerFormat.format(EnrichWriter.REJECT_COLUMNS.toArray(String[]::new)));
        PrintStream console = plan.quiet() ? null : System.err;
        EnrichWriter writer = new EnrichWriter(lookupService, enriched, rejects, staging, stats, out.delimiter(),
                out.lineSeparator(), new Progress(console, 10_000));

        int chunk = spec.run().chunkSize();
        String countKey = plan.workbook() != null ? XlsxDebtorReader.READ_KEY : CsvDebtorReader.READ_KEY;
        ReadAheadParser rows = new ReadAheadParser(reader, countKey, processor, spec.run().threads(), 2 * chunk);
        return new StepBuilder(ROWS_STEP, jobRepository).<ParsedRow, ParsedRow>chunk(chunk)
            .reader(rows)
            .writer(writer)
            .listener(processor) // for its beforeStep: the run's as-of date
            .transactionManager(transactionManager)
            .build();
    }

    @Bean
    public Step dialerFileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            RunPlan plan, DataSource dataSource) {
        JobSpec.Output out = plan.spec().output();
        String header = new CsvLineFormatter(out.delimiter())
            .format(EnrichWriter.DIALER_COLUMNS.toArray(String[]::new));
        return new StepBuilder("dialer-file", jobRepository).<String, String>chunk(1000)
            .reader(new StagedDialerReader(dataSource))
            .writer(fileWriter("dialer", plan.outputs().dialer(), out, header))
            .transactionManager(transactionManager)
            .build();
    }

    @Bean
    public Step finishStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, RunPlan plan,
            DataSource dataSource, LookupService lookupService) {
        return new StepBuilder("finish", jobRepository)
            .tasklet(new FinishTasklet(plan, jobRepository, dataSource, lookupService.providerName(),
                    new XlsxOutput(Integer.getInteger("dialready.xlsx.max-rows-per-sheet", XlsxOutput.EXCEL_MAX_ROWS))),
                    transactionManager)
            .build();
    }

    private static FlatFileItemWriter<String> fileWriter(String name, java.nio.file.Path target, JobSpec.Output out,
            String header) {
        return new FlatFileItemWriterBuilder<String>().name(name)
            .resource(new FileSystemResource(OutputFiles.part(target)))
            .lineAggregator(new PassThroughLineAggregator<>())
            .encoding(out.encoding())
            .lineSeparator(out.lineSeparator())
            .headerCallback(w -> w.write(header))
            .transactional(true)
            .build();
    }
}
