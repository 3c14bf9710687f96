package dev.byokstudio.kms;

/** AWS {@code AlgorithmSpec}: how key material is wrapped for import (reference §4.2). RSAES_PKCS1_V1_5 is still in AWS's enum, but KMS has refused it since 2023-10-10. */
public enum WrappingAlgorithm {
    RSAES_PKCS1_V1_5,
    RSAES_OAEP_SHA_1,
    RSAES_OAEP_SHA_256,
    RSA_AES_KEY_WRAP_SHA_1,
    RSA_AES_KEY_WRAP_SHA_256,
    SM2PKE
}
