package io.dialready.batch;

import io.dialready.calling.CallingRules;
import io.dialready.domain.EnrichedDebtor;
import io.dialready.domain.RunCounters;
import io.dialready.lookup.LookupService;
import io.dialready.lookup.LookupTables;
import io.dialready.lookup.QuotaStore;
import io.dialready.lookup.SandboxLookup;
import io.dialready.output.EnrichedFileWriter;
import io.dialready.output.FormulaGuard;
import io.dialready.output.RejectsWriter;
import io.dialready.output.dialer.DialerLines;
import io.dialready.output.dialer.DialerStaging;
import io.dialready.output.dialer.DialerStagingWriter;
import io.dialready.output.dialer.PhoneOwners;
import io.dialready.output.dialer.ProfileLines;
import io.dialready.output.files.PrivateFileWriter;
import io.dialready.output.files.XlsxOutput;
import io.dialready.output.jdbc.JdbcResults;
import io.dialready.output.jdbc.JdbcResultsWriter;
import io.dialready.phone.PhoneTimeZones;
import io.dialready.source.SourceRow;
import io.dialready.source.csv.CsvDebtorReader;
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
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
        EnrichProcessor processor = RowsInput.processor(plan);
        return new StepBuilder("phone-owners", jobRepository)
                .<ParsedRow, ParsedRow>chunk(plan.spec().run().chunkSize())
                .reader(RowsInput.readAhead(plan, processor))
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
        EnrichProcessor processor = RowsInput.processor(plan);
        SuppressionList suppression = spec.suppression() == null ? null : suppression(spec);
        LookupQueueWriter queue = new LookupQueueWriter(
                new LookupTables(dataSource),
                spec.lookup().checkFixedLines(),
                spec.lookup().photos() == null ? null : spec.lookup().photos().minAmount(),
                suppression);
        var step = new StepBuilder("pre-pass", jobRepository)
                .<ParsedRow, ParsedRow>chunk(spec.run().chunkSize())
                .reader(RowsInput.readAhead(plan, processor))
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
                .writer(PrivateFileWriter.ofPart(
                        profile.label(),
                        plan.outputs().profile(profile),
                        fileOut,
                        ProfileLines.header(profile, out, plan.spec().callingRules() != null)))
                .transactionManager(transactionManager)
                .build();
    }

    @Bean
    public RunCounters runCounters() {
        return new RunCounters();
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
            RunCounters counters,
            DataSource dataSource,
            ObjectProvider<ProgressListener> progressListener) {
        JobSpec spec = plan.spec();
        ItemStreamReader<SourceRow> source = RowsInput.source(plan);
        Progress progress = new Progress(
                        plan.progressInterval() == null ? Duration.ofSeconds(10) : plan.progressInterval(),
                        progressListener.getIfAvailable(() -> ProgressListener.NONE))
                .withLookups(lookupService::lookupsRequested, () -> allowedLookupsPerSecond(spec.lookup()));
        if (source instanceof CsvDebtorReader csv) {
            progress.withInputFraction(csv::fractionRead);
        }
        PhoneTimeZones zones = new PhoneTimeZones();
        CallingRules rules = spec.callingRules() == null
                ? null
                : CallingRules.load(spec.callingRules()).withUserHolidays(spec.callingHolidays());
        EnrichRowsWriter writer = new EnrichRowsWriter(
                enricher(plan, lookupService, zones, rules, dataSource),
                outputs(plan, lookupService.providerName(), zones, rules, staging, counters),
                staging,
                counters,
                progress);
        EnrichProcessor processor = RowsInput.processor(plan);
        return new StepBuilder(ROWS_STEP, jobRepository)
                .<ParsedRow, ParsedRow>chunk(spec.run().chunkSize())
                .reader(RowsInput.readAhead(plan, processor, source))
                .writer(writer) // also its step listener (beforeStep: the run's id)
                .listener(processor) // for its beforeStep: the run's as-of date
                .transactionManager(transactionManager)
                .build();
    }

    /** Suppression, lookup (or the run's answers), ranking, calling windows, shared numbers and photos, per chunk. */
    private static ChunkEnricher enricher(
            RunPlan plan,
            LookupService lookupService,
            PhoneTimeZones zones,
            CallingRules rules,
            DataSource dataSource) {
        JobSpec spec = plan.spec();
        ChunkEnricher enricher = new ChunkEnricher(lookupService);
        if (spec.sharedNumbers()) {
            enricher.withSharedNumbers(new PhoneOwners(dataSource));
        }
        if (plan.lookupEngine()) {
            enricher.withRunAnswers(new LookupTables(dataSource));
        }
        if (spec.lookup().photos() != null) {
            enricher.withPhotos();
        }
        if (spec.suppression() != null) {
            enricher.withSuppression(suppression(spec));
        }
        enricher.withCallingRules(zones, rules, plan.asOf());
        return enricher;
    }

    /** Every output of the rows step, one writer each, in the order each chunk is written to them. */
    private static List<ItemWriter<? super EnrichedDebtor>> outputs(
            RunPlan plan,
            String provider,
            PhoneTimeZones zones,
            CallingRules rules,
            DialerStaging staging,
            RunCounters counters) {
        JobSpec spec = plan.spec();
        JobSpec.Output out = spec.output();
        boolean suppression = spec.suppression() != null;
        List<ItemWriter<? super EnrichedDebtor>> outputs = new ArrayList<>();
        if (out.jdbc() != null && !plan.dryRun() && !spec.lookup().dryRun()) {
            // a dry run's PENDING statuses must not overwrite the statuses a dialer reads from the results tables
            outputs.add(new JdbcResultsWriter(new JdbcResults(out.jdbc()), provider, suppression));
        }
        outputs.add(EnrichedFileWriter.of(plan.outputs().enriched(), out, plan.header(), provider, suppression));
        ProfileLines profiles = new ProfileLines(
                        out, zones, spec.country(), spec.columns().dateFormat())
                .withCallingRules(rules, plan.asOf());
        outputs.add(RejectsWriter.of(plan.outputs().rejects(), out, counters, profiles.any() ? profiles::notes : null));
        outputs.add(new DialerStagingWriter(
                staging, dialerLines(plan, provider), profiles.any() ? profiles : null, counters));
        return outputs;
    }

    private static DialerLines dialerLines(RunPlan plan, String provider) {
        JobSpec spec = plan.spec();
        JobSpec.Output out = spec.output();
        return new DialerLines(
                out.delimiter(),
                out.lineSeparator(),
                FormulaGuard.of(out.neutraliseFormulas()),
                provider,
                spec.callingRules() != null,
                spec.sharedNumbers(),
                spec.lookup().photos() != null);
    }

    private static SuppressionList suppression(JobSpec spec) {
        return SuppressionList.load(
                spec.suppression().doNotCall(), spec.suppression().debtorKeys(), spec.country(), spec.ninthDigitFor7());
    }

    @Bean
    public Step dialerFileStep(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            RunPlan plan,
            DataSource dataSource,
            LookupService lookupService) {
        JobSpec.Output out = plan.spec().output();
        String header = dialerLines(plan, lookupService.providerName()).header();
        return new StepBuilder("dialer-file", jobRepository)
                .<String, String>chunk(1000)
                .reader(new StagedDialerReader(dataSource))
                .writer(PrivateFileWriter.ofPart("dialer", plan.outputs().dialer(), out, header))
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
}
