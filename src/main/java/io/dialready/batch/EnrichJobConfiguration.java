package io.dialready.batch;

import io.dialready.calling.CallingRules;
import io.dialready.lookup.LookupService;
import io.dialready.lookup.LookupTables;
import io.dialready.lookup.QuotaStore;
import io.dialready.lookup.SandboxLookup;
import io.dialready.phone.PhoneTimeZones;
import io.dialready.sink.CsvLineFormatter;
import io.dialready.sink.DialerStaging;
import io.dialready.sink.FormulaGuard;
import io.dialready.sink.JdbcResults;
import io.dialready.sink.OutputFiles;
import io.dialready.sink.PhoneOwners;
import io.dialready.sink.ProfileLines;
import io.dialready.sink.RunStats;
import io.dialready.sink.XlsxOutput;
import io.dialready.source.DebtorMapper;
import io.dialready.source.PhoneExtractor;
import io.dialready.source.SourceRow;
import io.dialready.source.csv.CsvDebtorReader;
import io.dialready.source.jdbc.JdbcDebtorReader;
import io.dialready.source.xlsx.XlsxDebtorReader;
import io.dialready.spec.JobSpec;
import io.dialready.suppression.SuppressionList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemWriterBuilder;
import org.springframework.batch.infrastructure.item.file.transform.PassThroughLineAggregator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.transaction.PlatformTransactionManager;

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
    public Job enrichJob(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            RunPlan plan,
            DataSource dataSource,
            Step enrichRowsStep,
            Step dialerFileStep,
            Step finishStep) {
        var builder = new JobBuilder(JOB_NAME, jobRepository);
        org.springframework.batch.core.job.builder.SimpleJobBuilder flow;
        if (plan.lookupEngine()) {
            flow = builder.start(prePassStep(jobRepository, transactionManager, plan, dataSource))
                    .next(lookupStep(jobRepository, transactionManager, plan, dataSource))
                    .next(enrichRowsStep);
        } else if (plan.spec().sharedNumbers()) {
            flow = builder.start(phoneOwnersStep(jobRepository, transactionManager, plan, dataSource))
                    .next(enrichRowsStep);
        } else {
            flow = builder.start(enrichRowsStep);
        }
        flow = flow.next(dialerFileStep);
        for (JobSpec.Profile p : plan.spec().output().profiles()) {
            flow = flow.next(profileStep(p, jobRepository, transactionManager, plan, dataSource));
        }
        return flow.next(finishStep).build();
    }

    /**
     * The shared-numbers pre-pass: parses the input once more (the same reader and processor) and records every
     * debtor's numbers in the run's owners table, so that ranking knows which numbers other debtors hold.
     */
    private static Step phoneOwnersStep(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            RunPlan plan,
            DataSource dataSource) {
        EnrichProcessor processor = processor(plan);
        return new StepBuilder("phone-owners", jobRepository)
                .<ParsedRow, ParsedRow>chunk(plan.spec().run().chunkSize())
                .reader(readAhead(plan, processor))
                .writer(new PhoneOwnersWriter(new PhoneOwners(dataSource)))
                .listener(processor)
                .transactionManager(transactionManager)
                .build();
    }

    /**
     * The pre-pass when the lookup engine asks the numbers: parses the input once more and records every wanted number
     * with its debtor's worth in the run's lookup queue (and, with shared_numbers, every debtor's numbers in the owners
     * table, in the same pass).
     */
    private static Step prePassStep(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            RunPlan plan,
            DataSource dataSource) {
        JobSpec spec = plan.spec();
        EnrichProcessor processor = processor(plan);
        SuppressionList suppression = spec.suppression() == null
                ? null
                : SuppressionList.load(
                        spec.suppression().doNotCall(),
                        spec.suppression().debtorKeys(),
                        spec.country(),
                        spec.ninthDigitFor7());
        LookupQueueWriter queue = new LookupQueueWriter(
                new LookupTables(dataSource),
                spec.lookup().checkFixedLines(),
                spec.lookup().photos() == null ? null : spec.lookup().photos().minAmount(),
                suppression);
        var step = new StepBuilder("pre-pass", jobRepository)
                .<ParsedRow, ParsedRow>chunk(spec.run().chunkSize())
                .reader(readAhead(plan, processor))
                .listener(processor)
                .listener(queue)
                .transactionManager(transactionManager);
        if (spec.sharedNumbers()) {
            PhoneOwnersWriter owners = new PhoneOwnersWriter(new PhoneOwners(dataSource));
            return step.writer(chunk -> {
                        queue.write(chunk);
                        owners.write(chunk);
                    })
                    .listener(owners)
                    .build();
        }
        return step.writer(queue).build();
    }

    /** The lookup step: the run's numbers through the account pool, most valuable first (see LookupTasklet). */
    private static Step lookupStep(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            RunPlan plan,
            DataSource dataSource) {
        LookupTasklet tasklet = new LookupTasklet(
                new LookupTables(dataSource),
                new QuotaStore(dataSource),
                plan.spec().lookup(),
                plan.forceRecheck(),
                plan.clock(),
                plan.quiet() ? null : System.err);
        return new StepBuilder(LookupTasklet.STEP, jobRepository)
                .tasklet(tasklet, transactionManager)
                .listener(tasklet)
                .build();
    }

    /** Maps a row to its debtor and parses its phones; the same for the pre-pass and the rows step. */
    private static EnrichProcessor processor(RunPlan plan) {
        JobSpec spec = plan.spec();
        String[] header = plan.header().toArray(String[]::new);
        return new EnrichProcessor(
                new DebtorMapper(spec, header),
                new PhoneExtractor(spec, header),
                plan.asOf(),
                plan.format().delimiter(),
                spec.output().delimiter(),
                FormulaGuard.of(spec.output().neutraliseFormulas()));
    }

    /** The input (CSV, XLSX or a JDBC query) read and parsed ahead of the step on every core, in input order. */
    private static ReadAheadParser readAhead(RunPlan plan, EnrichProcessor processor) {
        return readAhead(plan, processor, source(plan));
    }

    private static ItemStreamReader<SourceRow> source(RunPlan plan) {
        JobSpec.Jdbc jdbc = plan.spec().input().jdbc();
        if (jdbc != null) {
            return new JdbcDebtorReader(jdbc, plan.spec().columns().decimalSeparator());
        }
        return plan.workbook() != null
                ? new XlsxDebtorReader(plan.input(), plan.workbook())
                : new CsvDebtorReader(plan.input(), plan.format());
    }

    private static ReadAheadParser readAhead(
            RunPlan plan, EnrichProcessor processor, ItemStreamReader<SourceRow> reader) {
        JobSpec.Run run = plan.spec().run();
        if (reader instanceof JdbcDebtorReader) {
            return new ReadAheadParser(
                    reader,
                    JdbcDebtorReader.READ_KEY,
                    JdbcDebtorReader.LAST_KEY,
                    processor,
                    run.threads(),
                    2 * run.chunkSize());
        }
        String countKey = plan.workbook() != null ? XlsxDebtorReader.READ_KEY : CsvDebtorReader.READ_KEY;
        return new ReadAheadParser(reader, countKey, processor, run.threads(), 2 * run.chunkSize());
    }

    /** One file per extra dialer profile, streamed from its staging column in dialer order, restartable. */
    private static Step profileStep(
            JobSpec.Profile profile,
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            RunPlan plan,
            DataSource dataSource) {
        JobSpec.Output out = plan.spec().output();
        // Genesys takes UTF-8 only; the others follow output.encoding
        JobSpec.Output fileOut = profile == JobSpec.Profile.GENESYS ? out.withEncoding("UTF-8") : out;
        return new StepBuilder(profile.label() + "-file", jobRepository)
                .<String, String>chunk(1000)
                .reader(new StagedDialerReader(dataSource, profile))
                .writer(fileWriter(
                        profile.label(),
                        plan.outputs().profile(profile),
                        fileOut,
                        ProfileLines.header(profile, out, plan.spec().callingRules() != null)))
                .transactionManager(transactionManager)
                .build();
    }

    @Bean
    public RunStats runStats() {
        return new RunStats();
    }

    @Bean
    public LookupService lookupService(RunPlan plan) {
        JobSpec.Lookup l = plan.spec().lookup();
        // with the lookup engine on, the rows step only reads the run's answers; the service names the provider and
        // applies the policy (fixed lines, dry run)
        return new LookupService(
                new SandboxLookup(l.sandbox()),
                l.provider(),
                l.checkFixedLines(),
                plan.dryRun() || l.dryRun(),
                l.batchSize());
    }

    @Bean
    public DialerStaging dialerStaging(DataSource dataSource) {
        return new DialerStaging(dataSource);
    }

    @Bean
    public Step enrichRowsStep(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            RunPlan plan,
            LookupService lookupService,
            DialerStaging staging,
            RunStats stats,
            DataSource dataSource,
            ObjectProvider<ProgressListener> progressListener) {
        JobSpec spec = plan.spec();
        String[] header = plan.header().toArray(String[]::new);
        EnrichProcessor processor = processor(plan);
        JobSpec.Output out = spec.output();
        CsvLineFormatter headerFormat = new CsvLineFormatter(out.delimiter());
        FormulaGuard guard = FormulaGuard.of(out.neutraliseFormulas());
        // the input's header names are input too
        List<String> enrichedColumns = new ArrayList<>(List.of(guard.cells(header)));
        enrichedColumns.addAll(EnrichWriter.ENRICHED_COLUMNS);
        if (spec.suppression() != null) {
            enrichedColumns.add(EnrichWriter.SUPPRESSED_COLUMN);
        }
        String[] enrichedHeader = enrichedColumns.toArray(String[]::new);
        ItemStreamWriter<String> enriched =
                fileWriter("enriched", plan.outputs().enriched(), out, headerFormat.format(enrichedHeader));
        ItemStreamWriter<String> rejects = fileWriter(
                "rejects",
                plan.outputs().rejects(),
                out,
                headerFormat.format(EnrichWriter.REJECT_COLUMNS.toArray(String[]::new)));
        ItemStreamReader<SourceRow> source = source(plan);
        Progress progress = new Progress(
                        plan.progressInterval() == null ? Duration.ofSeconds(10) : plan.progressInterval(),
                        progressListener.getIfAvailable(() -> ProgressListener.NONE))
                .withLookups(lookupService::lookupsRequested, () -> allowedLookupsPerSecond(spec.lookup()));
        if (source instanceof CsvDebtorReader csv) {
            progress.withInputFraction(csv::fractionRead);
        }
        EnrichWriter writer = new EnrichWriter(
                lookupService, enriched, rejects, staging, stats, out.delimiter(), out.lineSeparator(), progress);
        writer.withFormulaGuard(guard);
        PhoneTimeZones zones = new PhoneTimeZones();
        CallingRules callingRules = spec.callingRules() == null
                ? null
                : CallingRules.load(spec.callingRules()).withUserHolidays(spec.callingHolidays());
        ProfileLines profileLines =
                new ProfileLines(out, zones, spec.country(), spec.columns().dateFormat()).asOf(plan.asOf());
        writer.withProfiles(
                callingRules == null ? profileLines : profileLines.withCallingRules(callingRules, plan.asOf()));
        if (spec.sharedNumbers()) {
            writer.withSharedNumbers(new PhoneOwners(dataSource));
        }
        if (plan.lookupEngine()) {
            writer.withRunAnswers(new LookupTables(dataSource));
        }
        if (spec.lookup().photos() != null) {
            writer.withPhotoColumns();
        }
        if (spec.suppression() != null) {
            writer.withSuppression(SuppressionList.load(
                    spec.suppression().doNotCall(),
                    spec.suppression().debtorKeys(),
                    spec.country(),
                    spec.ninthDigitFor7()));
        }
        if (callingRules != null) {
            writer.withCallingRules(zones, callingRules, plan.asOf());
        }
        if (out.jdbc() != null && !plan.dryRun() && !spec.lookup().dryRun()) {
            // a dry run's PENDING statuses must not overwrite the statuses a dialer reads from the results tables
            writer.withResults(new JdbcResults(out.jdbc()));
        }

        return new StepBuilder(ROWS_STEP, jobRepository)
                .<ParsedRow, ParsedRow>chunk(spec.run().chunkSize())
                .reader(readAhead(plan, processor, source))
                .writer(writer)
                .listener(processor) // for its beforeStep: the run's as-of date
                .transactionManager(transactionManager)
                .build();
    }

    @Bean
    public Step dialerFileStep(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            RunPlan plan,
            DataSource dataSource) {
        JobSpec.Output out = plan.spec().output();
        List<String> columns = new ArrayList<>(EnrichWriter.DIALER_COLUMNS);
        if (plan.spec().callingRules() != null) {
            columns.addAll(EnrichWriter.CALLING_COLUMNS);
        }
        if (plan.spec().sharedNumbers()) {
            columns.add(EnrichWriter.SHARED_COLUMN);
        }
        if (plan.spec().lookup().photos() != null) {
            columns.addAll(EnrichWriter.PHOTO_COLUMNS);
        }
        String header = new CsvLineFormatter(out.delimiter()).format(columns.toArray(String[]::new));
        return new StepBuilder("dialer-file", jobRepository)
                .<String, String>chunk(1000)
                .reader(new StagedDialerReader(dataSource))
                .writer(fileWriter("dialer", plan.outputs().dialer(), out, header))
                .transactionManager(transactionManager)
                .build();
    }

    @Bean
    public Step finishStep(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            RunPlan plan,
            DataSource dataSource,
            LookupService lookupService) {
        return new StepBuilder("finish", jobRepository)
                .tasklet(
                        new FinishTasklet(
                                plan,
                                jobRepository,
                                dataSource,
                                lookupService.providerName(),
                                new XlsxOutput(Integer.getInteger(
                                        "dialready.xlsx.max-rows-per-sheet", XlsxOutput.EXCEL_MAX_ROWS))),
                        transactionManager)
                .build();
    }

    /**
     * The lookups per second the spec's provider accounts allow together (the sum of their {@code rate}s), shown by the
     * progress display beside the measured rate; empty without accounts (the sandbox: no limit). The hook to change
     * when the allowed rate comes from elsewhere (an account's quota spent, a breaker open).
     */
    static java.util.OptionalDouble allowedLookupsPerSecond(JobSpec.Lookup lookup) {
        if (lookup.accounts() == null || lookup.accounts().isEmpty()) {
            return java.util.OptionalDouble.empty();
        }
        double total = 0;
        for (JobSpec.Account a : lookup.accounts()) {
            if (a.rate() == null) {
                return java.util.OptionalDouble.empty();
            }
            total += a.rate().perSecond();
        }
        return java.util.OptionalDouble.of(total);
    }

    /** A restartable, transactional writer of {@code target}'s part file, created rw-r----- (PrivateFileWriter). */
    private static ItemStreamWriter<String> fileWriter(
            String name, java.nio.file.Path target, JobSpec.Output out, String header) {
        FlatFileItemWriterBuilder<String> b = new FlatFileItemWriterBuilder<String>()
                .name(name)
                .resource(new FileSystemResource(OutputFiles.part(target)))
                .append(true) // keeps the empty file PrivateFileWriter created with its permissions
                .lineAggregator(new PassThroughLineAggregator<>())
                .encoding(out.encoding())
                .lineSeparator(out.lineSeparator())
                .transactional(true);
        if (header != null) {
            b.headerCallback(w -> w.write(header));
        }
        return new PrivateFileWriter(b.build(), name, OutputFiles.part(target));
    }
}
