package io.dialready.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialready.batch.ProgressEvent;
import io.dialready.batch.RunPlan;
import io.dialready.source.Portfolio;
import io.dialready.spec.JobSpecBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run service without the command line, as a web console or a worker calls it: the real job on a small file with
 * its H2 job repository, a listener that records what it is told, and the result.
 */
class RunServiceTest {

    @TempDir
    Path dir;

    final RunService service = new RunService();
    final List<String> heard = new ArrayList<>();
    RunRequest request;

    /** Records every call, in order; progress events as one "progress N" line per chunk. */
    final RunListener recorder = new RunListener() {
        @Override
        public void planned(RunPlan plan) {
            heard.add("planned " + plan.input().getFileName());
        }

        @Override
        public void started(RunPlan plan, boolean resumed) {
            heard.add(resumed ? "resumed" : "started");
        }

        @Override
        public void rowsStarted(long rowsAlreadyDone) {
            heard.add("rows from " + rowsAlreadyDone);
        }

        @Override
        public void rowsProgress(ProgressEvent event) {
            heard.add("progress " + event.rows());
        }

        @Override
        public void rowsEnded() {
            heard.add("rows ended");
        }

        @Override
        public void finished(RunResult result) {
            heard.add("finished " + result.outcome());
        }
    };

    @BeforeEach
    void files() {
        Portfolio.sevenRows(dir.resolve("carteira.csv"));
        Path spec = JobSpecBuilder.portfolio("carteira.csv")
                .sandbox("active_share", 0.5)
                .chunkSize(2)
                .writeTo(dir.resolve("job.yml"));
        request = request(spec);
    }

    RunRequest request(Path spec) {
        return RunRequest.of(spec, new DataFolder(dir.resolve("data")))
                .withOutput(dir.resolve("out"))
                .withLogFile(dir.resolve("log.txt"))
                .withAsOf(LocalDate.of(2026, 11, 23))
                .withQuiet(true);
    }

    @Test
    void aRunTellsItsListenerHowItGoesAndEndsWithItsReport() {
        RunResult result = service.start(request, recorder);

        assertThat(result.outcome()).as(result.message()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(result.exitCode()).isZero();
        assertThat(result.message()).isNull();
        assertThat(result.resumed()).isFalse();
        assertThat(result.report().rows().rowsRead()).isEqualTo(7);
        assertThat(result.plan().outputs().dir()).isEqualTo(dir.resolve("out"));
        // 7 data rows (a quoted line break makes one of them two lines), 2 per chunk: 4 chunks
        assertThat(heard)
                .containsExactly(
                        "planned carteira.csv",
                        "started",
                        "rows from 0",
                        "progress 2",
                        "progress 4",
                        "progress 6",
                        "progress 7",
                        "rows ended",
                        "finished COMPLETED");
        assertThat(dir.resolve("out/carteira.dialer.csv")).exists();
    }

    @Test
    void aResumeWithNothingUnfinishedStartsNothing() {
        RunResult result = service.resume(request, recorder);

        assertThat(result.outcome()).isEqualTo(RunResult.Outcome.NOTHING_TO_RESUME);
        assertThat(result.exitCode()).isZero();
        assertThat(heard).containsExactly("planned carteira.csv", "finished NOTHING_TO_RESUME");
        assertThat(dir.resolve("out"))
                .isDirectoryNotContaining(p -> !p.getFileName().toString().equals(".dialready.lock"));
    }

    @Test
    void aBadSpecOrAnUnreadableInputIsRefusedBeforeAnythingIsCreated() throws Exception {
        Path bad =
                Files.writeString(dir.resolve("bad.yml"), Files.readString(dir.resolve("job.yml")) + "colour: red\n");
        RunResult spec = service.start(request(bad), recorder);
        assertThat(spec.outcome()).isEqualTo(RunResult.Outcome.BAD_REQUEST);
        assertThat(spec.exitCode()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(spec.message()).startsWith("bad job spec: ").contains("unknown key 'colour'");
        assertThat(spec.plan()).isNull();

        Files.writeString(dir.resolve("carteira.csv"), Portfolio.HEADER + "\r\n");
        RunResult input = service.start(request, recorder);
        assertThat(input.outcome()).isEqualTo(RunResult.Outcome.INPUT_UNREADABLE);
        assertThat(input.exitCode()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
        assertThat(input.message())
                .isEqualTo("input unreadable: " + dir.resolve("carteira.csv") + ": has a header but no data rows");

        assertThat(heard).containsExactly("finished BAD_REQUEST", "finished INPUT_UNREADABLE");
        assertThat(dir.resolve("data")).doesNotExist();
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aDataFolderHeldByAnotherProcessRefusesTheRun() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Process other = LockHolder.hold(dir.resolve("data/dialready.lock"));
        RunResult result;
        try {
            result = service.start(request, recorder);
        } finally {
            other.getOutputStream().close();
            other.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.message())
                .isEqualTo("another dialready run is using the data folder " + dir.resolve("data")
                        + "; wait for it to finish or use --data");
        assertThat(heard).containsExactly("planned carteira.csv", "finished FAILED");
        assertThat(dir.resolve("out"))
                .isDirectoryNotContaining(p -> !p.getFileName().toString().equals(".dialready.lock"));
        assertThat(dir.resolve("data/dialready.mv.db")).doesNotExist();
    }

    /** A run that failed in its last step (the dialer file could not be published) resumes there on the next start. */
    @Test
    void aFailedRunIsResumedByTheNextStartOfTheSameRequest() throws Exception {
        Path blocker = Files.createDirectories(dir.resolve("out/carteira.dialer.csv"));
        Files.writeString(blocker.resolve("in the way"), "x");

        RunResult failed = service.start(request, recorder);
        assertThat(failed.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(failed.message())
                .startsWith("run failed: ")
                .endsWith("(details in " + dir.resolve("log.txt") + "); run the same command again to resume");

        Files.delete(blocker.resolve("in the way"));
        Files.delete(blocker);
        heard.clear();
        RunResult resumed = service.start(request, recorder);
        assertThat(resumed.outcome()).as(resumed.message()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.report().rows().rowsRead()).isEqualTo(7);
        // the rows step had completed: only the last step ran again
        assertThat(heard).containsExactly("planned carteira.csv", "resumed", "finished COMPLETED");
        assertThat(dir.resolve("out/carteira.dialer.csv")).isRegularFile();
    }

    @Test
    void planChecksWithoutWritingAnything() throws Exception {
        RunPlan plan = service.plan(request);
        assertThat(plan.header()).startsWith("CONTRATO", "CPF", "NOME");
        assertThat(plan.format().delimiter()).isEqualTo(';');
        assertThat(plan.outputs().report()).isEqualTo(dir.resolve("out/carteira.report.json"));
        assertThat(dir.resolve("out")).doesNotExist();
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
