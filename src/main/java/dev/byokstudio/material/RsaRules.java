package dev.byokstudio.material;

import dev.byokstudio.kms.KeySpec;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** The rules for RSA_2048, RSA_3072 and RSA_4096 material, after the PKCS#8 rules. */
final class RsaRules {

    static final Rule PRIVATE_KEY = new Rule("rsa.private-key", "RSAPrivateKey structure",
            "Inside the PKCS#8, an RSA key is a PKCS#1 RSAPrivateKey (RFC 8017, A.1.2): a SEQUENCE of the INTEGERs"
                    + " version, n, e, d, p, q, dP, dQ and qInv. KMS needs all of them to use the key.");
    static final Rule TWO_PRIME = new Rule("rsa.two-prime", "Two-prime RSA",
            "KMS keys are two-prime RSA keys (RSAPrivateKey version 0). Multi-prime keys (version 1, with"
                    + " otherPrimeInfos) are refused.");
    static final Rule MODULUS_SIZE = new Rule("rsa.modulus-size", "Modulus size",
            "The key spec fixes the modulus size exactly: RSA_2048, RSA_3072 and RSA_4096 take moduli of exactly"
                    + " 2048, 3072 and 4096 bits. A KMS key's key spec cannot change after it is created.");
    static final Rule PUBLIC_EXPONENT = new Rule("rsa.public-exponent", "Public exponent",
            "The public exponent e must be odd and greater than 1 (and less than n), or the key cannot encrypt and"
                    + " verify correctly.");
    static final Rule MODULUS_FACTORS = new Rule("rsa.modulus-factors", "Modulus equals p·q",
            "The modulus n must be the product of the two distinct primes p and q in the key; otherwise the public"
                    + " key KMS derives does not belong to the private key.");
    static final Rule PRIVATE_EXPONENT = new Rule("rsa.private-exponent", "Private exponent inverts e",
            "d·e ≡ 1 (mod lcm(p−1, q−1)) is what makes decryption undo encryption and signatures verify; a key that"
                    + " breaks it produces wrong results.");
    static final Rule CRT_PARAMETERS = new Rule("rsa.crt-parameters", "CRT parameters",
            "Private-key operations use the CRT values dP = d mod (p−1), dQ = d mod (q−1) and qInv = q⁻¹ mod p."
                    + " Wrong values give wrong signatures and plaintexts, and a faulty CRT signature can reveal a"
                    + " prime factor of the key.");

    private static final String REEXPORT = "The key is corrupted or was assembled from parts of different keys."
            + " Export it again from its source; openssl pkey -inform DER -in key.der -check -noout shows what is"
            + " wrong.";

    private RsaRules() {
    }

    /** The integers of a two-prime RSAPrivateKey (secret). */
    private record Parts(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q, BigInteger dP,
            BigInteger dQ, BigInteger qInv) {

        @Override
        public String toString() {
            return "RsaRules.Parts[" + n.bitLength() + "-bit modulus]";
        }
    }

    static Optional<CanonicalKey> check(Checklist c, KeySpec spec, byte[] material) {
        return Pkcs8Rules.checkPkcs8(c, spec, material, RsaRules::checkKey);
    }

