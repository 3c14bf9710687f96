package dev.byokstudio.embedded;

import dev.byokstudio.embedded.KeyIdentifiers.Accepts;
import dev.byokstudio.kms.DeleteImportedKeyMaterialRequest;
import dev.byokstudio.kms.DeleteImportedKeyMaterialResponse;
import dev.byokstudio.kms.ExpirationModel;
import dev.byokstudio.kms.ExpiredImportTokenException;
import dev.byokstudio.kms.Explanation;
import dev.byokstudio.kms.GetParametersForImportRequest;
import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.ImportKeyMaterialRequest;
import dev.byokstudio.kms.ImportKeyMaterialResponse;
import dev.byokstudio.kms.ImportType;
import dev.byokstudio.kms.IncorrectKeyMaterialException;
import dev.byokstudio.kms.InvalidCiphertextException;
import dev.byokstudio.kms.InvalidImportTokenException;
import dev.byokstudio.kms.KeyMaterialState;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KmsInvalidStateException;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.ValidationException;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.KeyMaterialIds;
import dev.byokstudio.material.KeyWrapping;
import dev.byokstudio.material.MaterialCheck;
import dev.byokstudio.material.MaterialFormatException;
import dev.byokstudio.material.MaterialRules;
import dev.byokstudio.material.RuleResult;
import dev.byokstudio.material.UnwrapException;
import dev.byokstudio.material.WrappingCompatibility;
import dev.byokstudio.material.WrappingKeys;
import dev.byokstudio.store.StoredKey;
import dev.byokstudio.store.StoredMaterial;
import dev.byokstudio.store.StoredWrappingKey;
import dev.byokstudio.store.WorkspaceStore;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * GetParametersForImport, ImportKeyMaterial, DeleteImportedKeyMaterial and the expiry of imported
 * material, as real AWS behaves (reference §3, §5, §7). Runs inside the model's transactions.
 */
final class Importing {

    static final Duration PARAMETERS_VALIDITY = Duration.ofHours(24);
    static final Duration MAX_VALID_TO = Duration.ofDays(365);
    private static final String TOKEN_KEY = "import-token-sealing-key";

    private final WorkspaceStore store;
    private final AccountContext account;
    private final Supplier<Instant> clock;
    private final SecureRandom random;
    private final KeyIdentifiers identifiers;
    private final WrappingKeyPool pool;

    Importing(WorkspaceStore store, AccountContext account, Supplier<Instant> clock, SecureRandom random,
            KeyIdentifiers identifiers, WrappingKeyPool pool) {
        this.store = store;
        this.account = account;
        this.clock = clock;
        this.random = random;
        this.identifiers = identifiers;
        this.pool = pool;
    }

    // ---------------------------------------------------------------- GetParametersForImport

    /** Checks the request against the key; the part done before a wrapping key pair is taken. */
    StoredKey checkParametersRequest(GetParametersForImportRequest request) {
        StoredKey key = identifiers.resolve(request.keyId(), Accepts.KEY_ID_OR_ARN);
        String arn = account.keyArn(key.keyId());
        if (key.origin() != Origin.EXTERNAL) {
            throw Errors.originNotValid(arn, key.origin());
        }
        KeyLifecycle.requireImportable(key, arn);
        if (!WrappingCompatibility.allows(request.wrappingAlgorithm(), request.wrappingKeySpec(), key.keySpec(),
                account.isChinaRegion())) {
            throw new ValidationException(WrappingCompatibility.refusal(request.wrappingAlgorithm(),
                    request.wrappingKeySpec(), key.keySpec()), incompatible(request, key.keySpec()));
        }
        return key;
    }

