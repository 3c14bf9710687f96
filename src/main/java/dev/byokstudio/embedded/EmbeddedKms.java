package dev.byokstudio.embedded;

import dev.byokstudio.embedded.KeyIdentifiers.Accepts;
import dev.byokstudio.kms.AliasListEntry;
import dev.byokstudio.kms.DecryptRequest;
import dev.byokstudio.kms.GenerateDataKeyRequest;
import dev.byokstudio.kms.GenerateDataKeyResponse;
import dev.byokstudio.kms.DeriveSharedSecretRequest;
import dev.byokstudio.kms.DeriveSharedSecretResponse;
import dev.byokstudio.kms.GenerateDataKeyPairRequest;
import dev.byokstudio.kms.GenerateDataKeyPairResponse;
import dev.byokstudio.kms.GenerateMacRequest;
import dev.byokstudio.kms.GenerateMacResponse;
import dev.byokstudio.kms.GetPublicKeyRequest;
import dev.byokstudio.kms.GetPublicKeyResponse;
import dev.byokstudio.kms.SignRequest;
import dev.byokstudio.kms.SignResponse;
import dev.byokstudio.kms.VerifyMacRequest;
import dev.byokstudio.kms.VerifyMacResponse;
import dev.byokstudio.kms.VerifyRequest;
import dev.byokstudio.kms.VerifyResponse;
import dev.byokstudio.kms.GenerateRandomRequest;
import dev.byokstudio.kms.GenerateRandomResponse;
import dev.byokstudio.kms.ReEncryptRequest;
import dev.byokstudio.kms.ReEncryptResponse;
import dev.byokstudio.kms.DecryptResponse;
import dev.byokstudio.kms.DeleteImportedKeyMaterialRequest;
import dev.byokstudio.kms.EncryptRequest;
import dev.byokstudio.kms.EncryptResponse;
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
import dev.byokstudio.kms.KeyMaterialState;
import dev.byokstudio.kms.ListKeyRotationsRequest;
import dev.byokstudio.kms.ListKeyRotationsResponse;
import dev.byokstudio.kms.RotateKeyOnDemandRequest;
import dev.byokstudio.kms.RotateKeyOnDemandResponse;
import dev.byokstudio.kms.AlreadyExistsException;
import dev.byokstudio.kms.CancelKeyDeletionRequest;
import dev.byokstudio.kms.CancelKeyDeletionResponse;
import dev.byokstudio.kms.ClockControl;
import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.CreateKeyResponse;
import dev.byokstudio.kms.CustomKeyStoreNotFoundException;
import dev.byokstudio.kms.DeleteAliasRequest;
import dev.byokstudio.kms.DescribeKeyRequest;
import dev.byokstudio.kms.DescribeKeyResponse;
import dev.byokstudio.kms.DisableKeyRequest;
import dev.byokstudio.kms.EnableKeyRequest;
import dev.byokstudio.kms.Explanation;
import dev.byokstudio.kms.GetKeyPolicyRequest;
import dev.byokstudio.kms.GetKeyPolicyResponse;
import dev.byokstudio.kms.KeyListEntry;
import dev.byokstudio.kms.KeyManager;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyState;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.KmsUnsupportedOperationException;
import dev.byokstudio.kms.ListAliasesRequest;
import dev.byokstudio.kms.ListAliasesResponse;
import dev.byokstudio.kms.ListKeyPoliciesRequest;
import dev.byokstudio.kms.ListKeyPoliciesResponse;
import dev.byokstudio.kms.ListKeysRequest;
import dev.byokstudio.kms.ListKeysResponse;
import dev.byokstudio.kms.ListResourceTagsRequest;
import dev.byokstudio.kms.ListResourceTagsResponse;
import dev.byokstudio.kms.MultiRegionConfiguration;
import dev.byokstudio.kms.MultiRegionKey;
import dev.byokstudio.kms.MultiRegionKeyType;
import dev.byokstudio.kms.NotAuthorizedException;
import dev.byokstudio.kms.NotFoundException;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.PutKeyPolicyRequest;
import dev.byokstudio.kms.ScheduleKeyDeletionRequest;
import dev.byokstudio.kms.ScheduleKeyDeletionResponse;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.Tag;
import dev.byokstudio.kms.TagException;
import dev.byokstudio.kms.TagResourceRequest;
import dev.byokstudio.kms.UntagResourceRequest;
import dev.byokstudio.kms.UpdateAliasRequest;
import dev.byokstudio.kms.ValidationException;
import dev.byokstudio.kms.Violations;
import dev.byokstudio.material.KeyMaterialGenerator;
import dev.byokstudio.material.KeyMaterialIds;
import dev.byokstudio.policy.KeyPolicies;
import dev.byokstudio.store.StoredAlias;
import dev.byokstudio.store.StoredKey;
import dev.byokstudio.store.StoredMaterial;
import dev.byokstudio.store.WorkspaceStore;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The embedded KMS: AWS KMS's behaviour for one account and region, over a {@link WorkspaceStore}. It
 * reads time only from its {@link SimulatedClock}; whatever falls due (a key whose deletion waiting
 * period ended) takes effect before the next operation and whenever the clock is moved.
 *
 * <p>Thread-safe: every operation is one store transaction.
 */
