package dev.byokstudio.kms;

/** AWS {@code DataKeyPairSpec}: the type of key pair GenerateDataKeyPair returns. */
public enum DataKeyPairSpec {
    RSA_2048,
    RSA_3072,
    RSA_4096,
    ECC_NIST_P256,
    ECC_NIST_P384,
    ECC_NIST_P521,
    ECC_SECG_P256K1,
    SM2,
    ECC_NIST_EDWARDS25519,
    ML_KEM_512,
    ML_KEM_768,
    ML_KEM_1024;

    /** The key spec whose private key this pair is. */
    public KeySpec keySpec() {
        return KeySpec.valueOf(name());
    }
}
