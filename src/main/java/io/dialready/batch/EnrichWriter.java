package io.dialready.batch;

import io.dialready.calling.CallingRules;
import io.dialready.domain.LookupResult;
import io.dialready.domain.PhoneCandidate;
import io.dialready.domain.PhoneType;
import io.dialready.domain.RankedDebtor;
import io.dialready.domain.RankedPhone;
import io.dialready.domain.Reject;
import io.dialready.domain.Segment;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.lookup.LookupService;
import io.dialready.lookup.LookupTables;
import io.dialready.phone.PhoneTimeZones;
import io.dialready.ranking.DebtorRanker;
import io.dialready.sink.CsvLineFormatter;
import io.dialready.sink.DialerStaging;
import io.dialready.sink.DistinctCounter;
import io.dialready.sink.FormulaGuard;
import io.dialready.sink.JdbcResults;
import io.dialready.sink.PhoneOwners;
import io.dialready.sink.ProfileLines;
import io.dialready.sink.RunStats;
import io.dialready.suppression.SuppressionList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The chunk's second half: looks up the chunk's unique numbers at once, ranks each debtor, and writes the enriched
 * rows and rejects (in input order, through restartable transactional file writers) and the dialer rows (into the
 * staging table, in the chunk's transaction). Runs on the step's thread only.
 */
public final class EnrichWriter implements ItemWriter<ParsedRow>, ItemStream, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(EnrichWriter.class);

    public static final List<String> ENRICHED_COLUMNS = List.of(
            "wa_best_phone",
            "wa_best_status",
            "wa_active_phones",
            "phones_ranked",
            "segment",
            "priority",
            "wa_provider");

    public static final List<String> DIALER_COLUMNS = List.of(
            "debtor_key",
            "rank",
            "phone_e164",
            "phone_national",
            "phone_type",
            "whatsapp",
            "whatsapp_id",
            "source_column",
            "segment",
            "priority",
            "provider");

    /** Appended to each dialer row when the spec names a calling rules file. */
    public static final List<String> CALLING_COLUMNS =
            List.of("timezone", "window_weekdays", "window_saturday", "window_sunday", "window_date", "window");

    /** The enriched file's last column when the spec has a suppression section. */
    public static final String SUPPRESSED_COLUMN = "suppressed";

    /** The dialer file's last columns with {@code lookup.photos}: whether the active number shows a profile photo. */
    public static final List<String> PHOTO_COLUMNS = List.of("has_photo", "photo_url");

    /** The dialer file's last column with {@code shared_numbers: true}: how many debtors hold the number. */
    public static final String SHARED_COLUMN = "shared_by";

    /** The {@code suppressed} value of an excluded debtor (else the do-not-call numbers removed, '|'-separated). */
    static final String SUPPRESSED_DEBTOR = "debtor";

    /** RunStats prefixes of the dialer rows counted by segment and status, and by phone type and status. */
    public static final String WA_BY_SEGMENT = "wa_by_segment.";

    public static final String WA_BY_TYPE = "wa_by_type.";

    public static final List<String> REJECT_COLUMNS = List.of("line", "column", "value", "reason");

    private final LookupService lookup;
    private final DebtorRanker ranker = new DebtorRanker();
    private final ItemStreamWriter<String> enriched;
    private final ItemStreamWriter<String> rejects;
    private final DialerStaging staging;
    private final RunStats stats;
    private final CsvLineFormatter format;
    private final String lineSeparator;
    private final Progress progress;
    private final DistinctCounter uniquePhones = new DistinctCounter();
    /** Input line of the last row of the last chunk written (saved with the chunk, under {@link #LAST_LINE_KEY}). */
    private long lastLine;

    /** Context key: the input line of the last row the committed chunks hold. */
    static final String LAST_LINE_KEY = "staging.last.line";
    /** Stat: debtors staged for the dialer file by the committed chunks. */
    static final String STAGED = "staged_debtors";

    private long jobInstanceId;
    private PhoneTimeZones zones;
    private CallingRules callingRules;
    private java.time.LocalDate windowDate;
    private ProfileLines profileLines;
    private SuppressionList suppression;
    private PhoneOwners owners;
    private LookupTables runAnswers;
    private boolean photos;
    private Map<String, LookupTables.Answer> chunkAnswers = Map.of();
    private FormulaGuard guard = FormulaGuard.ON;
    private JdbcResults results;
    private long runStarted;

    public EnrichWriter(
            LookupService lookup,
            ItemStreamWriter<String> enriched,
            ItemStreamWriter<String> rejects,
            DialerStaging staging,
            RunStats stats,
            char delimiter,
            String lineSeparator,
            Progress progress) {
        this.lookup = lookup;
        this.enriched = enriched;
        this.rejects = rejects;
        this.staging = staging;
        this.stats = stats;
        this.format = new CsvLineFormatter(delimiter);
        this.lineSeparator = lineSeparator;
        this.progress = progress;
    }

    /**
     * Adds the time-zone and calling-window columns to every dialer row, with the window of one date ({@code asOf},
     * the run's as-of date: holidays close it).
     */
    public EnrichWriter withCallingRules(PhoneTimeZones zones, CallingRules rules, java.time.LocalDate asOf) {
        this.zones = zones;
        this.callingRules = rules;
        this.windowDate = asOf;
        return this;
    }

    /**
     * Leaves suppressed debtors and do-not-call numbers out of the lookups and every dialer output, and adds the
     * enriched file's {@code suppressed} column.
     */
    public EnrichWriter withSuppression(SuppressionList list) {
        this.suppression = list;
        return this;
    }

    /**
     * Ranks numbers other debtors hold too below the debtor's own, adds the dialer file's {@code shared_by} column and
     * counts them; the owners table is filled by the pre-pass step.
     */
    public EnrichWriter withSharedNumbers(PhoneOwners phoneOwners) {
        this.owners = phoneOwners;
        return this;
    }

    /**
     * Takes the chunk's answers from the run's answers table, filled by the lookup step, instead of asking the
     * provider; a wanted number without an answer is PENDING.
     */
    public EnrichWriter withRunAnswers(LookupTables tables) {
        this.runAnswers = tables;
        return this;
    }

    /** Adds has_photo and photo_url to every dialer row (empty unless the lookup step fetched the photo). */
    public EnrichWriter withPhotoColumns() {
        this.photos = true;
        return this;
    }

    /** How values copied from the input (debtor key, source column, rejected values) are guarded from formulas. */
    public EnrichWriter withFormulaGuard(FormulaGuard formulaGuard) {
        this.guard = formulaGuard;
        return this;
    }

    /** Writes each chunk's per-phone and per-debtor results to database tables too ({@code output.jdbc}). */
    public EnrichWriter withResults(JdbcResults jdbcResults) {
        this.results = jdbcResults;
        return this;
    }

    /** Stages each debtor's lines for the spec's extra dialer profiles too. */
    public EnrichWriter withProfiles(ProfileLines profiles) {
        this.profileLines = profiles.any() ? profiles : null;
        return this;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.jobInstanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        Long run = stepExecution.getJobParameters().getLong(RunIdentity.STARTED);
        this.runStarted = run == null ? jobInstanceId : run;
        staging.create(jobInstanceId);
    }

    @Override
    public void write(Chunk<? extends ParsedRow> chunk) throws Exception {
        // 0. suppression: excluded debtors and do-not-call numbers are neither looked up nor dialled
        List<List<PhoneCandidate>> kept = new ArrayList<>(chunk.size());
        List<String> marks = new ArrayList<>(chunk.size());
        long phonesSuppressed = 0;
        for (ParsedRow row : chunk) {
            if (suppression == null || row.rejected()) {
                kept.add(row.phones());
                marks.add("");
            } else if (suppression.debtor(row.debtor().key())) {
                kept.add(List.of());
                marks.add(SUPPRESSED_DEBTOR);
            } else {
                List<PhoneCandidate> k = new ArrayList<>(row.phones().size());
                StringBuilder mark = new StringBuilder();
                for (PhoneCandidate p : row.phones()) {
                    if (suppression.phone(p.e164())) {
                        mark.append(mark.isEmpty() ? "" : "|").append(p.e164());
                        phonesSuppressed++;
                    } else {
                        k.add(p);
                    }
                }
                kept.add(k);
                marks.add(mark.toString());
            }
        }

        // 1. the chunk's unique numbers, looked up at once
        Map<String, PhoneCandidate> unique = new LinkedHashMap<>();
        for (List<PhoneCandidate> phones : kept) {
            for (PhoneCandidate p : phones) {
                unique.putIfAbsent(p.e164(), p);
            }
        }
        Map<String, LookupResult> answers;
        if (runAnswers != null) {
            answers = fromRunAnswers(unique);
        } else {
            long requestedBefore = lookup.lookupsRequested();
            long callsBefore = lookup.providerCalls();
            long hitsBefore = lookup.cacheHits();
            answers = lookup.lookup(unique.values());
            stats.add("lookups_requested", lookup.lookupsRequested() - requestedBefore);
            stats.add("provider_calls", lookup.providerCalls() - callsBefore);
            stats.add("cache_hits", lookup.cacheHits() - hitsBefore);
        }
        Map<String, Integer> sharedBy = owners == null ? Map.of() : owners.shared(jobInstanceId, unique.keySet());

        // 2. rank and format, in input order
        List<String> enrichedLines = new ArrayList<>(chunk.size());
        List<String> rejectLines = new ArrayList<>();
        List<DialerStaging.Row> dialerRows = new ArrayList<>(chunk.size());
        List<JdbcResults.DebtorRow> debtorResults = results == null ? null : new ArrayList<>(chunk.size());
        List<JdbcResults.PhoneRow> phoneResults = results == null ? null : new ArrayList<>(chunk.size() * 2);
        String provider = lookup.providerName();
        ChunkCounts counts = new ChunkCounts();
        long rejected = 0;
        long debtorsSuppressed = 0;
        long phonesShared = 0;
        int index = -1;
        for (ParsedRow row : chunk) {
            index++;
            for (Reject r : row.rejects()) {
                rejectLines.add(rejectLine(r));
            }
            if (row.rejected()) {
                rejected++;
                continue;
            }
            String mark = marks.get(index);
            RankedDebtor ranked = ranker.rank(row.debtor(), kept.get(index), answers, sharedBy.keySet());
            if (results != null) {
                debtorResults.add(debtorResult(ranked, provider, mark));
            }
            if (SUPPRESSED_DEBTOR.equals(mark)) {
                debtorsSuppressed++;
                counts.addEnriched(row, ranked);
                enrichedLines.add(enrichedLine(row, ranked, provider, mark));
                continue;
            }
            counts.add(row, ranked);
            for (RankedPhone p : ranked.phones()) {
                uniquePhones.add(p.phone().e164());
                if (sharedBy.containsKey(p.phone().e164())) {
                    phonesShared++;
                }
            }
            enrichedLines.add(enrichedLine(row, ranked, provider, mark));
            if (!ranked.phones().isEmpty()) {
                if (results != null) {
                    phoneResults(ranked, provider, sharedBy, phoneResults);
                }
                DialerStaging.Row staged = dialerRow(ranked, provider, sharedBy);
                if (profileLines != null) {
                    ProfileLines.Rendered r = profileLines.render(ranked);
                    for (Reject note : r.notes()) {
                        rejectLines.add(rejectLine(note));
                    }
                    staged = new DialerStaging.Row(
                            staged.line(), staged.sortKey(), staged.phones(), staged.dialerLines(), r.lines());
                }
                dialerRows.add(staged);
            }
        }
        stats.add("rows_read", chunk.size());
        stats.add("rows_rejected", rejected);
        stats.add("rows_enriched", chunk.size() - rejected);
        stats.add("rejects_written", rejectLines.size());
        counts.addTo(stats);
        stats.add("phones_suppressed", phonesSuppressed);
        stats.add("debtors_suppressed", debtorsSuppressed);
        stats.add("phones_shared", phonesShared);
        if (results != null) {
            // its own transaction, committed just before the chunk's: a chunk written again updates the same rows
            results.write(runStarted, debtorResults, phoneResults);
        }
        enriched.write(new Chunk<>(enrichedLines));
        rejects.write(new Chunk<>(rejectLines));
        staging.insert(jobInstanceId, dialerRows);
        stats.add(STAGED, dialerRows.size());
        if (!chunk.isEmpty()) {
            lastLine = chunk.getItems().get(chunk.size() - 1).row().line();
        }
        progress.rows(chunk.size(), stats.get("rows_read"));
    }

    /** The chunk's answers from the lookup step: SKIPPED by policy, the run's answer, or PENDING when none. */
    private Map<String, LookupResult> fromRunAnswers(Map<String, PhoneCandidate> unique) {
        List<String> wanted = new ArrayList<>(unique.size());
        Map<String, LookupResult> answers = new java.util.HashMap<>(unique.size() * 2);
        for (PhoneCandidate p : unique.values()) {
            if (lookup.wanted(p)) {
                wanted.add(p.e164());
            } else {
                answers.put(p.e164(), LookupResult.SKIPPED);
            }
        }
        chunkAnswers = runAnswers.answersFor(jobInstanceId, wanted);
        for (String e164 : wanted) {
            LookupTables.Answer a = chunkAnswers.get(e164);
            answers.put(e164, a == null ? LookupResult.PENDING : a.result());
        }
        return answers;
    }

    private String rejectLine(Reject r) {
        return format.format(Long.toString(r.line()), guard.cell(r.column()), guard.cell(r.value()), r.reason());
    }

    /**
     * The chunk's counts, kept in arrays and added to the run's counters once per chunk: string keys per phone would
     * cost more than the counting.
     */
    private static final class ChunkCounts {
        final long[] status = new long[WhatsAppStatus.values().length];
        final long[] type = new long[PhoneType.values().length];
        final long[] segment = new long[Segment.values().length];
        /** Dialer rows by the debtor's segment and the phone's status, and by phone type and status (report charts). */
        final long[][] segmentStatus = new long[Segment.values().length][WhatsAppStatus.values().length];

        final long[][] typeStatus = new long[PhoneType.values().length][WhatsAppStatus.values().length];
        long found;
        long invalid;
        long duplicate;
        long valid;
        long repaired;
        long active;
        long noPhone;

        void add(ParsedRow row, RankedDebtor ranked) {
            addEnriched(row, ranked);
            valid += ranked.phones().size();
            for (RankedPhone p : ranked.phones()) {
                if (p.phone().repaired()) {
                    repaired++;
                }
                int st = p.lookup().status().ordinal();
                status[st]++;
                type[p.phone().type().ordinal()]++;
                segmentStatus[ranked.segment().ordinal()][st]++;
                typeStatus[p.phone().type().ordinal()][st]++;
            }
            if (ranked.hasActiveWhatsApp()) {
                active++;
            }
            if (ranked.phones().isEmpty()) {
                noPhone++;
            }
        }

        /**
         * What every enriched debtor counts, suppressed or not: the phone values found and the segment. A suppressed
         * debtor counts nothing more: its phones are neither valid nor dialled.
         */
        void addEnriched(ParsedRow row, RankedDebtor ranked) {
            found += row.phonesFound();
            invalid += row.phonesInvalid();
            duplicate += row.duplicates();
            segment[ranked.segment().ordinal()]++;
        }

        void addTo(RunStats stats) {
            stats.add("phones_found", found);
            stats.add("phones_invalid", invalid);
            stats.add("phones_duplicate", duplicate);
            stats.add("phones_valid", valid);
            stats.add("phones_repaired", repaired);
            stats.add("debtors_with_active_whatsapp", active);
            stats.add("debtors_without_valid_phone", noPhone);
            for (WhatsAppStatus s : WhatsAppStatus.values()) {
                stats.add("whatsapp." + s.name(), status[s.ordinal()]);
            }
            for (PhoneType t : PhoneType.values()) {
                stats.add("phone_type." + t.name(), type[t.ordinal()]);
            }
            for (Segment s : Segment.values()) {
                stats.add("segment." + s.label(), segment[s.ordinal()]);
                for (WhatsAppStatus w : WhatsAppStatus.values()) {
                    stats.add(WA_BY_SEGMENT + s.label() + "." + w.name(), segmentStatus[s.ordinal()][w.ordinal()]);
                }
            }
            for (PhoneType t : PhoneType.values()) {
                for (WhatsAppStatus w : WhatsAppStatus.values()) {
                    stats.add(WA_BY_TYPE + t.name() + "." + w.name(), typeStatus[t.ordinal()][w.ordinal()]);
                }
            }
        }
    }

    private String enrichedLine(ParsedRow row, RankedDebtor ranked, String provider, String mark) {
        StringBuilder line = new StringBuilder(row.originalColumns().length() + 160);
        char d = format.delimiter();
        line.append(row.originalColumns());
        if (SUPPRESSED_DEBTOR.equals(mark)) {
            line.append(d).append(d).append("SUPPRESSED").append(d).append(d);
        } else if (ranked.phones().isEmpty()) {
            line.append(d).append(d).append("NO_VALID_PHONE").append(d).append(d);
        } else {
            RankedPhone best = ranked.phones().get(0);
            line.append(d)
                    .append(best.phone().e164())
                    .append(d)
                    .append(best.lookup().status().name())
                    .append(d);
            StringBuilder active = new StringBuilder();
            StringBuilder all = new StringBuilder();
            for (RankedPhone p : ranked.phones()) {
                if (!all.isEmpty()) {
                    all.append('|');
                }
                all.append(p.phone().e164());
                if (p.lookup().status() == WhatsAppStatus.ACTIVE) {
                    if (!active.isEmpty()) {
                        active.append('|');
                    }
                    active.append(p.phone().e164());
                }
            }
            format.append(line, active.toString()).append(d);
            format.append(line, all.toString());
        }
        line.append(d)
                .append(ranked.segment().label())
                .append(d)
                .append(ranked.priority())
                .append(d);
        format.append(line, provider);
        if (suppression != null) {
            line.append(d);
            format.append(line, mark);
        }
        return line.toString();
    }

    private JdbcResults.DebtorRow debtorResult(RankedDebtor ranked, String provider, String mark) {
        String suppressed = suppression == null ? null : mark;
        if (SUPPRESSED_DEBTOR.equals(mark)) {
            return new JdbcResults.DebtorRow(
                    ranked.debtor().key(),
                    null,
                    "SUPPRESSED",
                    null,
                    null,
                    ranked.segment().label(),
                    ranked.priority(),
                    provider,
                    suppressed);
        }
        if (ranked.phones().isEmpty()) {
            return new JdbcResults.DebtorRow(
                    ranked.debtor().key(),
                    null,
                    "NO_VALID_PHONE",
                    null,
                    null,
                    ranked.segment().label(),
                    ranked.priority(),
                    provider,
                    suppressed);
        }
        RankedPhone best = ranked.phones().get(0);
        StringBuilder active = new StringBuilder();
        StringBuilder all = new StringBuilder();
        for (RankedPhone p : ranked.phones()) {
            all.append(all.isEmpty() ? "" : "|").append(p.phone().e164());
            if (p.lookup().status() == WhatsAppStatus.ACTIVE) {
                active.append(active.isEmpty() ? "" : "|").append(p.phone().e164());
            }
        }
        return new JdbcResults.DebtorRow(
                ranked.debtor().key(),
                best.phone().e164(),
                best.lookup().status().name(),
                active.toString(),
                all.toString(),
                ranked.segment().label(),
                ranked.priority(),
                provider,
                suppressed);
    }

    private void phoneResults(
            RankedDebtor ranked, String provider, Map<String, Integer> sharedBy, List<JdbcResults.PhoneRow> out) {
        for (RankedPhone p : ranked.phones()) {
            String tz = null;
            String wd = null;
            String sat = null;
            String sun = null;
            if (callingRules != null) {
                PhoneTimeZones.Zone z = zones.of(p.phone().e164());
                CallingRules.Windows w = callingRules.windows(z.region(), z.state());
                tz = z.timeZone();
                wd = w.weekdays();
                sat = w.saturday();
                sun = w.sunday();
            }
            Integer shared =
                    owners == null ? null : sharedBy.getOrDefault(p.phone().e164(), 1);
            out.add(new JdbcResults.PhoneRow(
                    ranked.debtor().key(),
                    p.phone().e164(),
                    p.rank(),
                    p.phone().national(),
                    p.phone().type().name(),
                    p.lookup().status().name(),
                    p.lookup().whatsappId(),
                    p.phone().source(),
                    ranked.segment().label(),
                    ranked.priority(),
                    provider,
                    tz,
                    wd,
                    sat,
                    sun,
                    shared));
        }
    }

    private DialerStaging.Row dialerRow(RankedDebtor ranked, String provider, Map<String, Integer> sharedBy) {
        char d = format.delimiter();
        StringBuilder lines = new StringBuilder(128 * ranked.phones().size());
        StringBuilder phones = new StringBuilder(16 * ranked.phones().size());
        String key = format.append(
                        new StringBuilder(), guard.cell(ranked.debtor().key()))
                .toString();
        String tail =
                d + ranked.segment().label() + d + ranked.priority() + d + format.append(new StringBuilder(), provider);
        for (RankedPhone p : ranked.phones()) {
            if (!lines.isEmpty()) {
                lines.append(lineSeparator);
                phones.append('|');
            }
            LookupResult r = p.lookup();
            lines.append(key)
                    .append(d)
                    .append(p.rank())
                    .append(d)
                    .append(p.phone().e164())
                    .append(d)
                    .append(p.phone().national())
                    .append(d)
                    .append(p.phone().type().name())
                    .append(d)
                    .append(r.status().name())
                    .append(d);
            format.append(lines, r.whatsappId()).append(d);
            format.append(lines, guard.cell(p.phone().source())).append(tail);
            if (callingRules != null) {
                PhoneTimeZones.Zone z = zones.of(p.phone().e164());
                CallingRules.Windows w = callingRules.windows(z.region(), z.state());
                lines.append(d)
                        .append(z.timeZone() == null ? "" : z.timeZone())
                        .append(d)
                        .append(w.weekdays())
                        .append(d)
                        .append(w.saturday())
                        .append(d)
                        .append(w.sunday())
                        .append(d)
                        .append(windowDate)
                        .append(d)
                        .append(callingRules.windowOn(windowDate, z.region(), z.state()));
            }
            if (owners != null) {
                lines.append(d).append(sharedBy.getOrDefault(p.phone().e164(), 1));
            }
            if (photos) {
                LookupTables.Answer a = chunkAnswers.get(p.phone().e164());
                if (a != null && a.hasPhoto() != null && r.status() == WhatsAppStatus.ACTIVE) {
                    lines.append(d).append(a.hasPhoto()).append(d);
                    format.append(lines, a.photoUrl());
                } else {
                    lines.append(d).append(d);
                }
            }
            phones.append(p.phone().e164());
        }
        long line = ranked.debtor().line();
        return new DialerStaging.Row(
                line, DialerStaging.sortKey(ranked.priority(), line), phones.toString(), lines.toString());
    }

    @Override
    public void open(ExecutionContext context) {
        stats.open(context);
        enriched.open(context);
        rejects.open(context);
        progress.start(stats.get("rows_read"));
        lastLine = context.getLong(LAST_LINE_KEY, 0L);
        if (stats.get("rows_read") > 0) {
            log.info("resuming after {} rows already committed", stats.get("rows_read"));
            if (context.containsKey(LAST_LINE_KEY)) { // (a run interrupted before this check existed has no line)
                reconcileStaging();
            }
            // the distinct-number count lives in memory; rebuild it from what the committed chunks staged
            staging.forEachPhones(jobInstanceId, phones -> {
                for (String e164 : phones.split("\\|")) {
                    uniquePhones.add(e164);
                }
            });
        }
    }

    /**
     * Makes the staging table agree with the committed position before going on. The two are written in one transaction,
     * so they agree unless the database broke that transaction in the crash (H2's MVStore could, with its background
     * writer: see docs/crash-safety.md): staged debtors beyond the last committed line are removed (the resumed run stages
     * them again), and fewer staged debtors than the committed chunks staged stops the run rather than writing a dialer
     * file without them.
     */
    private void reconcileStaging() {
        int beyond = staging.deleteAfter(jobInstanceId, lastLine);
        if (beyond > 0) {
            log.warn(
                    "resume: {} staged debtors beyond the last committed input line {} were removed; they are staged"
                            + " again",
                    beyond,
                    lastLine);
        }
        long staged = staging.count(jobInstanceId);
        long expected = stats.get(STAGED);
        if (staged != expected) {
            throw new IllegalStateException("the job repository says the committed chunks staged " + expected
                    + " debtors for the dialer file, but the staging table holds " + staged + ": the database lost"
                    + " committed data in the crash; start this input again with a fresh data folder (--data)");
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(LAST_LINE_KEY, lastLine);
        stats.set("phones_unique", uniquePhones.size());
        stats.update(context);
        enriched.update(context);
        rejects.update(context);
    }

    @Override
    public void close() {
        progress.close();
        enriched.close();
        rejects.close();
        if (results != null) {
            results.close();
        }
    }
}