public final class EmbeddedKms implements Kms, ClockControl {

    static final int MAX_TAGS_PER_KEY = 50;
    private static final String DEFAULT_POLICY_NAME = "default";
    private static final String ALIAS_PREFIX = "alias/";
    private static final String RESERVED_ALIAS_PREFIX = "alias/aws/";

    private final WorkspaceStore store;
    private final AccountContext account;
    private final SimulatedClock clock;
    private final SecureRandom random;
    private final KeyMaterialGenerator generator;
    private final KeyIdentifiers identifiers;
    private final Importing importing;
    private final Rotating rotating;
    private final Cryptography cryptography;
    private final Signing signing;

    public EmbeddedKms(WorkspaceStore store, AccountContext account, SimulatedClock clock, SecureRandom random) {
        this(store, account, clock, random, WrappingKeyPool.withDefaultTargets(random, store));
    }

    /** @param pool where wrapping key pairs come from; the model does not close it */
    public EmbeddedKms(WorkspaceStore store, AccountContext account, SimulatedClock clock, SecureRandom random,
            WrappingKeyPool pool) {
        this.store = store;
        this.account = account;
        this.clock = clock;
        this.random = random;
        this.generator = new KeyMaterialGenerator(random);
        this.identifiers = new KeyIdentifiers(store, account);
        this.importing = new Importing(store, account, clock::instant, random, identifiers, pool);
        this.rotating = new Rotating(store, account, clock::instant, identifiers, generator);
        KeyPairs keyPairs = new KeyPairs();
        this.cryptography = new Cryptography(store, account, identifiers, random, keyPairs);
        this.signing = new Signing(account, identifiers, keyPairs, random);
        resumeClock();
    }

    private static final String CLOCK_OFFSET = "simulated-clock-offset";

    /** A workspace whose clock was moved forward continues where it was: the lead is kept in the workspace. */
    private void resumeClock() {
        Duration kept = store.transaction(() -> store.setting(CLOCK_OFFSET)).map(Duration::parse).orElse(Duration.ZERO);
        if (kept.compareTo(clock.offset()) > 0) {
            clock.advance(kept.minus(clock.offset()));
        }
    }

    public AccountContext account() {
        return account;
    }

    private volatile ServiceEvents serviceEvents = ServiceEvents.NONE;

    /** Who hears of what KMS does by itself (material expiring, automatic rotation): the CloudTrail recorder. */
    public void onServiceEvents(ServiceEvents events) {
        this.serviceEvents = events == null ? ServiceEvents.NONE : events;
    }

    /** The store the model keeps its state in, for the layers beside it (the CloudTrail recorder). */
    WorkspaceStore store() {
        return store;
    }

    /**
     * What authorisation needs about the key {@code identifier} names, resolved as the operation would resolve
     * it and failing with the same errors (NotFoundException, an invalid key ID...). What fell due is applied
     * by the operation that follows, not here: that pass reads every key.
     */
    KeyFacts keyFacts(String identifier, Accepts accepts) {
        return store.transaction(() -> {
            StoredKey key = identifiers.resolve(identifier, accepts);
            List<String> aliases = new ArrayList<>();
            for (StoredAlias alias : store.aliases()) {
                if (alias.targetKeyId().equals(key.keyId())) {
                    aliases.add(alias.aliasName());
                }
            }
            String requestAlias = null;
            if (KeyIdentifiers.namesAlias(identifier)) {
                requestAlias = identifier.startsWith("arn:") ? identifier.substring(identifier.indexOf(":alias/") + 1)
                        : identifier;
            }
            return new KeyFacts(key.keyId(), account.keyArn(key.keyId()), key.origin(), key.keySpec(), key.keyUsage(),
                    key.multiRegion(), key.policy(), aliases, key.tags(), requestAlias);
        });
    }

    /** The key a symmetric ciphertext blob names, when it is one of this model's blobs. */
    static Optional<String> keyIdOfCiphertext(byte[] blob) {
        return Cryptography.keyIdOf(blob);
    }

