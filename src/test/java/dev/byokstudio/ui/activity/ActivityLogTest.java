package dev.byokstudio.ui.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DescribeKeyRequest;
import dev.byokstudio.kms.EncryptRequest;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.NotFoundException;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ActivityLogTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final EmbeddedKms embedded = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.defaults(),
            new SimulatedClock(Clock.fixed(START, ZoneOffset.UTC)), new SecureRandom());
    private final ActivityLog log = new ActivityLog(embedded, Runnable::run);
    private final Kms kms = log.recording(embedded);

    @Test
    void eachCallIsNotedNewestFirstWithItsOperationKeyAndTime() {
        String keyId = kms.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();
        kms.describeKey(new DescribeKeyRequest(keyId, null));

        assertThat(log.entries()).extracting(ActivityEntry::operation).containsExactly("DescribeKey", "CreateKey");
        assertThat(log.entries().get(0).keyId()).isEqualTo(keyId);
        assertThat(log.entries().get(1).keyId()).isEmpty();
        assertThat(log.entries()).allMatch(ActivityEntry::succeeded).allMatch(e -> e.time().equals(START));
        assertThat(log.entries().get(0).outcome()).isEqualTo("OK");
    }

    @Test
    void aFailedCallIsNotedWithAwsErrorAndStillThrows() {
        Throwable thrown = catchThrowable(() -> kms.describeKey(new DescribeKeyRequest("alias/missing", null)));

        assertThat(thrown).isInstanceOf(NotFoundException.class);
        ActivityEntry entry = log.entries().get(0);
        assertThat(entry.succeeded()).isFalse();
        assertThat(entry.errorCode()).isEqualTo("NotFoundException");
        assertThat(entry.outcome()).startsWith("NotFoundException: ").contains("alias/missing");
    }

    @Test
    void plaintextNeverReachesTheLog() {
        String keyId = kms.createKey(CreateKeyRequest.builder().build()).keyMetadata().keyId();
        String secret = "the-plaintext-that-must-not-be-logged";

        kms.encrypt(new EncryptRequest(keyId, SecretBytes.copyOf(secret.getBytes(StandardCharsets.UTF_8)), null, null, null));

        assertThat(log.entries().get(0).operation()).isEqualTo("Encrypt");
        assertThat(log.entries()).allSatisfy(e -> assertThat(e.toString()).doesNotContain(secret));
    }

    @Test
    void keepsAtMostItsCapacity() {
        for (int i = 0; i < ActivityLog.CAPACITY + 5; i++) {
            catchThrowable(() -> kms.describeKey(new DescribeKeyRequest("alias/none", null)));
        }

        assertThat(log.entries()).hasSize(ActivityLog.CAPACITY);
    }
}
