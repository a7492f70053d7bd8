package io.dialready.output;

/** An output that needs the run it writes for: its job instance (staging tables) and start (results tables). */
public interface RunAware {

    /** Called before the first chunk. @param runStarted the run's start in ms since 1970, the same across resumes */
    void start(long runId, long runStarted);
}
