package io.dialready.batch;

import io.dialready.source.SourceRow;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads and parses rows ahead of the step, in input order: a feeder thread reads the CSV and hands each row to the
 * parse threads, and {@link #read()} returns the parsed rows in the order they were read.
 * <p>
 * Why not Spring Batch 6's concurrent chunk processing ({@code ChunkOrientedStepBuilder.taskExecutor})? It parses a
 * chunk's rows in parallel, then the parse threads wait while the step thread writes the chunk; on two cores that left
 * the job at 70% of a single-threaded loop (docs/benchmarks.md). Here parsing of the next rows goes on while the step
 * thread writes, so every core stays busy.
 * <p>
 * Restart stays exact: rows read ahead are not committed, so this reader saves the number of rows it has handed to
 * the step (not the number the feeder has read), which is what a restart skips; for a source positioned by key (a
 * database table) it saves the line of the last row handed out as well, under the source's key.
 */
public final class ReadAheadParser implements ItemStreamReader<ParsedRow> {

    private static final Future<ParsedRow> END = CompletableFuture.completedFuture(null);

    private final ItemStreamReader<SourceRow> source;
    private final String countKey;
    private final String lastLineKey;
    private final EnrichProcessor processor;
    private final int threads;
    private final int window;
    private BlockingQueue<Future<ParsedRow>> queue;
    private ExecutorService workers;
    private Thread feeder;
    private volatile boolean stopped;
    private long handedOut;
    private long lastLine;
    private boolean ended;

    /**
     * @param source   the input reader; it must skip, on open, the number of records saved under {@code countKey}
     * @param countKey the key under which the source saves its record count (CsvDebtorReader.READ_KEY, ...)
     * @param window   how many rows may be read ahead of the step (a chunk or two)
     */
    public ReadAheadParser(
            ItemStreamReader<SourceRow> source, String countKey, EnrichProcessor processor, int threads, int window) {
        this(source, countKey, null, processor, threads, window);
    }

    /**
     * @param lastLineKey where to save the line of the last row handed out, for a source that restarts after it
     *                    (JdbcDebtorReader.LAST_KEY); null for sources that skip a count
     */
    public ReadAheadParser(
            ItemStreamReader<SourceRow> source,
            String countKey,
            String lastLineKey,
            EnrichProcessor processor,
            int threads,
            int window) {
        this.source = source;
        this.countKey = countKey;
        this.lastLineKey = lastLineKey;
        this.processor = processor;
        this.threads = threads;
        this.window = window;
    }

    @Override
    public void open(ExecutionContext context) {
        source.open(context);
        handedOut = context.getLong(countKey, 0L);
        lastLine = lastLineKey == null ? -1L : context.getLong(lastLineKey, -1L);
        ended = false;
        stopped = false;
        queue = new ArrayBlockingQueue<>(window);
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "parse-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        feeder = new Thread(this::feed, "read-ahead");
        feeder.setDaemon(true);
        feeder.start();
    }

    private void feed() {
        try {
            while (!stopped) {
                SourceRow row;
                try {
                    row = source.read();
                } catch (Exception e) {
                    queue.put(CompletableFuture.failedFuture(e)); // surfaces in order, at the row that failed
                    return;
                }
                if (row == null) {
                    queue.put(END);
                    return;
                }
                queue.put(workers.submit(() -> processor.process(row)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed: stop reading
        }
    }

    @Override
    public ParsedRow read() throws Exception {
        if (ended) {
            return null;
        }
        Future<ParsedRow> next = queue.take();
        ParsedRow row;
        try {
            row = next.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
        if (row == null) {
            ended = true;
            return null;
        }
        handedOut++;
        lastLine = row.row().line();
        return row;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(countKey, handedOut);
        if (lastLineKey != null) {
            context.putLong(lastLineKey, lastLine);
        }
    }

    @Override
    public void close() {
        stopped = true;
        if (feeder != null) {
            feeder.interrupt();
            try {
                feeder.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (workers != null) {
            workers.shutdownNow();
        }
        try {
            source.close();
        } catch (RuntimeException e) {
            throw new ItemStreamException("cannot close the input", e);
        }
    }
}
