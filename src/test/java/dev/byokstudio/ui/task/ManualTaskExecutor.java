package dev.byokstudio.ui.task;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A {@link TaskExecutor} for tests that need to see work in flight: work waits in a queue until the test runs it
 * with {@link #runNext()} or {@link #runAll()}, on the calling thread.
 */
public final class ManualTaskExecutor implements TaskExecutor {

    private final Deque<Runnable> pending = new ArrayDeque<>();

    @Override
    public <T> Cancellable execute(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        boolean[] cancelled = {false};
        Runnable job = () -> {
            T result;
            try {
                result = work.call();
            } catch (Exception failure) {
                if (!cancelled[0]) {
                    onFailure.accept(failure);
                }
                return;
            }
            if (!cancelled[0]) {
                onSuccess.accept(result);
            }
        };
        pending.add(job);
        return () -> cancelled[0] = true;
    }

    /** How many pieces of work wait. */
    public int pending() {
        return pending.size();
    }

    /** Runs the oldest waiting work and its handler. */
    public void runNext() {
        Runnable job = pending.poll();
        if (job == null) {
            throw new IllegalStateException("no work waits");
        }
        job.run();
    }

    /** Runs work until none waits, including work the handlers ask for. */
    public void runAll() {
        while (!pending.isEmpty()) {
            runNext();
        }
    }
}
