package io.dialready.batch;

import javax.sql.DataSource;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;

import io.dialready.sink.DialerStaging;
import io.dialready.spec.JobSpec.Profile;

/**
 * Streams this run's staged dialer rows in their global order (priority, then input line) with a database cursor, so
 * the heap holds one fetch at a time whatever the portfolio's size. Restartable through the cursor reader's count.
 */
final class StagedDialerReader implements ItemStreamReader<String>, StepExecutionListener {

    private final DataSource dataSource;
    private final Profile profile;
    private JdbcCursorItemReader<String> cursor;

    StagedDialerReader(DataSource dataSource) {
        this(dataSource, null);
    }

    /** Reads a profile's staged lines; null: the per-phone dialer lines. */
    StagedDialerReader(DataSource dataSource, Profile profile) {
        this.dataSource = dataSource;
        this.profile = profile;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        long instanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        cursor = new JdbcCursorItemReaderBuilder<String>()
            .name(profile == null ? "staged-dialer" : "staged-" + profile.label())
            .dataSource(dataSource)
            .sql(DialerStaging.selectOrdered(instanceId, profile))
            .rowMapper((rs, i) -> rs.getString(1))
            .fetchSize(500)
            .build();
    }

    @Override
    public String read() throws Exception {
        return cursor.read();
    }

    @Override
    public void open(ExecutionContext context) {
        cursor.open(context);
    }

    @Override
    public void update(ExecutionContext context) {
        cursor.update(context);
    }

    @Override
    public void close() {
        if (cursor != null) {
            cursor.close();
        }
    }
}
