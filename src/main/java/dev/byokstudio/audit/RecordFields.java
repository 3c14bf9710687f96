package dev.byokstudio.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byokstudio.kms.CancelKeyDeletionRequest;
import dev.byokstudio.kms.CancelKeyDeletionResponse;
import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.CreateKeyResponse;
import dev.byokstudio.kms.DecryptRequest;
import dev.byokstudio.kms.DecryptResponse;
import dev.byokstudio.kms.DeleteAliasRequest;
import dev.byokstudio.kms.DeleteImportedKeyMaterialRequest;
import dev.byokstudio.kms.DeleteImportedKeyMaterialResponse;
import dev.byokstudio.kms.DeriveSharedSecretRequest;
import dev.byokstudio.kms.DescribeKeyRequest;
import dev.byokstudio.kms.DisableKeyRequest;
import dev.byokstudio.kms.DisableKeyRotationRequest;
import dev.byokstudio.kms.EnableKeyRequest;
import dev.byokstudio.kms.EnableKeyRotationRequest;
import dev.byokstudio.kms.EncryptRequest;
import dev.byokstudio.kms.EncryptResponse;
import dev.byokstudio.kms.GenerateDataKeyPairRequest;
import dev.byokstudio.kms.GenerateDataKeyRequest;
import dev.byokstudio.kms.GenerateMacRequest;
import dev.byokstudio.kms.GenerateRandomRequest;
import dev.byokstudio.kms.GetKeyPolicyRequest;
import dev.byokstudio.kms.GetKeyRotationStatusRequest;
import dev.byokstudio.kms.GetParametersForImportRequest;
import dev.byokstudio.kms.GetPublicKeyRequest;
import dev.byokstudio.kms.ImportKeyMaterialRequest;
import dev.byokstudio.kms.ImportKeyMaterialResponse;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.ListAliasesRequest;
import dev.byokstudio.kms.ListKeyPoliciesRequest;
import dev.byokstudio.kms.ListKeyRotationsRequest;
import dev.byokstudio.kms.ListKeysRequest;
import dev.byokstudio.kms.ListResourceTagsRequest;
import dev.byokstudio.kms.LookupEventsRequest;
import dev.byokstudio.kms.MultiRegionConfiguration;
import dev.byokstudio.kms.MultiRegionKey;
import dev.byokstudio.kms.PutKeyPolicyRequest;
import dev.byokstudio.kms.ReEncryptRequest;
import dev.byokstudio.kms.RotateKeyOnDemandRequest;
import dev.byokstudio.kms.RotateKeyOnDemandResponse;
import dev.byokstudio.kms.ScheduleKeyDeletionRequest;
import dev.byokstudio.kms.ScheduleKeyDeletionResponse;
import dev.byokstudio.kms.SignRequest;
import dev.byokstudio.kms.Tag;
import dev.byokstudio.kms.TagResourceRequest;
import dev.byokstudio.kms.UntagResourceRequest;
import dev.byokstudio.kms.UpdateAliasRequest;
import dev.byokstudio.kms.VerifyMacRequest;
import dev.byokstudio.kms.VerifyRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * {@code requestParameters} and {@code responseElements} of a KMS record, member by member, named in
 * AWS's camelCase and left out where the request left them out.
 *
 * <p>Only named members are copied, never a whole record, so nothing secret can slip in: the
 * plaintext, ciphertext blobs, import tokens, encrypted key material, messages, signatures, MACs, the
 * peer public key of DeriveSharedSecret and data keys are not read at all. Grant tokens are left out too.
 *
 * <p>Where a member list is taken from an AWS sample ({@code ct-<operation>.html}, or its copy in
 * awsdocs/aws-kms-developer-guide) the method says "AWS sample"; elsewhere it says "inferred" and why.
 */
final class RecordFields {

    /**
     * Timestamps inside requestParameters and responseElements: the Java default medium format in
     * English and UTC, "May 21, 2025, 5:47:45 AM" (AWS samples for ImportKeyMaterial and CreateKey).
     * The pattern spells the space before AM/PM, which newer CLDR data writes as U+202F.
     */
    static final DateTimeFormatter JAVA_STYLE =
            DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final List<String> keyArns;
    private final UnaryOperator<String> toKeyArn;

    RecordFields(List<String> keyArns, UnaryOperator<String> toKeyArn) {
        this.keyArns = keyArns;
        this.toKeyArn = toKeyArn;
    }

