package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.run.ExitCodes;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A provider secret missing from the environment stops the run before anything is read, naming account and variable. */
class ProviderSecretsCliTest {

    /** A variable name no machine sets. */
    private static final String UNSET = "DIALREADY_TEST_NEVER_SET_7F3A";

    @TempDir
    Path dir;

    @Test
    void anUnsetTokenVariableIsASpecErrorNamingTheAccountAndTheVariable() throws Exception {
        assertThat(System.getenv(UNSET)).isNull();
        Files.write(dir.resolve("carteira.csv"), EnrichCommandTest.PORTFOLIO.getBytes(Charset.forName("windows-1252")));
        Path spec = Files.writeString(dir.resolve("job.yml"), """
                country: BR
                input:
                  path: carteira.csv
                columns:
                  key: CONTRATO
                phones:
                  - column: TELEFONES
                lookup:
                  provider: evolution
                  accounts:
                    - name: cobranca-01
                      base_url: http://127.0.0.1:9
                      instance: cobranca-01
                      token_env: %s
                """.formatted(UNSET));
        Path out = dir.resolve("out");

        CliRun run = CliRun.of(
                "enrich",
                "--job",
                spec.toString(),
                "--output",
                out.toString(),
                "--data",
                dir.resolve("data").toString(),
                "--log-file",
                dir.resolve("log.txt").toString(),
                "--quiet");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(run.err().strip())
                .isEqualTo("dialready: bad job spec: account 'cobranca-01': the environment " + "variable " + UNSET
                        + " named by token_env is not set: export it before the run (docs/providers.md)");
        assertThat(out.resolve("carteira.enriched.csv")).doesNotExist();
    }
}
