package dev.byokstudio.ui.task;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * The application's {@link Debouncer}: waits on one shared daemon timer thread, then runs the action on the FX
 * thread. An action replaced or cancelled while it was being handed to the FX thread does not run.
 */
public final class FxDebouncer implements Debouncer {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "byok-debounce");
        thread.setDaemon(true);
        return thread;
    });

    private final long delayMillis;
    private ScheduledFuture<?> waiting;
    private long generation;

    public FxDebouncer(Duration quietPeriod) {
        this.delayMillis = Objects.requireNonNull(quietPeriod, "quietPeriod").toMillis();
    }

    @Override
    public synchronized void run(Runnable action) {
        cancel();
        long mine = ++generation;
        waiting = TIMER.schedule(() -> Platform.runLater(() -> {
            if (isCurrent(mine)) {
                action.run();
            }
        }), delayMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized boolean isCurrent(long mine) {
        return mine == generation;
    }

    @Override
    public synchronized void cancel() {
        generation++;
        if (waiting != null) {
            waiting.cancel(false);
            waiting = null;
        }
    }
}
