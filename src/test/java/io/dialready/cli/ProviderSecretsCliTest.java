package io.dialready.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.run.ExitCodes;
import io.dialready.source.Portfolio;
import io.dialready.spec.JobSpecBuilder;
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
        RunFolder folder = new RunFolder(dir);
        Portfolio.sevenRows(dir.resolve("carteira.csv"));
        Path spec = folder.spec(JobSpecBuilder.csv("carteira.csv")
                .key("CONTRATO")
                .phoneColumn("TELEFONES")
                .lookup("provider", "evolution")
                .lookupYaml("""
                          accounts:
                            - name: cobranca-01
                              base_url: http://127.0.0.1:9
                              instance: cobranca-01
                              token_env: %s
                        """.formatted(UNSET)));
        Path out = folder.out();

        CliRun run = folder.enrich(spec);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(run.err().strip())
                .isEqualTo("dialready: bad job spec: account 'cobranca-01': the environment " + "variable " + UNSET
                        + " named by token_env is not set: export it before the run (docs/providers.md)");
        assertThat(out.resolve("carteira.enriched.csv")).doesNotExist();
    }
}
