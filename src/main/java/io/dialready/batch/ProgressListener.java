package io.dialready.batch;

/**
 * Receives the progress of the rows step: the terminal's bar or lines are one subscriber (cli/TerminalProgress), a web
 * page can be another. Called on the step's thread after each chunk: a subscriber does little, and never throws.
 */
public interface ProgressListener {

    /** Listens to nothing. */
    ProgressListener NONE = new ProgressListener() {};

    /** The rows step starts in this process; {@code rowsAlreadyDone} were committed by an interrupted attempt. */
    default void rowsStarted(long rowsAlreadyDone) {}

    /** After each chunk: the figures so far. */
    default void rowsProgress(ProgressEvent event) {}

    /** The rows step ends (completed or not). */
    default void rowsEnded() {}
}
