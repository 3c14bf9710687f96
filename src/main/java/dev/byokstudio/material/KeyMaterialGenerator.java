package dev.byokstudio.material;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.SecretBytes;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.math.BigInteger;

/**
 * Generates key material of a key spec, in the form KMS keeps and imports it: raw bytes for symmetric
 * and HMAC keys, an unencrypted PKCS#8 PrivateKeyInfo (DER) for asymmetric keys (reference §4.1).
 */
public final class KeyMaterialGenerator {

    private final SecureRandom random;

    public KeyMaterialGenerator(SecureRandom random) {
        this.random = random;
    }

    /**
     * Length in bytes of symmetric or HMAC material for {@code spec}: 32 for SYMMETRIC_DEFAULT (16, an
     * SM4 key, in the China Regions), the digest length for HMAC keys.
     */
    public static int rawLength(KeySpec spec, boolean chinaRegion) {
        switch (spec) {
            case SYMMETRIC_DEFAULT:
                return chinaRegion ? 16 : 32;
            case HMAC_224:
                return 28;
            case HMAC_256:
                return 32;
            case HMAC_384:
                return 48;
            case HMAC_512:
                return 64;
            default:
                throw new IllegalArgumentException(spec + " material is a private key, not raw bytes");
        }
    }

    /** New random material for {@code spec}. RSA_4096 takes about a second. */
    public SecretBytes generate(KeySpec spec, boolean chinaRegion) {
        if (!spec.isAsymmetric()) {
            byte[] raw = new byte[rawLength(spec, chinaRegion)];
            random.nextBytes(raw);
            return SecretBytes.wrap(raw);
        }
        try {
            KeyPair pair = generator(spec).generateKeyPair();
            byte[] encoded = pair.getPrivate().getEncoded();
            if (spec == KeySpec.ECC_NIST_EDWARDS25519) {
                // Bouncy Castle writes Ed25519 as a PKCS#8 v2 OneAsymmetricKey with the public key, which
                // OpenSSL before 3.5 cannot read; write the v1 PrivateKeyInfo that `openssl genpkey` writes.
                org.bouncycastle.asn1.pkcs.PrivateKeyInfo info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(encoded);
                byte[] v1;
                try {
                    v1 = new org.bouncycastle.asn1.pkcs.PrivateKeyInfo(info.getPrivateKeyAlgorithm(), info.parsePrivateKey())
                            .getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("a generated Ed25519 key re-encodes", e);
                }
                java.util.Arrays.fill(encoded, (byte) 0);
                encoded = v1;
            }
            return SecretBytes.wrap(encoded);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + spec + " material", e);
        }
    }

    private KeyPairGenerator generator(KeySpec spec) throws GeneralSecurityException {
        KeyPairGenerator g;
        switch (spec) {
            case RSA_2048:
            case RSA_3072:
            case RSA_4096:
                g = KeyPairGenerator.getInstance("RSA");
                int bits = Integer.parseInt(spec.name().substring(4));
                g.initialize(new RSAKeyGenParameterSpec(bits, BigInteger.valueOf(65537)), random);
                return g;
            case ECC_NIST_P256:
                return ec("secp256r1");
            case ECC_NIST_P384:
                return ec("secp384r1");
            case ECC_NIST_P521:
                return ec("secp521r1");
            case ECC_SECG_P256K1:
                return ec("secp256k1");
            case SM2:
                return ec("sm2p256v1");
            case ECC_NIST_EDWARDS25519:
                g = KeyPairGenerator.getInstance("Ed25519", Providers.bouncyCastle());
                g.initialize(255, random);
                return g;
            case ML_DSA_44:
                return KeyPairGenerator.getInstance("ML-DSA-44", Providers.bouncyCastle());
            case ML_DSA_65:
                return KeyPairGenerator.getInstance("ML-DSA-65", Providers.bouncyCastle());
            case ML_DSA_87:
                return KeyPairGenerator.getInstance("ML-DSA-87", Providers.bouncyCastle());
            case ML_KEM_512:
                return KeyPairGenerator.getInstance("ML-KEM-512", Providers.bouncyCastle());
            case ML_KEM_768:
                return KeyPairGenerator.getInstance("ML-KEM-768", Providers.bouncyCastle());
            case ML_KEM_1024:
                return KeyPairGenerator.getInstance("ML-KEM-1024", Providers.bouncyCastle());
            default:
                throw new IllegalArgumentException("not an asymmetric key spec: " + spec);
        }
    }

    private KeyPairGenerator ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Providers.bouncyCastle());
        g.initialize(new ECGenParameterSpec(curve), random);
        return g;
    }
}
