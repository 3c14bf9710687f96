package dev.byokstudio.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.embedded.WrappingKeyPool;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trainer's moved clock is part of where the last run stopped. */
class SimulatedClockRestartTest {

    private static final Instant BASE = Instant.parse("2026-05-01T08:00:00Z");

    @TempDir
    Path tmp;

    private static EmbeddedKms kms(Workspace ws) {
        return new EmbeddedKms(ws.store(), new AccountContext(ws.accountId(), ws.region()),
                new SimulatedClock(Clock.fixed(BASE, ZoneOffset.UTC)), new SecureRandom(),
                new WrappingKeyPool(new SecureRandom(), Map.of()));
    }

    @Test
    void aClockMovedForward_isStillAheadAfterARestart() {
        Path dir = tmp.resolve("ws");
        try (Workspace ws = Workspace.open(dir, Workspace.Options.defaults("111122223333", "us-east-1"))) {
            kms(ws).advance(Duration.ofDays(5));
        }

        try (Workspace ws = Workspace.open(dir, Workspace.Options.defaults("111122223333", "us-east-1"))) {
            EmbeddedKms kms = kms(ws);

            assertThat(kms.isSimulated()).isTrue();
            assertThat(kms.now()).isEqualTo(BASE.plus(Duration.ofDays(5)));
        }
    }

    @Test
    void aClockReturnedToRealTime_staysAtRealTimeAfterARestart() {
        Path dir = tmp.resolve("ws");
        try (Workspace ws = Workspace.open(dir, Workspace.Options.defaults("111122223333", "us-east-1"))) {
            EmbeddedKms kms = kms(ws);
            kms.advance(Duration.ofDays(5));
            kms.returnToRealTime();
        }

        try (Workspace ws = Workspace.open(dir, Workspace.Options.defaults("111122223333", "us-east-1"))) {
            assertThat(kms(ws).now()).isEqualTo(BASE);
        }
    }
}