    private static Optional<CanonicalKey> checkKey(Checklist c, KeySpec spec, Optional<Pkcs8Key> pkcs8) {
        int bits = KeyTexts.rsaBits(spec);

        String structure = "an RSAPrivateKey: SEQUENCE { version, n, e, d, p, q, dP, dQ, qInv } of positive INTEGERs";
        ASN1Sequence seq = null;
        if (!c.skip(PRIVATE_KEY, structure)) {
            Asn1.Read read = Asn1.readOne(pkcs8.orElseThrow().privateKey());
            String problem = structureProblem(read);
            if (problem != null) {
                c.failAndBlock(PRIVATE_KEY, structure, problem,
                        "Export the key again from its source, or let OpenSSL rewrite it (if it can read it):"
                                + " openssl pkcs8 -topk8 -inform DER -outform DER -nocrypt -in key.der -out key.pkcs8.der",
                        "Not checked: the RSAPrivateKey inside the PKCS#8 cannot be read (rule rsa.private-key failed)");
            } else {
                seq = (ASN1Sequence) read.object();
                c.pass(PRIVATE_KEY, structure, "a well-formed RSAPrivateKey, version " + integer(seq, 0));
            }
        }

        String twoPrimeExpected = "two primes: version 0, no otherPrimeInfos";
        String notTwoPrime = null;
        if (!c.skip(TWO_PRIME, twoPrimeExpected)) {
            BigInteger version = integer(seq, 0);
            boolean hasOthers = seq.size() == 10;
            if (version.signum() == 0 && !hasOthers) {
                c.pass(TWO_PRIME, twoPrimeExpected, "2 primes (version 0)");
            } else {
                String found;
                if (hasOthers && seq.getObjectAt(9) instanceof ASN1Sequence others) {
                    found = (2 + others.size()) + " primes; KMS accepts only two-prime RSA (this key is version "
                            + version + ", with otherPrimeInfos)";
                } else {
                    found = "version " + version + " (multi-prime) without otherPrimeInfos; KMS accepts only two-prime"
                            + " RSA (version 0)";
                }
                c.fail(TWO_PRIME, twoPrimeExpected, found, "A multi-prime key cannot be converted to a two-prime key."
                        + " Generate a two-prime key (OpenSSL's default): " + KeyTexts.generateCommand(spec, false));
                notTwoPrime = "Not checked: these checks are for two-prime keys (rule rsa.two-prime failed)";
            }
        }

        String sizeExpected = bits + " bits (key spec " + spec + ")";
        if (!c.skip(MODULUS_SIZE, sizeExpected)) {
            int found = integer(seq, 1).bitLength();
            if (found == bits) {
                c.pass(MODULUS_SIZE, sizeExpected, "Modulus " + found + " bits");
            } else {
                c.fail(MODULUS_SIZE, sizeExpected, "Modulus " + found + " bits", sizeRemedy(spec, found));
            }
        }

        String exponentExpected = "an odd public exponent greater than 1 and less than n (usually 65537)";
        if (!c.skip(PUBLIC_EXPONENT, exponentExpected)) {
            BigInteger n = integer(seq, 1);
            BigInteger e = integer(seq, 2);
            String shown = e.bitLength() <= 32 ? "e = " + e : "a " + e.bitLength() + "-bit public exponent";
            if (e.testBit(0) && e.compareTo(BigInteger.ONE) > 0 && e.compareTo(n) < 0) {
                c.pass(PUBLIC_EXPONENT, exponentExpected, shown + ": odd and greater than 1");
            } else {
                String why = !e.testBit(0) ? "even"
                        : e.compareTo(BigInteger.ONE) <= 0 ? "not greater than 1" : "not less than n";
                c.fail(PUBLIC_EXPONENT, exponentExpected, shown + ": " + why,
                        "Generate a new key with the standard exponent 65537 (OpenSSL's default): "
                                + KeyTexts.generateCommand(spec, false));
            }
        }

        String factorsExpected = "n = p·q with distinct p, q greater than 1";
        Parts parts = null;
        if (!c.skip(MODULUS_FACTORS, factorsExpected, notTwoPrime)) {
            parts = parts(seq);
            String found = null;
            if (parts.p().compareTo(BigInteger.ONE) <= 0 || parts.q().compareTo(BigInteger.ONE) <= 0) {
                found = "a prime factor that is not greater than 1";
            } else if (parts.p().equals(parts.q())) {
                found = "p = q: the modulus is a square, which anyone can factor";
            } else if (!parts.p().multiply(parts.q()).equals(parts.n())) {
                found = "n ≠ p·q: the modulus is not the product of the two primes in the key";
            }
            if (found == null) {
                c.pass(MODULUS_FACTORS, factorsExpected, "n = p·q");
            } else {
                c.fail(MODULUS_FACTORS, factorsExpected, found, REEXPORT);
            }
        }
        boolean usablePrimes = parts != null && parts.p().compareTo(BigInteger.ONE) > 0
                && parts.q().compareTo(BigInteger.ONE) > 0;
        String noPrimes = notTwoPrime != null ? notTwoPrime
                : usablePrimes ? null
                : "Not checked: the key has no usable primes p and q (rule rsa.modulus-factors failed)";

        String exponentInverse = "d·e ≡ 1 (mod lcm(p−1, q−1))";
        if (!c.skip(PRIVATE_EXPONENT, exponentInverse, noPrimes)) {
            BigInteger pm1 = parts.p().subtract(BigInteger.ONE);
            BigInteger qm1 = parts.q().subtract(BigInteger.ONE);
            BigInteger lambda = pm1.divide(pm1.gcd(qm1)).multiply(qm1);
            if (parts.d().multiply(parts.e()).mod(lambda).equals(BigInteger.ONE)) {
                c.pass(PRIVATE_EXPONENT, exponentInverse, "d·e ≡ 1 (mod lcm(p−1, q−1))");
            } else {
                c.fail(PRIVATE_EXPONENT, exponentInverse,
                        "d·e ≢ 1 (mod lcm(p−1, q−1)): the private exponent does not invert the public one", REEXPORT);
            }
        }

        String crtExpected = "dP = d mod (p−1), dQ = d mod (q−1), qInv·q ≡ 1 (mod p)";
        if (!c.skip(CRT_PARAMETERS, crtExpected, noPrimes)) {
            List<String> wrong = new ArrayList<>();
            if (!parts.dP().equals(parts.d().mod(parts.p().subtract(BigInteger.ONE)))) {
                wrong.add("dP ≠ d mod (p−1)");
            }
            if (!parts.dQ().equals(parts.d().mod(parts.q().subtract(BigInteger.ONE)))) {
                wrong.add("dQ ≠ d mod (q−1)");
            }
            if (!parts.qInv().multiply(parts.q()).mod(parts.p()).equals(BigInteger.ONE)) {
                wrong.add("qInv·q ≢ 1 (mod p)");
            }
            if (wrong.isEmpty()) {
                c.pass(CRT_PARAMETERS, crtExpected, crtExpected);
            } else {
                c.fail(CRT_PARAMETERS, crtExpected, String.join("; ", wrong), REEXPORT);
            }
        }

        if (c.anyFailed() || parts == null) {
            return Optional.empty();
        }
        return Optional.of(canonical(parts));
    }

