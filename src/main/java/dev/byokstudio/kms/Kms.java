package dev.byokstudio.kms;

/**
 * The AWS KMS contract: one method per KMS operation, named as AWS names it, taking and returning
 * AWS's request and response shapes. The embedded model, the loopback endpoint and (later) real AWS
 * all meet here, so the desktop application behaves the same on each.
 *
 * <p>Every method fails with a {@link KmsException} subclass named after the AWS error, carrying AWS's
 * message and an {@link Explanation} for people. A request that breaks the service model's constraints
 * fails with {@link ValidationException} in AWS's "N validation errors detected" form before anything
 * else is looked at.
 */
public interface Kms {

    /**
     * Creates a key. Origin {@code EXTERNAL} creates it without material in {@code PendingImport};
     * {@code AWS_KMS} (the default) generates its material. Errors: ValidationException (bad key spec
     * and usage combination, a spec the origin does not support), UnsupportedOperationException (a spec the
     * region does not offer, such as SM2 outside China), MalformedPolicyDocumentException, TagException,
     * CustomKeyStoreNotFoundException.
     */
    CreateKeyResponse createKey(CreateKeyRequest request);

    /** Describes a key named by key ID, key ARN, alias name or alias ARN. Errors: NotFoundException. */
    DescribeKeyResponse describeKey(DescribeKeyRequest request);

    /** Lists the keys of the account and region, a page at a time. Errors: InvalidMarkerException. */
    ListKeysResponse listKeys(ListKeysRequest request);

    /** Enables a disabled key. Errors: NotFoundException, KMSInvalidStateException (pending import or deletion). */
    void enableKey(EnableKeyRequest request);

    /** Disables a key. Errors: NotFoundException, KMSInvalidStateException (pending import or deletion). */
    void disableKey(DisableKeyRequest request);

    /**
     * Schedules a key's deletion after a waiting period of 7 to 30 days (30 by default); the key is
     * deleted, with its aliases, when the period ends. Errors: NotFoundException,
     * KMSInvalidStateException (already pending deletion), ValidationException (window out of range).
     */
    ScheduleKeyDeletionResponse scheduleKeyDeletion(ScheduleKeyDeletionRequest request);

    /**
     * Cancels a scheduled deletion. The key becomes Disabled, or PendingImport if it is an EXTERNAL key
     * without material. Errors: NotFoundException, KMSInvalidStateException (not pending deletion).
     */
    CancelKeyDeletionResponse cancelKeyDeletion(CancelKeyDeletionRequest request);

    /** Creates an alias for a key. Errors: AlreadyExistsException, ValidationException (a name without alias/, or a target that is an alias), NotAuthorizedException (alias/aws/), NotFoundException, KMSInvalidStateException. */
    void createAlias(CreateAliasRequest request);

    /** Points an existing alias at another key of the same type and usage. Errors: NotFoundException, ValidationException, KMSInvalidStateException. */
    void updateAlias(UpdateAliasRequest request);

    /** Deletes an alias; the key is unaffected. Errors: NotFoundException. */
    void deleteAlias(DeleteAliasRequest request);

    /** Lists aliases, all of them or those of one key. Errors: NotFoundException, InvalidMarkerException. */
    ListAliasesResponse listAliases(ListAliasesRequest request);

    /** Adds or overwrites tags on a key. Errors: NotFoundException, TagException, KMSInvalidStateException. */
    void tagResource(TagResourceRequest request);

    /** Removes tags from a key; absent keys are ignored. Errors: NotFoundException, TagException, KMSInvalidStateException. */
    void untagResource(UntagResourceRequest request);

    /** Lists a key's tags. Errors: NotFoundException, InvalidMarkerException. */
    ListResourceTagsResponse listResourceTags(ListResourceTagsRequest request);

    /** Returns a key policy (only {@code default} exists). Errors: NotFoundException. */
    GetKeyPolicyResponse getKeyPolicy(GetKeyPolicyRequest request);

    /** Replaces a key policy. Errors: NotFoundException, MalformedPolicyDocumentException. */
    void putKeyPolicy(PutKeyPolicyRequest request);

    /** Lists a key's policy names: always {@code [default]}. Errors: NotFoundException. */
    ListKeyPoliciesResponse listKeyPolicies(ListKeyPoliciesRequest request);

    // ---------------------------------------------------------------- importing key material

    /**
     * Returns a fresh wrapping public key (DER SubjectPublicKeyInfo) and an import token for an
     * EXTERNAL key, valid for 24 hours. Errors: ValidationException (a wrapping algorithm and wrapping
     * key spec that cannot carry this key spec's material), UnsupportedOperationException (origin not
     * EXTERNAL), KMSInvalidStateException (pending deletion), NotFoundException.
     */
    GetParametersForImportResponse getParametersForImport(GetParametersForImportRequest request);

    /**
     * Imports wrapped key material, or reimports it to change its expiry. Errors: ValidationException
     * (expiry rules, symmetric-only parameters), InvalidImportTokenException, ExpiredImportTokenException,
     * InvalidCiphertextException (cannot unwrap, or the material does not fit the key spec),
     * IncorrectKeyMaterialException (not the key's material), KMSInvalidStateException,
     * UnsupportedOperationException, NotFoundException.
     */
    ImportKeyMaterialResponse importKeyMaterial(ImportKeyMaterialRequest request);