    private Explanation incompatible(GetParametersForImportRequest request, KeySpec keySpec) {
        List<String> choices = WrappingCompatibility.choices(keySpec, account.isChinaRegion()).stream()
                .map(c -> c.algorithm() + " with " + c.wrappingKeySpec()).collect(Collectors.toList());
        String why;
        switch (request.wrappingAlgorithm()) {
            case RSAES_PKCS1_V1_5:
                why = "KMS stopped accepting RSAES_PKCS1_V1_5 on 10 October 2023.";
                break;
            case SM2PKE:
                why = "SM2PKE and the SM2 wrapping key exist only in the China Regions, for asymmetric material.";
                break;
            default:
                why = request.wrappingAlgorithm() + " with an " + request.wrappingKeySpec()
                        + " wrapping key cannot carry " + keySpec + " material in this region.";
        }
        return Explanation.of(why,
                choices.isEmpty() ? "No wrapping algorithm can carry " + keySpec + " material here."
                        : "Choose one of: " + String.join(", ", choices) + " (the first is AWS's preference).",
                "Plain RSA-OAEP cannot carry an RSA private key: use RSA_AES_KEY_WRAP.",
                "P-521 and Ed25519 keys do not fit RSA_2048 with RSA-OAEP.",
                "RSA_AES_KEY_WRAP is for asymmetric material only, and not offered in the China Regions.");
    }

    /** Takes a wrapping key pair from the pool; outside any transaction, since a cold pool generates one. */
    KeyPair takeWrappingKey(WrappingKeySpec spec) {
        return pool.take(spec);
    }

    GetParametersForImportResponse issueParameters(GetParametersForImportRequest request, KeyPair pair) {
        StoredKey key = checkParametersRequest(request);
        Instant validTo = clock.get().plus(PARAMETERS_VALIDITY);
        String wrappingKeyId = HexFormat.of().formatHex(randomBytes(16));
        byte[] publicKey = WrappingKeys.subjectPublicKeyInfo(pair.getPublic());
        store.putWrappingKey(new StoredWrappingKey(wrappingKeyId, request.wrappingKeySpec(),
                SecretBytes.wrap(pair.getPrivate().getEncoded()), publicKey, validTo));
        byte[] token = tokens().seal(new ImportTokens.Contents(key.keyId(), wrappingKeyId, request.wrappingAlgorithm(),
                request.wrappingKeySpec(), validTo));
        return new GetParametersForImportResponse(account.keyArn(key.keyId()), token, publicKey, validTo);
    }

    private ImportTokens tokens() {
        SecretBytes sealingKey = store.secret(TOKEN_KEY).orElseGet(() -> {
            SecretBytes fresh = SecretBytes.wrap(randomBytes(32));
            store.putSecret(TOKEN_KEY, fresh);
            return fresh;
        });
        return new ImportTokens(sealingKey, random);
    }

    // ---------------------------------------------------------------- ImportKeyMaterial

    ImportKeyMaterialResponse importKeyMaterial(ImportKeyMaterialRequest request) {
        Instant now = clock.get();
        StoredKey key = identifiers.resolve(request.keyId(), Accepts.KEY_ID_OR_ARN);
        String arn = account.keyArn(key.keyId());
        KeySpec spec = key.keySpec();
        if (key.origin() != Origin.EXTERNAL) {
            throw Errors.originNotValid(arn, key.origin());
        }
        KeyLifecycle.requireImportable(key, arn);
        ExpirationModel model = request.expirationModel() == null
                ? ExpirationModel.KEY_MATERIAL_EXPIRES : request.expirationModel();
        requireExpiry(model, request.validTo(), now);
        requireSymmetricOnlyParameters(request, spec);

        ImportTokens.Contents token = tokens().open(request.importToken()).orElseThrow(Importing::invalidToken);
        if (!token.keyId().equals(key.keyId())) {
            throw new InvalidImportTokenException("", Explanation.of(
                    "The import token was issued for another KMS key, not " + arn + ".",
                    "Use the token from the GetParametersForImport call you made for this key.",
                    "Tokens of two keys were mixed up."));
        }
        if (!now.isBefore(token.validTo())) {
            throw new ExpiredImportTokenException("", Explanation.of(
                    "The import token expired at " + token.validTo() + "; it is valid for 24 hours.",
                    "Call GetParametersForImport again and wrap the material with the new public key.",
                    "The parameters were downloaded more than 24 hours ago.", "The clock was moved forward."));
        }
        StoredWrappingKey wrappingKey = store.wrappingKey(token.wrappingKeyId()).orElseThrow(Importing::invalidToken);

        SecretBytes plaintext = unwrap(request.encryptedKeyMaterial(), wrappingKey, token);
        MaterialCheck check;
        try {
            check = MaterialRules.check(spec, account.isChinaRegion(), plaintext);
        } finally {
            plaintext.destroy();
        }
        if (!check.passed()) {
            throw materialRefused(spec, check);
        }
        SecretBytes canonical = check.accepted().orElseThrow().canonical();
        String materialId = KeyMaterialIds.of(key.keyId(), canonical);

        List<StoredMaterial> materials = new ArrayList<>(key.materials());
        ImportType importType = request.importType() != null ? request.importType()
                : materials.isEmpty() ? ImportType.NEW_KEY_MATERIAL : ImportType.EXISTING_KEY_MATERIAL;
        if (importType == ImportType.NEW_KEY_MATERIAL || materials.isEmpty()) {
            addNewMaterial(materials, key, arn, materialId, canonical, model, request);
        } else {
            reimport(materials, key, materialId, canonical, model, request);
        }
        StoredKey withMaterial = key.toBuilder().materials(materials).build();
        store.putKey(withMaterial.keyState() == KeyState.PendingDeletion ? withMaterial
                : withMaterial.toBuilder().keyState(KeyLifecycle.afterImport(withMaterial)).build());
        return new ImportKeyMaterialResponse(arn, spec.isSymmetric() ? materialId : null);
    }

