package io.dialready.lookup;

import io.dialready.domain.LookupResult;
import io.dialready.domain.PhoneCandidate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers "WhatsApp or not" for a chunk's numbers at once: decides which numbers are looked up (fixed lines only when
 * the spec asks; nothing on a dry run), asks the provider in batches of the spec's size, and counts what it did.
 * Callers pass each number once (the chunk's unique numbers).
 */
public final class LookupService {

    private final ContactLookup provider;
    private final String providerName;
    private final boolean checkFixedLines;
    private final boolean dryRun;
    private final int batchSize;

    private long lookupsRequested;
    private long providerCalls;
    private long cacheHits;

    public LookupService(ContactLookup provider, boolean checkFixedLines, boolean dryRun, int batchSize) {
        this(provider, provider.name(), checkFixedLines, dryRun, batchSize);
    }

    /** With the name the outputs give the provider (the spec's, when the lookup engine does the asking). */
    public LookupService(
            ContactLookup provider, String providerName, boolean checkFixedLines, boolean dryRun, int batchSize) {
        this.provider = provider;
        this.providerName = providerName;
        this.checkFixedLines = checkFixedLines;
        this.dryRun = dryRun;
        this.batchSize = batchSize;
    }

    public String providerName() {
        return providerName;
    }

    /** Whether this number is sent to the provider at all under the spec's policy. */
    public boolean wanted(PhoneCandidate phone) {
        return checkFixedLines || phone.type().mayBeMobile();
    }

    /** One answer per distinct E.164 among the given valid phones. */
    public Map<String, LookupResult> lookup(Collection<PhoneCandidate> phones) {
        Map<String, LookupResult> results = new HashMap<>(phones.size() * 2);
        List<String> toAsk = new ArrayList<>();
        for (PhoneCandidate phone : phones) {
            if (results.containsKey(phone.e164())) {
                continue;
            }
            if (!wanted(phone)) {
                results.put(phone.e164(), LookupResult.SKIPPED);
            } else if (dryRun) {
                results.put(phone.e164(), LookupResult.PENDING);
            } else {
                results.put(phone.e164(), LookupResult.UNKNOWN);
                toAsk.add(phone.e164());
            }
        }
        for (int from = 0; from < toAsk.size(); from += batchSize) {
            List<String> batch = toAsk.subList(from, Math.min(toAsk.size(), from + batchSize));
            Map<String, LookupResult> answers;
            try {
                answers = provider.check(batch);
            } catch (ProviderException e) {
                // an error is never an answer: the numbers stay UNKNOWN
                answers = Map.of();
            }
            providerCalls++;
            lookupsRequested += batch.size();
            for (String number : batch) {
                LookupResult answer = answers.get(number);
                results.put(number, answer == null ? LookupResult.UNKNOWN : answer);
            }
        }
        return results;
    }

    public long lookupsRequested() {
        return lookupsRequested;
    }

    public long providerCalls() {
        return providerCalls;
    }

    public long cacheHits() {
        return cacheHits;
    }

    /** Restores the counters of an interrupted run so the report covers the whole run. */
    public void restoreCounters(long requested, long calls, long hits) {
        this.lookupsRequested = requested;
        this.providerCalls = calls;
        this.cacheHits = hits;
    }
}
