package io.dialready.output.dialer;

import io.dialready.domain.DialledPhone;
import io.dialready.domain.EnrichedDebtor;
import io.dialready.domain.RunCounters;
import io.dialready.output.RunAware;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Stages each dialled debtor's dialer lines (and its lines for each extra profile and campaign file) in the run's
 * staging table, in the chunk's transaction; the dialer-file and profile steps stream them ORDER BY priority. Counts
 * {@code staged_debtors}.
 */
public final class DialerStagingWriter implements ItemWriter<EnrichedDebtor>, RunAware {

    private final DialerStaging staging;
    private final DialerLines dialer;
    private final ProfileLines profiles;
    private final RunCounters counters;
    private long runId;

    /** @param profiles the extra profiles' lines; null when the spec asks for none */
    public DialerStagingWriter(DialerStaging staging, DialerLines dialer, ProfileLines profiles, RunCounters counters) {
        this.staging = staging;
        this.dialer = dialer;
        this.profiles = profiles;
        this.counters = counters;
    }

    @Override
    public void start(long runId, long runStarted) {
        this.runId = runId;
    }

    @Override
    public void write(Chunk<? extends EnrichedDebtor> chunk) {
        List<DialerStaging.Row> rows = new ArrayList<>(chunk.size());
        for (EnrichedDebtor d : chunk) {
            if (d.isDialled()) {
                rows.add(row(d));
            }
        }
        staging.insert(runId, rows);
        counters.stagedDebtors += rows.size();
    }

    private DialerStaging.Row row(EnrichedDebtor d) {
        StringBuilder phones = new StringBuilder(16 * d.phones().size());
        for (DialledPhone p : d.phones()) {
            if (!phones.isEmpty()) {
                phones.append('|');
            }
            phones.append(p.e164());
        }
        long line = d.ranked().debtor().line();
        long sortKey = DialerStaging.sortKey(d.ranked().priority(), line);
        String lines = dialer.lines(d);
        if (profiles == null) {
            return new DialerStaging.Row(line, sortKey, phones.toString(), lines);
        }
        return new DialerStaging.Row(
                line,
                sortKey,
                phones.toString(),
                lines,
                profiles.render(d.ranked()).lines());
    }
}
