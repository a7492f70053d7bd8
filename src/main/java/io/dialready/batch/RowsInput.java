package io.dialready.batch;

import io.dialready.output.FormulaGuard;
import io.dialready.source.DebtorMapper;
import io.dialready.source.PhoneExtractor;
import io.dialready.source.SourceRow;
import io.dialready.source.csv.CsvDebtorReader;
import io.dialready.source.jdbc.JdbcDebtorReader;
import io.dialready.source.xlsx.XlsxDebtorReader;
import io.dialready.spec.JobSpec;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/** The rows every row step reads: the input's reader (CSV, XLSX or JDBC) parsed ahead on every core, in input order. */
final class RowsInput {

    private RowsInput() {}

    /** Maps a row to its debtor and parses its phones; the same for the pre-pass and the rows step. */
    static EnrichProcessor processor(RunPlan plan) {
        JobSpec spec = plan.spec();
        String[] header = plan.header().toArray(String[]::new);
        return new EnrichProcessor(
                new DebtorMapper(spec, header),
                new PhoneExtractor(spec, header),
                plan.asOf(),
                plan.format().delimiter(),
                spec.output().delimiter(),
                FormulaGuard.of(spec.output().neutraliseFormulas()));
    }

    /** The input (CSV, XLSX or a JDBC query) read and parsed ahead of the step on every core, in input order. */
    static ReadAheadParser readAhead(RunPlan plan, EnrichProcessor processor) {
        return readAhead(plan, processor, source(plan));
    }

    static ItemStreamReader<SourceRow> source(RunPlan plan) {
        JobSpec.Jdbc jdbc = plan.spec().input().jdbc();
        if (jdbc != null) {
            return new JdbcDebtorReader(jdbc, plan.spec().columns().decimalSeparator());
        }
        return plan.workbook() != null
                ? new XlsxDebtorReader(plan.input(), plan.workbook())
                : new CsvDebtorReader(plan.input(), plan.format());
    }

    static ReadAheadParser readAhead(RunPlan plan, EnrichProcessor processor, ItemStreamReader<SourceRow> reader) {
        JobSpec.Run run = plan.spec().run();
        if (reader instanceof JdbcDebtorReader) {
            return new ReadAheadParser(
                    reader,
                    JdbcDebtorReader.READ_KEY,
                    JdbcDebtorReader.LAST_KEY,
                    processor,
                    run.threads(),
                    2 * run.chunkSize());
        }
        String countKey = plan.workbook() != null ? XlsxDebtorReader.READ_KEY : CsvDebtorReader.READ_KEY;
        return new ReadAheadParser(reader, countKey, processor, run.threads(), 2 * run.chunkSize());
    }
}
