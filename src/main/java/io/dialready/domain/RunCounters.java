package io.dialready.domain;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The rows step's counters, typed: what the chunks read, rejected, found, ranked, suppressed and staged. Kept in
 * arrays and plain fields (a string key per phone would cost more than the counting), saved under the names
 * {@link #save} gives them so that a resumed run, even one interrupted by an older version, reports the whole run. One
 * thread (the step's) updates them.
 */
public final class RunCounters {

    private static final int STATUSES = WhatsAppStatus.values().length;

    public long rowsRead;
    public long rowsEnriched;
    public long rowsRejected;
    public long rejectsWritten;
    public long phonesFound;
    public long phonesInvalid;
    public long phonesDuplicate;
    public long phonesValid;
    public long phonesRepaired;
    public long phonesUnique;
    public long phonesSuppressed;
    public long debtorsSuppressed;
    public long phonesShared;
    public long debtorsWithActiveWhatsApp;
    public long debtorsWithoutValidPhone;
    /** Lookups the rows step asked itself (without the lookup engine). */
    public long lookupsRequested;

    public long providerCalls;
    public long cacheHits;
    /** Debtors the committed chunks staged for the dialer file. */
    public long stagedDebtors;
    /** The input's physical lines by where they went (issue 12: no line vanishes silently). */
    public long linesHeader;

    public long linesBlank;
    public long linesEnriched;
    public long linesRejected;
    /** Rejected rows with exactly one field more than the header: what a trailing delimiter on every row gives. */
    public long rowsOneFieldMore;

    private final long[] status = new long[STATUSES];
    private final long[] type = new long[PhoneType.values().length];
    private final long[] segment = new long[Segment.values().length];
    /** Dialer rows by the debtor's segment and the phone's status, and by phone type and status (report charts). */
    private final long[] segmentStatus = new long[Segment.values().length * STATUSES];

    private final long[] typeStatus = new long[PhoneType.values().length * STATUSES];

    /**
     * What every enriched debtor counts, suppressed or not: the phone values found and the segment. A suppressed
     * debtor counts nothing more: its phones are neither valid nor dialled.
     */
    public void countEnriched(int found, int invalid, int duplicates, Segment s) {
        phonesFound += found;
        phonesInvalid += invalid;
        phonesDuplicate += duplicates;
        segment[s.ordinal()]++;
    }

    /** A dialled debtor's phones, after {@link #countEnriched}. */
    public void countDialled(RankedDebtor ranked) {
        phonesValid += ranked.phones().size();
        int seg = ranked.segment().ordinal();
        for (RankedPhone p : ranked.phones()) {
            if (p.phone().repaired()) {
                phonesRepaired++;
            }
            int st = p.lookup().status().ordinal();
            int t = p.phone().type().ordinal();
            status[st]++;
            type[t]++;
            segmentStatus[seg * STATUSES + st]++;
            typeStatus[t * STATUSES + st]++;
        }
        if (ranked.hasActiveWhatsApp()) {
            debtorsWithActiveWhatsApp++;
        }
        if (ranked.phones().isEmpty()) {
            debtorsWithoutValidPhone++;
        }
    }

    public long status(WhatsAppStatus s) {
        return status[s.ordinal()];
    }

    public long type(PhoneType t) {
        return type[t.ordinal()];
    }

    public long segment(Segment s) {
        return segment[s.ordinal()];
    }

    public long segmentStatus(Segment s, WhatsAppStatus w) {
        return segmentStatus[s.ordinal() * STATUSES + w.ordinal()];
    }

    public long typeStatus(PhoneType t, WhatsAppStatus w) {
        return typeStatus[t.ordinal() * STATUSES + w.ordinal()];
    }

    /** Each non-zero counter under its saved name ({@code rows_read}, {@code whatsapp.ACTIVE}, ...), sorted. */
    public Map<String, Long> toMap() {
        Map<String, Long> m = new TreeMap<>();
        save((k, v) -> {
            if (v != 0) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** Hands every counter to {@code sink} under its saved name. */
    public void save(BiConsumer<String, Long> sink) {
        sink.accept("rows_read", rowsRead);
        sink.accept("rows_enriched", rowsEnriched);
        sink.accept("rows_rejected", rowsRejected);
        sink.accept("rejects_written", rejectsWritten);
        sink.accept("phones_found", phonesFound);
        sink.accept("phones_invalid", phonesInvalid);
        sink.accept("phones_duplicate", phonesDuplicate);
        sink.accept("phones_valid", phonesValid);
        sink.accept("phones_repaired", phonesRepaired);
        sink.accept("phones_unique", phonesUnique);
        sink.accept("phones_suppressed", phonesSuppressed);
        sink.accept("debtors_suppressed", debtorsSuppressed);
        sink.accept("phones_shared", phonesShared);
        sink.accept("debtors_with_active_whatsapp", debtorsWithActiveWhatsApp);
        sink.accept("debtors_without_valid_phone", debtorsWithoutValidPhone);
        sink.accept("lookups_requested", lookupsRequested);
        sink.accept("provider_calls", providerCalls);
        sink.accept("cache_hits", cacheHits);
        sink.accept("staged_debtors", stagedDebtors);
        sink.accept("lines_header", linesHeader);
        sink.accept("lines_blank", linesBlank);
        sink.accept("lines_enriched", linesEnriched);
        sink.accept("lines_rejected", linesRejected);
        sink.accept("rows_one_field_more", rowsOneFieldMore);
        for (WhatsAppStatus w : WhatsAppStatus.values()) {
            sink.accept("whatsapp." + w.name(), status(w));
        }
        for (PhoneType t : PhoneType.values()) {
            sink.accept("phone_type." + t.name(), type(t));
            for (WhatsAppStatus w : WhatsAppStatus.values()) {
                sink.accept("wa_by_type." + t.name() + "." + w.name(), typeStatus(t, w));
            }
        }
        for (Segment s : Segment.values()) {
            sink.accept("segment." + s.label(), segment(s));
            for (WhatsAppStatus w : WhatsAppStatus.values()) {
                sink.accept("wa_by_segment." + s.label() + "." + w.name(), segmentStatus(s, w));
            }
        }
    }

    /** The counters {@link #save} gave {@code saved}'s names; a name missing is 0. */
    public static RunCounters restore(Map<String, Long> saved) {
        RunCounters c = new RunCounters();
        c.load(saved);
        return c;
    }

    /** Sets every counter to the value {@code saved} holds under its name (0 when missing): a resumed run's start. */
    public void load(Map<String, Long> saved) {
        RunCounters c = this;
        c.rowsRead = get(saved, "rows_read");
        c.rowsEnriched = get(saved, "rows_enriched");
        c.rowsRejected = get(saved, "rows_rejected");
        c.rejectsWritten = get(saved, "rejects_written");
        c.phonesFound = get(saved, "phones_found");
        c.phonesInvalid = get(saved, "phones_invalid");
        c.phonesDuplicate = get(saved, "phones_duplicate");
        c.phonesValid = get(saved, "phones_valid");
        c.phonesRepaired = get(saved, "phones_repaired");
        c.phonesUnique = get(saved, "phones_unique");
        c.phonesSuppressed = get(saved, "phones_suppressed");
        c.debtorsSuppressed = get(saved, "debtors_suppressed");
        c.phonesShared = get(saved, "phones_shared");
        c.debtorsWithActiveWhatsApp = get(saved, "debtors_with_active_whatsapp");
        c.debtorsWithoutValidPhone = get(saved, "debtors_without_valid_phone");
        c.lookupsRequested = get(saved, "lookups_requested");
        c.providerCalls = get(saved, "provider_calls");
        c.cacheHits = get(saved, "cache_hits");
        c.stagedDebtors = get(saved, "staged_debtors");
        c.linesHeader = get(saved, "lines_header");
        c.linesBlank = get(saved, "lines_blank");
        c.linesEnriched = get(saved, "lines_enriched");
        c.linesRejected = get(saved, "lines_rejected");
        c.rowsOneFieldMore = get(saved, "rows_one_field_more");
        for (WhatsAppStatus w : WhatsAppStatus.values()) {
            c.status[w.ordinal()] = get(saved, "whatsapp." + w.name());
        }
        for (PhoneType t : PhoneType.values()) {
            c.type[t.ordinal()] = get(saved, "phone_type." + t.name());
            for (WhatsAppStatus w : WhatsAppStatus.values()) {
                c.typeStatus[t.ordinal() * STATUSES + w.ordinal()] =
                        get(saved, "wa_by_type." + t.name() + "." + w.name());
            }
        }
        for (Segment s : Segment.values()) {
            c.segment[s.ordinal()] = get(saved, "segment." + s.label());
            for (WhatsAppStatus w : WhatsAppStatus.values()) {
                c.segmentStatus[s.ordinal() * STATUSES + w.ordinal()] =
                        get(saved, "wa_by_segment." + s.label() + "." + w.name());
            }
        }
    }

    private static long get(Map<String, Long> saved, String name) {
        Long v = saved.get(name);
        return v == null ? 0 : v;
    }
}
