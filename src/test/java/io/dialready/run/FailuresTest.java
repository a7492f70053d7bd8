package io.dialready.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.source.InputUnreadableException;
import io.dialready.spec.JobSpecException;
import java.nio.file.Path;
import java.sql.SQLNonTransientConnectionException;
import org.junit.jupiter.api.Test;

/** What a run that threw says, by the cause found anywhere in the chain. */
class FailuresTest {

    private static final Path LOG = Path.of("logs/x.log");

    @Test
    void theCauseDecidesTheOutcome() {
        RunResult input =
                Failures.of(new RuntimeException("step", new InputUnreadableException("f.csv: bad")), null, LOG);
        assertThat(input.outcome()).isEqualTo(RunResult.Outcome.INPUT_UNREADABLE);
        assertThat(input.message()).isEqualTo("input unreadable: f.csv: bad");

        RunResult spec = Failures.of(new IllegalStateException("x", new JobSpecException("key 'a': no")), null, LOG);
        assertThat(spec.outcome()).isEqualTo(RunResult.Outcome.BAD_REQUEST);
        assertThat(spec.message()).isEqualTo("bad job spec: key 'a': no");
    }

    @Test
    void anyOtherFailureNamesItsRootCauseMaskedOnOneLine() {
        RunResult r = Failures.of(
                new RuntimeException("outer", new IllegalStateException("number +5511987654321 broke\nsecond line")),
                null,
                LOG);
        assertThat(r.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(r.message())
                .isEqualTo("run failed: number +5511*****4321 broke (details in logs/x.log); run the same command"
                        + " again to resume");
    }

    @Test
    void aLostDatabaseSaysSo() {
        RunResult r = Failures.of(
                new RuntimeException("chunk", new SQLNonTransientConnectionException("Connection refused")), null, LOG);
        assertThat(r.message())
                .isEqualTo("run failed: the connection to the database was lost (Connection refused; details in"
                        + " logs/x.log); run the same command again when it is back to resume");
    }
}
