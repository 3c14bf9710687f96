package dev.byokstudio.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test in short, in the test suite: {@code byok-studio --serve} killed with SIGKILL five times
 * while operations stream at it, restarted on the same workspace, and every acknowledged operation checked
 * after each restart ({@link CrashTest}; the long run is {@code src/test/crash/crash-test.sh}).
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class CrashRecoveryTest {

    /** Fixed, so that the stream's choices are the same in each run (the kill moments depend on timing). */
    static final long SEED = 20261128L;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fiveSigkills_loseNoAcknowledgedOperation() throws Exception {
        // Streams a little longer than the long run's 20-400 ms, so that five kills see a few dozen operations.
        CrashTest.Result result = CrashTest.run(CrashTest.Options.of(tmp.resolve("workspace"), 5, SEED)
                .withLogs(tmp.resolve("logs")).withStreamMillis(100, 800));

        assertThat(result.findings()).as("what the restarts lost or changed (server output in %s)", tmp.resolve("logs"))
                .isEmpty();
        assertThat(result.kills()).isEqualTo(5);
        assertThat(result.acknowledged()).as("acknowledged operations").isPositive();
        assertThat(result.summary()).startsWith("CRASH TEST: 5 kills, ").endsWith(" 0 lost");
    }
}
