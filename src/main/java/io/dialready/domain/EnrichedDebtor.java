package io.dialready.domain;

import java.util.List;

/**
 * One input row after suppression, lookup and ranking: what every output writes from. The best, active and all
 * numbers are worked out once here.
 *
 * @param line            the row's input line (sheet row, or position in a query)
 * @param rejects         the row's rejects, in order: the row itself when rejected, else each unusable value
 * @param originalColumns the row's fields already formatted as output CSV; null when the row is rejected
 * @param ranked          the ranked debtor; null when the row is rejected. A suppressed debtor has no phones.
 * @param suppressed      {@link #SUPPRESSED_DEBTOR} for an excluded debtor, else the do-not-call numbers removed
 *                        ('|'-separated, or empty)
 * @param phones          the ranked phones with their windows, shared_by and photo, in rank order
 */
public record EnrichedDebtor(
        long line,
        List<Reject> rejects,
        String originalColumns,
        RankedDebtor ranked,
        String suppressed,
        List<DialledPhone> phones,
        String activePhones,
        String allPhones) {

    /** The {@code suppressed} value of an excluded debtor. */
    public static final String SUPPRESSED_DEBTOR = "debtor";

    /** A row rejected as a whole: only its rejects are written. */
    public static EnrichedDebtor rejected(long line, List<Reject> rejects) {
        return new EnrichedDebtor(line, rejects, null, null, "", List.of(), null, null);
    }

    /** A debtor with its phones, the active and all numbers joined once for the outputs. */
    public static EnrichedDebtor of(
            long line,
            List<Reject> rejects,
            String originalColumns,
            RankedDebtor ranked,
            String suppressed,
            List<DialledPhone> phones) {
        if (phones.isEmpty()) {
            return new EnrichedDebtor(line, rejects, originalColumns, ranked, suppressed, phones, null, null);
        }
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
        return new EnrichedDebtor(
                line, rejects, originalColumns, ranked, suppressed, phones, active.toString(), all.toString());
    }

    public boolean isRejected() {
        return ranked == null;
    }

    public boolean isSuppressedDebtor() {
        return SUPPRESSED_DEBTOR.equals(suppressed);
    }

    /** Written to the dialer outputs: not rejected, not suppressed, with at least one valid phone. */
    public boolean isDialled() {
        return ranked != null && !phones.isEmpty() && !isSuppressedDebtor();
    }

    /** The best number's status, or SUPPRESSED, or NO_VALID_PHONE. */
    public String bestStatus() {
        if (isSuppressedDebtor()) {
            return "SUPPRESSED";
        }
        return phones.isEmpty()
                ? "NO_VALID_PHONE"
                : phones.get(0).ranked().lookup().status().name();
    }

    /** The best number in E.164; null when suppressed or without a valid phone. */
    public String bestPhone() {
        return phones.isEmpty() ? null : phones.get(0).e164();
    }
}