    /** Why the privateKey octets are not an RSAPrivateKey, or null when they are. */
    private static String structureProblem(Asn1.Read read) {
        if (!read.ok()) {
            return "the PKCS#8 privateKey field does not hold ASN.1: " + read.problem();
        }
        if (read.trailingBytes() != 0) {
            return "the RSAPrivateKey is followed by " + read.trailingBytes() + " stray bytes inside the privateKey field";
        }
        if (!(read.object() instanceof ASN1Sequence seq)) {
            return "the privateKey field holds an ASN.1 " + Asn1.typeName(read.object()) + ", not an RSAPrivateKey";
        }
        if (seq.size() != 9 && seq.size() != 10) {
            return "a SEQUENCE of " + seq.size() + " elements; an RSAPrivateKey has 9 (10 with otherPrimeInfos)";
        }
        for (int i = 0; i < 9; i++) {
            if (!(seq.getObjectAt(i) instanceof ASN1Integer)) {
                return "element " + (i + 1) + " of the RSAPrivateKey is not an INTEGER";
            }
        }
        BigInteger version = integer(seq, 0);
        if (!version.equals(BigInteger.ZERO) && !version.equals(BigInteger.ONE)) {
            return "RSAPrivateKey version " + Asn1.smallNumber(version) + "; only 0 (two-prime) and 1 (multi-prime) exist";
        }
        if (seq.size() == 10 && !(seq.getObjectAt(9) instanceof ASN1Sequence)) {
            return "the element after qInv is not an otherPrimeInfos SEQUENCE";
        }
        for (int i = 1; i < 9; i++) {
            if (integer(seq, i).signum() <= 0) {
                return "a zero or negative value among n, e, d, p, q, dP, dQ, qInv";
            }
        }
        return null;
    }

    private static BigInteger integer(ASN1Sequence seq, int index) {
        return ((ASN1Integer) seq.getObjectAt(index)).getValue();
    }

    private static Parts parts(ASN1Sequence seq) {
        return new Parts(integer(seq, 1), integer(seq, 2), integer(seq, 3), integer(seq, 4), integer(seq, 5),
                integer(seq, 6), integer(seq, 7), integer(seq, 8));
    }

    private static String sizeRemedy(KeySpec spec, int found) {
        String generate = "generate a " + KeyTexts.rsaBits(spec) + "-bit key for this one: "
                + KeyTexts.generateCommand(spec, false);
        if (found == 2048 || found == 3072 || found == 4096) {
            return "This is an RSA_" + found + " key: import it into a KMS key with key spec RSA_" + found + ", or "
                    + generate;
        }
        return "KMS supports RSA moduli of exactly 2048, 3072 and 4096 bits; " + generate;
    }

    private static CanonicalKey canonical(Parts k) {
        AlgorithmIdentifier rsa = new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);
        try {
            RSAPrivateKey privateKey = new RSAPrivateKey(k.n(), k.e(), k.d(), k.p(), k.q(), k.dP(), k.dQ(), k.qInv());
            byte[] pkcs8 = new PrivateKeyInfo(rsa, privateKey).getEncoded(ASN1Encoding.DER);
            byte[] spki = new SubjectPublicKeyInfo(rsa, new RSAPublicKey(k.n(), k.e())).getEncoded(ASN1Encoding.DER);
            return new CanonicalKey(pkcs8, Optional.of(spki));
        } catch (IOException e) {
            throw new IllegalStateException("encoding a freshly built RSA PrivateKeyInfo failed", e);
        }
    }
}
