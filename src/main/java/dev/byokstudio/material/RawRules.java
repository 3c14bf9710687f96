package dev.byokstudio.material;

import dev.byokstudio.kms.KeySpec;
import java.util.Optional;

/** The rules for raw material: SYMMETRIC_DEFAULT and HMAC_224/256/384/512 keys. */
final class RawRules {

    static final Rule SYMMETRIC_LENGTH = new Rule("symmetric.length", "Key length",
            "KMS uses imported symmetric material directly as the key: 32 bytes for AES-256, or 16 bytes for SM4 in"
                    + " the China Regions. AWS refuses any other length with InvalidCiphertextException and an empty"
                    + " message.");
    static final Rule HMAC_MIN_LENGTH = new Rule("hmac.min-length", "Minimum key length",
            "HMAC key material must be at least as long as the key spec's digest: 28, 32, 48 or 64 bytes for"
                    + " HMAC_224, HMAC_256, HMAC_384 and HMAC_512. AWS refuses shorter material with"
                    + " InvalidCiphertextException and an empty message; a shorter key weakens the MAC.");
    static final Rule HMAC_MAX_LENGTH = new Rule("hmac.max-length", "Maximum key length",
            "HMAC key material may be at most 1024 bits (128 bytes). AWS documents no upper limit and none has been"
                    + " observed; 1024 bits is the limit BYOK Studio applies (the largest HMAC block size), so check"
                    + " longer material against real KMS.");

    private static final int HMAC_MAXIMUM_BYTES = 128;

    private RawRules() {
    }

    static Optional<CanonicalKey> symmetric(Checklist c, boolean chinaRegion, byte[] material) {
        int want = chinaRegion ? 16 : 32;
        String expected = chinaRegion
                ? "16 bytes: a 128-bit SM4 key as raw bytes (SYMMETRIC_DEFAULT in the China Regions)"
                : "32 bytes: a 256-bit AES key as raw bytes (key spec SYMMETRIC_DEFAULT)";
        if (c.skip(SYMMETRIC_LENGTH, expected)) {
            return Optional.empty();
        }
        MaterialFormat.Detection detected = MaterialFormat.detect(material);
        String found = KeyTexts.size(material.length) + note(detected);
        if (material.length == want) {
            c.pass(SYMMETRIC_LENGTH, expected, found);
            return Optional.of(new CanonicalKey(material.clone(), Optional.empty()));
        }
        String generate = KeyTexts.generateCommand(KeySpec.SYMMETRIC_DEFAULT, chinaRegion);
        String remedy;
        if (detected.kind().isKeyStructure()) {
            remedy = "This is not symmetric key material but " + detected.description() + ". " + notRaw(detected)
                    + " For this KMS key, generate " + want + " random bytes: " + generate;
        } else if (textual(detected)) {
            remedy = decodeFirst(detected) + ", or generate " + want + " random bytes: " + generate;
        } else if (material.length == 16) {
            remedy = "16 bytes is the SM4 key length of the China Regions; elsewhere SYMMETRIC_DEFAULT is AES-256."
                    + " Generate 32 random bytes: " + generate;
        } else if (material.length == 32 && chinaRegion) {
            remedy = "In the China Regions SYMMETRIC_DEFAULT is SM4, a 128-bit key. Generate 16 random bytes: "
                    + generate;
        } else {
            remedy = "Generate exactly " + want + " random bytes: " + generate;
        }
        c.fail(SYMMETRIC_LENGTH, expected, found, remedy);
        return Optional.empty();
    }

    static Optional<CanonicalKey> hmac(Checklist c, KeySpec spec, byte[] material) {
        int minimum = KeyMaterialGenerator.rawLength(spec, false);
        int digestBits = minimum * 8;
        String minExpected = "at least " + KeyTexts.size(minimum) + ", the SHA-" + digestBits + " output size (key spec "
                + spec + ")";
        String maxExpected = "at most " + KeyTexts.size(HMAC_MAXIMUM_BYTES);
        boolean skipped = c.skip(HMAC_MIN_LENGTH, minExpected);
        if (skipped) {
            c.skip(HMAC_MAX_LENGTH, maxExpected);
            return Optional.empty();
        }
        MaterialFormat.Detection detected = MaterialFormat.detect(material);
        String found = KeyTexts.size(material.length) + note(detected);
        String generate = KeyTexts.generateCommand(spec, false);
        if (material.length >= minimum) {
            c.pass(HMAC_MIN_LENGTH, minExpected, found);
        } else {
            c.fail(HMAC_MIN_LENGTH, minExpected, found, (textual(detected) ? decodeFirst(detected) + ", or g" : "G")
                    + "enerate " + minimum + " random bytes: " + generate);
        }
        if (material.length <= HMAC_MAXIMUM_BYTES) {
            c.pass(HMAC_MAX_LENGTH, maxExpected, found);
        } else {
            String remedy;
            if (detected.kind().isKeyStructure()) {
                remedy = "This is not HMAC key material but " + detected.description() + ". " + notRaw(detected)
                        + " For this KMS key, generate " + minimum + " random bytes: " + generate;
            } else if (textual(detected)) {
                remedy = decodeFirst(detected) + ", or generate " + minimum + " random bytes: " + generate;
            } else {
                remedy = material.length * 8L + " bits of HMAC material; the maximum is 1024: hash it with SHA-" + digestBits
                        + " and import the " + digestBits + "-bit digest (openssl dgst -sha" + digestBits + " -binary -out "
                        + spec + "_PlaintextKey.bin key.bin). HMAC itself replaces a key longer than its block size by the"
                        + " key's digest, so the digest computes the same MACs as the long key.";
            }
            c.fail(HMAC_MAX_LENGTH, maxExpected, found, remedy);
        }
        if (c.anyFailed()) {
            return Optional.empty();
        }
        return Optional.of(new CanonicalKey(material.clone(), Optional.empty()));
    }

    /** What to do with a key structure given as raw material. */
    private static String notRaw(MaterialFormat.Detection detected) {
        switch (detected.kind()) {
            case SUBJECT_PUBLIC_KEY_INFO:
            case PKCS1_RSA_PUBLIC_KEY:
            case X509_CERTIFICATE:
                return "It holds only a public key: KMS needs the private key, and only for an asymmetric KMS key.";
            default:
                return "Import a private key into an asymmetric KMS key of its key spec.";
        }
    }

    private static String decodeFirst(MaterialFormat.Detection detected) {
        switch (detected.kind()) {
            case HEX_TEXT:
                return "Decode the hexadecimal text to bytes first: xxd -r -p key.hex > key.bin";
            case BASE64_TEXT:
                return "Decode the Base64 text to bytes first: openssl base64 -d -in key.b64 -out key.bin";
            default:
                return "Supply the key as raw binary bytes rather than text";
        }
    }

    private static boolean textual(MaterialFormat.Detection detected) {
        return detected.kind() == MaterialFormat.Kind.HEX_TEXT || detected.kind() == MaterialFormat.Kind.BASE64_TEXT
                || detected.kind() == MaterialFormat.Kind.PEM || detected.kind() == MaterialFormat.Kind.TEXT;
    }

    /** What the bytes look like, when that is worth saying: a key structure or text rather than random bytes. */
    private static String note(MaterialFormat.Detection detected) {
        if (detected.kind().isKeyStructure()) {
            return "; these bytes are " + detected.description() + ", not raw key bytes";
        }
        if (textual(detected)) {
            return "; these bytes are " + detected.description() + ": if this is an encoded key, decode it first";
        }
        return "";
    }
}
