package dev.byokstudio.ui.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FxTaskExecutorTest {

    @Test
    void workAskedForAfterShutdown_isDroppedQuietly_notThrownOnTheFxThread() {
        FxTaskExecutor executor = new FxTaskExecutor();
        executor.shutdown();
        AtomicBoolean ran = new AtomicBoolean();

        assertThatCode(() -> executor.execute(() -> {
            ran.set(true);
            return null;
        }, r -> { }, e -> { }).cancel()).doesNotThrowAnyException();
        assertThat(ran).isFalse();
    }
}
