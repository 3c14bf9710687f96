package dev.byokstudio.ui.task;

/**
 * Runs an action once things have been quiet for a while: each {@link #run} replaces the action still waiting, so
 * that typing fast asks for one check, of the last text. The action runs on the FX thread (in tests, when the test
 * says).
 */
public interface Debouncer {

    /** Runs {@code action} after the quiet period, unless another call replaces it first. */
    void run(Runnable action);

    /** Drops the action still waiting, if any. */
    void cancel();
}
