package io.dialready.output;

import io.dialready.domain.EnrichedDebtor;
import io.dialready.domain.RankedDebtor;
import io.dialready.domain.Reject;
import io.dialready.domain.RunCounters;
import io.dialready.output.files.PrivateFileWriter;
import io.dialready.spec.JobSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * The rejects file, in input order: each row's rejects (the row itself, or each unusable value), then the notes an
 * output makes about a dialled debtor (a VICIdial field cut to its length). Counts {@code rejects_written}.
 */
public final class RejectsWriter implements ItemStreamWriter<EnrichedDebtor> {

    public static final List<String> COLUMNS = List.of("line", "column", "value", "reason");

    private final ItemStreamWriter<String> file;
    private final CsvLineFormatter format;
    private final FormulaGuard guard;
    private final RunCounters counters;
    private final Function<RankedDebtor, List<Reject>> notes;

    /** @param notes what an output notes about a dialled debtor; null when none does */
    public RejectsWriter(
            ItemStreamWriter<String> file,
            char delimiter,
            FormulaGuard guard,
            RunCounters counters,
            Function<RankedDebtor, List<Reject>> notes) {
        this.file = file;
        this.format = new CsvLineFormatter(delimiter);
        this.guard = guard;
        this.counters = counters;
        this.notes = notes;
    }

    public static RejectsWriter of(
            Path target, JobSpec.Output out, RunCounters counters, Function<RankedDebtor, List<Reject>> notes) {
        String header = new CsvLineFormatter(out.delimiter()).format(COLUMNS.toArray(String[]::new));
        return new RejectsWriter(
                PrivateFileWriter.ofPart("rejects", target, out, header),
                out.delimiter(),
                FormulaGuard.of(out.neutraliseFormulas()),
                counters,
                notes);
    }

    @Override
    public void write(Chunk<? extends EnrichedDebtor> chunk) throws Exception {
        List<String> lines = new ArrayList<>();
        for (EnrichedDebtor d : chunk) {
            for (Reject r : d.rejects()) {
                lines.add(line(r));
            }
            if (notes != null && d.isDialled()) {
                for (Reject note : notes.apply(d.ranked())) {
                    lines.add(line(note));
                }
            }
        }
        counters.rejectsWritten += lines.size();
        file.write(new Chunk<>(lines));
    }

    String line(Reject r) {
        return format.format(Long.toString(r.line()), guard.cell(r.column()), guard.cell(r.value()), r.reason());
    }

    @Override
    public void open(ExecutionContext context) {
        file.open(context);
    }

    @Override
    public void update(ExecutionContext context) {
        file.update(context);
    }

    @Override
    public void close() {
        file.close();
    }
}
