package io.dialready.source;

import io.dialready.domain.PhoneCandidate;
import io.dialready.domain.Reject;
import io.dialready.phone.PhoneNormalizer;
import io.dialready.spec.JobSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds every phone of one row in the spec's phone sources, in the spec's order. Values that cannot be used become
 * rejects naming the source; the same number found twice for one debtor counts once (the first place it was found).
 */
public final class PhoneExtractor {

    private record Source(JobSpec.PhoneSource spec, int column, int ddd, int number) {}

    /** The phones of one row. */
    public record Found(List<PhoneCandidate> valid, int found, int invalid, int duplicates) {}

    private final PhoneNormalizer normalizer;
    private final List<Source> sources = new ArrayList<>();

    public PhoneExtractor(JobSpec spec, String[] header) {
        this.normalizer = new PhoneNormalizer(spec.country(), spec.ninthDigitFor7());
        for (int i = 0; i < spec.phones().size(); i++) {
            JobSpec.PhoneSource s = spec.phones().get(i);
            String key = "phones[" + i + "]";
            if (s.split()) {
                sources.add(new Source(
                        s,
                        -1,
                        DebtorMapper.index(header, s.ddd(), key + ".ddd", true),
                        DebtorMapper.index(header, s.number(), key + ".number", true)));
            } else {
                sources.add(new Source(s, DebtorMapper.index(header, s.column(), key + ".column", true), -1, -1));
            }
        }
    }

    public Found extract(String[] fields, long line, List<Reject> rejects) {
        List<PhoneCandidate> valid = new ArrayList<>(4);
        Set<String> seen = new HashSet<>(8);
        int found = 0;
        int invalid = 0;
        int duplicates = 0;
        for (Source source : sources) {
            String label = source.spec().label();
            List<PhoneCandidate> candidates;
            if (source.spec().split()) {
                candidates = normalizer.parseSplit(label, field(fields, source.ddd()), field(fields, source.number()));
            } else {
                candidates = normalizer.parseCell(label, field(fields, source.column()));
            }
            for (int k = 0; k < candidates.size(); k++) {
                PhoneCandidate c = candidates.get(k);
                found++;
                if (k > 0 && !source.spec().multiple()) {
                    invalid++;
                    rejects.add(new Reject(
                            line,
                            label,
                            c.raw(),
                            "more than one number in a single-number column (set multiple: true to keep them)"));
                } else if (!c.valid()) {
                    invalid++;
                    rejects.add(new Reject(line, label, c.raw(), c.invalidReason()));
                } else if (!seen.add(c.e164())) {
                    duplicates++;
                } else {
                    valid.add(c);
                }
            }
        }
        return new Found(valid, found, invalid, duplicates);
    }

    private static String field(String[] fields, int index) {
        return index >= 0 && index < fields.length ? fields[index] : null;
    }
}
