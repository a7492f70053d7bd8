package io.dialready.batch;

import io.dialready.domain.DebtorRecord;
import io.dialready.domain.PhoneCandidate;
import io.dialready.domain.Reject;
import io.dialready.source.SourceRow;
import java.util.List;

/**
 * A row after the CPU-heavy part (mapping and phone parsing), before lookup and ranking.
 *
 * @param debtor  null when the row is rejected as a whole (malformed, or no debtor key)
 * @param phones  the debtor's valid, distinct phones in the order found
 * @param rejects the row's rejects: the row itself when {@code debtor} is null, else each unusable value
 * @param originalColumns the row's original fields already formatted as output CSV (done here, in parallel, rather
 *                        than in the single-threaded writer); null for a rejected row
 */
public record ParsedRow(
        SourceRow row,
        DebtorRecord debtor,
        List<PhoneCandidate> phones,
        List<Reject> rejects,
        int phonesFound,
        int phonesInvalid,
        int duplicates,
        String originalColumns) {

    public boolean rejected() {
        return debtor == null;
    }
}
