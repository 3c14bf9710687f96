package dev.byokstudio.material;

import dev.byokstudio.kms.KeySpec;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** The two rules every asymmetric key spec starts with: the PKCS#8 container, and the algorithm in it. */
final class Pkcs8Rules {

    static final Rule FORMAT = new Rule("pkcs8.format", "Unencrypted PKCS#8 PrivateKeyInfo",
            "KMS takes an asymmetric private key only as an unencrypted PKCS#8 PrivateKeyInfo (RFC 5208), in binary"
                    + " DER (AWS also accepts a BER encoding of the same structure), and derives the public key"
                    + " itself. The PKCS#8 is not encrypted: the wrapping key protects the material in transit.");

    static final Rule ALGORITHM = new Rule("pkcs8.algorithm", "Key algorithm",
            "The PrivateKeyInfo's AlgorithmIdentifier names the kind of key inside. It must be the kind the KMS key"
                    + " was created for: a KMS key's key spec is fixed when it is created.");

    private static final String NOT_PKCS8 =
            "Not checked: the material is not a usable PKCS#8 PrivateKeyInfo (rule pkcs8.format failed)";
    private static final String OTHER_ALGORITHM =
            "Not checked: the material holds a different kind of key (rule pkcs8.algorithm failed)";
    private static final String WRAP_COMMAND =
            "openssl pkcs8 -topk8 -inform DER -outform DER -nocrypt -in key.der -out key.pkcs8.der";

    private Pkcs8Rules() {
    }

    /** Rule pkcs8.format: returns the PKCS#8 key when the material is one, and blocks later rules when not. */
    static Optional<Pkcs8Key> format(Checklist c, KeySpec spec, byte[] material) {
        String expected = "an unencrypted PKCS#8 PrivateKeyInfo in DER (BER also accepted) holding "
                + KeyTexts.expectedKey(spec);
        if (c.skip(FORMAT, expected)) {
            return Optional.empty();
        }
        MaterialFormat.Detection found = MaterialFormat.detect(material);
        if (found.kind() == MaterialFormat.Kind.PKCS8 && found.pkcs8().isPresent() && found.trailingBytes() == 0) {
            Pkcs8Key key = found.pkcs8().get();
            c.pass(FORMAT, expected, containerWords(key));
            return Optional.of(key);
        }
        String generate = "To make test material for this key spec: " + KeyTexts.generateCommand(spec, false);
        String foundText = found.description();
        String remedy;
        switch (found.kind()) {
            case PKCS8:
                if (found.problem() == null) {
                    int length = material.length - found.trailingBytes();
                    foundText = found.description() + ", followed by " + found.trailingBytes()
                            + " bytes that belong to no structure";
                    remedy = "Remove the bytes after the end of the PrivateKeyInfo (a newline added by an editor, or a"
                            + " transfer in text mode?): head -c " + length + " key.der > key.pkcs8.der";
                } else {
                    remedy = "Export the key again from its source, or let OpenSSL rewrite it as a well-formed PKCS#8"
                            + " (if OpenSSL can read it): " + WRAP_COMMAND;
                }
                break;
            case PKCS1_RSA_PRIVATE_KEY:
            case SEC1_EC_PRIVATE_KEY:
                remedy = "Wrap it in PKCS#8: " + WRAP_COMMAND;
                break;
            case ENCRYPTED_PKCS8:
                remedy = "Decrypt it to an unencrypted PKCS#8 (OpenSSL asks for the passphrase): openssl pkcs8"
                        + " -topk8 -nocrypt -inform DER -in key.der -outform DER -out key.pkcs8.der. The wrapping key protects the"
                        + " material in transit; delete the decrypted file once the import is done.";
                break;
            case PEM: {
                // Say what the PEM block holds: the key block, not whatever block comes first.
                DetectedMaterial inside = MaterialWorkbench.detect(material);
                foundText = inside.description() + ", as PEM text rather than binary DER";
                if (inside.structure().isPublicOnly()) {
                    remedy = PUBLIC_ONLY_REMEDY;
                } else {
                    String tidy = inside.notes().stream().anyMatch(n -> n.startsWith("indentation"))
                            ? "sed 's/^[[:space:]]*//' key.pem | openssl pkcs8 -topk8 -nocrypt" : "openssl pkcs8 -topk8 -nocrypt -in key.pem";
                    remedy = "Convert the PEM text to binary DER: " + tidy + " -outform DER -out key.der";
                }
                break;
            }
            case HEX_TEXT:
                remedy = "Decode the hexadecimal text to bytes first: xxd -r -p key.hex > key.der";
                break;
            case BASE64_TEXT:
                remedy = "Decode the Base64 text to bytes first: openssl base64 -d -in key.b64 -out key.der (add -A"
                        + " if the text is one long line)";
                break;
            case SUBJECT_PUBLIC_KEY_INFO:
            case PKCS1_RSA_PUBLIC_KEY:
            case X509_CERTIFICATE:
                remedy = PUBLIC_ONLY_REMEDY;
                break;
            case PKCS12:
                remedy = "Extract the private key from the key store: openssl pkcs12 -in store.p12 -nocerts -nodes"
                        + " | openssl pkcs8 -topk8 -nocrypt -outform DER -out key.der";
                break;
            case TRUNCATED_ASN1:
                remedy = "The file is cut short: copy or export it again, in binary mode. " + generate;
                break;
            default:
                remedy = "Supply " + KeyTexts.expectedKey(spec) + ". " + generate;
                break;
        }
        c.failAndBlock(FORMAT, expected, foundText, remedy, NOT_PKCS8);
        return Optional.empty();
    }

