package io.dialready.run;

import io.dialready.batch.ProgressListener;
import io.dialready.batch.RunPlan;
import java.util.List;

/**
 * What a run tells whoever started it, as it goes: planned, started (fresh or resumed), the rows step's progress
 * (from {@link ProgressListener}), finished. Called on the run's thread; a listener does little and never throws. The
 * command line's progress bar or lines are one listener (cli/TerminalProgress); a web page can be another.
 */
public interface RunListener extends ProgressListener {

    /** Listens to nothing. */
    RunListener NONE = new RunListener() {};

    /** The pre-flight checks passed: this is what will run. */
    default void planned(RunPlan plan) {}

    /** The job starts: a new run, or the resumption of an interrupted one. */
    default void started(RunPlan plan, boolean resumed) {}

    /** The run is over (also when it never started: see the result's outcome). */
    default void finished(RunResult result) {}

    /** Every listener of the list, in order. */
    static RunListener all(List<? extends RunListener> listeners) {
        List<RunListener> copy = List.copyOf(listeners);
        return new RunListener() {
            @Override
            public void planned(RunPlan plan) {
                copy.forEach(l -> l.planned(plan));
            }

            @Override
            public void started(RunPlan plan, boolean resumed) {
                copy.forEach(l -> l.started(plan, resumed));
            }

            @Override
            public void rowsStarted(long rowsAlreadyDone) {
                copy.forEach(l -> l.rowsStarted(rowsAlreadyDone));
            }

            @Override
            public void rowsProgress(io.dialready.batch.ProgressEvent event) {
                copy.forEach(l -> l.rowsProgress(event));
            }

            @Override
            public void rowsEnded() {
                copy.forEach(ProgressListener::rowsEnded);
            }

            @Override
            public void finished(RunResult result) {
                copy.forEach(l -> l.finished(result));
            }
        };
    }
}
