package dev.byokstudio.api;

import static dev.byokstudio.api.ResponseWriter.object;
import static dev.byokstudio.api.ResponseWriter.put;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byokstudio.kms.CancelKeyDeletionRequest;
import dev.byokstudio.kms.ClockControl;
import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DeleteAliasRequest;
import dev.byokstudio.kms.DescribeKeyRequest;
import dev.byokstudio.kms.DisableKeyRequest;
import dev.byokstudio.kms.EnableKeyRequest;
import dev.byokstudio.kms.DataKeyPairSpec;
import dev.byokstudio.kms.DeriveSharedSecretRequest;
import dev.byokstudio.kms.DeriveSharedSecretResponse;
import dev.byokstudio.kms.GenerateDataKeyPairRequest;
import dev.byokstudio.kms.GenerateDataKeyPairResponse;
import dev.byokstudio.kms.GenerateMacRequest;
import dev.byokstudio.kms.GenerateMacResponse;
import dev.byokstudio.kms.GetPublicKeyRequest;
import dev.byokstudio.kms.GetPublicKeyResponse;
import dev.byokstudio.kms.KeyAgreementAlgorithm;
import dev.byokstudio.kms.MacAlgorithm;
import dev.byokstudio.kms.MessageType;
import dev.byokstudio.kms.SignRequest;
import dev.byokstudio.kms.SignResponse;
import dev.byokstudio.kms.SigningAlgorithm;
import dev.byokstudio.kms.VerifyMacRequest;
import dev.byokstudio.kms.VerifyMacResponse;
import dev.byokstudio.kms.VerifyRequest;
import dev.byokstudio.kms.VerifyResponse;
import dev.byokstudio.kms.GenerateDataKeyRequest;
import dev.byokstudio.kms.GenerateDataKeyResponse;
import dev.byokstudio.kms.GenerateRandomRequest;
import dev.byokstudio.kms.GenerateRandomResponse;
import dev.byokstudio.kms.GetKeyPolicyRequest;
import dev.byokstudio.kms.GetKeyPolicyResponse;
import dev.byokstudio.kms.DataKeySpec;
import dev.byokstudio.kms.DecryptRequest;
import dev.byokstudio.kms.DecryptResponse;
import dev.byokstudio.kms.DeleteImportedKeyMaterialRequest;
import dev.byokstudio.kms.EncryptRequest;
import dev.byokstudio.kms.EncryptResponse;
import dev.byokstudio.kms.EncryptionAlgorithm;
import dev.byokstudio.kms.DeleteImportedKeyMaterialResponse;
import dev.byokstudio.kms.DisableKeyRotationRequest;
import dev.byokstudio.kms.EnableKeyRotationRequest;
import dev.byokstudio.kms.ExpirationModel;
import dev.byokstudio.kms.GetKeyRotationStatusRequest;
import dev.byokstudio.kms.GetKeyRotationStatusResponse;
import dev.byokstudio.kms.GetParametersForImportRequest;
import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.ImportKeyMaterialRequest;
import dev.byokstudio.kms.ImportKeyMaterialResponse;
import dev.byokstudio.kms.ImportType;
import dev.byokstudio.kms.IncludeKeyMaterial;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.KmsRequest;
import dev.byokstudio.kms.ListAliasesRequest;
import dev.byokstudio.kms.ListAliasesResponse;
import dev.byokstudio.kms.ListKeyPoliciesRequest;
import dev.byokstudio.kms.ListKeyPoliciesResponse;
import dev.byokstudio.kms.ListKeysRequest;
import dev.byokstudio.kms.ListKeysResponse;
import dev.byokstudio.kms.ListResourceTagsRequest;
import dev.byokstudio.kms.ListKeyRotationsRequest;
import dev.byokstudio.kms.ListKeyRotationsResponse;
import dev.byokstudio.kms.ListResourceTagsResponse;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.PutKeyPolicyRequest;
import dev.byokstudio.kms.ReEncryptRequest;
import dev.byokstudio.kms.ReEncryptResponse;
import dev.byokstudio.kms.RotateKeyOnDemandRequest;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.ScheduleKeyDeletionRequest;
import dev.byokstudio.kms.ScheduleKeyDeletionResponse;
import dev.byokstudio.kms.TagResourceRequest;
import dev.byokstudio.kms.UntagResourceRequest;
import dev.byokstudio.kms.UpdateAliasRequest;
import dev.byokstudio.kms.Violations;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The operations the endpoint serves, by the name that follows the target prefix: KMS's own under
 * {@code TrentService.}, and BYOK Studio's clock under {@code ByokStudio.}. Each decodes its request
 * document, calls the model, and encodes the response document (null for an empty response).
 */