    private static String containerWords(Pkcs8Key key) {
        String container = key.version() == 0 ? "an unencrypted PKCS#8 PrivateKeyInfo (v1)"
                : "an unencrypted PKCS#8 OneAsymmetricKey (v2" + (key.publicKey() != null ? ", with a public key)" : ")");
        if (key.encoding().equals("DER")) {
            return container + ", DER";
        }
        return container + ", " + key.encoding() + "; AWS accepts BER and treats it as the same material as the DER"
                + " form";
    }

    private static final String PUBLIC_ONLY_REMEDY = "KMS needs the private key; it derives the public key itself."
            + " Export the private key that belongs to this public key as PKCS#8 DER: openssl pkcs8 -topk8 -nocrypt"
            + " -outform DER -in private-key.pem -out key.der";

    /** Rule pkcs8.algorithm. Blocks later rules when the key is of another kind. */
    static void algorithm(Checklist c, KeySpec spec, Optional<Pkcs8Key> pkcs8) {
        ASN1ObjectIdentifier want = expectedAlgorithm(spec);
        String expected = KeyTexts.expectedKey(spec) + " (algorithm " + expectedAlgorithmWords(spec) + ")";
        if (c.skip(ALGORITHM, expected)) {
            return;
        }
        Pkcs8Key key = pkcs8.orElseThrow(() -> new IllegalStateException("pkcs8.format passed without a key"));
        if (!key.algorithm().equals(want)) {
            c.failAndBlock(ALGORITHM, expected, KeyTexts.describe(key), otherKeyRemedy(spec, key), OTHER_ALGORITHM);
            return;
        }
        switch (spec.family()) {
            case RSA:
                if (key.parameters() != null && !(key.parameters() instanceof ASN1Null)) {
                    c.fail(ALGORITHM, expected, "rsaEncryption with parameters that are not NULL",
                            "Let OpenSSL rewrite the PKCS#8 with NULL parameters: " + WRAP_COMMAND);
                    return;
                }
                c.pass(ALGORITHM, expected, "rsaEncryption with "
                        + (key.parameters() == null ? "absent parameters (accepted as NULL)" : "NULL parameters"));
                return;
            case EDWARDS:
                if (key.parameters() != null) {
                    c.fail(ALGORITHM, expected, "Ed25519 with parameters; RFC 8410 says they must be absent",
                            "Let OpenSSL rewrite the PKCS#8 without parameters: " + WRAP_COMMAND);
                    return;
                }
                c.pass(ALGORITHM, expected, "Ed25519 with no parameters");
                return;
            default:
                c.pass(ALGORITHM, expected, "id-ecPublicKey (an elliptic-curve key; the curve is checked next)");
        }
    }

    private static ASN1ObjectIdentifier expectedAlgorithm(KeySpec spec) {
        switch (spec.family()) {
            case RSA:
                return PKCSObjectIdentifiers.rsaEncryption;
            case EDWARDS:
                return EdECObjectIdentifiers.id_Ed25519;
            default:
                return X9ObjectIdentifiers.id_ecPublicKey;
        }
    }

    private static String expectedAlgorithmWords(KeySpec spec) {
        switch (spec.family()) {
            case RSA:
                return "rsaEncryption, OID 1.2.840.113549.1.1.1, with NULL parameters";
            case EDWARDS:
                return "Ed25519, OID 1.3.101.112, with no parameters";
            default:
                return "id-ecPublicKey, OID 1.2.840.10045.2.1";
        }
    }

    private static String otherKeyRemedy(KeySpec spec, Pkcs8Key key) {
        String forThisKey = "For this KMS key, supply " + KeyTexts.expectedKey(spec) + "; to make test material: "
                + KeyTexts.generateCommand(spec, false);
        if (key.algorithm().equals(PKCSObjectIdentifiers.id_RSASSA_PSS) && spec.family() == KeySpec.Family.RSA) {
            return "KMS takes RSA keys only under the rsaEncryption identifier; an RSA-PSS-restricted key cannot be"
                    + " imported. Use a plain RSA key (KMS still signs with RSASSA-PSS when asked). " + forThisKey;
        }
        Optional<KeySpec> belongs = KeyTexts.specFor(key);
        if (belongs.isPresent() && !belongs.get().supportsExternalOrigin()) {
            return "KMS cannot import " + belongs.get() + " key material. " + forThisKey;
        }
        if (belongs.isPresent()) {
            return "This key fits a KMS key with key spec " + belongs.get() + ": import it into one of those. "
                    + forThisKey;
        }
        return forThisKey;
    }

    /** The rules of one family of private keys, run on a parsed PKCS#8 structure (empty if it did not parse). */
    interface KeyRules {
        Optional<CanonicalKey> check(Checklist c, KeySpec spec, Optional<Pkcs8Key> pkcs8);
    }

    /**
     * Parses the PKCS#8 structure, checks its algorithm, runs the family's {@code keyRules}, and clears the
     * parsed secrets afterwards.
     */
    static Optional<CanonicalKey> checkPkcs8(Checklist c, KeySpec spec, byte[] material, KeyRules keyRules) {
        Optional<Pkcs8Key> pkcs8 = format(c, spec, material);
        try {
            algorithm(c, spec, pkcs8);
            return keyRules.check(c, spec, pkcs8);
        } finally {
            pkcs8.ifPresent(Pkcs8Key::clear);
        }
    }
}
