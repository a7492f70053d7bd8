package io.dialready.output;

import io.dialready.domain.EnrichedDebtor;
import io.dialready.output.files.PrivateFileWriter;
import io.dialready.spec.JobSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * The enriched file: every debtor's input columns, in input order, followed by its best number and status, active and
 * ranked numbers, segment, priority and provider (and {@code suppressed} with a suppression section).
 */
public final class EnrichedFileWriter implements ItemStreamWriter<EnrichedDebtor> {

    public static final List<String> COLUMNS = List.of(
            "wa_best_phone",
            "wa_best_status",
            "wa_active_phones",
            "phones_ranked",
            "segment",
            "priority",
            "wa_provider");

    /** The last column when the spec has a suppression section. */
    public static final String SUPPRESSED_COLUMN = "suppressed";

    private final ItemStreamWriter<String> file;
    private final CsvLineFormatter format;
    private final String provider;
    private final boolean suppression;

    public EnrichedFileWriter(ItemStreamWriter<String> file, char delimiter, String provider, boolean suppression) {
        this.file = file;
        this.format = new CsvLineFormatter(delimiter);
        this.provider = provider;
        this.suppression = suppression;
    }

    /** The writer of {@code target}'s part file, its header the input's (guarded: they are input too) plus ours. */
    public static EnrichedFileWriter of(
            Path target, JobSpec.Output out, List<String> inputHeader, String provider, boolean suppression) {
        List<String> columns = new ArrayList<>(
                List.of(FormulaGuard.of(out.neutraliseFormulas()).cells(inputHeader.toArray(String[]::new))));
        columns.addAll(COLUMNS);
        if (suppression) {
            columns.add(SUPPRESSED_COLUMN);
        }
        String header = new CsvLineFormatter(out.delimiter()).format(columns.toArray(String[]::new));
        return new EnrichedFileWriter(
                PrivateFileWriter.ofPart("enriched", target, out, header), out.delimiter(), provider, suppression);
    }

    @Override
    public void write(Chunk<? extends EnrichedDebtor> chunk) throws Exception {
        List<String> lines = new ArrayList<>(chunk.size());
        for (EnrichedDebtor d : chunk) {
            if (!d.isRejected()) {
                lines.add(line(d));
            }
        }
        file.write(new Chunk<>(lines));
    }

    String line(EnrichedDebtor e) {
        StringBuilder line = new StringBuilder(e.originalColumns().length() + 160);
        char d = format.delimiter();
        line.append(e.originalColumns());
        if (e.isSuppressedDebtor() || e.phones().isEmpty()) {
            line.append(d).append(d).append(e.bestStatus()).append(d).append(d);
        } else {
            line.append(d)
                    .append(e.bestPhone())
                    .append(d)
                    .append(e.bestStatus())
                    .append(d);
            format.append(line, e.activePhones()).append(d);
            format.append(line, e.allPhones());
        }
        line.append(d)
                .append(e.ranked().segment().label())
                .append(d)
                .append(e.ranked().priority())
                .append(d);
        format.append(line, provider);
        if (suppression) {
            line.append(d);
            format.append(line, e.suppressed());
        }
        return line.toString();
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
