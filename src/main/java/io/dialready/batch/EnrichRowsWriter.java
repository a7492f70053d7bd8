package io.dialready.batch;

import io.dialready.domain.EnrichedDebtor;
import io.dialready.domain.RunCounters;
import io.dialready.output.RunAware;
import io.dialready.output.dialer.DialerStaging;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.support.CompositeItemWriter;

/**
 * The rows step's writer: each chunk through the {@link ChunkEnricher}, then to every output at once (a composite of
 * one writer per output: results tables, enriched file, rejects, dialer staging). Keeps the run's counters in the
 * step's execution context and, on a resume, makes the staging table agree with the committed position. Runs on the
 * step's thread only.
 */
final class EnrichRowsWriter implements ItemWriter<ParsedRow>, ItemStream, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(EnrichRowsWriter.class);

    /** Prefix of the counters' names in the step's execution context. */
    static final String COUNTER_PREFIX = "stats.";

    /** Context key: the input line of the last row the committed chunks hold. */
    static final String LAST_LINE_KEY = "staging.last.line";

    private final ChunkEnricher enricher;
    private final List<ItemWriter<? super EnrichedDebtor>> outputs;
    private final CompositeItemWriter<EnrichedDebtor> composite;
    private final DialerStaging staging;
    private final RunCounters counters;
    private final Progress progress;
    private long runId;
    /** Input line of the last row of the last chunk written (saved with the chunk, under {@link #LAST_LINE_KEY}). */
    private long lastLine;

    EnrichRowsWriter(
            ChunkEnricher enricher,
            List<ItemWriter<? super EnrichedDebtor>> outputs,
            DialerStaging staging,
            RunCounters counters,
            Progress progress) {
        this.enricher = enricher;
        this.outputs = outputs;
        this.composite = new CompositeItemWriter<>(outputs);
        this.staging = staging;
        this.counters = counters;
        this.progress = progress;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        Long run = stepExecution.getJobParameters().getLong(RunIdentity.STARTED);
        long runStarted = run == null ? runId : run;
        staging.create(runId);
        enricher.start(runId);
        for (ItemWriter<? super EnrichedDebtor> w : outputs) {
            if (w instanceof RunAware r) {
                r.start(runId, runStarted);
            }
        }
    }

    @Override
    public void write(Chunk<? extends ParsedRow> chunk) throws Exception {
        List<EnrichedDebtor> enriched = enricher.enrich(chunk.getItems(), counters);
        composite.write(new Chunk<>(enriched));
        if (!chunk.isEmpty()) {
            lastLine = chunk.getItems().get(chunk.size() - 1).row().line();
        }
        progress.rows(chunk.size(), counters.rowsRead);
    }

    @Override
    public void open(ExecutionContext context) {
        Map<String, Long> saved = new TreeMap<>();
        for (Map.Entry<String, Object> e : context.entrySet()) {
            if (e.getKey().startsWith(COUNTER_PREFIX) && e.getValue() instanceof Number n) {
                saved.put(e.getKey().substring(COUNTER_PREFIX.length()), n.longValue());
            }
        }
        counters.load(saved);
        composite.open(context);
        progress.start(counters.rowsRead);
        lastLine = context.getLong(LAST_LINE_KEY, 0L);
        if (counters.rowsRead > 0) {
            log.info("resuming after {} rows already committed", counters.rowsRead);
            if (context.containsKey(LAST_LINE_KEY)) { // (a run interrupted before this check existed has no line)
                reconcileStaging();
            }
            // the distinct-number count lives in memory; rebuild it from what the committed chunks staged
            staging.forEachPhones(runId, phones -> {
                for (String e164 : phones.split("\\|")) {
                    enricher.rememberPhone(e164);
                }
            });
        }
    }

    /**
     * Makes the staging table agree with the committed position before going on. The two are written in one
     * transaction, so they agree unless the database broke that transaction in the crash (H2's MVStore could, with its
     * background writer: see docs/crash-safety.md): staged debtors beyond the last committed line are removed (the
     * resumed run stages them again), and fewer staged debtors than the committed chunks staged stops the run rather
     * than writing a dialer file without them.
     */
    private void reconcileStaging() {
        int beyond = staging.deleteAfter(runId, lastLine);
        if (beyond > 0) {
            log.warn(
                    "resume: {} staged debtors beyond the last committed input line {} were removed; they are staged"
                            + " again",
                    beyond,
                    lastLine);
        }
        long staged = staging.count(runId);
        long expected = counters.stagedDebtors;
        if (staged != expected) {
            throw new IllegalStateException("the job repository says the committed chunks staged " + expected
                    + " debtors for the dialer file, but the staging table holds " + staged + ": the database lost"
                    + " committed data in the crash; start this input again with a fresh data folder (--data)");
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(LAST_LINE_KEY, lastLine);
        counters.phonesUnique = enricher.uniquePhones();
        counters.save((name, value) -> {
            if (value != 0) { // counters only grow: a name saved once is never 0 again
                context.putLong(COUNTER_PREFIX + name, value);
            }
        });
        composite.update(context);
    }

    @Override
    public void close() {
        progress.close();
        composite.close();
    }
}
