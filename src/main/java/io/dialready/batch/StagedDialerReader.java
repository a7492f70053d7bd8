package io.dialready.batch;

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

import io.dialready.sink.DialerStaging;

/**
 * Reads this run's staged dialer rows in their global order (priority, then input line), a page at a time by key
 * ({@code WHERE sort_key > last ORDER BY sort_key LIMIT n}), so the heap holds one page whatever the portfolio's size.
 * Pages rather than one long cursor: H2 frees the old versions a cursor left open across commits still reads
 * ("Chunk n not found"), and short keyset queries are as cheap on the clustered key. Restartable: the reader saves the
 * last key read.
 */
final class StagedDialerReader implements ItemStreamReader<String>, StepExecutionListener {

    private final DataSource dataSource;
    private JdbcPagingItemReader<String> pages;

    StagedDialerReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        long instanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        try {
            pages = new JdbcPagingItemReaderBuilder<String>().name("staged-dialer")
                .dataSource(dataSource)
                .selectClause("SELECT sort_key, dialer_lines")
                .fromClause("FROM " + DialerStaging.table(instanceId))
                .sortKeys(Map.of("sort_key", Order.ASCENDING))
                .rowMapper((rs, i) -> rs.getString("dialer_lines"))
                .pageSize(1000)
                .build();
            pages.afterPropertiesSet();
        }
        catch (Exception e) {
            throw new ItemStreamException("cannot set up the dialer staging reader", e);
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
