package io.dialready.batch;

import io.dialready.output.dialer.DialerStaging;
import io.dialready.spec.JobSpec.Profile;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;

/**
 * Reads this run's staged dialer lines (or one output profile's) in their global order (priority, then input line),
 * a page at a time by key ({@code WHERE sort_key > last ORDER BY sort_key LIMIT n}), so the heap holds one page
 * whatever the portfolio's size. Pages rather than one long cursor: H2 frees the old versions a cursor left open
 * across commits still reads ("Chunk n not found"), and short keyset queries are as cheap on the clustered key.
 * Restartable: the reader saves the last key read.
 */
final class StagedDialerReader implements ItemStreamReader<String>, StepExecutionListener {

    private final DataSource dataSource;
    private final Profile profile;
    private JdbcPagingItemReader<String> pages;

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
        String column = DialerStaging.column(profile);
        JdbcPagingItemReaderBuilder<String> builder = new JdbcPagingItemReaderBuilder<String>()
                .name(profile == null ? "staged-dialer" : "staged-" + profile.label())
                .dataSource(dataSource)
                .selectClause("SELECT sort_key, " + column)
                .fromClause("FROM " + DialerStaging.table(instanceId))
                .sortKeys(Map.of("sort_key", Order.ASCENDING))
                .rowMapper((rs, i) -> rs.getString(column))
                .pageSize(1000);
        if (profile != null) {
            // campaign files have no line for some debtors (no active number): a null would end the reader
            builder.whereClause("WHERE " + column + " IS NOT NULL");
        }
        try {
            pages = builder.build();
            pages.afterPropertiesSet();
        } catch (Exception e) {
            throw new ItemStreamException("cannot set up the staging reader", e);
        }
    }

    @Override
    public String read() throws Exception {
        return pages.read();
    }

    @Override
    public void open(ExecutionContext context) {
        pages.open(context);
    }

    @Override
    public void update(ExecutionContext context) {
        pages.update(context);
    }

    @Override
    public void close() {
        if (pages != null) {
            pages.close();
        }
    }
}