    private static void requireExpiry(ExpirationModel model, Instant validTo, Instant now) {
        if (model == ExpirationModel.KEY_MATERIAL_EXPIRES && validTo == null) {
            throw new ValidationException("A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES",
                    Explanation.of("ExpirationModel defaults to KEY_MATERIAL_EXPIRES, which needs a ValidTo date.",
                            "Give --valid-to (at most 365 days ahead), or --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE.",
                            "ValidTo was left out."));
        }
        if (model == ExpirationModel.KEY_MATERIAL_DOES_NOT_EXPIRE && validTo != null) {
            throw new ValidationException(
                    "A validTo date cannot be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE");
        }
        if (validTo != null && !validTo.isAfter(now)) {
            throw new ValidationException("ValidTo must be in the future", Explanation.of(
                    "ValidTo " + validTo + " is not after the current time " + now + ".",
                    "Choose a date in the future, at most 365 days ahead.", "A date in the past, or a time-zone mix-up."));
        }
        if (validTo != null && validTo.isAfter(now.plus(MAX_VALID_TO))) {
            throw new ValidationException("ValidTo must be less than 365 days in the future", Explanation.of(
                    "ValidTo " + validTo + " is more than 365 days after " + now + ".",
                    "Choose a date at most 365 days ahead, and reimport the same material later to extend it.",
                    "The date is too far ahead."));
        }
    }

    private static void requireSymmetricOnlyParameters(ImportKeyMaterialRequest request, KeySpec spec) {
        if (spec.isSymmetric()) {
            if (request.importType() == ImportType.NEW_KEY_MATERIAL && request.keyMaterialId() != null) {
                throw new ValidationException("Input parameter keyMaterialId cannot be used with NEW_KEY_MATERIAL importType.");
            }
            return;
        }
        String refused = request.importType() != null ? "importType"
                : request.keyMaterialId() != null ? "keyMaterialId"
                : request.keyMaterialDescription() != null ? "keyMaterialDescription" : null;
        if (refused != null) {
            throw new ValidationException("Input parameter " + refused + " cannot be used with " + spec + " imported keys.",
                    Explanation.of(spec + " keys keep one key material for ever, so " + refused + " has no meaning for them.",
                            "Leave " + refused + " out.", "A parameter for symmetric keys was given for another key spec."));
        }
    }

    private static InvalidImportTokenException invalidToken() {
        return new InvalidImportTokenException("");
    }

