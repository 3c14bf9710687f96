package dev.byokstudio.ui.task;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/**
 * The application's {@link TaskExecutor}: a small pool of daemon threads running
 * {@link javafx.concurrent.Task}s, whose success and failure handlers JavaFX calls on the FX thread.
 * Needs a running JavaFX toolkit.
 */
public final class FxTaskExecutor implements TaskExecutor {

    private static final System.Logger LOG = System.getLogger(FxTaskExecutor.class.getName());

    private final ExecutorService pool;

    /** A pool of {@code threads} daemon threads named {@code byok-task-N}. */
    public FxTaskExecutor(int threads) {
        this.pool = Executors.newFixedThreadPool(threads, daemonThreads());
    }

    public FxTaskExecutor() {
        this(3);
    }

    @Override
    public <T> Cancellable execute(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> {
            Throwable failure = task.getException();
            LOG.log(System.Logger.Level.DEBUG, "background task failed", failure);
            onFailure.accept(failure);
        });
        try {
            pool.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // The window is closing and the executor has stopped: work asked for now has nobody to show it to.
            LOG.log(System.Logger.Level.DEBUG, "background task dropped: the application is closing");
            return Cancellable.DONE;
        }
        return () -> task.cancel(true);
    }

    @Override
    public void shutdown() {
        pool.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "byok-task-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
