package dev.byokstudio.embedded;

import dev.byokstudio.embedded.KeyIdentifiers.Accepts;
import dev.byokstudio.kms.*;
import dev.byokstudio.kms.Identities.CallOrigin;
import dev.byokstudio.policy.Evaluation;
import dev.byokstudio.policy.Evaluation.DecidingStatement;
import dev.byokstudio.policy.PolicyDocument;
import dev.byokstudio.policy.PolicyDocumentException;
import dev.byokstudio.policy.PolicyEvaluator;
import dev.byokstudio.policy.RequestContext;
import dev.byokstudio.store.StoredPrincipal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * KMS as one principal calls it: each request is checked against the service model, its key resolved,
 * authorised by the key policy and the principal's identity policies with the request's condition keys
 * (reference §14), carried out by the {@link EmbeddedKms}, and recorded as a CloudTrail event (§13) —
 * whether it succeeded, failed, or was refused. Also CloudTrail's LookupEvents, authorised the same way.
 */
final class AuthorizedKms implements Kms, CloudTrail {

    private final EmbeddedKms kms;
    private final Authorizer authorizer;
    private final AuditRecorder audit;
    private final StoredPrincipal caller;
    private final CallOrigin origin;

    AuthorizedKms(EmbeddedKms kms, Authorizer authorizer, AuditRecorder audit, StoredPrincipal caller,
            CallOrigin origin) {
        this.kms = kms;
        this.authorizer = authorizer;
        this.audit = audit;
        this.caller = caller;
        this.origin = origin;
    }

    /** A key the request acts on, with the action it needs there; {@code identifier} null means no key ({@code *}). */
    private record Target(String action, String identifier, Accepts accepts) {
    }

    private static Target on(String action, String identifier, Accepts accepts) {
        return new Target(action, identifier, accepts);
    }

    private static Target iamOnly(String action) {
        return new Target(action, null, null);
    }

    /** Condition keys from the request, in the order a person reads them. */
    private static final class Conditions {
        final Map<String, List<String>> keys = new LinkedHashMap<>();

        Conditions put(String key, Object value) {
            if (value != null) {
                keys.put(key, List.of(value.toString()));
            }
            return this;
        }

        Conditions encryptionContext(Map<String, String> context) {
            if (context != null && !context.isEmpty()) {
                context.forEach((k, v) -> keys.put("kms:EncryptionContext:" + k, List.of(v)));
                keys.put("kms:EncryptionContextKeys", List.copyOf(context.keySet()));
            }
            return this;
        }

        Conditions tags(List<Tag> tags) {
            if (tags != null && !tags.isEmpty()) {
                tags.forEach(t -> keys.put("aws:RequestTag/" + t.tagKey(), List.of(t.tagValue())));
                keys.put("aws:TagKeys", tags.stream().map(Tag::tagKey).toList());
            }
            return this;
        }
    }

    private static Conditions conditions() {
        return new Conditions();
    }

    // ---------------------------------------------------------------- the one path every call takes

    private <T> T call(String eventName, KmsRequest request, List<Target> targets, Conditions conditions,
            Supplier<T> work) {
        return call(eventName, AuditRecorder.KMS_SOURCE, request, request::requireValid, targets, conditions, work);
    }

    private <T> T call(String eventName, String source, Object request, Runnable validation, List<Target> targets,
            Conditions conditions, Supplier<T> work) {
        List<String> arns = new ArrayList<>();
        try {
            validation.run();
            for (Target target : targets) {
                KeyFacts key = null;
                if (target.identifier() != null) {
                    try {
                        key = kms.keyFacts(target.identifier(), target.accepts());
                    } catch (KmsException unresolved) {
                        // The key cannot be resolved, so the operation fails too - with its own error, found in
                        // its own order (a bad PendingWindowInDays before an unknown key, an alias as a target).
                        unauthorisable(work);
                        throw unresolved;
                    }
                }
                if (key != null && !arns.contains(key.arn())) {
                    arns.add(key.arn());
                }
                Authorizer.Decided decided = authorizer.decide(caller, target.action(), key, conditions.keys);
                if (!decided.allowed()) {
                    throw accessDenied(decided, key);
                }
            }
            T result = work.get();
            audit.apiCall(eventName, source, caller.principal(), origin, request, result, null, null,
                    withCreated(arns, result));
            return result;
        } catch (KmsException e) {
            audit.apiCall(eventName, source, caller.principal(), origin, request, null, e.errorCode(),
                    e.awsMessage().isEmpty() ? null : e.awsMessage(), arns);
            throw e;
        } catch (RuntimeException e) {
            audit.apiCall(eventName, source, caller.principal(), origin, request, null, "KMSInternalException",
                    "The embedded KMS failed while handling the request.", arns);
            throw e;
        }
    }