    /**
     * Deletes imported key material (the current one unless KeyMaterialId names another); the key
     * becomes PendingImport unless the material was pending rotation. Errors: ValidationException
     * (unknown KeyMaterialId), UnsupportedOperationException, NotFoundException.
     */
    DeleteImportedKeyMaterialResponse deleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest request);

    // ---------------------------------------------------------------- rotation

    /**
     * Rotates a symmetric key now: to its pending imported material (EXTERNAL), or to new generated
     * material (AWS_KMS). Errors: KMSInvalidStateException, DisabledException, LimitExceededException,
     * UnsupportedOperationException (asymmetric and HMAC keys), NotFoundException.
     */
    RotateKeyOnDemandResponse rotateKeyOnDemand(RotateKeyOnDemandRequest request);

    /** Lists a symmetric key's rotations, or with ALL_KEY_MATERIAL all its key material. */
    ListKeyRotationsResponse listKeyRotations(ListKeyRotationsRequest request);

    /** Whether automatic rotation is enabled (never for EXTERNAL keys). */
    GetKeyRotationStatusResponse getKeyRotationStatus(GetKeyRotationStatusRequest request);

    /** Enables automatic rotation of a symmetric AWS_KMS key. EXTERNAL keys: UnsupportedOperationException. */
    void enableKeyRotation(EnableKeyRotationRequest request);

    /** Disables automatic rotation of a symmetric AWS_KMS key. EXTERNAL keys: UnsupportedOperationException. */
    void disableKeyRotation(DisableKeyRotationRequest request);

    // ---------------------------------------------------------------- using keys

    /**
     * Encrypts up to 4096 bytes under an Enabled ENCRYPT_DECRYPT key: symmetric keys with
     * SYMMETRIC_DEFAULT (the ciphertext names its key and key material), RSA keys with RSAES_OAEP_SHA_1/256,
     * SM2 keys with SM2PKE. Errors: DisabledException, KMSInvalidStateException, InvalidKeyUsageException,
     * ValidationException (size limits), NotFoundException.
     */
    EncryptResponse encrypt(EncryptRequest request);

    /**
     * Decrypts ciphertext made by Encrypt, with the same encryption context. Errors:
     * InvalidCiphertextException (tampered, wrong context), IncorrectKeyException (KeyId names another key),
     * DisabledException, KMSInvalidStateException, InvalidKeyUsageException, NotFoundException.
     */
    DecryptResponse decrypt(DecryptRequest request);

    /** Decrypts under the source key and encrypts under the destination key without exposing the plaintext. */
    ReEncryptResponse reEncrypt(ReEncryptRequest request);

    /**
     * A data key under a symmetric key: its plaintext and its ciphertext. Errors: ValidationException
     * (neither or both of NumberOfBytes and KeySpec), InvalidKeyUsageException, DisabledException,
     * KMSInvalidStateException, NotFoundException.
     */
    GenerateDataKeyResponse generateDataKey(GenerateDataKeyRequest request);

    /** As GenerateDataKey, returning only the ciphertext. */
    GenerateDataKeyResponse generateDataKeyWithoutPlaintext(GenerateDataKeyRequest request);

    /** 1 to 1024 random bytes. Errors: ValidationException, CustomKeyStoreNotFoundException. */
    GenerateRandomResponse generateRandom(GenerateRandomRequest request);

    /**
     * A data key pair whose private key is encrypted under a symmetric key: the private key as PKCS#8 DER,
     * in plaintext and encrypted, and the public key as SubjectPublicKeyInfo. Errors as GenerateDataKey;
     * SM2 pairs only in the China Regions.
     */
    GenerateDataKeyPairResponse generateDataKeyPair(GenerateDataKeyPairRequest request);

    /** As GenerateDataKeyPair, without the plaintext private key. */
    GenerateDataKeyPairResponse generateDataKeyPairWithoutPlaintext(GenerateDataKeyPairRequest request);

    /**
     * Signs a message or its digest with an Enabled SIGN_VERIFY key. Errors: InvalidKeyUsageException
     * (usage, or an algorithm the key spec does not list), ValidationException (digest length, message type),
     * DisabledException, KMSInvalidStateException, NotFoundException.
     */
    SignResponse sign(SignRequest request);

    /** Verifies a signature made by Sign; a signature that does not verify is KMSInvalidSignatureException. */
    VerifyResponse verify(VerifyRequest request);

    /** The HMAC of a message under an Enabled GENERATE_VERIFY_MAC key. */
    GenerateMacResponse generateMac(GenerateMacRequest request);

    /** Verifies a MAC made by GenerateMac; a mismatch is KMSInvalidMacException. */
    VerifyMacResponse verifyMac(VerifyMacRequest request);

    /**
     * The public key of an asymmetric key as DER SubjectPublicKeyInfo, with its spec, usage and algorithms.
     * Errors: UnsupportedOperationException (symmetric and HMAC keys), KMSInvalidStateException
     * (pending import), DisabledException, NotFoundException.
     */
    GetPublicKeyResponse getPublicKey(GetPublicKeyRequest request);

    /**
     * ECDH between an Enabled KEY_AGREEMENT key and the peer's public key (DER SubjectPublicKeyInfo on the
     * same curve): the raw shared secret. Errors: ValidationException (public key), InvalidKeyUsageException,
     * DisabledException, KMSInvalidStateException, NotFoundException.
     */
    DeriveSharedSecretResponse deriveSharedSecret(DeriveSharedSecretRequest request);
}
