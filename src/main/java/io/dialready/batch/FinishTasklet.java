package io.dialready.batch;

import io.dialready.domain.Segment;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.lookup.LookupTables;
import io.dialready.lookup.QuotaStore;
import io.dialready.output.dialer.DialerStaging;
import io.dialready.output.dialer.PhoneOwners;
import io.dialready.output.files.OutputFiles;
import io.dialready.output.files.XlsxOutput;
import io.dialready.output.report.HeapWatch;
import io.dialready.output.report.HtmlReport;
import io.dialready.output.report.RunStats;
import io.dialready.spec.JobSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The last step: writes the report, renames every output from its ".part" name (so they appear together, complete)
 * and drops the run's staging table. Safe to run again after a
 * crash half-way: renaming skips files already renamed.
 */
final class FinishTasklet implements Tasklet {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final RunPlan plan;
    private final JobRepository jobRepository;
    private final DataSource dataSource;
    private final String provider;
    private final XlsxOutput xlsxOutput;

    FinishTasklet(
            RunPlan plan, JobRepository jobRepository, DataSource dataSource, String provider, XlsxOutput xlsxOutput) {
        this.plan = plan;
        this.jobRepository = jobRepository;
        this.dataSource = dataSource;
        this.provider = provider;
        this.xlsxOutput = xlsxOutput;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobInstance instance = chunkContext
                .getStepContext()
                .getStepExecution()
                .getJobExecution()
                .getJobInstance();
        StepExecution rows = jobRepository.getLastStepExecution(instance, EnrichJobConfiguration.ROWS_STEP);
        RunStats stats = RunStats.from(rows.getExecutionContext());
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
            writeReport(
                    reportPart,
                    stats,
                    instance,
                    chunkContext
                            .getStepContext()
                            .getStepExecution()
                            .getJobParameters()
                            .getLocalDate(EnrichProcessor.AS_OF));
        }
        if (format.xlsx()) {
            OutputFiles.publish(out.enrichedXlsx());
            OutputFiles.publish(out.dialerXlsx());
        }
        if (format.csv()) {
            OutputFiles.publish(out.enriched());
        }
        OutputFiles.publish(out.rejects());
        if (format.csv()) {
            OutputFiles.publish(out.dialer());
        } else {
            deleteQuietly(OutputFiles.part(out.enriched()));
            deleteQuietly(OutputFiles.part(out.dialer()));
        }
        for (JobSpec.Profile p : plan.spec().output().profiles()) {
            OutputFiles.publish(out.profile(p));
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

    /** The lookup step's figures, summed from the run's answers and calls tables (exact after any restart). */
    private void lookupCounters(Map<String, Object> r, JobInstance instance) {
        long id = instance.getInstanceId();
        LookupTables tables = new LookupTables(dataSource);
        long[] calls = tables.callTotals(id);
        r.put("lookups_requested", calls[0]);
        r.put("provider_calls", calls[1]);
        r.put("cache_hits", tables.cacheHits(id));
        r.put("retries", calls[2]);
        r.put("throttled_ms", calls[3]);
        r.put("pending", tables.unanswered(id));
        StepExecution lookup = jobRepository.getLastStepExecution(instance, LookupTasklet.STEP);
        if (lookup != null && lookup.getExecutionContext().containsKey(LookupTasklet.STOP_KEY)) {
            r.put("lookup_stopped", lookup.getExecutionContext().getString(LookupTasklet.STOP_KEY));
            r.put("lookup_stop_message", lookup.getExecutionContext().getString(LookupTasklet.STOP_MESSAGE_KEY));
        }
        // issue 11: what each account answered, the quota its calls kept, the calls refused, and why it was dropped
        Map<String, Long> answeredBy = tables.answeredBy(id);
        Map<String, String> dropped = lookup == null ? Map.of() : LookupTasklet.dropped(lookup.getExecutionContext());
        Map<String, LookupTables.AccountUse> use = new LinkedHashMap<>();
        for (LookupTables.AccountUse u : tables.accountUse(id)) {
            use.put(u.account(), u);
        }
        QuotaStore quota = new QuotaStore(dataSource);
        java.time.LocalDate today = java.time.LocalDate.ofInstant(plan.clock().instant(), java.time.ZoneOffset.UTC);
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (JobSpec.Account a : plan.spec().lookup().accounts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            LookupTables.AccountUse u = use.get(a.name());
            m.put("name", a.name());
            m.put("numbers_checked", u == null ? 0 : u.numbers());
            m.put("provider_calls", u == null ? 0 : u.calls());
            m.put("quota_day", today.toString());
            m.put("quota_used", quota.used(a.name(), today));
            m.put("daily_quota", a.dailyQuota());
            m.put("rate", a.rate().toString());
            accountOutcome(m, a.name(), u, answeredBy, dropped);
            accounts.add(m);
        }
        r.put("accounts", accounts);
        r.put(
                "allowed_rate_per_second",
                plan.spec().lookup().accounts().stream()
                        .mapToDouble(a -> a.rate().perSecond())
                        .sum());
    }

    /**
     * An account's outcome in this run (issue 11): numbers it answered for good, the daily quota its calls kept in this
     * run (refused calls gave theirs back), its check calls refused before they could reach WhatsApp, and, when it was
     * taken out of the run, why.
     */
    private static void accountOutcome(
            Map<String, Object> m,
            String name,
            LookupTables.AccountUse u,
            Map<String, Long> answeredBy,
            Map<String, String> dropped) {
        m.put("numbers_answered", answeredBy.getOrDefault(name, 0L));
        m.put("quota_used_this_run", u == null ? 0 : u.quotaUsed());
        m.put("calls_refused", u == null ? 0 : u.refusedCalls());
        if (dropped.containsKey(name)) {
            m.put("dropped", dropped.get(name));
        }
    }

    private static Map<String, Long> statusCounts(RunStats stats, String prefix) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (WhatsAppStatus w : WhatsAppStatus.values()) {
            counts.put(w.name(), stats.get(prefix + w.name()));
        }
        return counts;
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

    private void writeReport(Path target, RunStats stats, JobInstance instance, java.time.LocalDate asOf) {
        LocalDateTime started = null;
        for (JobExecution e : jobRepository.getJobExecutions(instance)) {
            if (e.getStartTime() != null && (started == null || e.getStartTime().isBefore(started))) {
                started = e.getStartTime();
            }
        }
        LocalDateTime finished = LocalDateTime.now();
        double seconds =
                started == null ? 0 : Duration.between(started, finished).toMillis() / 1000.0;

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("provider", provider);
        if ("sandbox".equals(provider)) {
            r.put("provider_note", "sandbox: simulated answers, not real WhatsApp checks");
        }
        r.put("job", plan.spec().name());
        r.put(
                "input",
                plan.input() != null
                        ? plan.input().toString()
                        : plan.spec().input().jdbc().describe());
        if (plan.spec().input().jdbc() != null) {
            r.put("input_format", "jdbc");
        } else if (plan.workbook() != null) {
            r.put("input_format", "xlsx");
            r.put("input_sheet", plan.workbook().sheet());
            r.put("input_header_row", plan.workbook().headerRow());
        } else {
            r.put("input_encoding", plan.format().charset().name());
            r.put("input_delimiter", String.valueOf(plan.format().delimiter()));
        }
        // a resumed run counts days to the date it started with (a job parameter), not to the resuming day
        r.put("as_of", String.valueOf(asOf == null ? plan.asOf() : asOf));
        r.put("dry_run", plan.dryRun() || plan.spec().lookup().dryRun());
        r.put("rows_read", stats.get("rows_read"));
        r.put("rows_enriched", stats.get("rows_enriched"));
        r.put("rows_rejected", stats.get("rows_rejected"));
        r.put("rejects_written", stats.get("rejects_written"));
        r.put("phones_found", stats.get("phones_found"));
        r.put("phones_valid", stats.get("phones_valid"));
        r.put("phones_invalid", stats.get("phones_invalid"));
        r.put("phones_duplicate", stats.get("phones_duplicate"));
        r.put("phones_repaired", stats.get("phones_repaired"));
        r.put("phones_unique", stats.get("phones_unique"));
        if (plan.spec().suppression() != null) {
            r.put("phones_suppressed", stats.get("phones_suppressed"));
            r.put("debtors_suppressed", stats.get("debtors_suppressed"));
        }
        if (plan.spec().sharedNumbers()) {
            r.put("numbers_shared", new PhoneOwners(dataSource).sharedNumbers(instance.getInstanceId()));
            r.put("phones_shared", stats.get("phones_shared"));
        }
        if (plan.lookupEngine()) {
            lookupCounters(r, instance);
        } else {
            r.put("lookups_requested", stats.get("lookups_requested"));
            r.put("provider_calls", stats.get("provider_calls"));
            r.put("cache_hits", stats.get("cache_hits"));
            r.put("pending", stats.get("whatsapp.PENDING"));
        }
        Map<String, Long> whatsapp = new LinkedHashMap<>();
        for (WhatsAppStatus s : WhatsAppStatus.values()) {
            whatsapp.put(s.name(), stats.get("whatsapp." + s.name()));
        }
        r.put("whatsapp", whatsapp);
        Map<String, Long> segments = new LinkedHashMap<>();
        for (Segment s : Segment.values()) {
            segments.put(s.label(), stats.get("segment." + s.label()));
        }
        r.put("segments", segments);
        r.put("phone_types", stats.group("phone_type."));
        Map<String, Map<String, Long>> bySegment = new LinkedHashMap<>();
        for (Segment s : Segment.values()) {
            bySegment.put(s.label(), statusCounts(stats, EnrichWriter.WA_BY_SEGMENT + s.label() + "."));
        }
        r.put("whatsapp_by_segment", bySegment);
        Map<String, Map<String, Long>> byType = new LinkedHashMap<>();
        stats.group("phone_type.").forEach((type, n) -> {
            if (n > 0) {
                byType.put(type, statusCounts(stats, EnrichWriter.WA_BY_TYPE + type + "."));
            }
        });
        r.put("whatsapp_by_phone_type", byType);
        r.put("debtors_with_active_whatsapp", stats.get("debtors_with_active_whatsapp"));
        r.put("debtors_without_valid_phone", stats.get("debtors_without_valid_phone"));
        long enriched = stats.get("rows_enriched");
        r.put(
                "enrichment_hit_rate",
                enriched == 0
                        ? 0.0
                        : Math.round(10000.0 * stats.get("debtors_with_active_whatsapp") / enriched) / 10000.0);
        r.put("started_at", String.valueOf(started));
        r.put("finished_at", finished.toString());
        r.put("duration_seconds", seconds);
        r.put("rows_per_second", seconds > 0 ? Math.round(stats.get("rows_read") / seconds) : 0);
        r.put("executions", jobRepository.getJobExecutions(instance).size());
        r.put("peak_heap_mb", HeapWatch.peakMb());
        Map<String, String> files = new LinkedHashMap<>();
        JobSpec.Output format = plan.spec().output();
        if (format.csv()) {
            files.put("enriched", plan.outputs().enriched().toString());
            files.put("dialer", plan.outputs().dialer().toString());
        }
        if (format.xlsx()) {
            files.put("enriched_xlsx", plan.outputs().enrichedXlsx().toString());
            files.put("dialer_xlsx", plan.outputs().dialerXlsx().toString());
        }
        for (JobSpec.Profile p : plan.spec().output().profiles()) {
            files.put(p.label(), plan.outputs().profile(p).toString());
        }
        files.put("rejects", plan.outputs().rejects().toString());
        files.put("report", plan.outputs().report().toString());
        files.put("report_html", plan.outputs().reportHtml().toString());
        r.put("outputs", files);
        try {
            String json = JSON.writeValueAsString(r);
            OutputFiles.createPrivate(target);
            Files.writeString(target, json + "\n");
            // the page shows what the JSON says, read back the way any reader of report.json would read it
            Map<?, ?> parsed = JSON.readValue(json, Map.class);
            Path html = OutputFiles.part(plan.outputs().reportHtml());
            OutputFiles.createPrivate(html);
            Files.writeString(html, HtmlReport.render(parsed), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