final class Operations {

    /** Decodes a request document, calls the model, encodes the response. */
    interface Handler {
        ObjectNode handle(RequestReader request);
    }

    static final String KMS_PREFIX = "TrentService.";
    static final String STUDIO_PREFIX = "ByokStudio.";

    private static final List<KeySpec> CUSTOMER_MASTER_KEY_SPECS = Arrays.stream(KeySpec.values())
            .filter(KeySpec::isCustomerMasterKeySpec).collect(Collectors.toList());

    private final Map<String, Handler> handlers;

    Operations(Kms kms, ClockControl clock) {
        Map<String, Handler> h = new HashMap<>();
        registerKms(h, kms);
        registerImport(h, kms);
        registerCryptography(h, kms);
        registerDataKeys(h, kms);
        registerSigning(h, kms);
        registerStudio(h, clock);
        this.handlers = Collections.unmodifiableMap(h);
    }

    /** The handler for an X-Amz-Target value, if it names an operation this endpoint serves. */
    Optional<Handler> forTarget(String target) {
        if (target == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(handlers.get(target));
    }

    /** Merges what the reader found with the request's own constraint violations, and throws them. */
    private static <R extends KmsRequest> R valid(RequestReader reader, R request) {
        Violations v = Violations.create().addAll(reader.violations()).addAll(request.violations());
        v.throwIfAny();
        return request;
    }

    private static void registerKms(Map<String, Handler> h, Kms kms) {
        h.put(KMS_PREFIX + "CreateKey", r -> {
            CreateKeyRequest req = valid(r, new CreateKeyRequest(
                    r.string("Policy"),
                    r.string("Description"),
                    r.enumValue("KeyUsage", "keyUsage", KeyUsage.class),
                    r.enumValue("CustomerMasterKeySpec", "customerMasterKeySpec", KeySpec.class, CUSTOMER_MASTER_KEY_SPECS),
                    r.enumValue("KeySpec", "keySpec", KeySpec.class),
                    r.enumValue("Origin", "origin", Origin.class),
                    r.string("CustomKeyStoreId"),
                    r.bool("BypassPolicyLockoutSafetyCheck"),
                    r.tags("Tags"),
                    r.bool("MultiRegion"),
                    r.string("XksKeyId")));
            ObjectNode out = object();
            out.set("KeyMetadata", ResponseWriter.keyMetadata(kms.createKey(req).keyMetadata()));
            return out;
        });
        h.put(KMS_PREFIX + "DescribeKey", r -> {
            DescribeKeyRequest req = valid(r, new DescribeKeyRequest(r.string("KeyId"), r.stringList("GrantTokens")));
            ObjectNode out = object();
            out.set("KeyMetadata", ResponseWriter.keyMetadata(kms.describeKey(req).keyMetadata()));
            return out;
        });
        h.put(KMS_PREFIX + "ListKeys", r -> {
            ListKeysResponse res = kms.listKeys(valid(r, new ListKeysRequest(r.integer("Limit"), r.string("Marker"))));
            return ResponseWriter.page("Keys", res.keys(), ResponseWriter::keyListEntry, res.nextMarker(), res.truncated());
        });
        h.put(KMS_PREFIX + "EnableKey", r -> {
            kms.enableKey(valid(r, new EnableKeyRequest(r.string("KeyId"))));
            return null;
        });
        h.put(KMS_PREFIX + "DisableKey", r -> {
            kms.disableKey(valid(r, new DisableKeyRequest(r.string("KeyId"))));
            return null;
        });
        h.put(KMS_PREFIX + "ScheduleKeyDeletion", r -> {
            ScheduleKeyDeletionResponse res = kms.scheduleKeyDeletion(valid(r,
                    new ScheduleKeyDeletionRequest(r.string("KeyId"), r.integer("PendingWindowInDays"))));
            ObjectNode out = object();
            put(out, "KeyId", res.keyId());
            put(out, "DeletionDate", res.deletionDate());
            put(out, "KeyState", res.keyState());
            put(out, "PendingWindowInDays", res.pendingWindowInDays());
            return out;
        });
        h.put(KMS_PREFIX + "CancelKeyDeletion", r -> {
            ObjectNode out = object();
            put(out, "KeyId", kms.cancelKeyDeletion(valid(r, new CancelKeyDeletionRequest(r.string("KeyId")))).keyId());
            return out;
        });
        h.put(KMS_PREFIX + "CreateAlias", r -> {
            kms.createAlias(valid(r, new CreateAliasRequest(r.string("AliasName"), r.string("TargetKeyId"))));
            return null;
        });
        h.put(KMS_PREFIX + "UpdateAlias", r -> {
            kms.updateAlias(valid(r, new UpdateAliasRequest(r.string("AliasName"), r.string("TargetKeyId"))));
            return null;
        });
        h.put(KMS_PREFIX + "DeleteAlias", r -> {
            kms.deleteAlias(valid(r, new DeleteAliasRequest(r.string("AliasName"))));
            return null;
        });
        h.put(KMS_PREFIX + "ListAliases", r -> {
            ListAliasesResponse res = kms.listAliases(valid(r,
                    new ListAliasesRequest(r.string("KeyId"), r.integer("Limit"), r.string("Marker"))));
            return ResponseWriter.page("Aliases", res.aliases(), ResponseWriter::aliasListEntry, res.nextMarker(),
                    res.truncated());
        });
        h.put(KMS_PREFIX + "TagResource", r -> {
            kms.tagResource(valid(r, new TagResourceRequest(r.string("KeyId"), r.tags("Tags"))));
            return null;
        });
        h.put(KMS_PREFIX + "UntagResource", r -> {
            kms.untagResource(valid(r, new UntagResourceRequest(r.string("KeyId"), r.stringList("TagKeys"))));
            return null;
        });
        h.put(KMS_PREFIX + "ListResourceTags", r -> {
            ListResourceTagsResponse res = kms.listResourceTags(valid(r,
                    new ListResourceTagsRequest(r.string("KeyId"), r.integer("Limit"), r.string("Marker"))));
            return ResponseWriter.page("Tags", res.tags(), ResponseWriter::tag, res.nextMarker(), res.truncated());
        });
        h.put(KMS_PREFIX + "GetKeyPolicy", r -> {
            GetKeyPolicyResponse res = kms.getKeyPolicy(valid(r,
                    new GetKeyPolicyRequest(r.string("KeyId"), r.string("PolicyName"))));
            ObjectNode out = object();
            put(out, "Policy", res.policy());
            put(out, "PolicyName", res.policyName());
            return out;
        });
        h.put(KMS_PREFIX + "PutKeyPolicy", r -> {
            kms.putKeyPolicy(valid(r, new PutKeyPolicyRequest(r.string("KeyId"), r.string("PolicyName"),
                    r.string("Policy"), r.bool("BypassPolicyLockoutSafetyCheck"))));
            return null;
        });
        h.put(KMS_PREFIX + "ListKeyPolicies", r -> {
            ListKeyPoliciesResponse res = kms.listKeyPolicies(valid(r,
                    new ListKeyPoliciesRequest(r.string("KeyId"), r.integer("Limit"), r.string("Marker"))));
            ObjectNode out = object();
            res.policyNames().forEach(out.putArray("PolicyNames")::add);
            put(out, "NextMarker", res.nextMarker());
            out.put("Truncated", res.truncated());
            return out;
        });
    }

    private static void registerImport(Map<String, Handler> h, Kms kms) {
        h.put(KMS_PREFIX + "GetParametersForImport", r -> {
            GetParametersForImportResponse res = kms.getParametersForImport(valid(r, new GetParametersForImportRequest(
                    r.string("KeyId"),
                    r.enumValue("WrappingAlgorithm", "wrappingAlgorithm", WrappingAlgorithm.class),
                    r.enumValue("WrappingKeySpec", "wrappingKeySpec", WrappingKeySpec.class))));
            ObjectNode out = object();
            put(out, "KeyId", res.keyId());
            put(out, "ImportToken", res.importToken());
            put(out, "PublicKey", res.publicKey());
            put(out, "ParametersValidTo", res.parametersValidTo());
            return out;
        });
        h.put(KMS_PREFIX + "ImportKeyMaterial", r -> {
            ImportKeyMaterialResponse res = kms.importKeyMaterial(valid(r, new ImportKeyMaterialRequest(
                    r.string("KeyId"),
                    r.blob("ImportToken", "importToken"),
                    r.blob("EncryptedKeyMaterial", "encryptedKeyMaterial"),
                    r.timestamp("ValidTo"),
                    r.enumValue("ExpirationModel", "expirationModel", ExpirationModel.class),
                    r.enumValue("ImportType", "importType", ImportType.class),
                    r.string("KeyMaterialDescription"),
                    r.string("KeyMaterialId"))));
            ObjectNode out = object();
            put(out, "KeyId", res.keyId());
            put(out, "KeyMaterialId", res.keyMaterialId());
            return out;
        });
        h.put(KMS_PREFIX + "DeleteImportedKeyMaterial", r -> {
            DeleteImportedKeyMaterialResponse res = kms.deleteImportedKeyMaterial(valid(r,
                    new DeleteImportedKeyMaterialRequest(r.string("KeyId"), r.string("KeyMaterialId"))));
            ObjectNode out = object();
            put(out, "KeyId", res.keyId());
            put(out, "KeyMaterialId", res.keyMaterialId());
            return out;
        });
        h.put(KMS_PREFIX + "RotateKeyOnDemand", r -> {
            ObjectNode out = object();
            put(out, "KeyId", kms.rotateKeyOnDemand(valid(r, new RotateKeyOnDemandRequest(r.string("KeyId")))).keyId());
            return out;
        });
        h.put(KMS_PREFIX + "ListKeyRotations", r -> {
            ListKeyRotationsResponse res = kms.listKeyRotations(valid(r, new ListKeyRotationsRequest(
                    r.string("KeyId"),
                    r.enumValue("IncludeKeyMaterial", "includeKeyMaterial", IncludeKeyMaterial.class),
                    r.integer("Limit"), r.string("Marker"))));
            return ResponseWriter.page("Rotations", res.rotations(), ResponseWriter::rotation, res.nextMarker(),
                    res.truncated());
        });
        h.put(KMS_PREFIX + "GetKeyRotationStatus", r -> {
            GetKeyRotationStatusResponse res = kms.getKeyRotationStatus(valid(r,
                    new GetKeyRotationStatusRequest(r.string("KeyId"))));
            ObjectNode out = object();
            out.put("KeyRotationEnabled", res.keyRotationEnabled());
            put(out, "KeyId", res.keyId());
            put(out, "RotationPeriodInDays", res.rotationPeriodInDays());
            put(out, "NextRotationDate", res.nextRotationDate());
            put(out, "OnDemandRotationStartDate", res.onDemandRotationStartDate());
            return out;
        });
        h.put(KMS_PREFIX + "EnableKeyRotation", r -> {
            kms.enableKeyRotation(valid(r, new EnableKeyRotationRequest(r.string("KeyId"),
                    r.integer("RotationPeriodInDays"))));
            return null;
        });
        h.put(KMS_PREFIX + "DisableKeyRotation", r -> {
            kms.disableKeyRotation(valid(r, new DisableKeyRotationRequest(r.string("KeyId"))));
            return null;
        });
    }

    private static void registerCryptography(Map<String, Handler> h, Kms kms) {
        h.put(KMS_PREFIX + "Encrypt", r -> {
            byte[] plaintext = r.blob("Plaintext", "plaintext");
            EncryptResponse res = kms.encrypt(valid(r, new EncryptRequest(r.string("KeyId"),
                    plaintext == null ? null : SecretBytes.wrap(plaintext), r.stringMap("EncryptionContext"),
                    r.stringList("GrantTokens"),
                    r.enumValue("EncryptionAlgorithm", "encryptionAlgorithm", EncryptionAlgorithm.class))));
            ObjectNode out = object();
            put(out, "CiphertextBlob", res.ciphertextBlob());
            put(out, "KeyId", res.keyId());
            put(out, "EncryptionAlgorithm", res.encryptionAlgorithm());
            return out;
        });
        h.put(KMS_PREFIX + "Decrypt", r -> {
            DecryptResponse res = kms.decrypt(valid(r, new DecryptRequest(r.blob("CiphertextBlob", "ciphertextBlob"),
                    r.stringMap("EncryptionContext"), r.stringList("GrantTokens"), r.string("KeyId"),
                    r.enumValue("EncryptionAlgorithm", "encryptionAlgorithm", EncryptionAlgorithm.class))));
            ObjectNode out = object();
            put(out, "KeyId", res.keyId());
            putSecret(out, "Plaintext", res.plaintext());
            put(out, "EncryptionAlgorithm", res.encryptionAlgorithm());
            return out;
        });
    }

    private static void registerDataKeys(Map<String, Handler> h, Kms kms) {
        h.put(KMS_PREFIX + "GenerateDataKey", r -> dataKey(kms.generateDataKey(dataKeyRequest(r))));
        h.put(KMS_PREFIX + "GenerateDataKeyWithoutPlaintext",
                r -> dataKey(kms.generateDataKeyWithoutPlaintext(dataKeyRequest(r))));
        h.put(KMS_PREFIX + "GenerateDataKeyPair", r -> dataKeyPair(kms.generateDataKeyPair(dataKeyPairRequest(r))));
        h.put(KMS_PREFIX + "GenerateDataKeyPairWithoutPlaintext",
                r -> dataKeyPair(kms.generateDataKeyPairWithoutPlaintext(dataKeyPairRequest(r))));
        h.put(KMS_PREFIX + "GenerateRandom", r -> {
            GenerateRandomResponse res = kms.generateRandom(valid(r, new GenerateRandomRequest(r.integer("NumberOfBytes"),
                    r.string("CustomKeyStoreId"))));
            ObjectNode out = object();
            putSecret(out, "Plaintext", res.plaintext());
            return out;
        });
        h.put(KMS_PREFIX + "ReEncrypt", r -> {
            ReEncryptResponse res = kms.reEncrypt(valid(r, new ReEncryptRequest(r.blob("CiphertextBlob", "ciphertextBlob"),
                    r.stringMap("SourceEncryptionContext"), r.string("SourceKeyId"), r.string("DestinationKeyId"),
                    r.stringMap("DestinationEncryptionContext"),
                    r.enumValue("SourceEncryptionAlgorithm", "sourceEncryptionAlgorithm", EncryptionAlgorithm.class),
                    r.enumValue("DestinationEncryptionAlgorithm", "destinationEncryptionAlgorithm", EncryptionAlgorithm.class),
                    r.stringList("GrantTokens"))));
            ObjectNode out = object();
            put(out, "CiphertextBlob", res.ciphertextBlob());
            put(out, "SourceKeyId", res.sourceKeyId());
            put(out, "KeyId", res.keyId());
            put(out, "SourceEncryptionAlgorithm", res.sourceEncryptionAlgorithm());
            put(out, "DestinationEncryptionAlgorithm", res.destinationEncryptionAlgorithm());
            return out;
        });
    }

    private static void registerSigning(Map<String, Handler> h, Kms kms) {
        h.put(KMS_PREFIX + "Sign", r -> {
            SignResponse res = kms.sign(valid(r, new SignRequest(r.string("KeyId"), secret(r.blob("Message", "message")),
                    r.enumValue("MessageType", "messageType", MessageType.class), r.stringList("GrantTokens"),
                    r.enumValue("SigningAlgorithm", "signingAlgorithm", SigningAlgorithm.class))));
            ObjectNode out = object();
            put(out, "KeyId", res.keyId());
            put(out, "Signature", res.signature());
            put(out, "SigningAlgorithm", res.signingAlgorithm());
            return out;
        });
        h.put(KMS_PREFIX + "Verify", r -> {
            VerifyResponse res = kms.verify(valid(r, new VerifyRequest(r.string("KeyId"), secret(r.blob("Message", "message")),
                    r.enumValue("MessageType", "messageType", MessageType.class), r.blob("Signature", "signature"),
                    r.enumValue("SigningAlgorithm", "signingAlgorithm", SigningAlgorithm.class), r.stringList("GrantTokens"))));
            ObjectNode out = object();
            put(out, "KeyId", res.keyId());
            out.put("SignatureValid", res.signatureValid());
            put(out, "SigningAlgorithm", res.signingAlgorithm());
            return out;
        });
        h.put(KMS_PREFIX + "GenerateMac", r -> {
            GenerateMacResponse res = kms.generateMac(valid(r, new GenerateMacRequest(secret(r.blob("Message", "message")),
                    r.string("KeyId"), r.enumValue("MacAlgorithm", "macAlgorithm", MacAlgorithm.class),
                    r.stringList("GrantTokens"))));
            ObjectNode out = object();
            put(out, "Mac", res.mac());
            put(out, "MacAlgorithm", res.macAlgorithm());
            put(out, "KeyId", res.keyId());
            return out;
        });
        h.put(KMS_PREFIX + "VerifyMac", r -> {
            VerifyMacResponse res = kms.verifyMac(valid(r, new VerifyMacRequest(secret(r.blob("Message", "message")),
                    r.string("KeyId"), r.enumValue("MacAlgorithm", "macAlgorithm", MacAlgorithm.class), r.blob("Mac", "mac"),
                    r.stringList("GrantTokens"))));
            ObjectNode out = object();
            put(out, "KeyId", res.keyId());
            out.put("MacValid", res.macValid());
            put(out, "MacAlgorithm", res.macAlgorithm());
            return out;
        });
        h.put(KMS_PREFIX + "GetPublicKey", r -> {
            GetPublicKeyResponse res = kms.getPublicKey(valid(r, new GetPublicKeyRequest(r.string("KeyId"),
                    r.stringList("GrantTokens"))));
            ObjectNode out = object();
            put(out, "KeyId", res.keyId());
            put(out, "PublicKey", res.publicKey());
            put(out, "CustomerMasterKeySpec", res.customerMasterKeySpec());
            put(out, "KeySpec", res.keySpec());
            put(out, "KeyUsage", res.keyUsage());
            ResponseWriter.putEnums(out, "EncryptionAlgorithms", res.encryptionAlgorithms());
            ResponseWriter.putEnums(out, "SigningAlgorithms", res.signingAlgorithms());
            ResponseWriter.putEnums(out, "KeyAgreementAlgorithms", res.keyAgreementAlgorithms());
            return out;
        });
        h.put(KMS_PREFIX + "DeriveSharedSecret", r -> {
            DeriveSharedSecretResponse res = kms.deriveSharedSecret(valid(r, new DeriveSharedSecretRequest(r.string("KeyId"),
                    r.enumValue("KeyAgreementAlgorithm", "keyAgreementAlgorithm", KeyAgreementAlgorithm.class),
                    r.blob("PublicKey", "publicKey"), r.stringList("GrantTokens"))));
            ObjectNode out = object();
            put(out, "KeyId", res.keyId());
            putSecret(out, "SharedSecret", res.sharedSecret());
            put(out, "KeyAgreementAlgorithm", res.keyAgreementAlgorithm());
            put(out, "KeyOrigin", res.keyOrigin());
            return out;
        });
    }

    private static SecretBytes secret(byte[] bytes) {
        return bytes == null ? null : SecretBytes.wrap(bytes);
    }

    private static GenerateDataKeyPairRequest dataKeyPairRequest(RequestReader r) {
        return valid(r, new GenerateDataKeyPairRequest(r.stringMap("EncryptionContext"), r.string("KeyId"),
                r.enumValue("KeyPairSpec", "keyPairSpec", DataKeyPairSpec.class), r.stringList("GrantTokens")));
    }

    private static ObjectNode dataKeyPair(GenerateDataKeyPairResponse res) {
        ObjectNode out = object();
        put(out, "PrivateKeyCiphertextBlob", res.privateKeyCiphertextBlob());
        if (res.privateKeyPlaintext() != null) {
            putSecret(out, "PrivateKeyPlaintext", res.privateKeyPlaintext());
        }
        put(out, "PublicKey", res.publicKey());
        put(out, "KeyId", res.keyId());
        put(out, "KeyPairSpec", res.keyPairSpec());
        return out;
    }

    private static GenerateDataKeyRequest dataKeyRequest(RequestReader r) {
        return valid(r, new GenerateDataKeyRequest(r.string("KeyId"), r.stringMap("EncryptionContext"),
                r.integer("NumberOfBytes"), r.enumValue("KeySpec", "keySpec", DataKeySpec.class), r.stringList("GrantTokens")));
    }

    private static ObjectNode dataKey(GenerateDataKeyResponse res) {
        ObjectNode out = object();
        put(out, "CiphertextBlob", res.ciphertextBlob());
        if (res.plaintext() != null) {
            putSecret(out, "Plaintext", res.plaintext());
        }
        put(out, "KeyId", res.keyId());
        return out;
    }

    /** Puts a secret as Base64 and destroys it: after the answer is written nothing keeps it. */
    private static void putSecret(ObjectNode out, String name, SecretBytes secret) {
        byte[] bytes = secret.revealCopy();
        try {
            put(out, name, bytes);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
            secret.destroy();
        }
    }

    private static void registerStudio(Map<String, Handler> h, ClockControl clock) {
        h.put(STUDIO_PREFIX + "GetClock", r -> now(clock.now()));
        h.put(STUDIO_PREFIX + "AdvanceClock", r -> {
            Long seconds = r.longValue("Seconds");
            Violations v = Violations.create().addAll(r.violations()).required("seconds", seconds);
            if (seconds != null && seconds < 0) {
                v.add("seconds", seconds, "Member must have value greater than or equal to 0");
            }
            v.throwIfAny();
            return now(clock.advance(Duration.ofSeconds(seconds)));
        });
    }

    private static ObjectNode now(java.time.Instant now) {
        ObjectNode out = object();
        put(out, "Now", now);
        return out;
    }
}
