package io.dialready.batch;

import io.dialready.domain.PhoneType;
import io.dialready.domain.RunCounters;
import io.dialready.domain.Segment;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.lookup.LookupEngine;
import io.dialready.lookup.LookupTables;
import io.dialready.lookup.QuotaStore;
import io.dialready.output.dialer.PhoneOwners;
import io.dialready.output.files.OutputFiles;
import io.dialready.output.report.HeapWatch;
import io.dialready.output.report.RunReport;
import io.dialready.spec.JobSpec;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Builds the run's {@link RunReport}, the one place its figures are gathered: the rows step's counters (saved in its
 * execution context, so a resumed run reports the whole run), the lookup step's tables and stop, the shared-numbers
 * table, the job repository's executions and the plan's outputs.
 */
final class RunReportAssembler {

    private final RunPlan plan;
    private final JobRepository jobRepository;
    private final DataSource dataSource;
    private final String provider;

    RunReportAssembler(RunPlan plan, JobRepository jobRepository, DataSource dataSource, String provider) {
        this.plan = plan;
        this.jobRepository = jobRepository;
        this.dataSource = dataSource;
        this.provider = provider;
    }

    /** The counters the rows step saved in its execution context. */
    static RunCounters counters(ExecutionContext context) {
        Map<String, Long> saved = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : context.entrySet()) {
            if (e.getKey().startsWith(EnrichRowsWriter.COUNTER_PREFIX) && e.getValue() instanceof Number n) {
                saved.put(e.getKey().substring(EnrichRowsWriter.COUNTER_PREFIX.length()), n.longValue());
            }
        }
        return RunCounters.restore(saved);
    }

    RunReport assemble(JobInstance instance, LocalDate asOf) {
        StepExecution rows = jobRepository.getLastStepExecution(instance, EnrichJobConfiguration.ROWS_STEP);
        RunCounters c = counters(rows.getExecutionContext());
        return new RunReport(
                run(asOf),
                RowsFigures.rows(plan, c),
                phones(c, instance),
                plan.lookupEngine() ? engineLookups(instance) : rowsStepLookups(c),
                reach(c),
                timing(c, instance, rows),
                outputs());
    }

    private RunReport.Run run(LocalDate asOf) {
        JobSpec spec = plan.spec();
        String input = plan.input() != null
                ? plan.input().toString()
                : spec.input().jdbc().describe();
        String format = null;
        String sheet = null;
        Integer headerRow = null;
        String encoding = null;
        String delimiter = null;
        if (spec.input().jdbc() != null) {
            format = "jdbc";
        } else if (plan.workbook() != null) {
            format = "xlsx";
            sheet = plan.workbook().sheet();
            headerRow = plan.workbook().headerRow();
        } else {
            encoding = plan.format().charset().name();
            delimiter = String.valueOf(plan.format().delimiter());
        }
        return new RunReport.Run(
                provider,
                "sandbox".equals(provider) ? "sandbox: simulated answers, not real WhatsApp checks" : null,
                spec.name(),
                input,
                format,
                sheet,
                headerRow,
                encoding,
                delimiter,
                // a resumed run counts days to the date it started with (a job parameter), not to the resuming day
                String.valueOf(asOf == null ? plan.asOf() : asOf),
                plan.dryRun() || spec.lookup().dryRun());
    }

    private RunReport.Phones phones(RunCounters c, JobInstance instance) {
        boolean suppression = plan.spec().suppression() != null;
        boolean shared = plan.spec().sharedNumbers();
        return new RunReport.Phones(
                c.phonesFound,
                c.phonesValid,
                c.phonesInvalid,
                c.phonesDuplicate,
                c.phonesRepaired,
                c.phonesUnique,
                suppression ? c.phonesSuppressed : null,
                suppression ? c.debtorsSuppressed : null,
                shared ? new PhoneOwners(dataSource).sharedNumbers(instance.getInstanceId()) : null,
                shared ? c.phonesShared : null);
    }

    /** Without the lookup engine the rows step asked the provider itself and counted its calls. */
    private static RunReport.Lookups rowsStepLookups(RunCounters c) {
        return new RunReport.Lookups(
                c.lookupsRequested,
                c.providerCalls,
                c.cacheHits,
                null,
                null,
                c.status(WhatsAppStatus.PENDING),
                null,
                null,
                null,
                null);
    }

    /** The lookup step's figures, summed from the run's answers and calls tables (exact after any restart). */
    private RunReport.Lookups engineLookups(JobInstance instance) {
        long id = instance.getInstanceId();
        LookupTables tables = new LookupTables(dataSource);
        long[] calls = tables.callTotals(id);
        StepExecution lookup = jobRepository.getLastStepExecution(instance, LookupTasklet.STEP);
        ExecutionContext context = lookup == null ? new ExecutionContext() : lookup.getExecutionContext();
        boolean stopped = context.containsKey(LookupTasklet.STOP_KEY);
        return new RunReport.Lookups(
                calls[0],
                calls[1],
                tables.cacheHits(id),
                calls[2],
                calls[3],
                tables.unanswered(id),
                stopped ? LookupEngine.Stop.valueOf(context.getString(LookupTasklet.STOP_KEY)) : null,
                stopped ? context.getString(LookupTasklet.STOP_MESSAGE_KEY) : null,
                accounts(tables, id, LookupTasklet.dropped(context)),
                plan.spec().lookup().accounts().stream()
                        .mapToDouble(a -> a.rate().perSecond())
                        .sum());
    }

    /**
     * Each account's use; issue 11: the numbers it answered for good, the daily quota its calls kept in this run
     * (refused calls gave theirs back), its check calls refused before they could reach WhatsApp, and, when it was
     * taken out of the run, why.
     */
    private List<RunReport.Account> accounts(LookupTables tables, long id, Map<String, String> dropped) {
        Map<String, Long> answeredBy = tables.answeredBy(id);
        Map<String, LookupTables.AccountUse> use = new LinkedHashMap<>();
        for (LookupTables.AccountUse u : tables.accountUse(id)) {
            use.put(u.account(), u);
        }
        QuotaStore quota = new QuotaStore(dataSource);
        LocalDate today = LocalDate.ofInstant(plan.clock().instant(), ZoneOffset.UTC);
        List<RunReport.Account> accounts = new ArrayList<>();
        for (JobSpec.Account a : plan.spec().lookup().accounts()) {
            LookupTables.AccountUse u = use.get(a.name());
            accounts.add(new RunReport.Account(
                    a.name(),
                    u == null ? 0 : u.numbers(),
                    u == null ? 0 : u.calls(),
                    today.toString(),
                    quota.used(a.name(), today),
                    a.dailyQuota(),
                    a.rate().toString(),
                    answeredBy.getOrDefault(a.name(), 0L),
                    u == null ? 0 : u.quotaUsed(),
                    u == null ? 0 : u.refusedCalls(),
                    dropped.get(a.name())));
        }
        return accounts;
    }

    private static RunReport.Reach reach(RunCounters c) {
        Map<String, Long> segments = new LinkedHashMap<>();
        Map<String, RunReport.StatusCounts> bySegment = new LinkedHashMap<>();
        for (Segment s : Segment.values()) {
            segments.put(s.label(), c.segment(s));
            bySegment.put(s.label(), statuses(w -> c.segmentStatus(s, w)));
        }
        // the phone types seen, by name
        Map<String, Long> types = new java.util.TreeMap<>();
        Map<String, RunReport.StatusCounts> byType = new java.util.TreeMap<>();
        for (PhoneType t : PhoneType.values()) {
            if (c.type(t) > 0) {
                types.put(t.name(), c.type(t));
                byType.put(t.name(), statuses(w -> c.typeStatus(t, w)));
            }
        }
        long enriched = c.rowsEnriched;
        return new RunReport.Reach(
                statuses(c::status),
                segments,
                types,
                bySegment,
                byType,
                c.debtorsWithActiveWhatsApp,
                c.debtorsWithoutValidPhone,
                enriched == 0 ? 0.0 : Math.round(10000.0 * c.debtorsWithActiveWhatsApp / enriched) / 10000.0);
    }

    private static RunReport.StatusCounts statuses(java.util.function.ToLongFunction<WhatsAppStatus> count) {
        return new RunReport.StatusCounts(
                count.applyAsLong(WhatsAppStatus.ACTIVE),
                count.applyAsLong(WhatsAppStatus.INACTIVE),
                count.applyAsLong(WhatsAppStatus.UNKNOWN),
                count.applyAsLong(WhatsAppStatus.PENDING),
                count.applyAsLong(WhatsAppStatus.SKIPPED));
    }

    private RunReport.Timing timing(RunCounters c, JobInstance instance, StepExecution rows) {
        List<JobExecution> executions = jobRepository.getJobExecutions(instance);
        LocalDateTime started = null;
        for (JobExecution e : executions) {
            if (e.getStartTime() != null && (started == null || e.getStartTime().isBefore(started))) {
                started = e.getStartTime();
            }
        }
        LocalDateTime finished = LocalDateTime.now();
        double seconds =
                started == null ? 0 : Duration.between(started, finished).toMillis() / 1000.0;
        return new RunReport.Timing(
                String.valueOf(started),
                finished.toString(),
                seconds,
                seconds > 0 ? Math.round(c.rowsRead / seconds) : 0,
                executions.size(),
                HeapWatch.peakMb(),
                perSecond(rows.getWriteCount(), rows.getStartTime(), rows.getEndTime()));
    }

    private static long perSecond(long count, LocalDateTime start, LocalDateTime end) {
        long ms =
                start == null || end == null ? 0 : Duration.between(start, end).toMillis();
        return ms > 0 ? Math.round(count * 1000.0 / ms) : 0;
    }

    private Map<String, String> outputs() {
        OutputFiles out = plan.outputs();
        JobSpec.Output format = plan.spec().output();
        Map<String, String> files = new LinkedHashMap<>();
        if (format.csv()) {
            files.put("enriched", out.enriched().toString());
            files.put("dialer", out.dialer().toString());
        }
        if (format.xlsx()) {
            files.put("enriched_xlsx", out.enrichedXlsx().toString());
            files.put("dialer_xlsx", out.dialerXlsx().toString());
        }
        for (JobSpec.Profile p : format.profiles()) {
            files.put(p.label(), out.profile(p).toString());
        }
        files.put("rejects", out.rejects().toString());
        files.put("report", out.report().toString());
        files.put("report_html", out.reportHtml().toString());
        return files;
    }
}
