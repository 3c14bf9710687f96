package dev.byokstudio.kms;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The type of a KMS key (AWS {@code KeySpec}), with the key usages and algorithms AWS allows for it
 * (reference §2.2).
 */
public enum KeySpec {
    RSA_2048(Family.RSA),
    RSA_3072(Family.RSA),
    RSA_4096(Family.RSA),
    ECC_NIST_P256(Family.ECC_NIST),
    ECC_NIST_P384(Family.ECC_NIST),
    ECC_NIST_P521(Family.ECC_NIST),
    ECC_SECG_P256K1(Family.ECC_SECG),
    SYMMETRIC_DEFAULT(Family.SYMMETRIC),
    HMAC_224(Family.HMAC),
    HMAC_256(Family.HMAC),
    HMAC_384(Family.HMAC),
    HMAC_512(Family.HMAC),
    SM2(Family.SM2),
    ML_DSA_44(Family.ML_DSA),
    ML_DSA_65(Family.ML_DSA),
    ML_DSA_87(Family.ML_DSA),
    ECC_NIST_EDWARDS25519(Family.EDWARDS),
    ML_KEM_512(Family.ML_KEM),
    ML_KEM_768(Family.ML_KEM),
    ML_KEM_1024(Family.ML_KEM);

    /** Groups of key specs that share usages and rules. */
    public enum Family {
        SYMMETRIC, HMAC, RSA, ECC_NIST, ECC_SECG, EDWARDS, SM2, ML_DSA, ML_KEM
    }

    private final Family family;

    KeySpec(Family family) {
        this.family = family;
    }

    public Family family() {
        return family;
    }

    /** The key usages AWS accepts for this key spec in CreateKey. */
    public Set<KeyUsage> allowedUsages() {
        switch (family) {
            case SYMMETRIC:
                return EnumSet.of(KeyUsage.ENCRYPT_DECRYPT);
            case HMAC:
                return EnumSet.of(KeyUsage.GENERATE_VERIFY_MAC);
            case RSA:
                return EnumSet.of(KeyUsage.ENCRYPT_DECRYPT, KeyUsage.SIGN_VERIFY);
            case ECC_NIST:
                return EnumSet.of(KeyUsage.SIGN_VERIFY, KeyUsage.KEY_AGREEMENT);
            case SM2:
                return EnumSet.of(KeyUsage.ENCRYPT_DECRYPT, KeyUsage.SIGN_VERIFY, KeyUsage.KEY_AGREEMENT);
            case ECC_SECG:
            case EDWARDS:
            case ML_DSA:
                return EnumSet.of(KeyUsage.SIGN_VERIFY);
            case ML_KEM:
                return EnumSet.of(KeyUsage.ENCAPSULATE_DECAPSULATE);
            default:
                throw new IllegalStateException("unhandled family " + family);
        }
    }

    /** Whether this spec exists only in the China Regions (SM2). */
    public boolean chinaRegionsOnly() {
        return family == Family.SM2;
    }

    /**
     * Whether key material of this spec can be imported: not for ML-DSA (reference §2.2), nor, by the
     * same rule and until AWS says otherwise, for ML-KEM.
     */
    public boolean supportsExternalOrigin() {
        return family != Family.ML_DSA && family != Family.ML_KEM;
    }

    /**
     * Whether a request may give this value as {@code CustomerMasterKeySpec}, the deprecated twin of
     * {@code KeySpec} (specs added after its deprecation are not in its set). KeyMetadata reports it for
     * every key.
     */
    public boolean isCustomerMasterKeySpec() {
        return family != Family.ML_DSA && family != Family.EDWARDS && family != Family.ML_KEM;
    }

    public boolean isSymmetric() {
        return family == Family.SYMMETRIC;
    }

    public boolean isAsymmetric() {
        return family != Family.SYMMETRIC && family != Family.HMAC;
    }

    /** Encryption algorithms reported in KeyMetadata for a key of this spec and usage. */
    public List<EncryptionAlgorithm> encryptionAlgorithms(KeyUsage usage) {
        if (usage != KeyUsage.ENCRYPT_DECRYPT) {
            return List.of();
        }
        switch (family) {
            case SYMMETRIC:
                return List.of(EncryptionAlgorithm.SYMMETRIC_DEFAULT);
            case RSA:
                return List.of(EncryptionAlgorithm.RSAES_OAEP_SHA_1, EncryptionAlgorithm.RSAES_OAEP_SHA_256);
            case SM2:
                return List.of(EncryptionAlgorithm.SM2PKE);
            default:
                return List.of();
        }
    }

    /** Signing algorithms reported in KeyMetadata for a key of this spec and usage. */
    public List<SigningAlgorithm> signingAlgorithms(KeyUsage usage) {
        if (usage != KeyUsage.SIGN_VERIFY) {
            return List.of();
        }
        switch (this) {
            case RSA_2048:
            case RSA_3072:
            case RSA_4096:
                return List.of(SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_256, SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_384,
                        SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_512, SigningAlgorithm.RSASSA_PSS_SHA_256,
                        SigningAlgorithm.RSASSA_PSS_SHA_384, SigningAlgorithm.RSASSA_PSS_SHA_512);
            case ECC_NIST_P256:
            case ECC_SECG_P256K1:
                return List.of(SigningAlgorithm.ECDSA_SHA_256);
            case ECC_NIST_P384:
                return List.of(SigningAlgorithm.ECDSA_SHA_384);
            case ECC_NIST_P521:
                return List.of(SigningAlgorithm.ECDSA_SHA_512);
            case ECC_NIST_EDWARDS25519:
                return List.of(SigningAlgorithm.ED25519_SHA_512, SigningAlgorithm.ED25519_PH_SHA_512);
            case SM2:
                return List.of(SigningAlgorithm.SM2DSA);
            case ML_DSA_44:
            case ML_DSA_65:
            case ML_DSA_87:
                return List.of(SigningAlgorithm.ML_DSA_SHAKE_256);
            default:
                return List.of();
        }
    }

    /** MAC algorithms reported in KeyMetadata for a key of this spec. */
    public List<MacAlgorithm> macAlgorithms() {
        switch (this) {
            case HMAC_224:
                return List.of(MacAlgorithm.HMAC_SHA_224);
            case HMAC_256:
                return List.of(MacAlgorithm.HMAC_SHA_256);
            case HMAC_384:
                return List.of(MacAlgorithm.HMAC_SHA_384);
            case HMAC_512:
                return List.of(MacAlgorithm.HMAC_SHA_512);
            default:
                return List.of();
        }
    }

    /** Key encapsulation algorithms reported in KeyMetadata for a key of this spec and usage. */
    public List<EncapsulationAlgorithm> encapsulationAlgorithms(KeyUsage usage) {
        return usage == KeyUsage.ENCAPSULATE_DECAPSULATE ? List.of(EncapsulationAlgorithm.ML_KEM) : List.of();
    }

    /** Key agreement algorithms reported in KeyMetadata for a key of this spec and usage. */
    public List<KeyAgreementAlgorithm> keyAgreementAlgorithms(KeyUsage usage) {
        return usage == KeyUsage.KEY_AGREEMENT ? List.of(KeyAgreementAlgorithm.ECDH) : List.of();
    }
}
