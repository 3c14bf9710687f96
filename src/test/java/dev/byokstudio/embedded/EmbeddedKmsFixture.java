package dev.byokstudio.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DescribeKeyRequest;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.KmsException;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.ScheduleKeyDeletionRequest;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The embedded KMS as the tests use it: account 111122223333 in us-east-1 (or another region), on a
 * simulated clock over a fixed base of 2026-01-01T00:00:00Z so that every date is exact.
 */
final class EmbeddedKmsFixture {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final String ACCOUNT = "111122223333";
    static final String ARN_PREFIX = "arn:aws:kms:us-east-1:111122223333:";
    static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    /** A well-formed key ID that no test ever creates. */
    static final String UNKNOWN_KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

    private EmbeddedKmsFixture() {
    }

    static EmbeddedKms newKms() {
        return newKms(AccountContext.defaults());
    }

    /** Wrapping key pairs generated when asked for, with no background thread: tests stay quiet and repeatable. */
    static final WrappingKeyPool ON_DEMAND_POOL = new WrappingKeyPool(new SecureRandom(), java.util.Map.of());

    static EmbeddedKms newKms(AccountContext account) {
        return new EmbeddedKms(new InMemoryWorkspaceStore(), account,
                new SimulatedClock(Clock.fixed(START, ZoneOffset.UTC)), new SecureRandom(), ON_DEMAND_POOL);
    }

    static String keyArn(String keyId) {
        return ARN_PREFIX + "key/" + keyId;
    }

    static String aliasArn(String aliasName) {
        return ARN_PREFIX + aliasName;
    }

    /** A symmetric encryption key with AWS_KMS origin: the CreateKey defaults. */
    static KeyMetadata createSymmetric(Kms kms) {
        return kms.createKey(CreateKeyRequest.builder().build()).keyMetadata();
    }

    /** A symmetric encryption key with EXTERNAL origin and no material: PendingImport. */
    static KeyMetadata createExternal(Kms kms) {
        return kms.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).build()).keyMetadata();
    }

    /** An EXTERNAL key of any spec and usage: nothing is generated, so even RSA_4096 is instant. */
    static KeyMetadata createExternal(Kms kms, KeySpec spec, KeyUsage usage) {
        return kms.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).keySpec(spec).keyUsage(usage).build())
                .keyMetadata();
    }

    static KeyMetadata describe(Kms kms, String keyId) {
        return kms.describeKey(new DescribeKeyRequest(keyId, null)).keyMetadata();
    }

    static void scheduleDeletion(Kms kms, String keyId) {
        kms.scheduleKeyDeletion(new ScheduleKeyDeletionRequest(keyId, null));
    }

    /** Runs {@code call}, asserts it throws exactly {@code type}, and returns the exception. */
    static <E extends KmsException> E expectError(Class<E> type, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("error thrown").isExactlyInstanceOf(type);
        return type.cast(thrown);
    }
}
