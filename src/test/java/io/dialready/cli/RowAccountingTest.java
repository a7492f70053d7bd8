package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.source.Portfolio;
import io.dialready.spec.JobSpecBuilder;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every input row is accounted for: on a file with malformed rows, a row without a key, a quoted field spanning two
 * lines and a blank line, each data row is in the enriched file or named by its line in the rejects file, and the
 * report's counts say the same.
 */
class RowAccountingTest {

    @TempDir
    Path dir;

    @Test
    void everyInputRowIsEnrichedOrRejectedByLine() throws Exception {
        Charset cp1252 = Portfolio.CP1252;
        RunFolder folder = new RunFolder(dir);
        Path input = Portfolio.sevenRows(dir.resolve("carteira.csv"));
        Path out = folder.out();
        CliRun run = folder.enrich(folder.spec(JobSpecBuilder.csv("carteira.csv")
                .key("CONTRATO")
                .column("amount", "VALOR")
                .phone("DDD1", "FONE1")
                .phoneColumn("TELEFONES")
                .chunkSize(2)));
        assertThat(run.exitCode()).as(run.err()).isZero();
        RowAccounting.check(
                input,
                cp1252,
                ';',
                out.resolve("carteira.enriched.csv"),
                out.resolve("carteira.rejects.csv"),
                out.resolve("carteira.report.json"));
        // and the check itself fails when a row goes missing
        Path enriched = out.resolve("carteira.enriched.csv");
        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(enriched));
        lines.remove(2);
        Path lost = Files.write(dir.resolve("lost.csv"), lines);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RowAccounting.check(
                        input,
                        cp1252,
                        ';',
                        lost,
                        out.resolve("carteira.rejects.csv"),
                        out.resolve("carteira.report.json")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("neither enriched (in order) nor rejected");
    }
}