    static String javaStyle(Instant instant) {
        return JAVA_STYLE.format(instant);
    }

    // ------------------------------------------------------------------------------------- requests

    /** requestParameters of {@code request}; JSON null when there is none (GenerateRandom, no request). */
    JsonNode requestParameters(Object request, Object response) {
        if (request == null) {
            return NullNode.instance;
        }
        ObjectNode p = CloudTrailEvents.JSON.createObjectNode();
        if (request instanceof CreateKeyRequest r) {
            // AWS sample: description, origin, bypassPolicyLockoutSafetyCheck, customerMasterKeySpec,
            // keySpec, keyUsage. Inferred: policy, tags, multiRegion, customKeyStoreId, xksKeyId.
            put(p, "description", r.description());
            put(p, "origin", r.origin());
            put(p, "bypassPolicyLockoutSafetyCheck", r.bypassPolicyLockoutSafetyCheck());
            put(p, "customerMasterKeySpec", r.customerMasterKeySpec());
            put(p, "keySpec", r.keySpec());
            put(p, "keyUsage", r.keyUsage());
            put(p, "policy", r.policy());
            putTags(p, r.tags());
            put(p, "multiRegion", r.multiRegion());
            put(p, "customKeyStoreId", r.customKeyStoreId());
            put(p, "xksKeyId", r.xksKeyId());
        } else if (request instanceof DescribeKeyRequest r) {
            put(p, "keyId", r.keyId()); // AWS sample
        } else if (request instanceof ListKeysRequest r) {
            putPaging(p, r.limit(), r.marker()); // inferred from the ListAliases sample
        } else if (request instanceof EnableKeyRequest r) {
            put(p, "keyId", r.keyId()); // AWS sample
        } else if (request instanceof DisableKeyRequest r) {
            put(p, "keyId", r.keyId()); // AWS sample
        } else if (request instanceof ScheduleKeyDeletionRequest r) {
            put(p, "pendingWindowInDays", r.pendingWindowInDays()); // AWS sample
            put(p, "keyId", r.keyId());
        } else if (request instanceof CancelKeyDeletionRequest r) {
            put(p, "keyId", r.keyId()); // AWS sample
        } else if (request instanceof CreateAliasRequest r) {
            put(p, "aliasName", r.aliasName()); // AWS sample
            put(p, "targetKeyId", r.targetKeyId());
        } else if (request instanceof UpdateAliasRequest r) {
            put(p, "aliasName", r.aliasName()); // AWS sample
            put(p, "targetKeyId", r.targetKeyId());
        } else if (request instanceof DeleteAliasRequest r) {
            put(p, "aliasName", r.aliasName()); // AWS sample
        } else if (request instanceof ListAliasesRequest r) {
            put(p, "keyId", r.keyId()); // inferred; limit and marker: AWS sample
            putPaging(p, r.limit(), r.marker());
        } else if (request instanceof TagResourceRequest r) {
            put(p, "keyId", r.keyId()); // AWS sample
            putTags(p, r.tags());
        } else if (request instanceof UntagResourceRequest r) {
            put(p, "keyId", r.keyId()); // AWS sample
            putStrings(p, "tagKeys", r.tagKeys());
        } else if (request instanceof ListResourceTagsRequest r) {
            put(p, "keyId", r.keyId()); // inferred
            putPaging(p, r.limit(), r.marker());
        } else if (request instanceof GetKeyPolicyRequest r) {
            put(p, "keyId", r.keyId()); // AWS sample
            put(p, "policyName", r.policyName());
        } else if (request instanceof PutKeyPolicyRequest r) {
            put(p, "keyId", r.keyId()); // AWS sample
            put(p, "policyName", r.policyName());
            put(p, "policy", r.policy());
            put(p, "bypassPolicyLockoutSafetyCheck", r.bypassPolicyLockoutSafetyCheck());
        } else if (request instanceof ListKeyPoliciesRequest r) {
            put(p, "keyId", r.keyId()); // inferred
            putPaging(p, r.limit(), r.marker());
        } else if (request instanceof GetParametersForImportRequest r) {
            put(p, "keyId", r.keyId()); // AWS sample
            put(p, "wrappingAlgorithm", r.wrappingAlgorithm());
            put(p, "wrappingKeySpec", r.wrappingKeySpec());
        } else if (request instanceof ImportKeyMaterialRequest r) {
            // AWS sample: keyId, validTo, expirationModel, importType, keyMaterialDescription. Inferred:
            // keyMaterialId (a reimport naming its material). Never the token or the encrypted material.
            put(p, "keyId", r.keyId());
            put(p, "validTo", r.validTo());
            put(p, "expirationModel", r.expirationModel());
            put(p, "importType", r.importType());
            put(p, "keyMaterialDescription", r.keyMaterialDescription());
            put(p, "keyMaterialId", r.keyMaterialId());
        } else if (request instanceof DeleteImportedKeyMaterialRequest r) {
            put(p, "keyId", r.keyId()); // AWS sample
            put(p, "keyMaterialId", r.keyMaterialId());
        } else if (request instanceof RotateKeyOnDemandRequest r) {
            put(p, "keyId", r.keyId()); // AWS sample
        } else if (request instanceof ListKeyRotationsRequest r) {
            put(p, "keyId", r.keyId()); // AWS sample; limit and marker inferred
            put(p, "includeKeyMaterial", r.includeKeyMaterial());
            putPaging(p, r.limit(), r.marker());
        } else if (request instanceof GetKeyRotationStatusRequest r) {
            put(p, "keyId", r.keyId()); // inferred
        } else if (request instanceof EnableKeyRotationRequest r) {
            put(p, "keyId", r.keyId()); // AWS sample; rotationPeriodInDays inferred
            put(p, "rotationPeriodInDays", r.rotationPeriodInDays());
        } else if (request instanceof DisableKeyRotationRequest r) {
            put(p, "keyId", r.keyId()); // AWS sample
        } else if (request instanceof EncryptRequest r) {
            // AWS sample: encryptionContext, keyId, encryptionAlgorithm. Never the plaintext.
            putContext(p, "encryptionContext", r.encryptionContext());
            put(p, "keyId", r.keyId());
            put(p, "encryptionAlgorithm", r.encryptionAlgorithm() != null ? r.encryptionAlgorithm()
                    : response instanceof EncryptResponse e ? e.encryptionAlgorithm() : null);
        } else if (request instanceof DecryptRequest r) {
            // AWS sample; AWS: "always includes the encryptionAlgorithm ... even if [it] wasn't
            // specified", and its keyId is the key ARN (KMS reads the key from the ciphertext), so the
            // response's key ID stands in when the request named none. Never the ciphertext.
            DecryptResponse d = response instanceof DecryptResponse x ? x : null;
            put(p, "encryptionAlgorithm", r.encryptionAlgorithm() != null ? r.encryptionAlgorithm().name()
                    : d != null && d.encryptionAlgorithm() != null ? d.encryptionAlgorithm().name()
                    : "SYMMETRIC_DEFAULT");
            put(p, "keyId", r.keyId() != null ? r.keyId() : d != null ? d.keyId() : null);
            putContext(p, "encryptionContext", r.encryptionContext());
        } else if (request instanceof ReEncryptRequest r) {
            // AWS sample; sourceKeyId inferred (the sample's request gave none). Never the ciphertext.
            put(p, "sourceEncryptionAlgorithm", r.sourceEncryptionAlgorithm());
            putContext(p, "sourceEncryptionContext", r.sourceEncryptionContext());
            put(p, "sourceKeyId", r.sourceKeyId());
            put(p, "destinationKeyId", r.destinationKeyId());
            put(p, "destinationEncryptionAlgorithm", r.destinationEncryptionAlgorithm());
            putContext(p, "destinationEncryptionContext", r.destinationEncryptionContext());
        } else if (request instanceof GenerateDataKeyRequest r) {
            // AWS sample: keyId, keySpec, encryptionContext. numberOfBytes inferred (the request member
            // that takes keySpec's place).
            put(p, "keyId", r.keyId());
            put(p, "keySpec", r.keySpec());
            put(p, "numberOfBytes", r.numberOfBytes());
            putContext(p, "encryptionContext", r.encryptionContext());
        } else if (request instanceof GenerateDataKeyPairRequest r) {
            put(p, "keyPairSpec", r.keyPairSpec()); // AWS sample
            putContext(p, "encryptionContext", r.encryptionContext());
            put(p, "keyId", r.keyId());
        } else if (request instanceof GenerateRandomRequest) {
            // AWS sample: requestParameters null. The number of bytes asked for is the length of the
            // random plaintext returned, so it stays out.
            return NullNode.instance;
        } else if (request instanceof SignRequest r) {
            put(p, "messageType", r.messageType()); // AWS sample. Never the message.
            put(p, "keyId", r.keyId());
            put(p, "signingAlgorithm", r.signingAlgorithm());
        } else if (request instanceof VerifyRequest r) {
            put(p, "signingAlgorithm", r.signingAlgorithm()); // AWS sample. Never message or signature.
            put(p, "keyId", r.keyId());
            put(p, "messageType", r.messageType());
        } else if (request instanceof GenerateMacRequest r) {
            put(p, "macAlgorithm", r.macAlgorithm()); // AWS sample. Never the message.
            put(p, "keyId", r.keyId());
        } else if (request instanceof VerifyMacRequest r) {
            put(p, "macAlgorithm", r.macAlgorithm()); // AWS sample. Never message or MAC.
            put(p, "keyId", r.keyId());
        } else if (request instanceof GetPublicKeyRequest r) {
            put(p, "keyId", r.keyId()); // inferred: no AWS sample found
        } else if (request instanceof DeriveSharedSecretRequest r) {
            // Inferred: no AWS sample found. The peer's public key stays out.
            put(p, "keyId", r.keyId());
            put(p, "keyAgreementAlgorithm", r.keyAgreementAlgorithm());
        } else if (request instanceof LookupEventsRequest r) {
            // Inferred: CloudTrail's own record of LookupEvents, members in the same camelCase.
            if (!r.lookupAttributes().isEmpty()) {
                ArrayNode attributes = p.putArray("lookupAttributes");
                for (LookupEventsRequest.LookupAttribute a : r.lookupAttributes()) {
                    ObjectNode attribute = attributes.addObject();
                    put(attribute, "attributeKey", a.attributeKey());
                    put(attribute, "attributeValue", a.attributeValue());
                }
            }
            put(p, "startTime", r.startTime());
            put(p, "endTime", r.endTime());
            put(p, "maxResults", r.maxResults());
            put(p, "nextToken", r.nextToken());
        } else {
            throw new IllegalArgumentException("no CloudTrail requestParameters for " + request.getClass().getName()
                    + "; only the dev.byokstudio.kms request records are recorded");
        }
        return p;
    }

