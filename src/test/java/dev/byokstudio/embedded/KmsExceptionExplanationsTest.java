package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.EmbeddedKmsFixture.UNKNOWN_KEY_ID;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createExternal;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createSymmetric;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.describe;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.newKms;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.scheduleDeletion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.byokstudio.kms.CancelKeyDeletionRequest;
import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DeleteAliasRequest;
import dev.byokstudio.kms.EnableKeyRequest;
import dev.byokstudio.kms.Explanation;
import dev.byokstudio.kms.GetKeyPolicyRequest;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.KmsException;
import dev.byokstudio.kms.ListKeysRequest;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.PutKeyPolicyRequest;
import dev.byokstudio.kms.ScheduleKeyDeletionRequest;
import dev.byokstudio.kms.Tag;
import dev.byokstudio.kms.TagResourceRequest;
import dev.byokstudio.kms.UpdateAliasRequest;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error the other tests of the embedded model provoke carries an explanation for the person: what
 * happened and what to do next, beside AWS's terse message.
 */
class KmsExceptionExplanationsTest {

    private static Named<Consumer<EmbeddedKms>> failure(String name, Consumer<EmbeddedKms> call) {
        return Named.of(name, call);
    }

    static Stream<Named<Consumer<EmbeddedKms>>> failures() {
        return Stream.of(
                // CreateKey
                failure("usage incompatible with spec", kms -> kms.createKey(CreateKeyRequest.builder()
                        .keySpec(KeySpec.HMAC_256).keyUsage(KeyUsage.SIGN_VERIFY).origin(Origin.EXTERNAL).build())),
                failure("usage missing", kms -> kms.createKey(CreateKeyRequest.builder()
                        .keySpec(KeySpec.ECC_NIST_P256).origin(Origin.EXTERNAL).build())),
                failure("ML-DSA with EXTERNAL", kms -> kms.createKey(CreateKeyRequest.builder()
                        .keySpec(KeySpec.ML_DSA_65).keyUsage(KeyUsage.SIGN_VERIFY).origin(Origin.EXTERNAL).build())),
                failure("SM2 outside China", kms -> kms.createKey(CreateKeyRequest.builder()
                        .keySpec(KeySpec.SM2).keyUsage(KeyUsage.SIGN_VERIFY).build())),
                failure("KeySpec and CustomerMasterKeySpec", kms -> kms.createKey(CreateKeyRequest.builder()
                        .keySpec(KeySpec.SYMMETRIC_DEFAULT).customerMasterKeySpec(KeySpec.SYMMETRIC_DEFAULT).build())),
                failure("description too long", kms -> kms.createKey(CreateKeyRequest.builder()
                        .description("d".repeat(8193)).build())),
                failure("duplicate tag keys", kms -> kms.createKey(CreateKeyRequest.builder()
                        .tags(List.of(new Tag("k", "1"), new Tag("k", "2"))).build())),
                failure("too many tags", kms -> kms.createKey(CreateKeyRequest.builder()
                        .tags(CreateKeyTest.tags(51)).build())),
                failure("reserved tag", kms -> kms.createKey(CreateKeyRequest.builder()
                        .tags(List.of(new Tag("aws:x", "v"))).build())),
                failure("tag key too long", kms -> kms.createKey(CreateKeyRequest.builder()
                        .tags(List.of(new Tag("a".repeat(129), "v"))).build())),
                failure("malformed policy", kms -> kms.createKey(CreateKeyRequest.builder().policy("{").build())),
                failure("custom key store", kms -> kms.createKey(CreateKeyRequest.builder()
                        .customKeyStoreId("cks-1234567890abcdef0").build())),
                // identifiers
                failure("unknown key", kms -> describe(kms, UNKNOWN_KEY_ID)),
                failure("invalid key id", kms -> describe(kms, "fake-key-id")),
                failure("ARN of another region", kms -> describe(kms,
                        "arn:aws:kms:eu-west-1:111122223333:key/" + UNKNOWN_KEY_ID)),
                failure("alias given to EnableKey", kms -> kms.enableKey(new EnableKeyRequest("alias/x"))),
                failure("unknown alias", kms -> describe(kms, "alias/x")),
                // lifecycle
                failure("enable pending import", kms -> kms.enableKey(new EnableKeyRequest(createExternal(kms).keyId()))),
                failure("enable pending deletion", kms -> {
                    KeyMetadata key = createSymmetric(kms);
                    scheduleDeletion(kms, key.keyId());
                    kms.enableKey(new EnableKeyRequest(key.keyId()));
                }),
                failure("cancel when not pending deletion",
                        kms -> kms.cancelKeyDeletion(new CancelKeyDeletionRequest(createSymmetric(kms).keyId()))),
                failure("window too short", kms -> kms.scheduleKeyDeletion(
                        new ScheduleKeyDeletionRequest(createSymmetric(kms).keyId(), 6))),
                failure("window too long", kms -> kms.scheduleKeyDeletion(
                        new ScheduleKeyDeletionRequest(createSymmetric(kms).keyId(), 31))),
                failure("clock moved back", kms -> kms.advance(Duration.ofSeconds(-1))),
                // aliases
                failure("alias without prefix", kms -> kms.createAlias(
                        new CreateAliasRequest("x", createSymmetric(kms).keyId()))),
                failure("reserved alias", kms -> kms.createAlias(
                        new CreateAliasRequest("alias/aws/x", createSymmetric(kms).keyId()))),
                failure("alias exists", kms -> {
                    String keyId = createSymmetric(kms).keyId();
                    kms.createAlias(new CreateAliasRequest("alias/x", keyId));
                    kms.createAlias(new CreateAliasRequest("alias/x", keyId));
                }),
                failure("alias target is an alias", kms -> kms.createAlias(new CreateAliasRequest("alias/x", "alias/y"))),
                failure("alias with invalid characters", kms -> kms.createAlias(
                        new CreateAliasRequest("alias/a b", createSymmetric(kms).keyId()))),
                failure("alias moved to another key type", kms -> {
                    kms.createAlias(new CreateAliasRequest("alias/x", createSymmetric(kms).keyId()));
                    String hmac = createExternal(kms, KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC).keyId();
                    kms.updateAlias(new UpdateAliasRequest("alias/x", hmac));
                }),
                failure("delete unknown alias", kms -> kms.deleteAlias(new DeleteAliasRequest("alias/x"))),
                // tags
                failure("tag key pending deletion", kms -> {
                    KeyMetadata key = createSymmetric(kms);
                    scheduleDeletion(kms, key.keyId());
                    kms.tagResource(new TagResourceRequest(key.keyId(), List.of(new Tag("k", "v"))));
                }),
                // policies
                failure("other policy name", kms -> kms.getKeyPolicy(
                        new GetKeyPolicyRequest(createSymmetric(kms).keyId(), "other"))),
                failure("put malformed policy", kms -> kms.putKeyPolicy(
                        new PutKeyPolicyRequest(createSymmetric(kms).keyId(), null, "[]", null))),
                // paging
                failure("garbage marker", kms -> kms.listKeys(new ListKeysRequest(null, "garbage"))),
                failure("limit out of range", kms -> kms.listKeys(new ListKeysRequest(0, null))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void everyKmsError_explainsWhatHappenedAndWhatToDo(Consumer<EmbeddedKms> call) {
        EmbeddedKms kms = newKms();

        Throwable thrown = catchThrowable(() -> call.accept(kms));

        assertThat(thrown).isInstanceOf(KmsException.class);
        KmsException e = (KmsException) thrown;
        assertThat(e.errorCode()).isNotBlank();
        assertThat(e.awsMessage()).isNotNull();
        Explanation explanation = e.explanation();
        assertThat(explanation).isNotNull();
        assertThat(explanation.whatHappened()).isNotBlank();
        assertThat(explanation.whatToDo()).isNotBlank();
    }
}
