package dev.byokstudio.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byokstudio.kms.AliasListEntry;
import dev.byokstudio.kms.KeyListEntry;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.MultiRegionConfiguration;
import dev.byokstudio.kms.MultiRegionKey;
import dev.byokstudio.kms.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Writes KMS response documents: PascalCase members as in the service model, absent members left out,
 * timestamps as epoch seconds with millisecond precision, enums by their AWS names.
 */
final class ResponseWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private ResponseWriter() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static void put(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    static void put(ObjectNode node, String name, Enum<?> value) {
        if (value != null) {
            node.put(name, value.name());
        }
    }

    static void put(ObjectNode node, String name, Integer value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    static void put(ObjectNode node, String name, Instant value) {
        if (value != null) {
            node.set(name, NODES.numberNode(epochSeconds(value)));
        }
    }

    static BigDecimal epochSeconds(Instant value) {
        return BigDecimal.valueOf(value.toEpochMilli(), 3);
    }

    static void putEnums(ObjectNode node, String name, List<? extends Enum<?>> values) {
        if (!values.isEmpty()) {
            ArrayNode array = node.putArray(name);
            values.forEach(v -> array.add(v.name()));
        }
    }

    static ObjectNode keyMetadata(KeyMetadata m) {
        ObjectNode n = object();
        put(n, "AWSAccountId", m.awsAccountId());
        put(n, "KeyId", m.keyId());
        put(n, "Arn", m.arn());
        put(n, "CreationDate", m.creationDate());
        n.put("Enabled", m.enabled());
        put(n, "Description", m.description());
        put(n, "KeyUsage", m.keyUsage());
        put(n, "KeyState", m.keyState());
        put(n, "DeletionDate", m.deletionDate());
        put(n, "ValidTo", m.validTo());
        put(n, "Origin", m.origin());
        put(n, "KeyManager", m.keyManager());
        put(n, "CustomerMasterKeySpec", m.customerMasterKeySpec());
        put(n, "KeySpec", m.keySpec());
        putEnums(n, "EncryptionAlgorithms", m.encryptionAlgorithms());
        putEnums(n, "SigningAlgorithms", m.signingAlgorithms());
        putEnums(n, "KeyAgreementAlgorithms", m.keyAgreementAlgorithms());
        putEnums(n, "EncapsulationAlgorithms", m.encapsulationAlgorithms());
        n.put("MultiRegion", m.multiRegion());
        if (m.multiRegionConfiguration() != null) {
            n.set("MultiRegionConfiguration", multiRegion(m.multiRegionConfiguration()));
        }
        put(n, "PendingDeletionWindowInDays", m.pendingDeletionWindowInDays());
        putEnums(n, "MacAlgorithms", m.macAlgorithms());
        put(n, "ExpirationModel", m.expirationModel());
        put(n, "CurrentKeyMaterialId", m.currentKeyMaterialId());
        return n;
    }

    private static ObjectNode multiRegion(MultiRegionConfiguration c) {
        ObjectNode n = object();
        put(n, "MultiRegionKeyType", c.multiRegionKeyType());
        n.set("PrimaryKey", multiRegionKey(c.primaryKey()));
        ArrayNode replicas = n.putArray("ReplicaKeys");
        c.replicaKeys().forEach(r -> replicas.add(multiRegionKey(r)));
        return n;
    }

    private static ObjectNode multiRegionKey(MultiRegionKey k) {
        ObjectNode n = object();
        put(n, "Arn", k.arn());
        put(n, "Region", k.region());
        return n;
    }

    static ObjectNode keyListEntry(KeyListEntry e) {
        ObjectNode n = object();
        put(n, "KeyId", e.keyId());
        put(n, "KeyArn", e.keyArn());
        return n;
    }

    static ObjectNode aliasListEntry(AliasListEntry e) {
        ObjectNode n = object();
        put(n, "AliasName", e.aliasName());
        put(n, "AliasArn", e.aliasArn());
        put(n, "TargetKeyId", e.targetKeyId());
        put(n, "CreationDate", e.creationDate());
        put(n, "LastUpdatedDate", e.lastUpdatedDate());
        return n;
    }

    static void put(ObjectNode node, String name, byte[] blob) {
        if (blob != null) {
            node.put(name, java.util.Base64.getEncoder().encodeToString(blob));
        }
    }

    static ObjectNode rotation(dev.byokstudio.kms.RotationsListEntry e) {
        ObjectNode n = object();
        put(n, "KeyId", e.keyId());
        put(n, "KeyMaterialId", e.keyMaterialId());
        put(n, "KeyMaterialDescription", e.keyMaterialDescription());
        put(n, "ImportState", e.importState());
        put(n, "KeyMaterialState", e.keyMaterialState());
        put(n, "ExpirationModel", e.expirationModel());
        put(n, "ValidTo", e.validTo());
        put(n, "RotationDate", e.rotationDate());
        put(n, "RotationType", e.rotationType());
        return n;
    }

    static ObjectNode tag(Tag t) {
        ObjectNode n = object();
        put(n, "TagKey", t.tagKey());
        put(n, "TagValue", t.tagValue());
        return n;
    }

    /** Adds a list (always, even when empty, as KMS does for list results) and the paging members. */
    static <T> ObjectNode page(String listName, List<T> items, java.util.function.Function<T, ObjectNode> write,
            String nextMarker, boolean truncated) {
        ObjectNode n = object();
        ArrayNode array = n.putArray(listName);
        items.forEach(i -> array.add(write.apply(i)));
        put(n, "NextMarker", nextMarker);
        n.put("Truncated", truncated);
        return n;
    }
}
