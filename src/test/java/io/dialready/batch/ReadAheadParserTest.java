package io.dialready.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.source.DebtorMapper;
import io.dialready.source.PhoneExtractor;
import io.dialready.source.csv.CsvDebtorReader;
import io.dialready.source.csv.CsvFormatDetector;
import io.dialready.spec.JobSpec;
import io.dialready.spec.JobSpecLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class ReadAheadParserTest {

    @TempDir
    Path dir;

    private ReadAheadParser parser(Path file) {
        JobSpec spec = new JobSpecLoader().parse("""
                country: BR
                input:
                  path: in.csv
                columns:
                  key: ID
                phones:
                  - column: FONE
                """, dir.resolve("job.yml"));
        String[] header = {"ID", "FONE"};
        EnrichProcessor processor = new EnrichProcessor(
                new DebtorMapper(spec, header), new PhoneExtractor(spec, header), LocalDate.of(2026, 11, 23), ';', ',');
        CsvDebtorReader reader = new CsvDebtorReader(file, new CsvFormatDetector().detect(file, null, null));
        return new ReadAheadParser(reader, CsvDebtorReader.READ_KEY, processor, 3, 16);
    }

    private Path portfolio(int rows) throws Exception {
        StringBuilder sb = new StringBuilder("ID;FONE\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(";(11) 9").append(1000_0000 + i).append('\n');
        }
        return Files.writeString(dir.resolve("in.csv"), sb.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void rowsComeOutParsedAndInInputOrderWhateverThreadParsedThem() throws Exception {
        ReadAheadParser parser = parser(portfolio(2000));
        parser.open(new ExecutionContext());
        List<String> keys = new ArrayList<>();
        for (ParsedRow r; (r = parser.read()) != null; ) {
            keys.add(r.debtor().key());
            String expected =
                    "+55119" + (1000_0000 + Integer.parseInt(r.debtor().key()));
            assertThat(r.phones())
                    .singleElement()
                    .satisfies(p -> assertThat(p.e164()).isEqualTo(expected));
        }
        parser.close();
        assertThat(keys).hasSize(2000);
        for (int i = 0; i < keys.size(); i++) {
            assertThat(keys.get(i)).isEqualTo(Integer.toString(i));
        }
    }

    @Test
    void restartCountsOnlyTheRowsHandedToTheStepNotThoseReadAhead() throws Exception {
        Path file = portfolio(500);
        ReadAheadParser first = parser(file);
        ExecutionContext ctx = new ExecutionContext();
        first.open(ctx);
        for (int i = 0; i < 100; i++) {
            first.read();
        }
        Thread.sleep(50); // let the feeder run ahead of the step
        first.update(ctx);
        first.close();
        assertThat(ctx.getLong(CsvDebtorReader.READ_KEY)).isEqualTo(100);

        ReadAheadParser resumed = parser(file);
        resumed.open(ctx);
        assertThat(resumed.read().debtor().key()).isEqualTo("100");
        resumed.close();
    }
}
