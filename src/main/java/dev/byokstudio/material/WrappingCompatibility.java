package dev.byokstudio.material;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Which wrapping algorithm and wrapping key spec can carry which key material (reference §3.3): AWS's
 * table, with what real AWS was observed to refuse where the documentation is silent (P-521 and
 * Ed25519 material with RSA_2048 and RSAES_OAEP). KMS applies it in GetParametersForImport.
 */
public final class WrappingCompatibility {

    /** AWS's documented preference: the strongest wrapping key, RSA-AES before plain OAEP, SHA-256 before SHA-1. */
    private static final List<WrappingKeySpec> SPEC_PREFERENCE = List.of(WrappingKeySpec.RSA_4096,
            WrappingKeySpec.RSA_3072, WrappingKeySpec.RSA_2048, WrappingKeySpec.SM2);
    private static final List<WrappingAlgorithm> ALGORITHM_PREFERENCE = List.of(
            WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_1,
            WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingAlgorithm.RSAES_OAEP_SHA_1, WrappingAlgorithm.SM2PKE);

    private WrappingCompatibility() {
    }

    /** Whether KMS accepts this combination for material of {@code keySpec}. */
    public static boolean allows(WrappingAlgorithm algorithm, WrappingKeySpec wrappingKeySpec, KeySpec keySpec,
            boolean chinaRegion) {
        if (!keySpec.supportsExternalOrigin() || (keySpec.chinaRegionsOnly() && !chinaRegion)) {
            return false;
        }
        boolean rsaWrappingKey = wrappingKeySpec != WrappingKeySpec.SM2;
        if (!rsaWrappingKey && !chinaRegion) {
            return false;
        }
        switch (algorithm) {
            case RSAES_PKCS1_V1_5:
                return false;
            case RSAES_OAEP_SHA_1:
            case RSAES_OAEP_SHA_256:
                return rsaWrappingKey && oaepCarries(keySpec, wrappingKeySpec);
            case RSA_AES_KEY_WRAP_SHA_1:
            case RSA_AES_KEY_WRAP_SHA_256:
                return rsaWrappingKey && !chinaRegion && keySpec.isAsymmetric();
            case SM2PKE:
                return !rsaWrappingKey && chinaRegion && keySpec.isAsymmetric()
                        && keySpec != KeySpec.ECC_NIST_EDWARDS25519;
            default:
                throw new IllegalArgumentException("unknown wrapping algorithm " + algorithm);
        }
    }

    /** Plain RSA-OAEP carries symmetric, HMAC, EC and SM2 material, but no RSA keys; P-521 and Ed25519 not with RSA_2048. */
    private static boolean oaepCarries(KeySpec keySpec, WrappingKeySpec wrappingKeySpec) {
        switch (keySpec.family()) {
            case RSA:
                return false;
            case EDWARDS:
                return wrappingKeySpec != WrappingKeySpec.RSA_2048;
            default:
                return keySpec != KeySpec.ECC_NIST_P521 || wrappingKeySpec != WrappingKeySpec.RSA_2048;
        }
    }

    /** The message of the ValidationException KMS sends for a combination it refuses (observed on real AWS). */
    public static String refusal(WrappingAlgorithm algorithm, WrappingKeySpec wrappingKeySpec, KeySpec keySpec) {
        return "Wrapping algorithm " + algorithm + " and wrapping key spec " + wrappingKeySpec
                + " cannot be used to import a " + keySpec + " key.";
    }

    /** Every accepted combination for {@code keySpec}, most preferred first. */
    public static List<Combination> choices(KeySpec keySpec, boolean chinaRegion) {
        List<Combination> out = new ArrayList<>();
        for (WrappingAlgorithm algorithm : ALGORITHM_PREFERENCE) {
            for (WrappingKeySpec spec : SPEC_PREFERENCE) {
                if (allows(algorithm, spec, keySpec, chinaRegion)) {
                    out.add(new Combination(algorithm, spec));
                }
            }
        }
        return out;
    }

    /** A wrapping algorithm with a wrapping key spec. */
    public record Combination(WrappingAlgorithm algorithm, WrappingKeySpec wrappingKeySpec) {
    }
}