    // ------------------------------------------------------------------------------------ responses

    /**
     * responseElements of a successful call's {@code response}: JSON null for read-only and data-plane
     * operations (AWS logs no response for them: not the token and public key of
     * GetParametersForImport, not the policy of GetKeyPolicy, not plaintext or ciphertext) and for
     * operations without a response.
     */
    JsonNode responseElements(Object response) {
        if (response instanceof CreateKeyResponse r) {
            ObjectNode e = CloudTrailEvents.JSON.createObjectNode();
            e.set("keyMetadata", keyMetadata(r.keyMetadata()));
            return e;
        }
        if (response instanceof ImportKeyMaterialResponse r) {
            // AWS sample: keyId is the key ARN (since December 2022) although the API returns none;
            // keyMaterialId only where the response has one (symmetric keys).
            return keyIdAndMaterial(r.keyId(), r.keyMaterialId());
        }
        if (response instanceof DeleteImportedKeyMaterialResponse r) {
            return keyIdAndMaterial(r.keyId(), r.keyMaterialId()); // AWS sample
        }
        if (response instanceof ScheduleKeyDeletionResponse r) {
            // AWS sample: keyId (ARN), keyState, deletionDate. pendingWindowInDays: in the API response
            // since multi-Region keys; the 2021 sample predates it, so its presence is inferred.
            ObjectNode e = CloudTrailEvents.JSON.createObjectNode();
            put(e, "keyId", r.keyId());
            put(e, "keyState", r.keyState());
            put(e, "deletionDate", r.deletionDate());
            put(e, "pendingWindowInDays", r.pendingWindowInDays());
            return e;
        }
        if (response instanceof CancelKeyDeletionResponse r) {
            ObjectNode e = CloudTrailEvents.JSON.createObjectNode();
            put(e, "keyId", r.keyId()); // AWS sample: the key ARN
            return e;
        }
        if (response instanceof RotateKeyOnDemandResponse r) {
            ObjectNode e = CloudTrailEvents.JSON.createObjectNode();
            put(e, "keyId", r.keyId()); // AWS sample
            return e;
        }
        return NullNode.instance;
    }