    // ---------------------------------------------------------------- keys

    @Override
    public CreateKeyResponse createKey(CreateKeyRequest request) {
        request.requireValid();
        Origin origin = request.origin() == null ? Origin.AWS_KMS : request.origin();
        KeySpec spec = keySpecOf(request);
        KeyUsage usage = keyUsageOf(request, spec);
        requireKeyStore(request, origin);
        if (spec.chinaRegionsOnly() && !account.isChinaRegion()) {
            throw new KmsUnsupportedOperationException("KeySpec " + spec + " is not supported in this Region",
                    Explanation.of("SM2 keys exist only in the AWS China Regions (cn-north-1, cn-northwest-1).",
                            "Start BYOK Studio with --region cn-north-1 to rehearse SM2 keys.",
                            "The workspace plays region " + account.region() + "."));
        }
        if (origin == Origin.EXTERNAL && !spec.supportsExternalOrigin()) {
            throw new ValidationException("KeySpec " + spec + " is not supported for Origin EXTERNAL",
                    Explanation.of("KMS cannot import key material for " + spec + " keys.",
                            "Create the key with origin AWS_KMS, or choose a key spec that supports import.",
                            "ML-DSA keys can only use material that KMS generates."));
        }
        String policy = request.policy() == null
                ? KeyPolicies.defaultPolicy(account.partition(), account.accountId())
                : request.policy();
        if (request.policy() != null) {
            KeyPolicies.requireWellFormed(policy);
        }
        List<Tag> tags = mergeTags(List.of(), request.tags() == null ? List.of() : request.tags());
        boolean multiRegion = Boolean.TRUE.equals(request.multiRegion());
        // Generating RSA_4096 material takes about a second: do it before the transaction.
        SecretBytes material = origin == Origin.AWS_KMS ? generator.generate(spec, account.isChinaRegion()) : null;
        return operation(() -> {
            String keyId = multiRegion ? "mrk-" + HexFormat.of().formatHex(randomBytes(16)) : randomUuid();
            List<StoredMaterial> materials = material == null ? List.of()
                    : List.of(new StoredMaterial(KeyMaterialIds.of(keyId, material), material, KeyMaterialState.CURRENT,
                            null, null, null, null, null));
            StoredKey key = new StoredKey.Builder().sequence(store.nextKeySequence()).keyId(keyId).creationDate(now())
                    .description(request.description()).keySpec(spec).keyUsage(usage).origin(origin)
                    .multiRegion(multiRegion).keyState(KeyLifecycle.initialState(material != null)).tags(tags)
                    .policy(policy).materials(materials).build();
            store.putKey(key);
            return new CreateKeyResponse(metadata(key));
        });
    }

    private static KeySpec keySpecOf(CreateKeyRequest request) {
        if (request.keySpec() != null && request.customerMasterKeySpec() != null) {
            throw new ValidationException("You cannot specify KeySpec and CustomerMasterKeySpec in the same request. "
                    + "CustomerMasterKeySpec is deprecated.");
        }
        if (request.customerMasterKeySpec() != null && !request.customerMasterKeySpec().isCustomerMasterKeySpec()) {
            throw new ValidationException("CustomerMasterKeySpec " + request.customerMasterKeySpec()
                    + " is not supported. Use KeySpec instead; CustomerMasterKeySpec is deprecated.");
        }
        if (request.keySpec() != null) {
            return request.keySpec();
        }
        return request.customerMasterKeySpec() != null ? request.customerMasterKeySpec() : KeySpec.SYMMETRIC_DEFAULT;
    }

    private static KeyUsage keyUsageOf(CreateKeyRequest request, KeySpec spec) {
        KeyUsage usage = request.keyUsage();
        if (usage == null) {
            if (!spec.isSymmetric()) {
                throw new ValidationException(
                        "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.",
                        Explanation.of("Only symmetric encryption keys may leave KeyUsage out; a " + spec
                                        + " key must say what it is for.",
                                "Give KeyUsage: " + usages(spec) + ".",
                                "KeyUsage was left out for a key spec that is not an encryption key."));
            }
            return KeyUsage.ENCRYPT_DECRYPT;
        }
        if (!spec.allowedUsages().contains(usage)) {
            throw new ValidationException("KeyUsage " + usage + " is not compatible with KeySpec " + spec,
                    Explanation.of(spec + " keys cannot be used for " + usage + ".",
                            "Choose KeyUsage " + usages(spec) + ", or another key spec.",
                            "The key spec and key usage were chosen separately."));
        }
        return usage;
    }

