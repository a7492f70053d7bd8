package io.dialready.output.jdbc;

import io.dialready.domain.CallingWindow;
import io.dialready.domain.DialledPhone;
import io.dialready.domain.EnrichedDebtor;
import io.dialready.domain.RankedDebtor;
import io.dialready.domain.RankedPhone;
import io.dialready.output.RunAware;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * The results tables ({@code output.jdbc}): every debtor's enriched columns and every dialled phone's dialer columns,
 * upserted in a transaction of their own committed just before the chunk's, so a chunk written again updates the
 * same rows.
 */
public final class JdbcResultsWriter implements ItemStreamWriter<EnrichedDebtor>, RunAware {

    private final JdbcResults results;
    private final String provider;
    private final boolean suppression;
    private long runStarted;

    public JdbcResultsWriter(JdbcResults results, String provider, boolean suppression) {
        this.results = results;
        this.provider = provider;
        this.suppression = suppression;
    }

    @Override
    public void start(long runId, long started) {
        this.runStarted = started;
    }

    @Override
    public void write(Chunk<? extends EnrichedDebtor> chunk) {
        List<JdbcResults.DebtorRow> debtors = new ArrayList<>(chunk.size());
        List<JdbcResults.PhoneRow> phones = new ArrayList<>(chunk.size() * 2);
        for (EnrichedDebtor d : chunk) {
            if (d.isRejected()) {
                continue;
            }
            debtors.add(debtorRow(d));
            if (d.isDialled()) {
                for (DialledPhone p : d.phones()) {
                    phones.add(phoneRow(d.ranked(), p));
                }
            }
        }
        results.write(runStarted, debtors, phones);
    }

    public JdbcResults.DebtorRow debtorRow(EnrichedDebtor d) {
        RankedDebtor r = d.ranked();
        return new JdbcResults.DebtorRow(
                r.debtor().key(),
                d.bestPhone(),
                d.bestStatus(),
                d.activePhones(),
                d.allPhones(),
                r.segment().label(),
                r.priority(),
                provider,
                suppression ? d.suppressed() : null);
    }

    public JdbcResults.PhoneRow phoneRow(RankedDebtor r, DialledPhone dp) {
        RankedPhone p = dp.ranked();
        CallingWindow w = dp.window();
        return new JdbcResults.PhoneRow(
                r.debtor().key(),
                p.phone().e164(),
                p.rank(),
                p.phone().national(),
                p.phone().type().name(),
                p.lookup().status().name(),
                p.lookup().whatsappId(),
                p.phone().source(),
                r.segment().label(),
                r.priority(),
                provider,
                w == null ? null : w.timeZone(),
                w == null ? null : w.weekdays(),
                w == null ? null : w.saturday(),
                w == null ? null : w.sunday(),
                dp.sharedBy());
    }

    @Override
    public void open(ExecutionContext context) {}

    @Override
    public void update(ExecutionContext context) {}

    @Override
    public void close() {
        results.close();
    }
}
