package io.dialready.batch;

import io.dialready.domain.DebtorRecord;
import io.dialready.domain.Reject;
import io.dialready.output.CsvLineFormatter;
import io.dialready.output.FormulaGuard;
import io.dialready.source.DebtorMapper;
import io.dialready.source.PhoneExtractor;
import io.dialready.source.SourceRow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Maps a row to its debtor and parses its phones. Stateless and thread-safe: the step runs it for a chunk's rows
 * concurrently, which is where the CPU time goes (libphonenumber).
 */
public final class EnrichProcessor implements ItemProcessor<SourceRow, ParsedRow>, StepExecutionListener {

    /** Job parameter holding the date days overdue are counted to; kept by a resumed run. */
    public static final String AS_OF = "as_of";

    private final DebtorMapper mapper;
    private final PhoneExtractor phones;
    private volatile LocalDate asOf;
    private final char delimiter;
    private final ThreadLocal<CsvLineFormatter> output;
    private final FormulaGuard guard;

    /**
     * @param delimiter       the input's delimiter, to show a rejected row as it was
     * @param outputDelimiter the outputs' delimiter, to format the row's original columns for the enriched file
     */
    public EnrichProcessor(
            DebtorMapper mapper, PhoneExtractor phones, LocalDate asOf, char delimiter, char outputDelimiter) {
        this(mapper, phones, asOf, delimiter, outputDelimiter, FormulaGuard.ON);
    }

    /** @param guard how the original columns are protected from spreadsheet formulas in the enriched file */
    public EnrichProcessor(
            DebtorMapper mapper,
            PhoneExtractor phones,
            LocalDate asOf,
            char delimiter,
            char outputDelimiter,
            FormulaGuard guard) {
        this.guard = guard;
        this.mapper = mapper;
        this.phones = phones;
        this.asOf = asOf;
        this.delimiter = delimiter;
        this.output = ThreadLocal.withInitial(() -> new CsvLineFormatter(outputDelimiter));
    }

    /** A resumed run counts days overdue to the date the run started with, not today's. */
    @Override
    public void beforeStep(StepExecution stepExecution) {
        LocalDate fromJob = stepExecution.getJobParameters().getLocalDate(AS_OF);
        if (fromJob != null) {
            this.asOf = fromJob;
        }
    }

    @Override
    public ParsedRow process(SourceRow row) {
        List<Reject> rejects = new ArrayList<>(2);
        if (row.malformed()) {
            rejects.add(new Reject(row.line(), "", String.join(String.valueOf(delimiter), row.fields()), row.error()));
            return new ParsedRow(row, null, List.of(), rejects, 0, 0, 0, null);
        }
        DebtorRecord debtor = mapper.map(row, asOf, rejects);
        if (debtor == null) {
            // keep the whole row in the rejects file, so nothing of it is lost
            Reject why = rejects.get(0);
            String whole = String.join(String.valueOf(delimiter), row.fields());
            return new ParsedRow(
                    row,
                    null,
                    List.of(),
                    List.of(new Reject(why.line(), why.column(), whole, why.reason())),
                    0,
                    0,
                    0,
                    null);
        }
        PhoneExtractor.Found found = phones.extract(row.fields(), row.line(), rejects);
        return new ParsedRow(
                row,
                debtor,
                found.valid(),
                rejects,
                found.found(),
                found.invalid(),
                found.duplicates(),
                output.get().format(guard.cells(row.fields())));
    }
}
