package dev.byokstudio.ui.task;

/** A {@link Debouncer} for tests: the quiet period ends when the test calls {@link #elapse()}. */
public final class ManualDebouncer implements Debouncer {

    private Runnable waiting;
    /** How many times an action was asked for, including those replaced. */
    public int requests;

    @Override
    public void run(Runnable action) {
        requests++;
        waiting = action;
    }

    @Override
    public void cancel() {
        waiting = null;
    }

    public boolean waiting() {
        return waiting != null;
    }

    /** Ends the quiet period: runs the action waiting, if any. */
    public void elapse() {
        Runnable action = waiting;
        waiting = null;
        if (action != null) {
            action.run();
        }
    }
}