    /**
     * Runs an operation whose key could not be resolved for authorisation, only for the error it gives in its
     * own order (a bad PendingWindowInDays before an unknown key, an alias named as a target), inside a
     * transaction that is always rolled back: should the key have appeared in the meantime and the operation
     * succeed, nothing it did is kept, and the caller gets the resolution error.
     */
    private void unauthorisable(Supplier<?> work) {
        try {
            kms.store().transaction(() -> {
                work.get();
                throw new RolledBack();
            });
        } catch (RolledBack succeeded) {
            // Unauthorised work is never kept; the resolution error stands.
        }
    }

    /** Undoes the dry run of {@link #unauthorisable}. */
    private static final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RolledBack() {
            super(null, null, false, false);
        }
    }

    private static List<String> withCreated(List<String> arns, Object result) {
        if (result instanceof CreateKeyResponse created && created.keyMetadata() != null) {
            return List.of(created.keyMetadata().arn());
        }
        return arns;
    }

    private void run(String eventName, KmsRequest request, List<Target> targets, Conditions conditions,
            Runnable work) {
        call(eventName, request, targets, conditions, () -> {
            work.run();
            return null;
        });
    }

    private AccessDeniedException accessDenied(Authorizer.Decided decided, KeyFacts key) {
        Evaluation evaluation = decided.evaluation();
        RequestContext context = decided.context();
        String message = evaluation.accessDeniedMessage(caller.principal().callerArn(), context);
        return new AccessDeniedException(message, explain(evaluation, context, key));
    }

    private Explanation explain(Evaluation evaluation, RequestContext context, KeyFacts key) {
        String who = caller.name();
        String action = context.action();
        String on = key == null ? "" : " on key " + key.keyId();
        String deciding = evaluation.decidingStatements().stream().map(AuthorizedKms::describe)
                .collect(Collectors.joining("; "));
        return switch (evaluation.refusal()) {
            case NO_IDENTITY_BASED_POLICY_ALLOWS -> Explanation.of(
                    who + " may not call " + action + on + ": " + (key == null ? action
                            + " is controlled by IAM policies only, and none of " + who + "'s allows it."
                            : "the key policy leaves access to IAM policies, and none of " + who + "'s allows it."),
                    "Act as a principal whose identity policy allows " + action + " (Acting as, in the status bar, or "
                            + "another --profile), or attach an identity policy to " + who + " that allows it. "
                            + "Try it first in Policies → Simulate access.",
                    who + "'s identity policies: " + String.join(", ", caller.identityPolicies().keySet()) + ".",
                    "A Condition in an otherwise matching statement did not hold for this request.");
            case NO_RESOURCE_BASED_POLICY_ALLOWS -> Explanation.of(
                    who + " may not call " + action + on + ": the key policy neither allows it to "
                            + caller.principal().arn() + " nor delegates to the account's IAM policies.",
                    "Edit the key policy (Edit key policy… on the key) to allow " + action + " to "
                            + caller.principal().arn() + ", or add the statement that lets the account's IAM policies "
                            + "control access (Principal arn:" + caller.principal().partition() + ":iam::"
                            + caller.principal().accountId() + ":root).",
                    "The key was created with a custom key policy.",
                    "A Condition in the key policy did not hold for this request.");
            case EXPLICIT_DENY_IN_IDENTITY_BASED_POLICY, EXPLICIT_DENY_IN_RESOURCE_BASED_POLICY -> Explanation.of(
                    who + " may not call " + action + on + ": a Deny statement matches the request (" + deciding
                            + "). An explicit deny overrides every allow.",
                    "Remove or narrow the Deny statement, or change the request so that its Condition no longer "
                            + "matches (for example another wrapping algorithm).",
                    "The Deny is there on purpose: it limits what " + who + " may do.");
        };
    }

    private static String describe(DecidingStatement d) {
        return (d.sid() == null ? "a statement without Sid" : "statement \"" + d.sid() + "\"") + " in "
                + (d.kind() == Evaluation.PolicyKind.RESOURCE_BASED ? "the key policy" : "identity policy " + d.policyName());
    }

    // ---------------------------------------------------------------- keys

    @Override
    public CreateKeyResponse createKey(CreateKeyRequest r) {
        KeySpec spec = r.keySpec() != null ? r.keySpec()
                : r.customerMasterKeySpec() != null ? r.customerMasterKeySpec() : KeySpec.SYMMETRIC_DEFAULT;
        Conditions c = conditions().put("kms:KeyOrigin", r.origin() == null ? Origin.AWS_KMS : r.origin())
                .put("kms:KeySpec", spec).put("kms:KeyUsage", r.keyUsage() == null ? KeyUsage.ENCRYPT_DECRYPT : r.keyUsage())
                .put("kms:MultiRegion", Boolean.TRUE.equals(r.multiRegion()))
                .put("kms:MultiRegionKeyType", Boolean.TRUE.equals(r.multiRegion()) ? "PRIMARY" : null)
                .put("kms:BypassPolicyLockoutSafetyCheck", r.bypassPolicyLockoutSafetyCheck()).tags(r.tags());
        return call("CreateKey", r, List.of(iamOnly("kms:CreateKey")), c, () -> {
            if (r.policy() != null) {
                requireNoLockout(r.policy(), r.bypassPolicyLockoutSafetyCheck(), null);
            }
            return kms.createKey(r);
        });
    }

    /**
     * KMS's policy lockout safety check: unless the request bypasses it, a new key policy must let the caller
     * change the key policy again (kms:PutKeyPolicy), so that nobody locks the key away by mistake.
     */
    private void requireNoLockout(String policy, Boolean bypass, KeyFacts key) {
        if (Boolean.TRUE.equals(bypass)) {
            return;
        }
        dev.byokstudio.policy.KeyPolicies.requireWellFormed(policy);
        Object parsed = authorizer.parse(policy);
        if (parsed instanceof PolicyDocumentException e) {
            throw new MalformedPolicyDocumentException(e.getMessage(), Explanation.of(
                    "The key policy cannot be evaluated: " + e.getMessage(), "Fix the policy and send it again.",
                    "A Condition operator or element KMS does not know."));
        }
        RequestContext context = authorizer.context(caller.principal(), "kms:PutKeyPolicy", key, Map.of());
        if (key == null) {
            context = new RequestContext(context.principalArn(), context.account(), context.action(),
                    "arn:" + caller.principal().partition() + ":kms:*:" + caller.principal().accountId() + ":key/*",
                    context.conditionKeys());
        }
        Evaluation e = PolicyEvaluator.evaluate((PolicyDocument) parsed, authorizer.identityPolicies(caller), context);
        if (!e.allowed()) {
            throw new MalformedPolicyDocumentException(
                    "The new key policy will not allow you to update the key policy in the future.",
                    Explanation.of("KMS refused the policy because, under it, " + caller.name()
                                    + " could no longer call kms:PutKeyPolicy: the key would be locked.",
                            "Keep a statement that lets " + caller.name() + " (or the account's IAM policies) call "
                                    + "kms:PutKeyPolicy, or set BypassPolicyLockoutSafetyCheck if you really mean it.",
                            "The statement for the account root (arn:aws:iam::<account>:root) was removed."));
        }
    }

    @Override
    public DescribeKeyResponse describeKey(DescribeKeyRequest r) {
        return call("DescribeKey", r, List.of(on("kms:DescribeKey", r.keyId(), Accepts.KEY_OR_ALIAS)), conditions(),
                () -> kms.describeKey(r));
    }

    @Override
    public ListKeysResponse listKeys(ListKeysRequest r) {
        return call("ListKeys", r, List.of(iamOnly("kms:ListKeys")), conditions(), () -> kms.listKeys(r));
    }

    @Override
    public void enableKey(EnableKeyRequest r) {
        run("EnableKey", r, List.of(on("kms:EnableKey", r.keyId(), Accepts.KEY_ID_OR_ARN)), conditions(),
                () -> kms.enableKey(r));
    }

    @Override
    public void disableKey(DisableKeyRequest r) {
        run("DisableKey", r, List.of(on("kms:DisableKey", r.keyId(), Accepts.KEY_ID_OR_ARN)), conditions(),
                () -> kms.disableKey(r));
    }

    @Override
    public ScheduleKeyDeletionResponse scheduleKeyDeletion(ScheduleKeyDeletionRequest r) {
        return call("ScheduleKeyDeletion", r, List.of(on("kms:ScheduleKeyDeletion", r.keyId(), Accepts.KEY_ID_OR_ARN)),
                conditions().put("kms:ScheduleKeyDeletionPendingWindowInDays",
                        r.pendingWindowInDays() == null ? 30 : r.pendingWindowInDays()),
                () -> kms.scheduleKeyDeletion(r));
    }

    @Override
    public CancelKeyDeletionResponse cancelKeyDeletion(CancelKeyDeletionRequest r) {
        return call("CancelKeyDeletion", r, List.of(on("kms:CancelKeyDeletion", r.keyId(), Accepts.KEY_ID_OR_ARN)),
                conditions(), () -> kms.cancelKeyDeletion(r));
    }

    // ---------------------------------------------------------------- aliases and tags

    @Override
    public void createAlias(CreateAliasRequest r) {
        run("CreateAlias", r, List.of(on("kms:CreateAlias", r.targetKeyId(), Accepts.KEY_ID_OR_ARN)), conditions(),
                () -> kms.createAlias(r));
    }

    @Override
    public void updateAlias(UpdateAliasRequest r) {
        run("UpdateAlias", r, List.of(on("kms:UpdateAlias", r.aliasName(), Accepts.KEY_OR_ALIAS),
                on("kms:UpdateAlias", r.targetKeyId(), Accepts.KEY_ID_OR_ARN)), conditions(), () -> kms.updateAlias(r));
    }

    @Override
    public void deleteAlias(DeleteAliasRequest r) {
        run("DeleteAlias", r, List.of(on("kms:DeleteAlias", r.aliasName(), Accepts.KEY_OR_ALIAS)), conditions(),
                () -> kms.deleteAlias(r));
    }

    @Override
    public ListAliasesResponse listAliases(ListAliasesRequest r) {
        return call("ListAliases", r, List.of(iamOnly("kms:ListAliases")), conditions(), () -> kms.listAliases(r));
    }

    @Override
    public void tagResource(TagResourceRequest r) {
        run("TagResource", r, List.of(on("kms:TagResource", r.keyId(), Accepts.KEY_ID_OR_ARN)),
                conditions().tags(r.tags()), () -> kms.tagResource(r));
    }

    @Override
    public void untagResource(UntagResourceRequest r) {
        Conditions c = conditions();
        if (r.tagKeys() != null && !r.tagKeys().isEmpty()) {
            c.keys.put("aws:TagKeys", List.copyOf(r.tagKeys()));
        }
        run("UntagResource", r, List.of(on("kms:UntagResource", r.keyId(), Accepts.KEY_ID_OR_ARN)), c,
                () -> kms.untagResource(r));
    }

    @Override
    public ListResourceTagsResponse listResourceTags(ListResourceTagsRequest r) {
        return call("ListResourceTags", r, List.of(on("kms:ListResourceTags", r.keyId(), Accepts.KEY_ID_OR_ARN)),
                conditions(), () -> kms.listResourceTags(r));
    }

    // ---------------------------------------------------------------- key policies

    @Override
    public GetKeyPolicyResponse getKeyPolicy(GetKeyPolicyRequest r) {
        return call("GetKeyPolicy", r, List.of(on("kms:GetKeyPolicy", r.keyId(), Accepts.KEY_ID_OR_ARN)), conditions(),
                () -> kms.getKeyPolicy(r));
    }

    @Override
    public void putKeyPolicy(PutKeyPolicyRequest r) {
        run("PutKeyPolicy", r, List.of(on("kms:PutKeyPolicy", r.keyId(), Accepts.KEY_ID_OR_ARN)),
                conditions().put("kms:BypassPolicyLockoutSafetyCheck", r.bypassPolicyLockoutSafetyCheck()), () -> {
                    requireNoLockout(r.policy(), r.bypassPolicyLockoutSafetyCheck(),
                            kms.keyFacts(r.keyId(), Accepts.KEY_ID_OR_ARN));
                    kms.putKeyPolicy(r);
                });
    }

    @Override
    public ListKeyPoliciesResponse listKeyPolicies(ListKeyPoliciesRequest r) {
        return call("ListKeyPolicies", r, List.of(on("kms:ListKeyPolicies", r.keyId(), Accepts.KEY_ID_OR_ARN)),
                conditions(), () -> kms.listKeyPolicies(r));
    }

    // ---------------------------------------------------------------- importing key material

    @Override
    public GetParametersForImportResponse getParametersForImport(GetParametersForImportRequest r) {
        return call("GetParametersForImport", r,
                List.of(on("kms:GetParametersForImport", r.keyId(), Accepts.KEY_ID_OR_ARN)),
                conditions().put("kms:WrappingAlgorithm", r.wrappingAlgorithm()).put("kms:WrappingKeySpec",
                        r.wrappingKeySpec()), () -> kms.getParametersForImport(r));
    }

    @Override
    public ImportKeyMaterialResponse importKeyMaterial(ImportKeyMaterialRequest r) {
        // kms:ValidTo is the request's ValidTo in epoch seconds; kms:ExpirationModel is absent when omitted (§14.1).
        return call("ImportKeyMaterial", r, List.of(on("kms:ImportKeyMaterial", r.keyId(), Accepts.KEY_ID_OR_ARN)),
                conditions().put("kms:ExpirationModel", r.expirationModel()).put("kms:ValidTo",
                        r.validTo() == null ? null : BigDecimal.valueOf(r.validTo().getEpochSecond())
                                .add(BigDecimal.valueOf(r.validTo().getNano(), 9)).stripTrailingZeros().toPlainString()),
                () -> kms.importKeyMaterial(r));
    }

    @Override
    public DeleteImportedKeyMaterialResponse deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest r) {
        return call("DeleteImportedKeyMaterial", r,
                List.of(on("kms:DeleteImportedKeyMaterial", r.keyId(), Accepts.KEY_ID_OR_ARN)), conditions(),
                () -> kms.deleteImportedKeyMaterial(r));
    }

    // ---------------------------------------------------------------- rotation

    @Override
    public RotateKeyOnDemandResponse rotateKeyOnDemand(RotateKeyOnDemandRequest r) {
        return call("RotateKeyOnDemand", r, List.of(on("kms:RotateKeyOnDemand", r.keyId(), Accepts.KEY_ID_OR_ARN)),
                conditions(), () -> kms.rotateKeyOnDemand(r));
    }

    @Override
    public ListKeyRotationsResponse listKeyRotations(ListKeyRotationsRequest r) {
        return call("ListKeyRotations", r, List.of(on("kms:ListKeyRotations", r.keyId(), Accepts.KEY_ID_OR_ARN)),
                conditions(), () -> kms.listKeyRotations(r));
    }

    @Override
    public GetKeyRotationStatusResponse getKeyRotationStatus(GetKeyRotationStatusRequest r) {
        return call("GetKeyRotationStatus", r,
                List.of(on("kms:GetKeyRotationStatus", r.keyId(), Accepts.KEY_ID_OR_ARN)), conditions(),
                () -> kms.getKeyRotationStatus(r));
    }

    @Override
    public void enableKeyRotation(EnableKeyRotationRequest r) {
        run("EnableKeyRotation", r, List.of(on("kms:EnableKeyRotation", r.keyId(), Accepts.KEY_ID_OR_ARN)),
                conditions().put("kms:RotationPeriodInDays", r.rotationPeriodInDays() == null ? 365
                        : r.rotationPeriodInDays()), () -> kms.enableKeyRotation(r));
    }

    @Override
    public void disableKeyRotation(DisableKeyRotationRequest r) {
        run("DisableKeyRotation", r, List.of(on("kms:DisableKeyRotation", r.keyId(), Accepts.KEY_ID_OR_ARN)),
                conditions(), () -> kms.disableKeyRotation(r));
    }

    // ---------------------------------------------------------------- using keys

    @Override
    public EncryptResponse encrypt(EncryptRequest r) {
        return call("Encrypt", r, List.of(on("kms:Encrypt", r.keyId(), Accepts.KEY_OR_ALIAS)),
                conditions().put("kms:EncryptionAlgorithm", algorithm(r.encryptionAlgorithm()))
                        .encryptionContext(r.encryptionContext()), () -> kms.encrypt(r));
    }

    private static EncryptionAlgorithm algorithm(EncryptionAlgorithm given) {
        return given == null ? EncryptionAlgorithm.SYMMETRIC_DEFAULT : given;
    }

    @Override
    public DecryptResponse decrypt(DecryptRequest r) {
        Optional<String> key = Optional.ofNullable(r.keyId()).or(() -> EmbeddedKms.keyIdOfCiphertext(r.ciphertextBlob()));
        // Ciphertext that names no key cannot be authorised for one: KMS answers InvalidCiphertextException.
        List<Target> targets = key.map(k -> List.of(on("kms:Decrypt", k, Accepts.KEY_OR_ALIAS))).orElse(List.of());
        return call("Decrypt", r, targets, conditions().put("kms:EncryptionAlgorithm", algorithm(r.encryptionAlgorithm()))
                .encryptionContext(r.encryptionContext()), () -> kms.decrypt(r));
    }

    @Override
    public ReEncryptResponse reEncrypt(ReEncryptRequest r) {
        List<Target> targets = new ArrayList<>();
        Optional<String> source = Optional.ofNullable(r.sourceKeyId())
                .or(() -> EmbeddedKms.keyIdOfCiphertext(r.ciphertextBlob()));
        source.ifPresent(k -> targets.add(on("kms:ReEncryptFrom", k, Accepts.KEY_OR_ALIAS)));
        if (r.destinationKeyId() != null) {
            targets.add(on("kms:ReEncryptTo", r.destinationKeyId(), Accepts.KEY_OR_ALIAS));
        }
        Conditions c = conditions().put("kms:EncryptionAlgorithm", algorithm(r.destinationEncryptionAlgorithm()))
                .put("kms:ReEncryptOnSameKey", sameKey(source.orElse(null), r.destinationKeyId()))
                .encryptionContext(r.destinationEncryptionContext());
        return call("ReEncrypt", r, targets, c, () -> kms.reEncrypt(r));
    }

    /**
     * Whether two identifiers name the same key: kms:ReEncryptOnSameKey compares the source key (given, or named
     * by the ciphertext) with the destination key, however each is written (ID, ARN, alias).
     */
    private boolean sameKey(String source, String destination) {
        if (source == null || destination == null) {
            return false;
        }
        try {
            return kms.keyFacts(source, Accepts.KEY_OR_ALIAS).arn()
                    .equals(kms.keyFacts(destination, Accepts.KEY_OR_ALIAS).arn());
        } catch (KmsException unresolved) {
            return false; // the call itself fails on that identifier, with its own error
        }
    }

    @Override
    public GenerateDataKeyResponse generateDataKey(GenerateDataKeyRequest r) {
        return call("GenerateDataKey", r, List.of(on("kms:GenerateDataKey", r.keyId(), Accepts.KEY_OR_ALIAS)),
                conditions().put("kms:EncryptionAlgorithm", EncryptionAlgorithm.SYMMETRIC_DEFAULT)
                        .encryptionContext(r.encryptionContext()), () -> kms.generateDataKey(r));
    }

    @Override
    public GenerateDataKeyResponse generateDataKeyWithoutPlaintext(GenerateDataKeyRequest r) {
        return call("GenerateDataKeyWithoutPlaintext", r,
                List.of(on("kms:GenerateDataKeyWithoutPlaintext", r.keyId(), Accepts.KEY_OR_ALIAS)),
                conditions().put("kms:EncryptionAlgorithm", EncryptionAlgorithm.SYMMETRIC_DEFAULT)
                        .encryptionContext(r.encryptionContext()), () -> kms.generateDataKeyWithoutPlaintext(r));
    }

    @Override
    public GenerateRandomResponse generateRandom(GenerateRandomRequest r) {
        return call("GenerateRandom", r, List.of(iamOnly("kms:GenerateRandom")), conditions(),
                () -> kms.generateRandom(r));
    }

    @Override
    public GenerateDataKeyPairResponse generateDataKeyPair(GenerateDataKeyPairRequest r) {
        return call("GenerateDataKeyPair", r, List.of(on("kms:GenerateDataKeyPair", r.keyId(), Accepts.KEY_OR_ALIAS)),
                conditions().put("kms:DataKeyPairSpec", r.keyPairSpec()).put("kms:EncryptionAlgorithm",
                        EncryptionAlgorithm.SYMMETRIC_DEFAULT).encryptionContext(r.encryptionContext()),
                () -> kms.generateDataKeyPair(r));
    }

    @Override
    public GenerateDataKeyPairResponse generateDataKeyPairWithoutPlaintext(GenerateDataKeyPairRequest r) {
        return call("GenerateDataKeyPairWithoutPlaintext", r,
                List.of(on("kms:GenerateDataKeyPairWithoutPlaintext", r.keyId(), Accepts.KEY_OR_ALIAS)),
                conditions().put("kms:DataKeyPairSpec", r.keyPairSpec()).put("kms:EncryptionAlgorithm",
                        EncryptionAlgorithm.SYMMETRIC_DEFAULT).encryptionContext(r.encryptionContext()),
                () -> kms.generateDataKeyPairWithoutPlaintext(r));
    }

    @Override
    public SignResponse sign(SignRequest r) {
        return call("Sign", r, List.of(on("kms:Sign", r.keyId(), Accepts.KEY_OR_ALIAS)),
                conditions().put("kms:SigningAlgorithm", r.signingAlgorithm())
                        .put("kms:MessageType", r.messageType() == null ? MessageType.RAW : r.messageType()),
                () -> kms.sign(r));
    }

    @Override
    public VerifyResponse verify(VerifyRequest r) {
        return call("Verify", r, List.of(on("kms:Verify", r.keyId(), Accepts.KEY_OR_ALIAS)),
                conditions().put("kms:SigningAlgorithm", r.signingAlgorithm())
                        .put("kms:MessageType", r.messageType() == null ? MessageType.RAW : r.messageType()),
                () -> kms.verify(r));
    }

    @Override
    public GenerateMacResponse generateMac(GenerateMacRequest r) {
        return call("GenerateMac", r, List.of(on("kms:GenerateMac", r.keyId(), Accepts.KEY_OR_ALIAS)),
                conditions().put("kms:MacAlgorithm", r.macAlgorithm()), () -> kms.generateMac(r));
    }

    @Override
    public VerifyMacResponse verifyMac(VerifyMacRequest r) {
        return call("VerifyMac", r, List.of(on("kms:VerifyMac", r.keyId(), Accepts.KEY_OR_ALIAS)),
                conditions().put("kms:MacAlgorithm", r.macAlgorithm()), () -> kms.verifyMac(r));
    }

    @Override
    public GetPublicKeyResponse getPublicKey(GetPublicKeyRequest r) {
        return call("GetPublicKey", r, List.of(on("kms:GetPublicKey", r.keyId(), Accepts.KEY_OR_ALIAS)), conditions(),
                () -> kms.getPublicKey(r));
    }

    @Override
    public DeriveSharedSecretResponse deriveSharedSecret(DeriveSharedSecretRequest r) {
        return call("DeriveSharedSecret", r, List.of(on("kms:DeriveSharedSecret", r.keyId(), Accepts.KEY_OR_ALIAS)),
                conditions().put("kms:KeyAgreementAlgorithm", r.keyAgreementAlgorithm()),
                () -> kms.deriveSharedSecret(r));
    }

    // ---------------------------------------------------------------- CloudTrail

    @Override
    public LookupEventsResponse lookupEvents(LookupEventsRequest r) {
        return call("LookupEvents", AuditRecorder.CLOUDTRAIL_SOURCE, r, () -> { },
                List.of(iamOnly("cloudtrail:LookupEvents")), conditions(),
                () -> dev.byokstudio.audit.EventLookup.lookup(audit.events(), r, kms.now()));
    }
}
