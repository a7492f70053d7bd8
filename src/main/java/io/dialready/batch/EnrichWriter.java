package io.dialready.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;

import io.dialready.lookup.LookupResult;
import io.dialready.lookup.LookupService;
import io.dialready.lookup.WhatsAppStatus;
import io.dialready.phone.PhoneCandidate;
import io.dialready.ranking.DebtorRanker;
import io.dialready.ranking.RankedDebtor;
import io.dialready.ranking.RankedPhone;
import io.dialready.sink.CsvLineFormatter;
import io.dialready.sink.DialerStaging;
import io.dialready.sink.RunStats;
import io.dialready.source.Reject;

/**
 * The chunk's second half: looks up the chunk's unique numbers at once, ranks each debtor, and writes the enriched
 * rows and rejects (in input order, through restartable transactional file writers) and the dialer rows (into the
 * staging table, in the chunk's transaction). Runs on the step's thread only.
 */
public final class EnrichWriter implements ItemWriter<ParsedRow>, ItemStream, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(EnrichWriter.class);

    public static final List<String> ENRICHED_COLUMNS = List.of("wa_best_phone", "wa_best_status", "wa_active_phones",
            "phones_ranked", "segment", "priority", "wa_provider");

    public static final List<String> DIALER_COLUMNS = List.of("debtor_key", "rank", "phone_e164", "phone_national",
            "phone_type", "whatsapp", "whatsapp_id", "source_column", "segment", "priority", "provider");

    public static final List<String> REJECT_COLUMNS = List.of("line", "column", "value", "reason");

    private final LookupService lookup;
    private final DebtorRanker ranker = new DebtorRanker();
    private final FlatFileItemWriter<String> enriched;
    private final FlatFileItemWriter<String> rejects;
    private final DialerStaging staging;
    private final RunStats stats;
    private final CsvLineFormatter enrichedFormat;
    private final CsvLineFormatter plainFormat;
    private final String lineSeparator;
    private final Progress progress;
    private long jobInstanceId;

    public EnrichWriter(LookupService lookup, FlatFileItemWriter<String> enriched, FlatFileItemWriter<String> rejects,
            DialerStaging staging, RunStats stats, char delimiter, String lineSeparator, Progress progress) {
        this.lookup = lookup;
        this.enriched = enriched;
        this.rejects = rejects;
        this.staging = staging;
        this.stats = stats;
        this.enrichedFormat = new CsvLineFormatter(delimiter);
        this.plainFormat = new CsvLineFormatter(delimiter);
        this.lineSeparator = lineSeparator;
        this.progress = progress;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.jobInstanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
    }

    @Override
    public void write(Chunk<? extends ParsedRow> chunk) throws Exception {
        // 1. the chunk's unique numbers, looked up at once
        Map<String, PhoneCandidate> unique = new LinkedHashMap<>();
        for (ParsedRow row : chunk) {
            for (PhoneCandidate p : row.phones()) {
                unique.putIfAbsent(p.e164(), p);
            }
        }
        long requestedBefore = lookup.lookupsRequested();
        long callsBefore = lookup.providerCalls();
        long hitsBefore = lookup.cacheHits();
        Map<String, LookupResult> answers = lookup.lookup(unique.values());
        stats.add("lookups_requested", lookup.lookupsRequested() - requestedBefore);
        stats.add("provider_calls", lookup.providerCalls() - callsBefore);
        stats.add("cache_hits", lookup.cacheHits() - hitsBefore);

        // 2. rank and format, in input order
        List<String> enrichedLines = new ArrayList<>(chunk.size());
        List<String> rejectLines = new ArrayList<>();
        List<DialerStaging.Row> dialerRows = new ArrayList<>(chunk.size());
        String provider = lookup.providerName();
        for (ParsedRow row : chunk) {
            stats.increment("rows_read");
            for (Reject r : row.rejects()) {
                rejectLines.add(plainFormat.format(Long.toString(r.line()), r.column(), r.value(), r.reason()));
            }
            stats.add("rejects_written", row.rejects().size());
            if (row.rejected()) {
                stats.increment("rows_rejected");
                continue;
            }
            stats.increment("rows_enriched");
            RankedDebtor ranked = ranker.rank(row.debtor(), row.phones(), answers);
            count(row, ranked);
            enrichedLines.add(enrichedLine(row, ranked, provider));
            if (!ranked.phones().isEmpty()) {
                dialerRows.add(dialerRow(ranked, provider));
            }
        }
        enriched.write(new Chunk<>(enrichedLines));
        rejects.write(new Chunk<>(rejectLines));
        staging.insert(jobInstanceId, dialerRows);
        progress.rows(chunk.size(), stats.get("rows_read"));
    }

    private void count(ParsedRow row, RankedDebtor ranked) {
        stats.add("phones_found", row.phonesFound());
        stats.add("phones_invalid", row.phonesInvalid());
        stats.add("phones_duplicate", row.duplicates());
        stats.add("phones_valid", ranked.phones().size());
        for (RankedPhone p : ranked.phones()) {
            if (p.phone().repaired()) {
                stats.increment("phones_repaired");
            }
            stats.increment("whatsapp." + p.lookup().status().name());
            stats.increment("phone_type." + p.phone().type().name());
        }
        stats.increment("segment." + ranked.segment().label());
        if (ranked.hasActiveWhatsApp()) {
            stats.increment("debtors_with_active_whatsapp");
        }
        if (ranked.phones().isEmpty()) {
            stats.increment("debtors_without_valid_phone");
        }
    }

    private String enrichedLine(ParsedRow row, RankedDebtor ranked, String provider) {
        String[] original = row.row().fields();
        String[] out = new String[original.length + ENRICHED_COLUMNS.size()];
        System.arraycopy(original, 0, out, 0, original.length);
        StringJoiner active = new StringJoiner("|");
        StringJoiner all = new StringJoiner("|");
        for (RankedPhone p : ranked.phones()) {
            all.add(p.phone().e164());
            if (p.lookup().status() == WhatsAppStatus.ACTIVE) {
                active.add(p.phone().e164());
            }
        }
        int i = original.length;
        if (ranked.phones().isEmpty()) {
            out[i++] = "";
            out[i++] = "NO_VALID_PHONE";
        }
        else {
            RankedPhone best = ranked.phones().get(0);
            out[i++] = best.phone().e164();
            out[i++] = best.lookup().status().name();
        }
        out[i++] = active.toString();
        out[i++] = all.toString();
        out[i++] = ranked.segment().label();
        out[i++] = Integer.toString(ranked.priority());
        out[i] = provider;
        return enrichedFormat.format(out);
    }

    private DialerStaging.Row dialerRow(RankedDebtor ranked, String provider) {
        StringBuilder lines = new StringBuilder(128 * ranked.phones().size());
        StringJoiner phones = new StringJoiner("|");
        String priority = Integer.toString(ranked.priority());
        for (RankedPhone p : ranked.phones()) {
            if (!lines.isEmpty()) {
                lines.append(lineSeparator);
            }
            LookupResult r = p.lookup();
            lines.append(plainFormat.format(ranked.debtor().key(), Integer.toString(p.rank()), p.phone().e164(),
                    p.phone().national(), p.phone().type().name(), r.status().name(),
                    r.whatsappId() == null ? "" : r.whatsappId(), p.phone().source(), ranked.segment().label(), priority,
                    provider));
            phones.add(p.phone().e164());
        }
        return new DialerStaging.Row(DialerStaging.sortKey(ranked.priority(), ranked.debtor().line()),
                phones.toString(), lines.toString());
    }

    @Override
    public void open(ExecutionContext context) {
        stats.open(context);
        enriched.open(context);
        rejects.open(context);
        progress.start(stats.get("rows_read"));
        if (stats.get("rows_read") > 0) {
            log.info("resuming after {} rows already committed", stats.get("rows_read"));
        }
    }

    @Override
    public void update(ExecutionContext context) {
        stats.update(context);
        enriched.update(context);
        rejects.update(context);
    }

    @Override
    public void close() {
        enriched.close();
        rejects.close();
    }
}
