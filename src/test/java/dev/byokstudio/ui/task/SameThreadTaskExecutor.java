package dev.byokstudio.ui.task;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** A {@link TaskExecutor} for tests: runs the work and its handler at once, on the calling thread. */
public final class SameThreadTaskExecutor implements TaskExecutor {

    @Override
    public <T> Cancellable execute(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception failure) {
            onFailure.accept(failure);
            return Cancellable.DONE;
        }
        onSuccess.accept(result);
        return Cancellable.DONE;
    }
}
