package dev.byokstudio.embedded;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.material.MaterialCheck;
import dev.byokstudio.material.MaterialRules;
import dev.byokstudio.material.Providers;
import dev.byokstudio.store.StoredKey;
import dev.byokstudio.store.StoredMaterial;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.jcajce.interfaces.MLDSAPrivateKey;
import org.bouncycastle.jcajce.interfaces.MLKEMPrivateKey;

/**
 * The private and public keys of asymmetric KMS keys, read from their stored PKCS#8 material. The public
 * key is derived by the same rules that accepted the material on import ({@link MaterialRules}), so
 * GetPublicKey returns exactly what the import report showed. Parsed keys are kept in a small
 * least-recently-used cache keyed by key material ID (which names the key too): signing does not re-parse
 * a private key each time, and material that is deleted is never looked up again.
 */
final class KeyPairs {

    /** One asymmetric key: its JCA keys and its public key as the DER SubjectPublicKeyInfo KMS returns. */
    record Pair(KeySpec spec, PrivateKey privateKey, PublicKey publicKey, byte[] subjectPublicKeyInfo) {

        byte[] spki() {
            return subjectPublicKeyInfo.clone();
        }

        @Override
        public String toString() {
            return "Pair[" + spec + "]";
        }
    }

    private static final int CAPACITY = 64;

    private final Map<String, Pair> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pair> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The key pair of the key's current material; the key must have it (callers check the key state first). */
    Pair of(StoredKey key) {
        StoredMaterial material = key.currentMaterial().filter(StoredMaterial::isPresent)
                .orElseThrow(() -> new IllegalStateException("an Enabled asymmetric key has its material"));
        synchronized (cache) {
            Pair cached = cache.get(material.keyMaterialId());
            if (cached != null) {
                return cached;
            }
        }
        Pair pair = read(key.keySpec(), material.material());
        synchronized (cache) {
            cache.put(material.keyMaterialId(), pair);
        }
        return pair;
    }

    /** Reads PKCS#8 material of an asymmetric key spec and derives its public key. */
    static Pair read(KeySpec spec, SecretBytes pkcs8) {
        byte[] der = pkcs8.revealCopy();
        try {
            KeyFactory factory = factory(spec);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(der));
            byte[] spki;
            if (privateKey instanceof MLDSAPrivateKey) {
                spki = ((MLDSAPrivateKey) privateKey).getPublicKey().getEncoded();
            } else if (privateKey instanceof MLKEMPrivateKey) {
                spki = ((MLKEMPrivateKey) privateKey).getPublicKey().getEncoded();
            } else {
                MaterialCheck check = MaterialRules.check(spec, spec.chinaRegionsOnly(), pkcs8);
                spki = check.accepted().flatMap(a -> a.publicKey())
                        .orElseThrow(() -> new IllegalStateException("stored " + spec + " material no longer passes its rules"));
            }
            return new Pair(spec, privateKey, factory.generatePublic(new X509EncodedKeySpec(spki)), spki);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored key material of " + spec + " cannot be read", e);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /**
     * The JCA key factory for a spec: the JDK's for RSA and the NIST curves (so their signatures run on the
     * JDK's intrinsics), Bouncy Castle's for secp256k1, SM2, Ed25519 and the post-quantum specs.
     */
    static KeyFactory factory(KeySpec spec) throws GeneralSecurityException {
        switch (spec.family()) {
            case RSA:
                return KeyFactory.getInstance("RSA");
            case ECC_NIST:
                return KeyFactory.getInstance("EC");
            case ECC_SECG:
            case SM2:
                return KeyFactory.getInstance("EC", Providers.bouncyCastle());
            case EDWARDS:
                return KeyFactory.getInstance("Ed25519", Providers.bouncyCastle());
            case ML_DSA:
                return KeyFactory.getInstance("ML-DSA", Providers.bouncyCastle());
            case ML_KEM:
                return KeyFactory.getInstance("ML-KEM", Providers.bouncyCastle());
            default:
                throw new IllegalArgumentException(spec + " is not an asymmetric key spec");
        }
    }
}
