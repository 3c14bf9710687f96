package dev.byokstudio.embedded;

import dev.byokstudio.embedded.KeyIdentifiers.Accepts;
import dev.byokstudio.kms.DisableKeyRotationRequest;
import dev.byokstudio.kms.EnableKeyRotationRequest;
import dev.byokstudio.kms.Explanation;
import dev.byokstudio.kms.GetKeyRotationStatusRequest;
import dev.byokstudio.kms.GetKeyRotationStatusResponse;
import dev.byokstudio.kms.ImportState;
import dev.byokstudio.kms.IncludeKeyMaterial;
import dev.byokstudio.kms.KeyMaterialState;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KmsInvalidStateException;
import dev.byokstudio.kms.LimitExceededException;
import dev.byokstudio.kms.ListKeyRotationsRequest;
import dev.byokstudio.kms.ListKeyRotationsResponse;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.RotateKeyOnDemandRequest;
import dev.byokstudio.kms.RotateKeyOnDemandResponse;
import dev.byokstudio.kms.RotationType;
import dev.byokstudio.kms.RotationsListEntry;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.ValidationException;
import dev.byokstudio.material.KeyMaterialGenerator;
import dev.byokstudio.material.KeyMaterialIds;
import dev.byokstudio.store.StoredKey;
import dev.byokstudio.store.StoredMaterial;
import dev.byokstudio.store.WorkspaceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Key rotation (reference §6): on demand for symmetric keys — to imported material pending rotation
 * for EXTERNAL keys, to new generated material for AWS_KMS keys — automatic rotation of AWS_KMS keys,
 * and the listing of rotations and material. Runs inside the model's transactions.
 */
final class Rotating {

    static final int ON_DEMAND_ROTATION_LIMIT = 25;
    static final int DEFAULT_ROTATION_PERIOD_DAYS = 365;

    private final WorkspaceStore store;
    private final AccountContext account;
    private final Supplier<Instant> clock;
    private final KeyIdentifiers identifiers;
    private final KeyMaterialGenerator generator;

    Rotating(WorkspaceStore store, AccountContext account, Supplier<Instant> clock, KeyIdentifiers identifiers,
            KeyMaterialGenerator generator) {
        this.store = store;
        this.account = account;
        this.clock = clock;
        this.identifiers = identifiers;
        this.generator = generator;
    }

    RotateKeyOnDemandResponse rotateKeyOnDemand(RotateKeyOnDemandRequest request) {
        StoredKey key = identifiers.resolve(request.keyId(), Accepts.KEY_ID_OR_ARN);
        String arn = account.keyArn(key.keyId());
        if (!key.keySpec().isSymmetric()) {
            throw Errors.notForKeySpec("RotateKeyOnDemand", key.keySpec().name());
        }
        KeyLifecycle.requireEnabled(key, arn);
        if (key.onDemandRotations() >= ON_DEMAND_ROTATION_LIMIT) {
            throw new LimitExceededException("The on-demand rotations limit has been reached for the given keyId. "
                    + "No more on-demand rotations can be performed for this key: " + arn, Explanation.of(
                    "KMS allows " + ON_DEMAND_ROTATION_LIMIT + " on-demand rotations per key, and this key has had them all.",
                    "Create a new key for further rotations.", "The key was rotated on demand many times."));
        }
        StoredMaterial next;
        if (key.origin() == Origin.EXTERNAL) {
            next = key.pendingMaterial().orElseThrow(() -> new KmsInvalidStateException(
                    "No available key material pending rotation for the key: " + arn + ".", Explanation.of(
                    "An EXTERNAL key rotates only to material you imported for it as new material.",
                    "Import new material with ImportType NEW_KEY_MATERIAL, then rotate.",
                    "No new material was imported.", "The pending material was deleted.")));
        } else {
            next = generated(key);
        }
        store.putKey(rotate(key, next, RotationType.ON_DEMAND).toBuilder()
                .onDemandRotations(key.onDemandRotations() + 1).build());
        return new RotateKeyOnDemandResponse(arn);
    }

    private StoredMaterial generated(StoredKey key) {
        SecretBytes material = generator.generate(key.keySpec(), account.isChinaRegion());
        return new StoredMaterial(KeyMaterialIds.of(key.keyId(), material), material, KeyMaterialState.PENDING_ROTATION,
                null, null, null, null, null);
    }

    /** {@code next} becomes current, the current material becomes NON_CURRENT and keeps decrypting. */
    private StoredKey rotate(StoredKey key, StoredMaterial next, RotationType how) {
        Instant now = clock.get();
        List<StoredMaterial> materials = new ArrayList<>();
        for (StoredMaterial m : key.materials()) {
            if (m.keyMaterialId().equals(next.keyMaterialId())) {
                continue;
            }
            materials.add(m.state() == KeyMaterialState.CURRENT ? m.withState(KeyMaterialState.NON_CURRENT) : m);
        }
        materials.add(next.rotatedIn(now, how));
        return key.toBuilder().materials(materials).build();
    }

