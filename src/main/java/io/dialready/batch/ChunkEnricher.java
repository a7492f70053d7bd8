package io.dialready.batch;

import io.dialready.calling.CallingRules;
import io.dialready.domain.CallingWindow;
import io.dialready.domain.DialledPhone;
import io.dialready.domain.EnrichedDebtor;
import io.dialready.domain.LookupResult;
import io.dialready.domain.PhoneCandidate;
import io.dialready.domain.RankedDebtor;
import io.dialready.domain.RankedPhone;
import io.dialready.domain.RunCounters;
import io.dialready.domain.WhatsAppStatus;
import io.dialready.lookup.LookupService;
import io.dialready.lookup.LookupTables;
import io.dialready.output.dialer.PhoneOwners;
import io.dialready.output.report.DistinctCounter;
import io.dialready.phone.PhoneTimeZones;
import io.dialready.ranking.DebtorRanker;
import io.dialready.source.SourceRow;
import io.dialready.suppression.SuppressionList;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chunk's rows through suppression, lookup and ranking, into the {@link EnrichedDebtor}s every output writes from,
 * counting as it goes. Excluded debtors and do-not-call numbers are neither looked up nor dialled; the chunk's unique
 * numbers are looked up at once (or read from the run's answers, filled by the lookup step). Plain Java: no Spring.
 * Runs on the step's thread only.
 */
public final class ChunkEnricher {

    private final LookupService lookup;
    private final DebtorRanker ranker = new DebtorRanker();
    private final DistinctCounter uniquePhones = new DistinctCounter();
    private SuppressionList suppression;
    private PhoneOwners owners;
    private LookupTables runAnswers;
    private PhoneTimeZones zones;
    private CallingRules callingRules;
    private LocalDate windowDate;
    private boolean photos;
    private long jobInstanceId;

    public ChunkEnricher(LookupService lookup) {
        this.lookup = lookup;
    }

    /** Leaves suppressed debtors and do-not-call numbers out of the lookups and the dialer outputs. */
    public ChunkEnricher withSuppression(SuppressionList list) {
        this.suppression = list;
        return this;
    }

    /** Ranks numbers other debtors hold too below the debtor's own and counts them (owners filled by the pre-pass). */
    public ChunkEnricher withSharedNumbers(PhoneOwners phoneOwners) {
        this.owners = phoneOwners;
        return this;
    }

    /** Takes the answers from the run's answers table instead of asking the provider; none is PENDING. */
    public ChunkEnricher withRunAnswers(LookupTables tables) {
        this.runAnswers = tables;
        return this;
    }

    /**
     * Works out each phone's time zone and calling windows, and the window of one date ({@code asOf}, the run's as-of
     * date: holidays close it); null rules: none.
     */
    public ChunkEnricher withCallingRules(PhoneTimeZones phoneZones, CallingRules rules, LocalDate asOf) {
        this.zones = phoneZones;
        this.callingRules = rules;
        this.windowDate = asOf;
        return this;
    }

    /** Takes each active number's profile photo from the run's answers. */
    public ChunkEnricher withPhotos() {
        this.photos = true;
        return this;
    }

    /** The run whose owners and answers tables are read. */
    public void start(long runId) {
        this.jobInstanceId = runId;
    }

    /** Counts a number a committed chunk staged (a resumed run rebuilds the distinct count so). */
    public void rememberPhone(String e164) {
        uniquePhones.add(e164);
    }

    public long uniquePhones() {
        return uniquePhones.size();
    }

    /** The chunk's rows enriched, in input order; counts what they hold into {@code counters}. */
    public List<EnrichedDebtor> enrich(List<? extends ParsedRow> rows, RunCounters counters) {
        List<List<PhoneCandidate>> kept = new ArrayList<>(rows.size());
        List<String> marks = new ArrayList<>(rows.size());
        counters.phonesSuppressed += suppress(rows, kept, marks);

        Map<String, PhoneCandidate> unique = new LinkedHashMap<>();
        for (List<PhoneCandidate> phones : kept) {
            for (PhoneCandidate p : phones) {
                unique.putIfAbsent(p.e164(), p);
            }
        }
        Map<String, LookupTables.Answer> chunkAnswers = Map.of();
        Map<String, LookupResult> answers;
        if (runAnswers != null) {
            chunkAnswers = runAnswers.answersFor(jobInstanceId, wanted(unique));
            answers = fromRunAnswers(unique, chunkAnswers);
        } else {
            long requestedBefore = lookup.lookupsRequested();
            long callsBefore = lookup.providerCalls();
            long hitsBefore = lookup.cacheHits();
            answers = lookup.lookup(unique.values());
            counters.lookupsRequested += lookup.lookupsRequested() - requestedBefore;
            counters.providerCalls += lookup.providerCalls() - callsBefore;
            counters.cacheHits += lookup.cacheHits() - hitsBefore;
        }
        Map<String, Integer> sharedBy = owners == null ? Map.of() : owners.shared(jobInstanceId, unique.keySet());

        List<EnrichedDebtor> out = new ArrayList<>(rows.size());
        long rejected = 0;
        for (int i = 0; i < rows.size(); i++) {
            ParsedRow row = rows.get(i);
            countLines(row, i == 0 && counters.rowsRead == 0, counters);
            if (row.rejected()) {
                rejected++;
                out.add(EnrichedDebtor.rejected(row.row().line(), row.rejects()));
                continue;
            }
            RankedDebtor ranked = ranker.rank(row.debtor(), kept.get(i), answers, sharedBy.keySet());
            EnrichedDebtor d = EnrichedDebtor.of(
                    row.row().line(),
                    row.rejects(),
                    row.originalColumns(),
                    ranked,
                    marks.get(i),
                    dialled(ranked, sharedBy, chunkAnswers));
            count(row, d, sharedBy, counters);
            out.add(d);
        }
        counters.rowsRead += rows.size();
        counters.rowsRejected += rejected;
        counters.rowsEnriched += rows.size() - rejected;
        counters.phonesUnique = uniquePhones.size();
        return out;
    }

    private static final Pattern WIDTH = Pattern.compile("expected (\\d+) fields, found (\\d+)");

    /**
     * Physical lines, beside records, so that the report accounts for every line of the input (a quoted field that
     * swallowed lines shows as lines, not as a missing row): header, blank, enriched and rejected lines.
     */
    private static void countLines(ParsedRow row, boolean firstRow, RunCounters counters) {
        SourceRow source = row.row();
        if (firstRow && source.blankBefore() < source.line()) {
            counters.linesHeader += source.line() - 1 - source.blankBefore();
        }
        counters.linesBlank += source.blankBefore();
        if (row.rejected()) {
            counters.linesRejected += source.lines();
        } else {
            counters.linesEnriched += source.lines();
        }
        Matcher width = source.error() == null ? null : WIDTH.matcher(source.error());
        if (width != null && width.matches() && Long.parseLong(width.group(2)) == Long.parseLong(width.group(1)) + 1) {
            counters.rowsOneFieldMore++; // what a trailing delimiter on every row looks like
        }
    }

    /** Fills each row's kept phones and suppression mark; returns the do-not-call numbers removed. */
    private long suppress(List<? extends ParsedRow> rows, List<List<PhoneCandidate>> kept, List<String> marks) {
        long removed = 0;
        for (ParsedRow row : rows) {
            if (suppression == null || row.rejected()) {
                kept.add(row.phones());
                marks.add("");
            } else if (suppression.debtor(row.debtor().key())) {
                kept.add(List.of());
                marks.add(EnrichedDebtor.SUPPRESSED_DEBTOR);
            } else {
                List<PhoneCandidate> k = new ArrayList<>(row.phones().size());
                StringBuilder mark = new StringBuilder();
                for (PhoneCandidate p : row.phones()) {
                    if (suppression.phone(p.e164())) {
                        mark.append(mark.isEmpty() ? "" : "|").append(p.e164());
                        removed++;
                    } else {
                        k.add(p);
                    }
                }
                kept.add(k);
                marks.add(mark.toString());
            }
        }
        return removed;
    }

    private List<String> wanted(Map<String, PhoneCandidate> unique) {
        List<String> wanted = new ArrayList<>(unique.size());
        for (PhoneCandidate p : unique.values()) {
            if (lookup.wanted(p)) {
                wanted.add(p.e164());
            }
        }
        return wanted;
    }

    /** The chunk's answers from the lookup step: SKIPPED by policy, the run's answer, or PENDING when none. */
    private Map<String, LookupResult> fromRunAnswers(
            Map<String, PhoneCandidate> unique, Map<String, LookupTables.Answer> chunkAnswers) {
        Map<String, LookupResult> answers = new HashMap<>(unique.size() * 2);
        for (PhoneCandidate p : unique.values()) {
            if (lookup.wanted(p)) {
                LookupTables.Answer a = chunkAnswers.get(p.e164());
                answers.put(p.e164(), a == null ? LookupResult.PENDING : a.result());
            } else {
                answers.put(p.e164(), LookupResult.SKIPPED);
            }
        }
        return answers;
    }

    private List<DialledPhone> dialled(
            RankedDebtor ranked, Map<String, Integer> sharedBy, Map<String, LookupTables.Answer> chunkAnswers) {
        if (ranked.phones().isEmpty()) {
            return List.of();
        }
        List<DialledPhone> phones = new ArrayList<>(ranked.phones().size());
        for (RankedPhone p : ranked.phones()) {
            String e164 = p.phone().e164();
            CallingWindow window = null;
            if (callingRules != null) {
                PhoneTimeZones.Zone z = zones.of(e164);
                CallingRules.Windows w = callingRules.windows(z.region(), z.state());
                window = new CallingWindow(
                        z.timeZone(),
                        w.weekdays(),
                        w.saturday(),
                        w.sunday(),
                        windowDate,
                        callingRules.windowOn(windowDate, z.region(), z.state()));
            }
            Integer shared = owners == null ? null : sharedBy.getOrDefault(e164, 1);
            Boolean hasPhoto = null;
            String photoUrl = null;
            if (photos) {
                LookupTables.Answer a = chunkAnswers.get(e164);
                if (a != null && a.hasPhoto() != null && p.lookup().status() == WhatsAppStatus.ACTIVE) {
                    hasPhoto = a.hasPhoto();
                    photoUrl = a.photoUrl();
                }
            }
            phones.add(new DialledPhone(p, window, shared, hasPhoto, photoUrl));
        }
        return phones;
    }

    private void count(ParsedRow row, EnrichedDebtor d, Map<String, Integer> sharedBy, RunCounters counters) {
        counters.countEnriched(
                row.phonesFound(),
                row.phonesInvalid(),
                row.duplicates(),
                d.ranked().segment());
        if (d.isSuppressedDebtor()) {
            counters.debtorsSuppressed++;
            return;
        }
        counters.countDialled(d.ranked());
        for (RankedPhone p : d.ranked().phones()) {
            uniquePhones.add(p.phone().e164());
            if (sharedBy.containsKey(p.phone().e164())) {
                counters.phonesShared++;
            }
        }
    }
}
