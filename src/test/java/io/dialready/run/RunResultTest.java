package io.dialready.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.output.report.RunReport;
import org.junit.jupiter.api.Test;

/** The one decision of the exit status, from the outcome and, for a completed run, its report. */
class RunResultTest {

    private static RunResult completed(String reportJson) {
        return new RunResult(
                RunResult.Outcome.COMPLETED, null, null, false, reportJson == null ? null : report(reportJson));
    }

    private static RunReport report(String json) {
        return RunReport.fromJson(json);
    }

    @Test
    void aCompletedRunExitsZeroUnlessItsLookupsStopped() {
        assertThat(completed("{\"rows_read\": 7}").exitCode()).isZero();
        assertThat(completed("{\"rows_read\": 7}").message()).isNull();
        assertThat(completed(null).exitCode())
                .as("report unreadable: the outputs are there")
                .isZero();
    }

    @Test
    void spentQuotasAndAnUnusableProviderHaveCodesOfTheirOwn() {
        RunResult quota = completed("{\"lookup_stopped\": \"QUOTA_SPENT\", \"lookup_stop_message\":"
                + " \"every account's daily quota is spent\", \"pending\": 12}");
        assertThat(quota.exitCode()).isEqualTo(ExitCodes.QUOTA_SPENT).isEqualTo(4);
        assertThat(quota.message())
                .isEqualTo("every account's daily quota is spent; 12 numbers left PENDING, to be checked first by the"
                        + " next run (outputs complete)");
        assertThat(ExitCodes.completed(quota.exitCode())).isTrue();

        RunResult provider = completed("{\"lookup_stopped\": \"PROVIDER_FAILED\", \"lookup_stop_message\":"
                + " \"account 'a' refused the token (401)\", \"pending\": 3}");
        assertThat(provider.exitCode()).isEqualTo(ExitCodes.PROVIDER_FAILED).isEqualTo(5);
        assertThat(provider.message())
                .isEqualTo("lookups stopped: account 'a' refused the token (401); 3 numbers left PENDING (outputs"
                        + " complete)");
        assertThat(ExitCodes.completed(provider.exitCode())).isFalse();
    }

    @Test
    void failuresExitWithTheirOwnCodeAndMessage() {
        assertThat(RunResult.failed(RunResult.Outcome.BAD_REQUEST, "bad job spec: x", null)
                        .exitCode())
                .isEqualTo(2);
        assertThat(RunResult.failed(RunResult.Outcome.INPUT_UNREADABLE, "input unreadable: y", null)
                        .exitCode())
                .isEqualTo(3);
        RunResult failed = RunResult.failed(RunResult.Outcome.FAILED, "run failed: z", null);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.message()).isEqualTo("run failed: z");
        // a failed run's report (a stale one from an earlier run) never decides its code
        assertThat(new RunResult(
                                RunResult.Outcome.FAILED,
                                "f",
                                null,
                                false,
                                report("{\"lookup_stopped\": \"QUOTA_SPENT\"}"))
                        .exitCode())
                .isEqualTo(1);
        assertThat(new RunResult(RunResult.Outcome.NOTHING_TO_RESUME, null, null, false, null).exitCode())
                .isZero();
    }

    @Test
    void aWithheldDialerFileExitsSixAndSaysWhy() {
        RunResult withheld = completed("{\"rows_read\": 4, \"rows_rejected\": 4, \"dialer_withheld\":"
                + " \"every data row was rejected (more than run.max_rejected_percent, 50%; see the rejects file)\","
                + " \"lookup_stopped\": \"QUOTA_SPENT\"}");
        assertThat(withheld.exitCode()).isEqualTo(ExitCodes.TOO_MANY_REJECTED).isEqualTo(6);
        assertThat(withheld.message())
                .isEqualTo("no dialer file published: every data row was rejected (more than"
                        + " run.max_rejected_percent, 50%; see the rejects file)");
        // the line figures read back typed, and a report without them reads null (key left out when written)
        RunReport lines = report("{\"rejects_written\": 1, \"input_lines\": 9, \"lines_unaccounted\": 2}");
        assertThat(lines.rows().inputLines()).isEqualTo(9L);
        assertThat(lines.rows().linesUnaccounted()).isEqualTo(2L);
        assertThat(lines.rows().linesHeader()).isNull();
        assertThat(lines.asMap().containsKey("dialer_withheld")).isFalse();
        assertThat(lines.asMap().containsKey("input_lines")).isTrue();
    }
}
