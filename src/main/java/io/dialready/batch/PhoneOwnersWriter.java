package io.dialready.batch;

import io.dialready.domain.PhoneCandidate;
import io.dialready.output.dialer.PhoneOwners;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** The shared-numbers pre-pass: records each debtor's valid numbers in the run's owners table, chunk by chunk. */
final class PhoneOwnersWriter implements ItemWriter<ParsedRow>, StepExecutionListener {

    private final PhoneOwners owners;
    private long jobInstanceId;

    PhoneOwnersWriter(PhoneOwners owners) {
        this.owners = owners;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        jobInstanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        owners.create(jobInstanceId);
    }

    @Override
    public void write(Chunk<? extends ParsedRow> chunk) {
        List<Object[]> rows = new ArrayList<>();
        for (ParsedRow row : chunk) {
            if (row.rejected()) {
                continue;
            }
            for (PhoneCandidate p : row.phones()) {
                rows.add(new Object[] {p.e164(), row.debtor().key()});
            }
        }
        owners.insert(jobInstanceId, rows);
    }
}
