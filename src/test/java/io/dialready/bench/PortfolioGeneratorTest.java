package io.dialready.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortfolioGeneratorTest {

    private static final Charset CP1252 = Charset.forName("windows-1252");

    @TempDir
    Path dir;

    private static Path generate(Path folder, String shape, long rows, long seed) throws Exception {
        Path out = folder.resolve(shape + ".csv");
        PortfolioGenerator.generate(shape, rows, out, seed);
        assertThat(folder.resolve(shape + ".csv.part")).doesNotExist();
        return out;
    }

    private static String decodeStrict(byte[] bytes, Charset cs) throws Exception {
        return cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    private static List<String[]> parse(String text, char separator) throws Exception {
        try (CSVReader reader = new CSVReaderBuilder(new StringReader(text))
                .withCSVParser(
                        new RFC4180ParserBuilder().withSeparator(separator).build())
                .build()) {
            return reader.readAll();
        }
    }

    @Test
    void brShapeIsWindows1252SemicolonCrlfWithTheSampleHeader() throws Exception {
        Path out = generate(dir, "br", 2_000, 7);
        byte[] bytes = Files.readAllBytes(out);
        String text = decodeStrict(bytes, CP1252);

        assertThat(text).startsWith(PortfolioGenerator.BR_HEADER + "\r\n").doesNotContain("?");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(text).contains("SÃO PAULO"); // accents really are cp1252 bytes, not '?'
        List<String[]> rows = parse(text, ';');
        assertThat(rows).hasSize(2_001);
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(13));
        assertThat(rows.get(1)[0]).isEqualTo("CT0000000001");
        assertThat(rows.get(1)[1]).matches("\\d{3}\\.\\d{3}\\.\\d{3}-\\d{2}");
        assertThat(rows.get(1)[3]).matches("\\d{1,3}(\\.\\d{3})*,\\d{2}");
        assertThat(rows.get(1)[4]).matches("\\d{2}/\\d{2}/20\\d{2}");
    }

    @Test
    void inShapeIsUtf8CommaWithTheSampleHeader() throws Exception {
        Path out = generate(dir, "in", 2_000, 7);
        String text = decodeStrict(Files.readAllBytes(out), StandardCharsets.UTF_8);

        assertThat(text).startsWith(PortfolioGenerator.IN_HEADER + "\n");
        List<String[]> rows = parse(text, ',');
        assertThat(rows).hasSize(2_001);
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(8));
        for (String[] r : rows.subList(1, rows.size())) {
            int dpd = Integer.parseInt(r[6]);
            assertThat(r[7]).isEqualTo(dpd <= 30 ? "B1" : dpd <= 60 ? "B2" : dpd <= 90 ? "B3" : "NPA");
            assertThat(r[4]).matches("\\d+\\.\\d{2}");
        }
    }

    @Test
    void sameSeedSameFileOtherSeedOtherFile() throws Exception {
        byte[] a = Files.readAllBytes(generate(dir.resolve("a"), "br", 500, 1));
        byte[] b = Files.readAllBytes(generate(dir.resolve("b"), "br", 500, 1));
        byte[] c = Files.readAllBytes(generate(dir.resolve("c"), "br", 500, 2));
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void mainFoneNumbersDoNotRepeatAcrossRows() throws Exception {
        String text = decodeStrict(Files.readAllBytes(generate(dir, "br", 20_000, 3)), CP1252);
        Set<String> seen = new HashSet<>();
        int numbers = 0;
        for (String[] r : parse(text, ';').subList(1, 20_001)) {
            String digits = r[6].replaceAll("\\D", "");
            if (digits.length() == 9 && digits.chars().distinct().count() > 1) { // a 9-digit mobile, not junk
                numbers++;
                assertThat(seen.add(r[5].replaceFirst("^0", "") + digits))
                        .as(r[6])
                        .isTrue();
            }
        }
        assertThat(numbers).isGreaterThan(15_000);
    }

    @Test
    void refusesAnUnknownShapeAndLeavesNoFile() {
        Path out = dir.resolve("x.csv");
        assertThatThrownBy(() -> PortfolioGenerator.generate("us", 10, out, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown shape");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("x.csv.part")).doesNotExist();
    }
}