    private static String usages(KeySpec spec) {
        return spec.allowedUsages().stream().map(Enum::name).collect(Collectors.joining(" or "));
    }

    private static void requireKeyStore(CreateKeyRequest request, Origin origin) {
        if (request.customKeyStoreId() != null) {
            throw new CustomKeyStoreNotFoundException("Custom key store " + request.customKeyStoreId() + " does not exist");
        }
        if (origin == Origin.AWS_CLOUDHSM || origin == Origin.EXTERNAL_KEY_STORE) {
            throw new ValidationException("Origin " + origin + " requires a CustomKeyStoreId",
                    Explanation.of("Keys with origin " + origin + " live in a custom key store, and this account has none.",
                            "Use origin AWS_KMS or EXTERNAL; BYOK Studio does not emulate CloudHSM or external key stores.",
                            "CustomKeyStoreId was not given."));
        }
        if (request.xksKeyId() != null) {
            throw new ValidationException("XksKeyId can only be used with Origin EXTERNAL_KEY_STORE");
        }
    }

    @Override
    public DescribeKeyResponse describeKey(DescribeKeyRequest request) {
        request.requireValid();
        return operation(() -> {
            return new DescribeKeyResponse(metadata(identifiers.resolve(request.keyId(), Accepts.KEY_OR_ALIAS)));
        });
    }

    @Override
    public ListKeysResponse listKeys(ListKeysRequest request) {
        request.requireValid();
        return operation(() -> {
            Pages.Page<StoredKey> page = Pages.page(store.keys(), EmbeddedKms::creationOrder, "ListKeys",
                    request.limit(), 100, request.marker());
            List<KeyListEntry> entries = page.items().stream()
                    .map(k -> new KeyListEntry(k.keyId(), account.keyArn(k.keyId())))
                    .collect(Collectors.toList());
            return new ListKeysResponse(entries, page.nextMarker(), page.truncated());
        });
    }

    private static String creationOrder(StoredKey key) {
        return String.format(Locale.ROOT, "%019d", key.sequence());
    }

    @Override
    public void enableKey(EnableKeyRequest request) {
        request.requireValid();
        updateKey(request.keyId(), (key, arn) -> KeyLifecycle.enable(key, arn));
    }

    @Override
    public void disableKey(DisableKeyRequest request) {
        request.requireValid();
        updateKey(request.keyId(), (key, arn) -> KeyLifecycle.disable(key, arn));
    }

    @Override
    public ScheduleKeyDeletionResponse scheduleKeyDeletion(ScheduleKeyDeletionRequest request) {
        request.requireValid();
        int window = request.pendingWindowInDays() == null
                ? KeyLifecycle.DEFAULT_PENDING_WINDOW_DAYS : request.pendingWindowInDays();
        Violations.create().range("pendingWindowInDays", window,
                KeyLifecycle.MIN_PENDING_WINDOW_DAYS, KeyLifecycle.MAX_PENDING_WINDOW_DAYS).throwIfAny();
        StoredKey scheduled = updateKey(request.keyId(),
                (key, arn) -> KeyLifecycle.scheduleDeletion(key, arn, window, now()));
        return new ScheduleKeyDeletionResponse(account.keyArn(scheduled.keyId()), scheduled.deletionDate(),
                scheduled.keyState(), scheduled.pendingWindowInDays());
    }

    @Override
    public CancelKeyDeletionResponse cancelKeyDeletion(CancelKeyDeletionRequest request) {
        request.requireValid();
        StoredKey key = updateKey(request.keyId(), (k, arn) -> KeyLifecycle.cancelDeletion(k, arn));
        return new CancelKeyDeletionResponse(account.keyArn(key.keyId()));
    }

    /** A change to one key, given the key and its ARN for error messages. */
    private interface KeyChange {
        StoredKey apply(StoredKey key, String arn);
    }

    private StoredKey updateKey(String keyId, KeyChange change) {
        return operation(() -> {
            StoredKey key = identifiers.resolve(keyId, Accepts.KEY_ID_OR_ARN);
            StoredKey changed = change.apply(key, account.keyArn(key.keyId()));
            store.putKey(changed);
            return changed;
        });
    }

    // ---------------------------------------------------------------- aliases

