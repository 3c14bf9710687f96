package dev.byokstudio.embedded;

import dev.byokstudio.kms.DisabledException;
import dev.byokstudio.kms.Explanation;
import dev.byokstudio.kms.KmsUnsupportedOperationException;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.KmsInvalidStateException;
import dev.byokstudio.kms.NotFoundException;

/**
 * The errors the model raises about keys, with AWS's messages (reference §12 and the LocalStack
 * recordings of real AWS) and BYOK Studio's explanations, kept in one place.
 */
final class Errors {

    private Errors() {
    }

    static NotFoundException keyDoesNotExist(String keyArn) {
        return new NotFoundException("Key '" + keyArn + "' does not exist", Explanation.of(
                "There is no key " + keyArn + " in this account and region.",
                "List the keys (ListKeys) to find the right ID. A key scheduled for deletion disappears for good when "
                        + "its waiting period ends.",
                "A typing mistake in the key ID.", "The key was deleted when its deletion waiting period ended.",
                "The key was created in another workspace, account or region."));
    }

    static NotFoundException invalidKeyId(String keyId) {
        return new NotFoundException("Invalid keyId '" + keyId + "'", Explanation.of(
                "'" + keyId + "' is not a key identifier that this operation accepts.",
                "Give the key ID (a UUID such as 1234abcd-12ab-34cd-56ef-1234567890ab, or mrk-… for a multi-Region key) "
                        + "or the key ARN. Operations that change a key do not accept alias names.",
                "The identifier is incomplete or mistyped.",
                "An alias name was given to an operation that accepts only key IDs and key ARNs."));
    }

    static NotFoundException arnInOtherRegion(String arnRegion) {
        return new NotFoundException("Invalid arn " + arnRegion, Explanation.of(
                "The ARN names region " + arnRegion + ", but this KMS serves another region.",
                "Use a key of this region, or start BYOK Studio with --region " + arnRegion + ".",
                "The ARN was copied from another region's key."));
    }

    static NotFoundException aliasNotFound(String aliasArn) {
        return new NotFoundException("Alias " + aliasArn + " is not found.", Explanation.of(
                "There is no alias " + aliasArn + ".",
                "List the aliases (ListAliases) to find the right name; create it with CreateAlias if it should exist.",
                "A typing mistake in the alias name.", "The alias was deleted, or deleted with its key."));
    }

    static KmsInvalidStateException pendingImport(String keyArn) {
        return new KmsInvalidStateException(keyArn + " is pending import.", Explanation.of(
                "The key has no key material, so KMS cannot use or enable it.",
                "Import its key material: GetParametersForImport, wrap the material, then ImportKeyMaterial.",
                "The key was created with origin EXTERNAL and its material was never imported.",
                "Its imported material was deleted or reached its expiry date."));
    }

    static KmsInvalidStateException pendingDeletion(String keyArn) {
        return new KmsInvalidStateException(keyArn + " is pending deletion.", Explanation.of(
                "The key is scheduled for deletion, which blocks this operation.",
                "If the key is still needed, cancel the deletion (CancelKeyDeletion); it then comes back disabled.",
                "Someone scheduled the key's deletion (ScheduleKeyDeletion)."));
    }

    static KmsInvalidStateException notPendingDeletion(String keyArn) {
        return new KmsInvalidStateException(keyArn + " is not pending deletion.", Explanation.of(
                "The key is not scheduled for deletion, so there is no deletion to cancel.",
                "Nothing to do: the key is not going to be deleted.",
                "The deletion was already cancelled.", "The wrong key was named."));
    }

    static DisabledException disabled(String keyArn) {
        return new DisabledException(keyArn + " is disabled.", Explanation.of(
                "The key is disabled, so KMS will not use it for this operation.",
                "Enable it (EnableKey) and try again.",
                "Someone disabled the key.", "A cancelled deletion leaves a key disabled."));
    }

    static KmsUnsupportedOperationException originNotValid(String keyArn, Origin origin) {
        String what = origin == Origin.EXTERNAL
                ? "KMS cannot rotate imported key material automatically; rotate it on demand after importing new material."
                : "Only keys created with origin EXTERNAL take imported key material.";
        return new KmsUnsupportedOperationException(keyArn + " origin is " + origin + " which is not valid for this operation.",
                Explanation.of("The key's origin is " + origin + ". " + what,
                        origin == Origin.EXTERNAL
                                ? "Import new material with ImportType NEW_KEY_MATERIAL, then call RotateKeyOnDemand."
                                : "Create a key with --origin EXTERNAL to import your own material into it.",
                        "The wrong key was chosen.", "The key was created without --origin EXTERNAL."));
    }

    static KmsUnsupportedOperationException notForKeySpec(String operation, String keySpec) {
        return new KmsUnsupportedOperationException("", Explanation.of(
                operation + " is only for symmetric encryption keys; this key is " + keySpec + ".",
                "Use a SYMMETRIC_DEFAULT key. Asymmetric and HMAC keys keep their key material for ever.",
                "The operation was sent to an asymmetric or HMAC key."));
    }

    /** An algorithm the key spec does not list: InvalidKeyUsageException, as AWS words it. */
    static dev.byokstudio.kms.InvalidKeyUsageException incompatibleAlgorithm(Object algorithm, dev.byokstudio.kms.KeySpec spec,
            java.util.List<?> allowed) {
        return new dev.byokstudio.kms.InvalidKeyUsageException("Algorithm " + algorithm + " is incompatible with key spec "
                + spec + ".", Explanation.of(
                "A " + spec + " key works only with " + allowed.stream().map(Object::toString)
                        .collect(java.util.stream.Collectors.joining(", ")) + "; " + algorithm + " is not among them.",
                "Choose one of the algorithms that DescribeKey or GetPublicKey lists for this key.",
                "An algorithm of another key spec or key size was chosen.",
                "The wrong key or alias was given."));
    }
}
