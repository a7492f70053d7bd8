package io.dialready.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineEnricherTest {

    @TempDir
    Path dir;

    private static List<String[]> readUtf8(Path file) throws Exception {
        try (CSVReader reader = new CSVReaderBuilder(Files.newBufferedReader(file, StandardCharsets.UTF_8)).build()) {
            return reader.readAll();
        }
    }

    @Test
    void enrichesTheBrazilianSample() throws Exception {
        Path out = dir.resolve("baseline.csv");
        BaselineEnricher.Result r = BaselineEnricher.run(Path.of("samples/carteira-demo-br.csv"), out);

        // 38 well-formed rows (one holding a quoted line break) and 3 with the wrong number of fields;
        // the two blank lines are not rows
        assertThat(r.rows()).isEqualTo(41);
        assertThat(r.malformed()).isEqualTo(3);
        assertThat(r.line()).matches("baseline rows=41 seconds=\\d+\\.\\d{3} rows_per_s=\\d+ peak_heap_mb=\\d+");

        List<String[]> rows = readUtf8(out);
        assertThat(rows).hasSize(1 + 38);
        assertThat(rows.get(0)[13]).isEqualTo(BaselineEnricher.PHONES_COLUMN);
        String[] jose = rows.get(1);
        assertThat(jose[2]).isEqualTo("JOSÉ CARLOS DA SILVA");
        // the same number in FONE1 and TELEFONES counts once; 3456-7890 takes the area code of the number before it
        assertThat(jose[13]).isEqualTo("+5511987654321|+551134567890");
        assertThat(rows).anySatisfy(row -> assertThat(row[11]).isEqualTo("SÃO JOSÉ DOS\nCAMPOS"));
    }

    @Test
    void generatedFileRoundTrips() throws Exception {
        Path in = dir.resolve("br.csv");
        PortfolioGenerator.generate("br", 1_000, in, 5);
        BaselineEnricher.Result r = BaselineEnricher.run(in, dir.resolve("out.csv"));
        assertThat(r.rows()).isEqualTo(1_000);
        assertThat(r.malformed()).isZero();
        assertThat(r.phonesValid()).isGreaterThan(2_000); // about 2.5 valid numbers per row
    }
}
