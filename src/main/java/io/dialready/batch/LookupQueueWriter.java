package io.dialready.batch;

import io.dialready.domain.DebtorRecord;
import io.dialready.domain.PhoneCandidate;
import io.dialready.domain.Segment;
import io.dialready.lookup.LookupTables;
import io.dialready.ranking.DebtorRanker;
import io.dialready.suppression.SuppressionList;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The lookup pre-pass: records every number the run wants looked up, once per debtor holding it, with that debtor's
 * worth, so that the lookup step can ask the run's numbers in the order they are worth asking before any debtor is
 * ranked. Suppressed debtors and do-not-call numbers are left out (no quota spent on them), and so are fixed lines
 * unless the spec asks for them.
 * <p>
 * Worth: {@code amount_score + segment bonus}, where amount_score is the ranking's (0..999, 100 per power of ten of the
 * amount owed) and the bonus is 60 for 0-30 days overdue, 40 for 31-90, 20 for an unknown segment and 0 for 90+ (a
 * fresher debt is likelier to be paid: a 0-30 debt weighs like one four times as large and 90+ days overdue).
 */
final class LookupQueueWriter implements ItemWriter<ParsedRow>, StepExecutionListener {

    private final LookupTables tables;
    private final boolean checkFixedLines;
    private final BigDecimal photoMinAmount;
    private final SuppressionList suppression;
    private long jobInstanceId;

    LookupQueueWriter(
            LookupTables tables, boolean checkFixedLines, BigDecimal photoMinAmount, SuppressionList suppression) {
        this.tables = tables;
        this.checkFixedLines = checkFixedLines;
        this.photoMinAmount = photoMinAmount;
        this.suppression = suppression;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        jobInstanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        tables.createQueue(jobInstanceId);
    }

    static int worth(DebtorRecord debtor) {
        int bonus = switch (Segment.of(debtor.daysOverdue())) {
            case D0_30 -> 60;
            case D31_90 -> 40;
            case UNKNOWN -> 20;
            case D90_PLUS -> 0;
        };
        return DebtorRanker.amountScore(debtor.amount()) + bonus;
    }

    @Override
    public void write(Chunk<? extends ParsedRow> chunk) {
        List<Object[]> rows = new ArrayList<>();
        for (ParsedRow row : chunk) {
            if (row.rejected()
                    || (suppression != null && suppression.debtor(row.debtor().key()))) {
                continue;
            }
            int worth = worth(row.debtor());
            int photo = photoMinAmount != null
                            && row.debtor().amount() != null
                            && row.debtor().amount().compareTo(photoMinAmount) >= 0
                    ? 1
                    : 0;
            for (PhoneCandidate p : row.phones()) {
                boolean mobile = p.type().mayBeMobile();
                if ((!mobile && !checkFixedLines) || (suppression != null && suppression.phone(p.e164()))) {
                    continue;
                }
                rows.add(new Object[] {p.e164(), worth, mobile ? 0 : 1, photo});
            }
        }
        tables.enqueue(jobInstanceId, rows);
    }
}
