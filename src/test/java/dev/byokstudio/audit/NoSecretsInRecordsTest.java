package dev.byokstudio.audit;

import static dev.byokstudio.audit.AuditFixtures.KEY_ARN;
import static dev.byokstudio.audit.AuditFixtures.KEY_ID;
import static dev.byokstudio.audit.AuditFixtures.MATERIAL_ID;
import static dev.byokstudio.audit.AuditFixtures.OTHER_KEY_ARN;
import static dev.byokstudio.audit.AuditFixtures.call;
import static dev.byokstudio.audit.AuditFixtures.events;
import static dev.byokstudio.audit.AuditFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.byokstudio.kms.*;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every KMS operation recorded with requests and responses full of recognisable secret bytes (plaintext,
 * ciphertext, import token, wrapped key material, wrapping public key, message, signature, MAC, peer public
 * key, data keys, shared secret): no record contains any of them, in hex or Base64.
 */
class NoSecretsInRecordsTest {

    private static final Instant TIME = Instant.parse("2026-11-28T17:37:56Z");
    private static final Map<String, byte[]> SECRETS = new LinkedHashMap<>();

    /** 32 bytes no record could contain by chance, remembered under {@code name}. */
    private static byte[] secret(String name) {
        try {
            byte[] bytes = MessageDigest.getInstance("SHA-256")
                    .digest(("byok-studio secret " + name).getBytes(StandardCharsets.UTF_8));
            SECRETS.put(name, bytes.clone());
            return bytes;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SecretBytes secretBytes(String name) {
        return SecretBytes.copyOf(secret(name));
    }

    /** One call of every KMS operation, and LookupEvents, with its request and response. */
    private static List<Object[]> everyOperation() {
        Map<String, String> context = Map.of("Department", "Engineering");
        KeyMetadata metadata = new KeyMetadata("111122223333", KEY_ID, KEY_ARN, TIME, true, "d",
                KeyUsage.ENCRYPT_DECRYPT, KeyState.Enabled, null, null, Origin.AWS_KMS, KeyManager.CUSTOMER,
                KeySpec.SYMMETRIC_DEFAULT, KeySpec.SYMMETRIC_DEFAULT, List.of(EncryptionAlgorithm.SYMMETRIC_DEFAULT),
                List.of(), List.of(), List.of(), List.of(), false, null, null, null, MATERIAL_ID);
        List<Object[]> calls = new ArrayList<>();
        calls.add(op("CreateKey", CreateKeyRequest.builder().description("d").policy("{}")
                .tags(List.of(new Tag("k", "v"))).build(), new CreateKeyResponse(metadata)));
        calls.add(op("DescribeKey", new DescribeKeyRequest(KEY_ID, List.of("grant-token")),
                new DescribeKeyResponse(metadata)));
        calls.add(op("ListKeys", new ListKeysRequest(10, null), new ListKeysResponse(
                List.of(new KeyListEntry(KEY_ID, KEY_ARN)), null, false)));
        calls.add(op("EnableKey", new EnableKeyRequest(KEY_ID), null));
        calls.add(op("DisableKey", new DisableKeyRequest(KEY_ID), null));
        calls.add(op("ScheduleKeyDeletion", new ScheduleKeyDeletionRequest(KEY_ID, 7),
                new ScheduleKeyDeletionResponse(KEY_ARN, TIME, KeyState.PendingDeletion, 7)));
        calls.add(op("CancelKeyDeletion", new CancelKeyDeletionRequest(KEY_ID), new CancelKeyDeletionResponse(KEY_ARN)));
        calls.add(op("CreateAlias", new CreateAliasRequest("alias/a", KEY_ID), null));
        calls.add(op("UpdateAlias", new UpdateAliasRequest("alias/a", KEY_ID), null));
        calls.add(op("DeleteAlias", new DeleteAliasRequest("alias/a"), null));
        calls.add(op("ListAliases", new ListAliasesRequest(KEY_ID, null, null), new ListAliasesResponse(List.of(),
                null, false)));
        calls.add(op("TagResource", new TagResourceRequest(KEY_ID, List.of(new Tag("k", "v"))), null));
        calls.add(op("UntagResource", new UntagResourceRequest(KEY_ID, List.of("k")), null));
        calls.add(op("ListResourceTags", new ListResourceTagsRequest(KEY_ID, null, null),
                new ListResourceTagsResponse(List.of(new Tag("k", "v")), null, false)));
        calls.add(op("GetKeyPolicy", new GetKeyPolicyRequest(KEY_ID, "default"), new GetKeyPolicyResponse("{}",
                "default")));
        calls.add(op("PutKeyPolicy", new PutKeyPolicyRequest(KEY_ID, "default", "{}", null), null));
        calls.add(op("ListKeyPolicies", new ListKeyPoliciesRequest(KEY_ID, null, null),
                new ListKeyPoliciesResponse(List.of("default"), null, false)));
        calls.add(op("GetParametersForImport", new GetParametersForImportRequest(KEY_ID,
                WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec.RSA_4096),
                new GetParametersForImportResponse(KEY_ARN, secret("import token"), secret("wrapping public key"),
                        TIME)));
        calls.add(op("ImportKeyMaterial", new ImportKeyMaterialRequest(KEY_ID, secret("import token (request)"),
                secret("encrypted key material"), TIME, ExpirationModel.KEY_MATERIAL_EXPIRES,
                ImportType.EXISTING_KEY_MATERIAL, "desc", MATERIAL_ID),
                new ImportKeyMaterialResponse(KEY_ARN, MATERIAL_ID)));
        calls.add(op("DeleteImportedKeyMaterial", new DeleteImportedKeyMaterialRequest(KEY_ID, null),
                new DeleteImportedKeyMaterialResponse(KEY_ARN, MATERIAL_ID)));
        calls.add(op("RotateKeyOnDemand", new RotateKeyOnDemandRequest(KEY_ID), new RotateKeyOnDemandResponse(KEY_ID)));
        calls.add(op("ListKeyRotations", new ListKeyRotationsRequest(KEY_ID, IncludeKeyMaterial.ALL_KEY_MATERIAL,
                null, null), new ListKeyRotationsResponse(List.of(), null, false)));
        calls.add(op("GetKeyRotationStatus", new GetKeyRotationStatusRequest(KEY_ID),
                new GetKeyRotationStatusResponse(false, KEY_ARN, null, null, null)));
        calls.add(op("EnableKeyRotation", new EnableKeyRotationRequest(KEY_ID, 180), null));
        calls.add(op("DisableKeyRotation", new DisableKeyRotationRequest(KEY_ID), null));
        calls.add(op("Encrypt", new EncryptRequest(KEY_ID, secretBytes("encrypt plaintext"), context,
                List.of("grant-token"), null), new EncryptResponse(secret("encrypt ciphertext"), KEY_ARN,
                        EncryptionAlgorithm.SYMMETRIC_DEFAULT)));
        calls.add(op("Decrypt", new DecryptRequest(secret("decrypt ciphertext"), context, null, null, null),
                new DecryptResponse(KEY_ARN, secretBytes("decrypt plaintext"), EncryptionAlgorithm.SYMMETRIC_DEFAULT)));
        calls.add(op("ReEncrypt", new ReEncryptRequest(secret("reencrypt source ciphertext"), context, KEY_ID,
                KEY_ARN, context, null, null, null), new ReEncryptResponse(secret("reencrypt ciphertext"), KEY_ARN,
                        OTHER_KEY_ARN, EncryptionAlgorithm.SYMMETRIC_DEFAULT, EncryptionAlgorithm.SYMMETRIC_DEFAULT)));
        calls.add(op("GenerateDataKey", new GenerateDataKeyRequest(KEY_ID, context, 32, null, null),
                new GenerateDataKeyResponse(secret("data key ciphertext"), secretBytes("data key"), KEY_ARN)));
        calls.add(op("GenerateDataKeyWithoutPlaintext", new GenerateDataKeyRequest(KEY_ID, context, null,
                DataKeySpec.AES_128, null), new GenerateDataKeyResponse(secret("data key ciphertext 2"), null,
                        KEY_ARN)));
        calls.add(op("GenerateRandom", new GenerateRandomRequest(32, null),
                new GenerateRandomResponse(secretBytes("random"))));
        calls.add(op("GenerateDataKeyPair", new GenerateDataKeyPairRequest(context, KEY_ID, DataKeyPairSpec.RSA_2048,
                null), new GenerateDataKeyPairResponse(secret("private key ciphertext"), secretBytes("private key"),
                        secret("data key pair public key"), KEY_ARN, DataKeyPairSpec.RSA_2048)));
        calls.add(op("GenerateDataKeyPairWithoutPlaintext", new GenerateDataKeyPairRequest(context, KEY_ID,
                DataKeyPairSpec.ECC_NIST_P256, null), new GenerateDataKeyPairResponse(
                        secret("private key ciphertext 2"), null, secret("data key pair public key 2"), KEY_ARN,
                        DataKeyPairSpec.ECC_NIST_P256)));
        calls.add(op("Sign", new SignRequest(KEY_ID, secretBytes("sign message"), MessageType.DIGEST, null,
                SigningAlgorithm.ECDSA_SHA_256), new SignResponse(KEY_ARN, secret("signature"),
                        SigningAlgorithm.ECDSA_SHA_256)));
        calls.add(op("Verify", new VerifyRequest(KEY_ID, secretBytes("verify message"), MessageType.RAW,
                secret("signature to verify"), SigningAlgorithm.ECDSA_SHA_256, null), new VerifyResponse(KEY_ARN, true,
                        SigningAlgorithm.ECDSA_SHA_256)));
        calls.add(op("GenerateMac", new GenerateMacRequest(secretBytes("mac message"), KEY_ID,
                MacAlgorithm.HMAC_SHA_256, null), new GenerateMacResponse(secret("mac"), MacAlgorithm.HMAC_SHA_256,
                        KEY_ARN)));
        calls.add(op("VerifyMac", new VerifyMacRequest(secretBytes("verify mac message"), KEY_ID,
                MacAlgorithm.HMAC_SHA_256, secret("mac to verify"), null), new VerifyMacResponse(KEY_ARN, true,
                        MacAlgorithm.HMAC_SHA_256)));
        calls.add(op("GetPublicKey", new GetPublicKeyRequest(KEY_ID, null), new GetPublicKeyResponse(KEY_ARN,
                secret("key public key"), KeySpec.ECC_NIST_P256, KeySpec.ECC_NIST_P256, KeyUsage.KEY_AGREEMENT,
                List.of(), List.of(), List.of(KeyAgreementAlgorithm.ECDH))));
        calls.add(op("DeriveSharedSecret", new DeriveSharedSecretRequest(KEY_ID, KeyAgreementAlgorithm.ECDH,
                secret("peer public key"), null), new DeriveSharedSecretResponse(KEY_ARN, secretBytes("shared secret"),
                        KeyAgreementAlgorithm.ECDH, Origin.EXTERNAL)));
        calls.add(op("LookupEvents", new LookupEventsRequest(List.of(new LookupEventsRequest.LookupAttribute(
                "EventName", "Decrypt")), null, null, 50, null), new LookupEventsResponse(List.of(), null)));
        return calls;
    }

    private static Object[] op(String eventName, Object request, Object response) {
        return new Object[] {eventName, request, response};
    }

    /** Every way a secret could be written into JSON text. */
    private static List<String> encodings(byte[] bytes) {
        return List.of(HexFormat.of().formatHex(bytes), HexFormat.of().withUpperCase().formatHex(bytes),
                Base64.getEncoder().encodeToString(bytes), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                Base64.getMimeEncoder().encodeToString(bytes), Arrays.toString(bytes),
                new String(bytes, StandardCharsets.ISO_8859_1));
    }

    private static Set<String> allFieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                names.add(field.getKey());
                names.addAll(allFieldNames(field.getValue()));
            }
        } else if (node.isArray()) {
            node.forEach(child -> names.addAll(allFieldNames(child)));
        }
        return names;
    }

    @Test
    void everyKmsOperationHasARecordAndNoneContainsSecretBytes() {
        List<Object[]> calls = everyOperation();
        List<String> records = new ArrayList<>();
        for (Object[] c : calls) {
            for (boolean failed : new boolean[] {false, true}) {
                var ok = call((String) c[0], TIME, c[1], c[2], KEY_ARN);
                var apiCall = failed ? new CloudTrailEvents.ApiCall(ok.eventName(), ok.eventSource(), TIME, ok.caller(),
                        ok.accessKeyId(), ok.sourceIpAddress(), ok.userAgent(), c[1], c[2], "KMSInvalidStateException",
                        "m", ok.keyArns(), null, null) : ok;
                records.add(events().apiCall(apiCall).cloudTrailEvent());
            }
        }

        assertThat(SECRETS).hasSizeGreaterThan(20);
        for (String record : records) {
            for (Map.Entry<String, byte[]> secret : SECRETS.entrySet()) {
                for (String encoding : encodings(secret.getValue())) {
                    assertThat(record).as("record must not contain the " + secret.getKey()).doesNotContain(encoding);
                }
            }
            assertThat(allFieldNames(tree(record))).as(record).doesNotContain("plaintext", "ciphertextBlob",
                    "importToken", "encryptedKeyMaterial", "publicKey", "message", "signature", "mac", "sharedSecret",
                    "privateKeyPlaintext", "privateKeyCiphertextBlob", "grantTokens", "parametersValidTo");
        }
    }

    @Test
    void theRecordsCoverEveryOperationOfTheKmsContract() {
        Set<Class<?>> recorded = everyOperation().stream().map(c -> c[1].getClass()).collect(Collectors.toSet());
        Set<String> eventNames = everyOperation().stream().map(c -> (String) c[0]).collect(Collectors.toSet());

        for (Method operation : Kms.class.getMethods()) {
            assertThat(recorded).as(operation.getName()).contains(operation.getParameterTypes()[0]);
            String eventName = Character.toUpperCase(operation.getName().charAt(0)) + operation.getName().substring(1);
            assertThat(eventNames).as(operation.getName()).contains(eventName);
        }
    }

    @Test
    void theSecretBytesAreStillReadableAfterRecording() {
        SecretBytes plaintext = secretBytes("still usable");
        events().apiCall(call("Encrypt", TIME, new EncryptRequest(KEY_ID, plaintext, null, null, null), null, KEY_ARN));

        assertThat(plaintext.isDestroyed()).isFalse();
        assertThat(plaintext.revealCopy()).isEqualTo(SECRETS.get("still usable"));
    }
}