    private ObjectNode keyIdAndMaterial(String responseKeyId, String keyMaterialId) {
        ObjectNode e = CloudTrailEvents.JSON.createObjectNode();
        String keyId = !keyArns.isEmpty() ? keyArns.get(0)
                : responseKeyId != null ? toKeyArn.apply(responseKeyId) : null;
        put(e, "keyId", keyId);
        put(e, "keyMaterialId", keyMaterialId);
        return e;
    }

    /**
     * CreateKey's keyMetadata. AWS sample: AWSAccountId, keyId, arn, creationDate, enabled, description,
     * keyUsage, keyState, origin, keyManager, customerMasterKeySpec, keySpec, encryptionAlgorithms,
     * multiRegion. The other algorithm lists, multiRegionConfiguration and the remaining optional members
     * follow the same naming where present (inferred).
     */
    private static ObjectNode keyMetadata(KeyMetadata m) {
        ObjectNode k = CloudTrailEvents.JSON.createObjectNode();
        if (m == null) {
            return k;
        }
        put(k, "AWSAccountId", m.awsAccountId());
        put(k, "keyId", m.keyId());
        put(k, "arn", m.arn());
        put(k, "creationDate", m.creationDate());
        k.put("enabled", m.enabled());
        put(k, "description", m.description());
        put(k, "keyUsage", m.keyUsage());
        put(k, "keyState", m.keyState());
        put(k, "deletionDate", m.deletionDate());
        put(k, "validTo", m.validTo());
        put(k, "origin", m.origin());
        put(k, "keyManager", m.keyManager());
        put(k, "customerMasterKeySpec", m.customerMasterKeySpec());
        put(k, "keySpec", m.keySpec());
        putEnums(k, "encryptionAlgorithms", m.encryptionAlgorithms());
        putEnums(k, "signingAlgorithms", m.signingAlgorithms());
        putEnums(k, "macAlgorithms", m.macAlgorithms());
        putEnums(k, "keyAgreementAlgorithms", m.keyAgreementAlgorithms());
        putEnums(k, "encapsulationAlgorithms", m.encapsulationAlgorithms());
        k.put("multiRegion", m.multiRegion());
        MultiRegionConfiguration mr = m.multiRegionConfiguration();
        if (mr != null) {
            ObjectNode c = k.putObject("multiRegionConfiguration");
            put(c, "multiRegionKeyType", mr.multiRegionKeyType());
            if (mr.primaryKey() != null) {
                putRegionKey(c.putObject("primaryKey"), mr.primaryKey());
            }
            ArrayNode replicas = c.putArray("replicaKeys");
            for (MultiRegionKey replica : mr.replicaKeys()) {
                putRegionKey(replicas.addObject(), replica);
            }
        }
        put(k, "pendingDeletionWindowInDays", m.pendingDeletionWindowInDays());
        put(k, "expirationModel", m.expirationModel());
        put(k, "currentKeyMaterialId", m.currentKeyMaterialId());
        return k;
    }