    ListKeyRotationsResponse listKeyRotations(ListKeyRotationsRequest request) {
        StoredKey key = identifiers.resolve(request.keyId(), Accepts.KEY_ID_OR_ARN);
        String arn = account.keyArn(key.keyId());
        if (!key.keySpec().isSymmetric()) {
            if (request.includeKeyMaterial() != null) {
                throw new ValidationException("Input parameter includeKeyMaterial can only be used with symmetric keys.");
            }
            throw Errors.notForKeySpec("ListKeyRotations", key.keySpec().name());
        }
        boolean all = request.includeKeyMaterial() == IncludeKeyMaterial.ALL_KEY_MATERIAL;
        List<StoredMaterial> listed = new ArrayList<>();
        for (StoredMaterial m : key.materials()) {
            if (all || m.rotationDate() != null) {
                listed.add(m);
            }
        }
        if (!all) {
            listed.sort(Comparator.comparing(StoredMaterial::rotationDate));
        }
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            positions.add(i);
        }
        Pages.Page<Integer> page = Pages.page(positions, i -> String.format(Locale.ROOT, "%04d", i),
                "ListKeyRotations/" + key.keyId() + "/" + all, request.limit(), 100, request.marker());
        List<RotationsListEntry> entries = page.items().stream().map(i -> entry(key, arn, listed.get(i)))
                .collect(Collectors.toList());
        return new ListKeyRotationsResponse(entries, page.nextMarker(), page.truncated());
    }

    private static RotationsListEntry entry(StoredKey key, String arn, StoredMaterial m) {
        boolean external = key.origin() == Origin.EXTERNAL;
        ImportState importState = external ? (m.isPresent() ? ImportState.IMPORTED : ImportState.PENDING_IMPORT) : null;
        return new RotationsListEntry(arn, m.keyMaterialId(), m.description(), importState, m.state(),
                external && m.isPresent() ? m.expirationModel() : null,
                external && m.isPresent() ? m.validTo() : null,
                m.rotationDate(), m.rotationType());
    }

    GetKeyRotationStatusResponse getKeyRotationStatus(GetKeyRotationStatusRequest request) {
        StoredKey key = identifiers.resolve(request.keyId(), Accepts.KEY_ID_OR_ARN);
        String arn = account.keyArn(key.keyId());
        if (!key.keySpec().isSymmetric()) {
            throw Errors.notForKeySpec("GetKeyRotationStatus", key.keySpec().name());
        }
        return new GetKeyRotationStatusResponse(key.rotationEnabled(), arn, key.rotationPeriodInDays(),
                key.nextRotationDate(), null);
    }

    void enableKeyRotation(EnableKeyRotationRequest request) {
        StoredKey key = rotatable(request.keyId(), "EnableKeyRotation");
        int period = request.rotationPeriodInDays() == null ? DEFAULT_ROTATION_PERIOD_DAYS : request.rotationPeriodInDays();
        store.putKey(key.toBuilder().automaticRotation(period, clock.get().plus(Duration.ofDays(period))).build());
    }

    void disableKeyRotation(DisableKeyRotationRequest request) {
        StoredKey key = rotatable(request.keyId(), "DisableKeyRotation");
        store.putKey(key.toBuilder().automaticRotation(null, null).build());
    }

    /** Automatic rotation is for Enabled symmetric AWS_KMS keys; EXTERNAL keys refuse it in any state. */
    private StoredKey rotatable(String keyId, String operation) {
        StoredKey key = identifiers.resolve(keyId, Accepts.KEY_ID_OR_ARN);
        String arn = account.keyArn(key.keyId());
        if (key.origin() != Origin.AWS_KMS) {
            throw Errors.originNotValid(arn, key.origin());
        }
        if (!key.keySpec().isSymmetric()) {
            throw Errors.notForKeySpec(operation, key.keySpec().name());
        }
        KeyLifecycle.requireEnabled(key, arn);
        return key;
    }

    /** Rotates the key as often as its automatic rotation fell due, and returns it as stored now. */
    StoredKey rotateDue(StoredKey key, Instant now, ServiceEvents events) {
        StoredKey current = key;
        while (current.rotationEnabled() && current.keyState() == KeyState.Enabled
                && !current.nextRotationDate().isAfter(now)) {
            events.keyRotated(account.keyArn(current.keyId()), current.nextRotationDate());
            Instant next = current.nextRotationDate().plus(Duration.ofDays(current.rotationPeriodInDays()));
            current = rotate(current, generated(current), RotationType.AUTOMATIC).toBuilder()
                    .automaticRotation(current.rotationPeriodInDays(), next).build();
        }
        if (current != key) {
            store.putKey(current);
        }
        return current;
    }
}