    @Override
    public void createAlias(CreateAliasRequest request) {
        request.requireValid();
        String name = request.aliasName();
        requireAliasName(name);
        requireKeyTarget(request.targetKeyId());
        operation(() -> {
            StoredKey target = identifiers.resolve(request.targetKeyId(), Accepts.KEY_ID_OR_ARN);
            KeyLifecycle.requireAliasTarget(target, account.keyArn(target.keyId()));
            if (store.alias(name).isPresent()) {
                throw new AlreadyExistsException("An alias with the name " + account.aliasArn(name) + " already exists");
            }
            Instant now = now();
            store.putAlias(new StoredAlias(name, target.keyId(), now, now));
            return null;
        });
    }

    @Override
    public void updateAlias(UpdateAliasRequest request) {
        request.requireValid();
        String name = request.aliasName();
        requireAliasName(name);
        requireKeyTarget(request.targetKeyId());
        operation(() -> {
            StoredAlias alias = identifiers.alias(name);
            StoredKey target = identifiers.resolve(request.targetKeyId(), Accepts.KEY_ID_OR_ARN);
            String targetArn = account.keyArn(target.keyId());
            KeyLifecycle.requireAliasTarget(target, targetArn);
            store.key(alias.targetKeyId()).ifPresent(current -> requireSameKind(name, current, target));
            store.putAlias(alias.retarget(target.keyId(), now()));
            return null;
        });
    }

    /** AWS lets an alias move only between keys of the same type (symmetric, asymmetric, HMAC) and usage. */
    private void requireSameKind(String aliasName, StoredKey current, StoredKey target) {
        boolean sameType = current.keySpec().isSymmetric() == target.keySpec().isSymmetric()
                && current.keySpec().isAsymmetric() == target.keySpec().isAsymmetric();
        if (!sameType || current.keyUsage() != target.keyUsage()) {
            throw new ValidationException("Alias " + account.aliasArn(aliasName) + " cannot be moved from a "
                    + current.keySpec() + " " + current.keyUsage() + " key to a " + target.keySpec() + " "
                    + target.keyUsage() + " key. The new key must have the same key type and key usage.",
                    Explanation.of("An alias can point only at keys of the same type and usage as its current key, so "
                                    + "that applications using the alias keep working.",
                            "Choose a target key of the same type and usage, or create a new alias.",
                            "The new target key has another key spec family or key usage."));
        }
    }

    @Override
    public void deleteAlias(DeleteAliasRequest request) {
        request.requireValid();
        String name = request.aliasName();
        requireAliasName(name);
        operation(() -> {
            identifiers.alias(name);
            store.removeAlias(name);
            return null;
        });
    }

    @Override
    public ListAliasesResponse listAliases(ListAliasesRequest request) {
        request.requireValid();
        return operation(() -> {
            String keyId = request.keyId() == null ? null
                    : identifiers.resolve(request.keyId(), Accepts.KEY_ID_OR_ARN).keyId();
            List<StoredAlias> aliases = store.aliases().stream()
                    .filter(a -> keyId == null || a.targetKeyId().equals(keyId))
                    .collect(Collectors.toList());
            Pages.Page<StoredAlias> page = Pages.page(aliases, StoredAlias::aliasName, "ListAliases",
                    request.limit(), 50, request.marker());
            List<AliasListEntry> entries = page.items().stream()
                    .map(a -> new AliasListEntry(a.aliasName(), account.aliasArn(a.aliasName()), a.targetKeyId(),
                            a.creationDate(), a.lastUpdatedDate()))
                    .collect(Collectors.toList());
            return new ListAliasesResponse(entries, page.nextMarker(), page.truncated());
        });
    }

    private static void requireAliasName(String name) {
        if (!name.startsWith(ALIAS_PREFIX)) {
            throw new ValidationException("Alias must start with the prefix \"alias/\". Please see "
                    + "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html",
                    Explanation.of("Alias names begin with alias/, for example alias/ExampleAlias.",
                            "Put alias/ in front of the name.", "The prefix was left out."));
        }
        if (name.length() == ALIAS_PREFIX.length()) {
            throw new ValidationException("Alias name must not be empty after the prefix \"alias/\".");
        }
        if (name.startsWith(RESERVED_ALIAS_PREFIX)) {
            throw new NotAuthorizedException("");
        }
    }

    private static void requireKeyTarget(String targetKeyId) {
        if (KeyIdentifiers.namesAlias(targetKeyId)) {
            throw new ValidationException("Aliases must refer to keys. Not aliases",
                    Explanation.of("An alias can point only at a key, not at another alias.",
                            "Give the key ID or key ARN of the target key.", "An alias name was given as the target."));
        }
    }

    // ---------------------------------------------------------------- tags

    @Override
    public void tagResource(TagResourceRequest request) {
        request.requireValid();
        updateKey(request.keyId(), (key, arn) -> {
            KeyLifecycle.requireTaggable(key, arn);
            return key.toBuilder().tags(mergeTags(key.tags(), request.tags())).build();
        });
    }