    private static void putRegionKey(ObjectNode node, MultiRegionKey key) {
        put(node, "arn", key.arn());
        put(node, "region", key.region());
    }

    // ------------------------------------------------------------------------------------- members

    private static void put(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void put(ObjectNode node, String name, Enum<?> value) {
        if (value != null) {
            node.put(name, value.name());
        }
    }

    private static void put(ObjectNode node, String name, Integer value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void put(ObjectNode node, String name, Boolean value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void put(ObjectNode node, String name, Instant value) {
        if (value != null) {
            node.put(name, javaStyle(value));
        }
    }

    private static void putPaging(ObjectNode node, Integer limit, String marker) {
        put(node, "limit", limit);
        put(node, "marker", marker);
    }

    private static void putTags(ObjectNode node, List<Tag> tags) {
        if (tags == null) {
            return;
        }
        ArrayNode array = node.putArray("tags");
        for (Tag tag : tags) {
            ObjectNode t = array.addObject();
            put(t, "tagKey", tag.tagKey());
            put(t, "tagValue", tag.tagValue());
        }
    }

    private static void putStrings(ObjectNode node, String name, List<String> values) {
        if (values == null) {
            return;
        }
        ArrayNode array = node.putArray(name);
        values.forEach(array::add);
    }

    private static void putEnums(ObjectNode node, String name, List<? extends Enum<?>> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        ArrayNode array = node.putArray(name);
        values.forEach(v -> array.add(v.name()));
    }

    /** An encryption context, keys sorted so that records are reproducible; left out when empty. */
    private static void putContext(ObjectNode node, String name, Map<String, String> context) {
        if (context == null || context.isEmpty()) {
            return;
        }
        ObjectNode c = node.putObject(name);
        new TreeMap<>(context).forEach(c::put);
    }
}
