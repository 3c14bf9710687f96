package dev.byokstudio.material;

import dev.byokstudio.kms.KeySpec;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * The rules for ECC_NIST_EDWARDS25519 material, after the PKCS#8 rules (RFC 8410): the privateKey field
 * holds CurvePrivateKey, an OCTET STRING of the 32-byte seed; a v2 public key must be the derived one.
 */
final class EdRules {

    static final Rule PRIVATE_KEY = new Rule("ed25519.private-key", "Ed25519 private key encoding",
            "RFC 8410 encodes an Ed25519 private key as CurvePrivateKey, an OCTET STRING of the 32-byte seed, placed"
                    + " inside the PKCS#8 privateKey OCTET STRING (so the seed is wrapped twice).");
    static final Rule PUBLIC_KEY = new Rule("ed25519.public-key", "Public key belongs to the key",
            "A OneAsymmetricKey v2 may carry the public key; it must be the 32-byte key derived from the seed, or the"
                    + " key pair is inconsistent. It is optional: KMS derives the public key itself.");

    private EdRules() {
    }

    static Optional<CanonicalKey> check(Checklist c, KeySpec spec, byte[] material) {
        return Pkcs8Rules.checkPkcs8(c, spec, material, EdRules::checkKey);
    }

    private static Optional<CanonicalKey> checkKey(Checklist c, KeySpec spec, Optional<Pkcs8Key> pkcs8) {

        String keyExpected = "an OCTET STRING of exactly 32 bytes inside the privateKey field";
        byte[] seed = null;
        try {
            if (!c.skip(PRIVATE_KEY, keyExpected)) {
                byte[] privateKey = pkcs8.orElseThrow().privateKey();
                Asn1.Read read = Asn1.readOne(privateKey);
                String problem = null;
                if (!read.ok() || !(read.object() instanceof ASN1OctetString)) {
                    problem = "a privateKey field of " + privateKey.length + " bytes that do not form an inner OCTET"
                            + " STRING" + (privateKey.length == 32 ? " (the bare 32-byte seed, without the second"
                            + " OCTET STRING RFC 8410 requires)" : "");
                } else if (read.trailingBytes() != 0) {
                    problem = "an inner OCTET STRING followed by " + read.trailingBytes() + " stray bytes";
                } else {
                    int length = ((ASN1OctetString) read.object()).getOctets().length;
                    if (length != 32) {
                        problem = "an inner OCTET STRING of " + length + " bytes; an Ed25519 seed is 32 bytes";
                    }
                }
                if (problem != null) {
                    c.failAndBlock(PRIVATE_KEY, keyExpected, problem, "Encode the key as RFC 8410 does, as OpenSSL"
                            + " writes it; to make test material: " + KeyTexts.generateCommand(spec, false),
                            "Not checked: there is no usable Ed25519 seed (rule ed25519.private-key failed)");
                } else {
                    seed = ((ASN1OctetString) read.object()).getOctets().clone();
                    c.pass(PRIVATE_KEY, keyExpected, "an inner OCTET STRING of 32 bytes");
                }
            }

            String publicExpected = "absent, or the 32-byte public key derived from the seed";
            byte[] derived = null;
            if (!c.skip(PUBLIC_KEY, publicExpected)) {
                derived = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
                ASN1BitString stored = pkcs8.orElseThrow().publicKey();
                if (stored == null) {
                    c.pass(PUBLIC_KEY, publicExpected, "absent: KMS derives the public key from the seed");
                } else if (stored.getPadBits() != 0) {
                    c.fail(PUBLIC_KEY, publicExpected, "a stored public key BIT STRING with " + stored.getPadBits()
                            + " unused bits; an Ed25519 public key is 32 whole bytes", reexport());
                } else if (stored.getOctets().length != 32) {
                    c.fail(PUBLIC_KEY, publicExpected, "a stored public key of " + stored.getOctets().length
                            + " bytes; an Ed25519 public key is 32", reexport());
                } else if (!MessageDigest.isEqual(stored.getOctets(), derived)) {
                    c.fail(PUBLIC_KEY, publicExpected, "a stored public key that differs from the one derived from"
                            + " the seed: it belongs to a different private key", reexport());
                } else {
                    c.pass(PUBLIC_KEY, publicExpected, "a stored public key equal to the one derived from the seed");
                }
            }

            if (c.anyFailed() || derived == null) {
                return Optional.empty();
            }
            return Optional.of(canonical(seed, derived));
        } finally {
            if (seed != null) {
                Arrays.fill(seed, (byte) 0);
            }
        }
    }

    private static String reexport() {
        return "Export the key again from its source. If you are sure the seed is the right one, drop the public key:"
                + " supply a v1 PrivateKeyInfo with the same seed and no public key (the form OpenSSL writes).";
    }

    private static CanonicalKey canonical(byte[] seed, byte[] publicKey) {
        AlgorithmIdentifier ed25519 = new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);
        byte[] inner = seed.clone();
        try {
            byte[] pkcs8 = new PrivateKeyInfo(ed25519, new DEROctetString(inner)).getEncoded(ASN1Encoding.DER);
            byte[] spki = new SubjectPublicKeyInfo(ed25519, publicKey).getEncoded(ASN1Encoding.DER);
            return new CanonicalKey(pkcs8, Optional.of(spki));
        } catch (IOException e) {
            throw new IllegalStateException("encoding a freshly built Ed25519 PrivateKeyInfo failed", e);
        } finally {
            Arrays.fill(inner, (byte) 0);
        }
    }
}