    @Override
    public void untagResource(UntagResourceRequest request) {
        request.requireValid();
        for (String tagKey : request.tagKeys()) {
            requireNotReserved(tagKey);
        }
        updateKey(request.keyId(), (key, arn) -> {
            KeyLifecycle.requireTaggable(key, arn);
            Set<String> remove = new HashSet<>(request.tagKeys());
            return key.toBuilder()
                    .tags(key.tags().stream().filter(t -> !remove.contains(t.tagKey())).collect(Collectors.toList()))
                    .build();
        });
    }

    @Override
    public ListResourceTagsResponse listResourceTags(ListResourceTagsRequest request) {
        request.requireValid();
        return operation(() -> {
            StoredKey key = identifiers.resolve(request.keyId(), Accepts.KEY_ID_OR_ARN);
            List<Tag> tags = key.tags();
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < tags.size(); i++) {
                positions.add(i);
            }
            Pages.Page<Integer> page = Pages.page(positions, i -> String.format(Locale.ROOT, "%04d", i),
                    "ListResourceTags/" + key.keyId(), request.limit(), 50, request.marker());
            List<Tag> pageTags = page.items().stream().map(tags::get).collect(Collectors.toList());
            return new ListResourceTagsResponse(pageTags, page.nextMarker(), page.truncated());
        });
    }

    /** Existing tags with {@code incoming} added or overwritten, in AWS's order of checks. */
    private static List<Tag> mergeTags(List<Tag> existing, List<Tag> incoming) {
        Set<String> seen = new HashSet<>();
        for (Tag t : incoming) {
            if (!seen.add(t.tagKey())) {
                throw new TagException("Duplicate tag keys");
            }
        }
        Map<String, Tag> merged = new LinkedHashMap<>();
        existing.forEach(t -> merged.put(t.tagKey(), t));
        incoming.forEach(t -> merged.put(t.tagKey(), t));
        if (merged.size() > MAX_TAGS_PER_KEY) {
            throw new TagException("Too many tags", Explanation.of(
                    "A key can have at most " + MAX_TAGS_PER_KEY + " tags; this request would give it " + merged.size() + ".",
                    "Remove tags you no longer need (UntagResource), or combine values into fewer tags.",
                    "Too many tags in the request.", "The key already has many tags."));
        }
        for (Tag t : incoming) {
            requireNotReserved(t.tagKey());
        }
        return new ArrayList<>(merged.values());
    }

    private static void requireNotReserved(String tagKey) {
        if (tagKey.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw new TagException("Tags beginning with aws: are reserved");
        }
    }

    // ---------------------------------------------------------------- key policies

    @Override
    public GetKeyPolicyResponse getKeyPolicy(GetKeyPolicyRequest request) {
        request.requireValid();
        requirePolicyName(request.policyName());
        return operation(() -> {
            StoredKey key = identifiers.resolve(request.keyId(), Accepts.KEY_ID_OR_ARN);
            return new GetKeyPolicyResponse(key.policy(), DEFAULT_POLICY_NAME);
        });
    }

    @Override
    public void putKeyPolicy(PutKeyPolicyRequest request) {
        request.requireValid();
        requirePolicyName(request.policyName());
        KeyPolicies.requireWellFormed(request.policy());
        updateKey(request.keyId(), (key, arn) -> key.toBuilder().policy(request.policy()).build());
    }

    @Override
    public ListKeyPoliciesResponse listKeyPolicies(ListKeyPoliciesRequest request) {
        request.requireValid();
        return operation(() -> {
            identifiers.resolve(request.keyId(), Accepts.KEY_ID_OR_ARN);
            return new ListKeyPoliciesResponse(List.of(DEFAULT_POLICY_NAME), null, false);
        });
    }

    private static void requirePolicyName(String policyName) {
        if (policyName != null && !DEFAULT_POLICY_NAME.equals(policyName)) {
            throw new NotFoundException("No such policy exists", Explanation.of(
                    "A KMS key has exactly one key policy, named default; there is no policy " + policyName + ".",
                    "Leave PolicyName out, or give default.", "A policy name other than default was given."));
        }
    }

    // ---------------------------------------------------------------- importing key material

    @Override
    public GetParametersForImportResponse getParametersForImport(GetParametersForImportRequest request) {
        request.requireValid();
        operation(() -> {
            return importing.checkParametersRequest(request);
        });
        // A cold pool generates the pair here, outside the transaction, so other requests are not held up.
        KeyPair pair = importing.takeWrappingKey(request.wrappingKeySpec());
        return operation(() -> {
            return importing.issueParameters(request, pair);
        });
    }

    @Override
    public ImportKeyMaterialResponse importKeyMaterial(ImportKeyMaterialRequest request) {
        request.requireValid();
        return operation(() -> {
            return importing.importKeyMaterial(request);
        });
    }

    @Override
    public DeleteImportedKeyMaterialResponse deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest request) {
        request.requireValid();
        return operation(() -> {
            return importing.deleteImportedKeyMaterial(request);
        });
    }

    // ---------------------------------------------------------------- rotation

    @Override
    public RotateKeyOnDemandResponse rotateKeyOnDemand(RotateKeyOnDemandRequest request) {
        request.requireValid();
        return operation(() -> {
            return rotating.rotateKeyOnDemand(request);
        });
    }

    @Override
    public ListKeyRotationsResponse listKeyRotations(ListKeyRotationsRequest request) {
        request.requireValid();
        return operation(() -> {
            return rotating.listKeyRotations(request);
        });
    }

    @Override
    public GetKeyRotationStatusResponse getKeyRotationStatus(GetKeyRotationStatusRequest request) {
        request.requireValid();
        return operation(() -> {
            return rotating.getKeyRotationStatus(request);
        });
    }

    @Override
    public void enableKeyRotation(EnableKeyRotationRequest request) {
        request.requireValid();
        operation(() -> {
            rotating.enableKeyRotation(request);
            return null;
        });
    }

    @Override
    public void disableKeyRotation(DisableKeyRotationRequest request) {
        request.requireValid();
        operation(() -> {
            rotating.disableKeyRotation(request);
            return null;
        });
    }

    // ---------------------------------------------------------------- using keys

    @Override
    public EncryptResponse encrypt(EncryptRequest request) {
        request.requireValid();
        return operation(() -> cryptography.encrypt(request));
    }

    @Override
    public DecryptResponse decrypt(DecryptRequest request) {
        request.requireValid();
        return operation(() -> cryptography.decrypt(request));
    }

    @Override
    public ReEncryptResponse reEncrypt(ReEncryptRequest request) {
        request.requireValid();
        return operation(() -> cryptography.reEncrypt(request));
    }

    @Override
    public GenerateDataKeyResponse generateDataKey(GenerateDataKeyRequest request) {
        request.requireValid();
        return operation(() -> cryptography.generateDataKey(request, true));
    }

    @Override
    public GenerateDataKeyResponse generateDataKeyWithoutPlaintext(GenerateDataKeyRequest request) {
        request.requireValid();
        return operation(() -> cryptography.generateDataKey(request, false));
    }

    @Override
    public GenerateRandomResponse generateRandom(GenerateRandomRequest request) {
        request.requireValid();
        return cryptography.generateRandom(request);
    }

    @Override
    public GenerateDataKeyPairResponse generateDataKeyPair(GenerateDataKeyPairRequest request) {
        request.requireValid();
        return operation(() -> cryptography.generateDataKeyPair(request, true));
    }

    @Override
    public GenerateDataKeyPairResponse generateDataKeyPairWithoutPlaintext(GenerateDataKeyPairRequest request) {
        request.requireValid();
        return operation(() -> cryptography.generateDataKeyPair(request, false));
    }

    @Override
    public SignResponse sign(SignRequest request) {
        request.requireValid();
        return operation(() -> signing.sign(request));
    }

    @Override
    public VerifyResponse verify(VerifyRequest request) {
        request.requireValid();
        return operation(() -> signing.verify(request));
    }

    @Override
    public GenerateMacResponse generateMac(GenerateMacRequest request) {
        request.requireValid();
        return operation(() -> signing.generateMac(request));
    }

    @Override
    public VerifyMacResponse verifyMac(VerifyMacRequest request) {
        request.requireValid();
        return operation(() -> signing.verifyMac(request));
    }

    @Override
    public GetPublicKeyResponse getPublicKey(GetPublicKeyRequest request) {
        request.requireValid();
        return operation(() -> signing.getPublicKey(request));
    }

    @Override
    public DeriveSharedSecretResponse deriveSharedSecret(DeriveSharedSecretRequest request) {
        request.requireValid();
        return operation(() -> signing.deriveSharedSecret(request));
    }

    // ---------------------------------------------------------------- metadata

    private KeyMetadata metadata(StoredKey key) {
        String arn = account.keyArn(key.keyId());
        KeySpec spec = key.keySpec();
        KeyUsage usage = key.keyUsage();
        MultiRegionConfiguration multiRegion = key.multiRegion()
                ? new MultiRegionConfiguration(MultiRegionKeyType.PRIMARY, new MultiRegionKey(arn, account.region()), List.of())
                : null;
        Optional<StoredMaterial> current = key.currentMaterial();
        String currentMaterialId = spec.isSymmetric() ? current.map(StoredMaterial::keyMaterialId).orElse(null) : null;
        // ExpirationModel only while the current material is imported and the key is not PendingImport;
        // ValidTo is the earliest expiry among the material the key needs, to the second (reference §2.3).
        ExpirationModel expirationModel = null;
        Instant validTo = null;
        if (key.origin() == Origin.EXTERNAL && key.keyState() != KeyState.PendingImport
                && current.filter(StoredMaterial::isPresent).isPresent()) {
            expirationModel = current.get().expirationModel();
            // AWS documents ValidTo as present only with KEY_MATERIAL_EXPIRES: with a current material that
            // does not expire, an expiring older material shows in ListKeyRotations, not here.
            validTo = expirationModel != ExpirationModel.KEY_MATERIAL_EXPIRES ? null : key.materials().stream()
                    .filter(m -> m.isRequired() && m.isPresent() && m.validTo() != null)
                    .map(StoredMaterial::validTo).min(Instant::compareTo)
                    .map(t -> t.truncatedTo(ChronoUnit.SECONDS)).orElse(null);
        }
        return new KeyMetadata(
                account.accountId(), key.keyId(), arn, key.creationDate(), key.keyState() == KeyState.Enabled,
                key.description(), usage, key.keyState(),
                key.keyState() == KeyState.PendingDeletion ? key.deletionDate() : null,
                validTo, key.origin(), KeyManager.CUSTOMER,
                spec, spec,
                spec.encryptionAlgorithms(usage), spec.signingAlgorithms(usage), spec.macAlgorithms(),
                spec.keyAgreementAlgorithms(usage), spec.encapsulationAlgorithms(usage), key.multiRegion(), multiRegion,
                null, expirationModel, currentMaterialId);
    }

    // ---------------------------------------------------------------- time

    /**
     * Runs one operation: first, in a transaction of its own, whatever fell due (so it takes effect even
     * if the operation then fails, as time passing does not depend on requests); then the operation, in
     * its own transaction.
     */
    private <T> T operation(java.util.function.Supplier<T> work) {
        store.transaction(() -> {
            applyDue();
            return null;
        });
        return store.transaction(work);
    }

    /** Applies whatever fell due now, as at start-up; normally it happens before every operation. */
    public void applyDueNow() {
        store.transaction(() -> {
            applyDue();
            return null;
        });
    }

    /**
     * Applies whatever fell due by now: imported material past its ValidTo is deleted, AWS_KMS keys due
     * for automatic rotation rotate, expired wrapping keys are dropped, and keys whose deletion waiting
     * period ended are deleted with their aliases.
     */
    private void applyDue() {
        Instant now = now();
        // One pass over the keys: each is read (and its material unsealed) once per operation.
        for (StoredKey stored : store.keys()) {
            StoredKey key = rotating.rotateDue(importing.expireDue(stored, now, serviceEvents), now, serviceEvents);
            if (KeyLifecycle.deletionIsDue(key, now)) {
                for (StoredAlias alias : store.aliases()) {
                    if (alias.targetKeyId().equals(key.keyId())) {
                        store.removeAlias(alias.aliasName());
                    }
                }
                store.removeKey(key.keyId());
                key.materials().stream().map(StoredMaterial::material).filter(m -> m != null)
                        .forEach(SecretBytes::destroy);
            }
        }
        importing.dropExpiredWrappingKeys(now);
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Instant advance(Duration amount) {
        if (amount.isNegative()) {
            throw new ValidationException("The clock only moves forward; got " + amount.getSeconds() + " seconds.");
        }
        return store.transaction(() -> {
            Instant now = clock.advance(amount);
            store.putSetting(CLOCK_OFFSET, clock.offset().toString());
            applyDue();
            return now;
        });
    }

    @Override
    public Instant returnToRealTime() {
        return store.transaction(() -> {
            Instant now = clock.reset();
            store.putSetting(CLOCK_OFFSET, Duration.ZERO.toString());
            applyDue();
            return now;
        });
    }

    @Override
    public boolean isSimulated() {
        return !clock.offset().isZero();
    }

    /** A version 4 UUID from the model's own random source. */
    private String randomUuid() {
        byte[] b = randomBytes(16);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
        return new UUID(buf.getLong(), buf.getLong()).toString();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
