package io.dialready.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReaderBuilder;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One CSV record: quoted only where it must be, the same by opencsv and by the hand-built hot path. */
class CsvLineFormatterTest {

    @Test
    void quotesOnlyTheFieldsThatNeedIt() {
        CsvLineFormatter f = new CsvLineFormatter(';');
        assertThat(f.format("C001", "ANA; SOUZA", "diz \"oi\"", "linha\nnova", "cr\rx", "1.234,56", ""))
                .isEqualTo("C001;\"ANA; SOUZA\";\"diz \"\"oi\"\"\";\"linha\nnova\";\"cr\rx\";1.234,56;");
        assertThat(f.delimiter()).isEqualTo(';');
        assertThat(new CsvLineFormatter(',').format("1.234,56", "a;b")).isEqualTo("\"1.234,56\",a;b");
    }

    @Test
    void eachCallFormatsItsOwnRecord() {
        CsvLineFormatter f = new CsvLineFormatter(',');
        assertThat(f.format("a", "b")).isEqualTo("a,b");
        assertThat(f.format("c")).isEqualTo("c");
        assertThat(f.format()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "with;semicolon", "with,comma", "quote\"inside", "\"", "line\nbreak", "cr\r", ""})
    void appendQuotesByTheSameRuleAsFormat(String field) {
        for (char delimiter : new char[] {';', ',', '|'}) {
            CsvLineFormatter f = new CsvLineFormatter(delimiter);
            StringBuilder line = new StringBuilder("x").append(delimiter);
            f.append(line, field).append(delimiter);
            f.append(line, null);
            assertThat(line.toString()).as("delimiter %s", delimiter).isEqualTo(f.format("x", field, ""));
        }
    }

    @Test
    void whatItWritesReadsBackAsTheSameFields() throws Exception {
        String[] fields = {"C001", "ANA \"NINA\" SOUZA", "rua A; 10", "obs:\nligar depois", ""};
        String line = new CsvLineFormatter(';').format(fields);
        try (var reader = new CSVReaderBuilder(new StringReader(line + "\n"))
                .withCSVParser(new CSVParserBuilder().withSeparator(';').build())
                .build()) {
            assertThat(reader.readNext()).containsExactly(fields);
        }
    }
}