    private static SecretBytes unwrap(byte[] encrypted, StoredWrappingKey wrappingKey, ImportTokens.Contents token) {
        byte[] pkcs8 = wrappingKey.privateKey().revealCopy();
        try {
            PrivateKey privateKey = WrappingKeys.privateKey(pkcs8);
            return KeyWrapping.unwrap(encrypted, privateKey, token.algorithm());
        } catch (UnwrapException e) {
            throw new InvalidCiphertextException("", Explanation.of(
                    "KMS could not unwrap the encrypted key material with the wrapping key of this token, using "
                            + token.algorithm() + ": " + e.getMessage(),
                    "Wrap the material again with the public key and algorithm of the same GetParametersForImport call"
                            + " as the token (" + token.algorithm() + ", " + token.wrappingKeySpec() + ").",
                    "The material was wrapped with another public key.",
                    "Another wrapping algorithm was used than the token's.",
                    "For RSAES_OAEP_SHA_256, MGF1 must use SHA-256 too (rsa_mgf1_md:sha256).",
                    "The file was Base64-encoded, or truncated, before upload."));
        } catch (MaterialFormatException e) {
            throw new IllegalStateException("a stored wrapping key cannot be read", e);
        } finally {
            java.util.Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static InvalidCiphertextException materialRefused(KeySpec spec, MaterialCheck check) {
        List<String> failures = check.failures().stream()
                .map(r -> r.title() + ": found " + r.found() + "; expected " + r.expected())
                .collect(Collectors.toList());
        String remedy = check.failures().stream().map(RuleResult::remedy).filter(s -> !s.isEmpty()).findFirst()
                .orElse("Check the material against the key spec before wrapping it.");
        return new InvalidCiphertextException("", new Explanation(
                "KMS unwrapped the material, but it is not valid " + spec + " key material.", failures, remedy));
    }

    private void addNewMaterial(List<StoredMaterial> materials, StoredKey key, String arn, String materialId,
            SecretBytes canonical, ExpirationModel model, ImportKeyMaterialRequest request) {
        if (key.material(materialId).isPresent()) {
            throw new IncorrectKeyMaterialException("Key material (id: " + materialId
                    + ") being imported as NEW_KEY_MATERIAL is already associated with KMS key " + arn + ".",
                    Explanation.of("This material is already one of the key's materials; new material must be different bytes.",
                            "Import it with ImportType EXISTING_KEY_MATERIAL (the default) to reimport it, or choose new material.",
                            "The same file was imported twice as new material."));
        }
        Optional<StoredMaterial> pending = key.pendingMaterial();
        if (pending.isPresent()) {
            throw new KmsInvalidStateException("New key material (id: " + materialId + ") cannot be imported into KMS key "
                    + arn + ", because another key material (id: " + pending.get().keyMaterialId()
                    + ") is pending rotation.", Explanation.of(
                    "A key can hold only one material waiting to be rotated in.",
                    "Rotate to the pending material (RotateKeyOnDemand), or delete it (DeleteImportedKeyMaterial with its KeyMaterialId).",
                    "New material was already imported and not yet rotated to."));
        }
        KeyMaterialState state = materials.isEmpty() ? KeyMaterialState.CURRENT : KeyMaterialState.PENDING_ROTATION;
        materials.add(new StoredMaterial(materialId, canonical, state, model, request.validTo(),
                request.keyMaterialDescription(), null, null));
    }

    private void reimport(List<StoredMaterial> materials, StoredKey key, String materialId, SecretBytes canonical,
            ExpirationModel model, ImportKeyMaterialRequest request) {
        String expected = request.keyMaterialId() != null ? request.keyMaterialId()
                : key.currentMaterial().map(StoredMaterial::keyMaterialId).orElse(materials.get(0).keyMaterialId());
        if (!expected.equals(materialId) || key.material(materialId).isEmpty()) {
            throw new IncorrectKeyMaterialException(
                    "Imported key material does not have the expected identifier (" + expected + ").",
                    Explanation.of("The unwrapped material is not the material " + expected + " this key expects.",
                            "Import exactly the bytes imported before. To add different material to a symmetric key, "
                                    + "use ImportType NEW_KEY_MATERIAL.",
                            "Another key file was chosen.", "The material was regenerated.",
                            "KeyMaterialId names another material than the bytes sent."));
        }
        for (int i = 0; i < materials.size(); i++) {
            StoredMaterial m = materials.get(i);
            if (m.keyMaterialId().equals(materialId)) {
                if (m.material() != null && m.material() != canonical) {
                    m.material().destroy();
                }
                materials.set(i, m.imported(canonical, model, request.validTo(), request.keyMaterialDescription()));
            }
        }
    }

    // ---------------------------------------------------------------- DeleteImportedKeyMaterial

    DeleteImportedKeyMaterialResponse deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest request) {
        StoredKey key = identifiers.resolve(request.keyId(), Accepts.KEY_ID_OR_ARN);
        String arn = account.keyArn(key.keyId());
        if (key.origin() != Origin.EXTERNAL) {
            throw Errors.originNotValid(arn, key.origin());
        }
        if (request.keyMaterialId() != null && !key.keySpec().isSymmetric()) {
            throw new ValidationException("Input parameter keyMaterialId cannot be used with " + key.keySpec()
                    + " imported keys.");
        }
        Optional<StoredMaterial> target;
        if (request.keyMaterialId() != null) {
            target = key.material(request.keyMaterialId());
            if (target.isEmpty()) {
                throw new ValidationException("Key material (id: " + request.keyMaterialId()
                        + ") has never been imported into KMS key " + arn + ".");
            }
        } else {
            target = key.currentMaterial();
        }
        if (target.isEmpty()) {
            return new DeleteImportedKeyMaterialResponse(arn, null);
        }
        store.putKey(withoutMaterial(key, target.get()));
        return new DeleteImportedKeyMaterialResponse(arn, key.keySpec().isSymmetric() ? target.get().keyMaterialId() : null);
    }

    /**
     * The key after {@code target} was deleted or expired: material pending rotation leaves the list and
     * the key's state alone; any other makes the key PendingImport (unless it is pending deletion).
     */
    private static StoredKey withoutMaterial(StoredKey key, StoredMaterial target) {
        if (target.material() != null) {
            target.material().destroy();
        }
        List<StoredMaterial> materials = new ArrayList<>();
        for (StoredMaterial m : key.materials()) {
            if (!m.keyMaterialId().equals(target.keyMaterialId())) {
                materials.add(m);
            } else if (m.isRequired()) {
                materials.add(m.withoutMaterial());
            }
        }
        StoredKey.Builder changed = key.toBuilder().materials(materials);
        if (target.isRequired() && key.keyState() != KeyState.PendingDeletion) {
            changed.keyState(KeyLifecycle.afterMaterialLoss(key));
        }
        return changed.build();
    }

    // ---------------------------------------------------------------- expiry

    /**
     * Deletes the key's imported material whose ValidTo has passed, as KMS's DeleteExpiredKeyMaterial does,
     * and returns the key as stored now. Material pending rotation is left alone, as real AWS leaves it
     * (reference §6.3); it expires once rotated in.
     */
    StoredKey expireDue(StoredKey key, Instant now, ServiceEvents events) {
        if (key.origin() != Origin.EXTERNAL) {
            return key;
        }
        StoredKey current = key;
        for (StoredMaterial m : key.materials()) {
            if (m.isPresent() && m.isRequired() && m.validTo() != null && !m.validTo().isAfter(now)) {
                current = withoutMaterial(current, current.material(m.keyMaterialId()).orElseThrow());
                events.materialExpired(account.keyArn(key.keyId()),
                        key.keySpec().isSymmetric() ? m.keyMaterialId() : null, m.validTo());
            }
        }
        if (current != key) {
            store.putKey(current);
        }
        return current;
    }

    /** Drops wrapping keys whose tokens have expired: nothing can be unwrapped with them any more. */
    void dropExpiredWrappingKeys(Instant now) {
        for (StoredWrappingKey w : store.wrappingKeys()) {
            if (!w.validTo().isAfter(now)) {
                store.removeWrappingKey(w.id());
                w.privateKey().destroy();
            }
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
