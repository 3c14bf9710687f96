package dev.byokstudio.kms;

/** AWS {@code WrappingKeySpec}: the wrapping public key GetParametersForImport returns. SM2 exists only in the China Regions. */
public enum WrappingKeySpec {
    RSA_2048,
    RSA_3072,
    RSA_4096,
    SM2
}
