package io.dialready.suppression;

import io.dialready.domain.PhoneCandidate;
import io.dialready.phone.PhoneNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The run's do-not-call numbers (E.164, from files of one number a line in any format the phone parser reads, against
 * the spec's country) and excluded debtor keys (one a line, compared trimmed). Held in memory: a set of strings, about
 * 100 bytes a number. Lines starting with '#' and blank lines are skipped; a line that is not a valid number is
 * counted ({@link #unusableLines()}) and ignored. Read-only after loading, so thread-safe.
 */
public final class SuppressionList {

    public static final SuppressionList NONE = new SuppressionList(Set.of(), Set.of(), 0);

    private final Set<String> numbers;
    private final Set<String> keys;
    private final long unusable;

    private SuppressionList(Set<String> numbers, Set<String> keys, long unusable) {
        this.numbers = numbers;
        this.keys = keys;
        this.unusable = unusable;
    }

    public static SuppressionList load(List<Path> doNotCall, List<Path> debtorKeys, String country) {
        return load(doNotCall, debtorKeys, country, true);
    }

    /** {@code ninthDigitFor7}: as the spec reads the debtors' numbers, so that both sides agree. */
    public static SuppressionList load(
            List<Path> doNotCall, List<Path> debtorKeys, String country, boolean ninthDigitFor7) {
        PhoneNormalizer normalizer = new PhoneNormalizer(country, ninthDigitFor7);
        Set<String> numbers = new HashSet<>();
        Set<String> keys = new HashSet<>();
        long unusable = 0;
        for (Path file : doNotCall) {
            for (String line : lines(file)) {
                List<PhoneCandidate> parsed = normalizer.parseCell("do-not-call", line);
                boolean any = false;
                for (PhoneCandidate p : parsed) {
                    if (p.valid()) {
                        numbers.add(p.e164());
                        any = true;
                    }
                }
                if (!any) {
                    unusable++;
                }
            }
        }
        for (Path file : debtorKeys) {
            keys.addAll(lines(file));
        }
        return new SuppressionList(Set.copyOf(numbers), Set.copyOf(keys), unusable);
    }

    private static List<String> lines(Path file) {
        List<String> out = new java.util.ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                String t = line.strip();
                if (t.startsWith("\uFEFF")) {
                    t = t.substring(1).strip();
                }
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read suppression file " + file, e);
        }
        return out;
    }

    public boolean isEmpty() {
        return numbers.isEmpty() && keys.isEmpty();
    }

    public boolean phone(String e164) {
        return numbers.contains(e164);
    }

    public boolean debtor(String key) {
        return key != null && keys.contains(key.strip());
    }

    public int numbers() {
        return numbers.size();
    }

    public int keys() {
        return keys.size();
    }

    public long unusableLines() {
        return unusable;
    }
}
