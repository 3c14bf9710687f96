package dev.byokstudio.material;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.SecretBytes;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules AWS KMS applies to plaintext key material for each key spec, and the one parser behind
 * them. The embedded KMS runs this on ImportKeyMaterial after unwrapping, and the client side runs it
 * before wrapping, so what the report passes imports and what it fails is refused (reference §4.1,
 * §5.2, §5.3, §11).
 *
 * <p>Rules, in the order they are reported:
 * <ol>
 * <li>{@code keyspec.importable}: the key spec accepts imported material (not ML-DSA or ML-KEM; SM2 only
 * in the China Regions). For ML-DSA and ML-KEM this is the only rule reported.</li>
 * <li>{@code material.size}: 1 to 8192 bytes, checked before anything is parsed.</li>
 * <li>SYMMETRIC_DEFAULT: {@code symmetric.length}. HMAC: {@code hmac.min-length}, {@code hmac.max-length}.</li>
 * <li>Asymmetric: {@code pkcs8.format}, {@code pkcs8.algorithm}, then per family
 * ({@code rsa.*}, {@code ec.*}, {@code ed25519.*}).</li>
 * </ol>
 * A rule that cannot be evaluated because an earlier structural rule failed is NOT_APPLICABLE, and its
 * "found" text says why.
 *
 * <p>Accepted material comes back in canonical form: a copy of the raw bytes for symmetric and HMAC
 * keys; for asymmetric keys a DER PKCS#8 PrivateKeyInfo rebuilt from the private key alone, so that the
 * same key given as DER or BER, with or without its public key, is byte-for-byte the same material
 * (AWS treats it so); and the DER SubjectPublicKeyInfo derived from it. No text in the results ever
 * contains the material's bytes. Every copy of the secret made here is cleared before returning.
 */
public final class MaterialRules {

    /** The most material read; larger input is refused before any parsing. */
    public static final int MAXIMUM_BYTES = 8192;

    static final Rule KEY_SPEC = new Rule("keyspec.importable", "Key spec accepts imported material",
            "KMS imports material only for the key specs it allows with Origin EXTERNAL: not for ML-DSA (AWS:"
                    + " \"KeySpec ML_DSA_65 is not supported for Origin EXTERNAL\") nor, by the same rule, ML-KEM; and"
                    + " SM2 keys exist only in the China Regions.");
    static final Rule SIZE = new Rule("material.size", "Size limit",
            "Material is read only up to 8192 bytes, and checked for size before it is parsed. Real material is"
                    + " far smaller (an RSA_4096 PKCS#8 key is about 2.4 KB), and ImportKeyMaterial's"
                    + " EncryptedKeyMaterial may not exceed 6144 bytes anyway.");

    private static final String IMPORTABLE_SPECS = "SYMMETRIC_DEFAULT, HMAC_224/256/384/512, RSA_2048/3072/4096,"
            + " ECC_NIST_P256/P384/P521, ECC_SECG_P256K1, ECC_NIST_EDWARDS25519, or SM2 (China Regions)";

    private MaterialRules() {
    }

    /**
     * Checks plaintext key material against every rule of {@code spec}.
     *
     * @param spec the KMS key's key spec
     * @param chinaRegion whether the KMS key is in a China Region (aws-cn), where SYMMETRIC_DEFAULT is SM4
     *        and SM2 exists
     * @param material the plaintext material; not modified, and not retained
     * @return every rule's result and, when none failed, the material in canonical form
     */
    public static MaterialCheck check(KeySpec spec, boolean chinaRegion, SecretBytes material) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(material, "material");
        Checklist c = new Checklist();
        if (!spec.supportsExternalOrigin()) {
            String family = spec.family() == KeySpec.Family.ML_DSA ? "ML-DSA" : "ML-KEM";
            c.fail(KEY_SPEC, "a key spec that accepts imported material: " + IMPORTABLE_SPECS,
                    spec + ": KMS cannot import key material for " + family + " key specs",
                    "Create the KMS key with origin AWS_KMS and let KMS generate the " + family + " key, or import"
                            + " material into a KMS key of an importable key spec.");
            return new MaterialCheck(c.results(), Optional.empty());
        }
        keySpecRule(c, spec, chinaRegion);
        boolean sizeOk = sizeRule(c, spec, chinaRegion, material.length());
        byte[] bytes = sizeOk ? material.revealCopy() : new byte[0];
        try {
            Optional<CanonicalKey> canonical = familyRules(c, spec, chinaRegion, bytes);
            if (c.anyFailed()) {
                canonical.ifPresent(CanonicalKey::clear);
                return new MaterialCheck(c.results(), Optional.empty());
            }
            CanonicalKey key = canonical.orElseThrow(() -> new IllegalStateException(
                    "no rule failed for " + spec + " material, but no canonical form was built"));
            return new MaterialCheck(c.results(),
                    Optional.of(new AcceptedMaterial(spec, SecretBytes.wrap(key.material()), key.publicKey())));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static Optional<CanonicalKey> familyRules(Checklist c, KeySpec spec, boolean chinaRegion, byte[] bytes) {
        switch (spec.family()) {
            case SYMMETRIC:
                return RawRules.symmetric(c, chinaRegion, bytes);
            case HMAC:
                return RawRules.hmac(c, spec, bytes);
            case RSA:
                return RsaRules.check(c, spec, bytes);
            case ECC_NIST:
            case ECC_SECG:
            case SM2:
                return EcRules.check(c, spec, bytes);
            case EDWARDS:
                return EdRules.check(c, spec, bytes);
            default:
                throw new IllegalStateException("no material rules for " + spec);
        }
    }

    private static void keySpecRule(Checklist c, KeySpec spec, boolean chinaRegion) {
        if (!spec.chinaRegionsOnly()) {
            c.pass(KEY_SPEC, "a key spec that accepts imported material", spec + " accepts imported material");
        } else if (chinaRegion) {
            c.pass(KEY_SPEC, "a China Region, for key spec " + spec, spec + " in a China Region");
        } else {
            c.fail(KEY_SPEC, "a China Region (cn-north-1 or cn-northwest-1), for key spec " + spec,
                    spec + " outside the China Regions; SM2 keys exist only in the China Regions",
                    "Create and import SM2 keys in a China Region (the aws-cn partition). Elsewhere, ECC_NIST_P256"
                            + " is the comparable 256-bit curve.");
        }
    }

    private static boolean sizeRule(Checklist c, KeySpec spec, boolean chinaRegion, int length) {
        String expected = "1 to " + MAXIMUM_BYTES + " bytes";
        if (length == 0) {
            c.failAndBlock(SIZE, expected, "0 bytes: there is no key material",
                    "Choose the file that holds the key material. To make test material for this key spec: "
                            + KeyTexts.generateCommand(spec, chinaRegion),
                    "Not checked: there is no material (rule material.size failed)");
            return false;
        }
        if (length > MAXIMUM_BYTES) {
            c.failAndBlock(SIZE, expected, length + " bytes: over the limit, so not parsed",
                    "This is larger than key material of any key spec; check that you chose the right file (not a key"
                            + " store, certificate chain or archive). To make test material for this key spec: "
                            + KeyTexts.generateCommand(spec, chinaRegion),
                    "Not checked: the material is over the " + MAXIMUM_BYTES + "-byte limit (rule material.size failed)");
            return false;
        }
        c.pass(SIZE, expected, length + (length == 1 ? " byte" : " bytes"));
        return true;
    }
}
