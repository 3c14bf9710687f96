package dev.byokstudio.ui.task;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs work away from the JavaFX application thread and hands its outcome back on that thread. Every
 * call into {@code Kms} from the UI goes through here, so that nothing slow runs on the FX thread.
 *
 * <p>Exactly one of {@code onSuccess} and {@code onFailure} is called, once, on the FX thread (or, in
 * tests, on the calling thread). Results of concurrent calls may arrive in any order. The work must not
 * touch JavaFX properties or controls: copy its inputs into immutable values before calling.
 */
public interface TaskExecutor {

    /**
     * Runs {@code work} in the background.
     *
     * @param work      the work; may throw anything
     * @param onSuccess receives the work's result (which may be null) on the FX thread
     * @param onFailure receives what the work threw on the FX thread
     */
    <T> Cancellable execute(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /**
     * Stops waiting for work that can be long (generating an RSA_4096 key, for instance): once cancelled,
     * neither handler is called. Work that cannot be interrupted runs on, and its result is dropped.
     */
    interface Cancellable {

        /** For work that has already finished. */
        Cancellable DONE = () -> { };

        void cancel();
    }

    /** Stops accepting work; work already started may finish. The default does nothing. */
    default void shutdown() {
    }
}
