package dev.byokstudio.material;

import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.WrappingAlgorithm;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.RFC5649WrapEngine;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.util.BigIntegers;

/**
 * Wrapping key material for import, on the client side, and unwrapping it, on the KMS side, exactly as
 * AWS defines the wrapping algorithms (reference §4.2) and byte-compatible with the OpenSSL commands AWS
 * documents (§4.3, {@link OpenSslCommands}):
 *
 * <ul>
 *   <li>{@code RSAES_OAEP_SHA_1}: RSA-OAEP with SHA-1 and MGF1-SHA-1, empty label, over the material;
 *   <li>{@code RSAES_OAEP_SHA_256}: RSA-OAEP with SHA-256 <em>and MGF1-SHA-256</em> (not the JCE default
 *       MGF1-SHA-1 of {@code OAEPWithSHA-256AndMGF1Padding}), empty label;
 *   <li>{@code RSA_AES_KEY_WRAP_SHA_1 / _SHA_256}: an ephemeral 256-bit AES key wraps the material with AES
 *       Key Wrap with Padding (RFC 5649); the AES key is encrypted with the matching RSA-OAEP; the output is
 *       the RSA block followed by the KWP block, which is 8 + ceil(n/8)·8 bytes for n bytes of material;
 *   <li>{@code SM2PKE} (China Regions): SM2 public-key encryption with SM3, written as the ASN.1 DER
 *       {@code SEQUENCE { INTEGER x, INTEGER y, OCTET STRING C3, OCTET STRING C2 }} of GM/T 0009 — what
 *       OpenSSL 3's {@code pkeyutl -encrypt} writes for an SM2 key;
 *   <li>{@code RSAES_PKCS1_V1_5}: refused both ways; KMS stopped accepting it on 2023-10-10.
 * </ul>
 *
 * <p>RSA-OAEP holds at most k − 2·hLen − 2 bytes (k the modulus length): 214/342/470 bytes with SHA-1
 * and 190/318/446 with SHA-256 for RSA_2048/3072/4096. Larger material, such as any RSA private key or a
 * P-521 key under RSA_2048 with SHA-256, needs RSA_AES_KEY_WRAP. Whether KMS accepts a combination of key
 * spec, wrapping key spec and algorithm (§3.3) is decided elsewhere; this class wraps whatever fits.
 */
public final class KeyWrapping {

    /** Size of the ephemeral AES key of RSA_AES_KEY_WRAP: AWS documents a 256-bit key. */
    static final int EPHEMERAL_AES_KEY_LENGTH = 32;

    private static final String PKCS1_REFUSED = "RSAES_PKCS1_V1_5 cannot be used: KMS stopped accepting it on "
            + "2023-10-10. Use RSAES_OAEP_SHA_256, or RSA_AES_KEY_WRAP_SHA_256 for key material that does not "
            + "fit one RSA block.";
    private static final OAEPParameterSpec OAEP_SHA_1 =
            new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
    private static final OAEPParameterSpec OAEP_SHA_256 =
            new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    /** SM2 on sm2p256v1: the point C1 is 04 ‖ x ‖ y with 32-byte coordinates; C3 is one SM3 hash. */
    private static final int SM2_COORDINATE_LENGTH = 32;
    private static final int SM3_LENGTH = 32;

    private KeyWrapping() {
    }

    /**
     * Wraps key material under a wrapping public key, as the person's own machine would before
     * ImportKeyMaterial. The plaintext is not modified; the copy read from it is cleared.
     *
     * @param plaintext the key material (raw bytes, or a PKCS#8 DER private key); not empty
     * @param wrappingKey an RSA_2048/3072/4096 public key for the RSA algorithms, an SM2 public key for SM2PKE
     * @return the {@code EncryptedKeyMaterial}
     * @throws IllegalArgumentException for RSAES_PKCS1_V1_5; for a key that is not a KMS wrapping key or
     *     does not match the algorithm; for empty material, or material larger than one RSA-OAEP block
     *     (the message says the limit and what to use instead)
     */
    public static byte[] wrap(SecretBytes plaintext, PublicKey wrappingKey, WrappingAlgorithm algorithm,
            SecureRandom random) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(wrappingKey, "wrappingKey");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(random, "random");
        if (algorithm == WrappingAlgorithm.RSAES_PKCS1_V1_5) {
            throw new IllegalArgumentException(PKCS1_REFUSED);
        }
        try {
            WrappingKeys.specOf(wrappingKey);
        } catch (MaterialFormatException e) {
            throw new IllegalArgumentException("Not a KMS wrapping public key. " + e.getMessage(), e);
        }
        if (!keyFits(wrappingKey, algorithm)) {
            throw new IllegalArgumentException(wrongKeyMessage(wrappingKey, algorithm));
        }
        if (plaintext.length() == 0) {
            throw new IllegalArgumentException("The key material is empty; there is nothing to wrap.");
        }
        byte[] material = plaintext.revealCopy();
        try {
            switch (algorithm) {
                case RSAES_OAEP_SHA_1:
                case RSAES_OAEP_SHA_256:
                    checkOaepCapacity(material.length, (RSAPublicKey) wrappingKey, algorithm);
                    return rsaOaepEncrypt(material, (RSAPublicKey) wrappingKey, oaep(algorithm), random);
                case RSA_AES_KEY_WRAP_SHA_1:
                case RSA_AES_KEY_WRAP_SHA_256:
                    return rsaAesWrap(material, (RSAPublicKey) wrappingKey, algorithm, random);
                case SM2PKE:
                    return sm2Encrypt(material, (ECPublicKey) wrappingKey, random);
                default:
                    throw new IllegalStateException("unhandled wrapping algorithm " + algorithm);
            }
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /**
     * Unwraps {@code EncryptedKeyMaterial} with the private half of the wrapping key, as KMS does in
     * ImportKeyMaterial. RSA_AES_KEY_WRAP input is split at the modulus length; the ephemeral AES key is
     * cleared after use.
     *
     * @return the key material; the caller owns it and should {@link SecretBytes#destroy() destroy} it
     * @throws UnwrapException with {@link UnwrapException.Reason#UNSUPPORTED_ALGORITHM} for
     *     RSAES_PKCS1_V1_5; {@code WRONG_KEY_TYPE} for an SM2 key with an RSA algorithm or the reverse;
     *     {@code WRONG_LENGTH} when the input (or the AES key inside it) cannot have come from the
     *     algorithm; {@code MALFORMED} when SM2PKE input is not its ASN.1 structure; {@code DECRYPTION_FAILED}
     *     for every failure to decrypt, with one message whatever step failed
     */
    public static SecretBytes unwrap(byte[] encryptedKeyMaterial, PrivateKey wrappingKey, WrappingAlgorithm algorithm)
            throws UnwrapException {
        Objects.requireNonNull(encryptedKeyMaterial, "encryptedKeyMaterial");
        Objects.requireNonNull(wrappingKey, "wrappingKey");
        Objects.requireNonNull(algorithm, "algorithm");
        if (algorithm == WrappingAlgorithm.RSAES_PKCS1_V1_5) {
            throw new UnwrapException(UnwrapException.Reason.UNSUPPORTED_ALGORITHM, PKCS1_REFUSED);
        }
        if (!keyFits(wrappingKey, algorithm)) {
            throw new UnwrapException(UnwrapException.Reason.WRONG_KEY_TYPE, wrongKeyMessage(wrappingKey, algorithm));
        }
        switch (algorithm) {
            case RSAES_OAEP_SHA_1:
            case RSAES_OAEP_SHA_256:
                return SecretBytes.wrap(rsaOaepUnwrap(encryptedKeyMaterial, wrappingKey, algorithm));
            case RSA_AES_KEY_WRAP_SHA_1:
            case RSA_AES_KEY_WRAP_SHA_256:
                return SecretBytes.wrap(rsaAesUnwrap(encryptedKeyMaterial, wrappingKey, algorithm));
            case SM2PKE:
                return SecretBytes.wrap(sm2Decrypt(encryptedKeyMaterial, (ECPrivateKey) wrappingKey));
            default:
                throw new IllegalStateException("unhandled wrapping algorithm " + algorithm);
        }
    }

    /** The most bytes one RSA-OAEP block of this algorithm holds under a modulus of {@code modulusLength} bytes. */
    static int oaepCapacity(int modulusLength, WrappingAlgorithm algorithm) {
        int hashLength = isSha256(algorithm) ? 32 : 20;
        return modulusLength - 2 * hashLength - 2;
    }

    // --- RSA-OAEP ---

    private static void checkOaepCapacity(int length, RSAPublicKey key, WrappingAlgorithm algorithm) {
        int capacity = oaepCapacity(WrappingKeys.modulusLength(key), algorithm);
        if (length > capacity) {
            int bits = key.getModulus().bitLength();
            throw new IllegalArgumentException("Key material of " + length + " bytes does not fit one RSA_" + bits
                    + " " + algorithm + " block, which holds at most " + capacity + " bytes. Use "
                    + (bits < 4096 ? "a larger wrapping key spec (RSA_4096 holds "
                            + oaepCapacity(512, algorithm) + " bytes) or " : "")
                    + (isSha256(algorithm) ? "RSA_AES_KEY_WRAP_SHA_256" : "RSA_AES_KEY_WRAP_SHA_1")
                    + ", which wraps material of any size.");
        }
    }

    private static byte[] rsaOaepEncrypt(byte[] plaintext, RSAPublicKey key, OAEPParameterSpec spec,
            SecureRandom random) {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, spec, random);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-OAEP encryption failed for a checked key and length", e);
        }
    }

    private static byte[] rsaOaepUnwrap(byte[] encrypted, PrivateKey key, WrappingAlgorithm algorithm)
            throws UnwrapException {
        int k = WrappingKeys.modulusLength((RSAKey) key);
        if (encrypted.length != k) {
            throw new UnwrapException(UnwrapException.Reason.WRONG_LENGTH, "Expected " + k
                    + " bytes of encrypted key material (one RSA_" + k * 8 + " block) for " + algorithm
                    + "; found " + encrypted.length + " bytes. Check that the whole file was sent, and that it "
                    + "was wrapped with this public key and algorithm.");
        }
        return rsaOaepDecrypt(encrypted, key, algorithm);
    }

    private static byte[] rsaOaepDecrypt(byte[] block, PrivateKey key, WrappingAlgorithm algorithm)
            throws UnwrapException {
        Cipher cipher;
        try {
            cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, oaep(algorithm));
        } catch (InvalidKeyException e) {
            throw new UnwrapException(UnwrapException.Reason.WRONG_KEY_TYPE,
                    "This RSA private key cannot be used for RSA-OAEP decryption.");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-OAEP is not available", e);
        }
        try {
            return cipher.doFinal(block);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            throw decryptionFailed(algorithm);
        }
    }

    // --- RSA_AES_KEY_WRAP ---

    private static byte[] rsaAesWrap(byte[] material, RSAPublicKey key, WrappingAlgorithm algorithm,
            SecureRandom random) {
        byte[] aesKey = new byte[EPHEMERAL_AES_KEY_LENGTH];
        try {
            random.nextBytes(aesKey);
            byte[] rsaBlock = rsaOaepEncrypt(aesKey, key, oaep(algorithm), random);
            byte[] kwpBlock = kwpWrap(aesKey, material);
            byte[] out = Arrays.copyOf(rsaBlock, rsaBlock.length + kwpBlock.length);
            System.arraycopy(kwpBlock, 0, out, rsaBlock.length, kwpBlock.length);
            return out;
        } finally {
            Arrays.fill(aesKey, (byte) 0);
        }
    }

    private static byte[] rsaAesUnwrap(byte[] encrypted, PrivateKey key, WrappingAlgorithm algorithm)
            throws UnwrapException {
        int k = WrappingKeys.modulusLength((RSAKey) key);
        int kwpLength = encrypted.length - k;
        if (kwpLength < 16 || kwpLength % 8 != 0) {
            throw new UnwrapException(UnwrapException.Reason.WRONG_LENGTH, "Expected " + algorithm
                    + " output: one RSA_" + k * 8 + " block of " + k + " bytes followed by AES key wrap output "
                    + "(a multiple of 8 bytes, at least 16); found " + encrypted.length + " bytes in all. Check "
                    + "that the whole file was sent, with the RSA block first (cat aes-key-wrapped.bin "
                    + "key-material-wrapped.bin).");
        }
        byte[] aesKey = rsaOaepDecrypt(Arrays.copyOfRange(encrypted, 0, k), key, algorithm);
        try {
            if (aesKey.length != EPHEMERAL_AES_KEY_LENGTH) {
                throw new UnwrapException(UnwrapException.Reason.WRONG_LENGTH, "The AES key inside the RSA block is "
                        + aesKey.length + " bytes; " + algorithm + " takes a 256-bit (32-byte) AES key, as AWS "
                        + "documents (openssl rand -out aes-key.bin 32).");
            }
            return kwpUnwrap(aesKey, Arrays.copyOfRange(encrypted, k, encrypted.length), algorithm);
        } finally {
            Arrays.fill(aesKey, (byte) 0);
        }
    }

    private static byte[] kwpWrap(byte[] aesKey, byte[] material) {
        KeyParameter keyParameter = new KeyParameter(aesKey);
        try {
            RFC5649WrapEngine engine = new RFC5649WrapEngine(AESEngine.newInstance());
            engine.init(true, keyParameter);
            return engine.wrap(material, 0, material.length);
        } finally {
            Arrays.fill(keyParameter.getKey(), (byte) 0);
        }
    }

    private static byte[] kwpUnwrap(byte[] aesKey, byte[] wrapped, WrappingAlgorithm algorithm)
            throws UnwrapException {
        KeyParameter keyParameter = new KeyParameter(aesKey);
        try {
            RFC5649WrapEngine engine = new RFC5649WrapEngine(AESEngine.newInstance());
            engine.init(false, keyParameter);
            return engine.unwrap(wrapped, 0, wrapped.length);
        } catch (InvalidCipherTextException e) {
            throw decryptionFailed(algorithm);
        } finally {
            Arrays.fill(keyParameter.getKey(), (byte) 0);
        }
    }

    // --- SM2PKE ---

    private static byte[] sm2Encrypt(byte[] material, ECPublicKey key, SecureRandom random) {
        ECPublicKeyParameters publicKey = new ECPublicKeyParameters(WrappingKeys.sm2Point(key), WrappingKeys.sm2Domain());
        SM2Engine engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.init(true, new ParametersWithRandom(publicKey, random));
        byte[] raw;
        try {
            raw = engine.processBlock(material, 0, material.length);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("SM2 encryption failed", e);
        }
        int c3Start = 1 + 2 * SM2_COORDINATE_LENGTH;
        int c2Start = c3Start + SM3_LENGTH;
        if (raw[0] != 0x04 || raw.length != c2Start + material.length) {
            throw new IllegalStateException("SM2Engine did not write C1 as an uncompressed point");
        }
        ASN1Encodable[] fields = {
            new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 1, 1 + SM2_COORDINATE_LENGTH))),
            new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 1 + SM2_COORDINATE_LENGTH, c3Start))),
            new DEROctetString(Arrays.copyOfRange(raw, c3Start, c2Start)),
            new DEROctetString(Arrays.copyOfRange(raw, c2Start, raw.length)),
        };
        try {
            return new DERSequence(fields).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of the SM2 ciphertext failed", e);
        }
    }

    private static byte[] sm2Decrypt(byte[] encrypted, ECPrivateKey key) throws UnwrapException {
        byte[] raw = sm2RawCiphertext(encrypted);
        SM2Engine engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.init(false, new ECPrivateKeyParameters(key.getS(), WrappingKeys.sm2Domain()));
        try {
            return engine.processBlock(raw, 0, raw.length);
        } catch (InvalidCipherTextException | IllegalArgumentException e) {
            // IllegalArgumentException: C1 is not a point on the curve.
            throw decryptionFailed(WrappingAlgorithm.SM2PKE);
        }
    }

    /** Reads the GM/T 0009 ASN.1 form into Bouncy Castle's C1 ‖ C3 ‖ C2. */
    private static byte[] sm2RawCiphertext(byte[] encrypted) throws UnwrapException {
        ASN1Primitive primitive;
        try {
            primitive = ASN1Primitive.fromByteArray(encrypted);
        } catch (IOException | IllegalArgumentException e) {
            boolean rawPoint = encrypted.length > 97 && encrypted[0] == 0x04;
            throw malformed(encrypted.length + " bytes that are not one ASN.1 structure"
                    + (rawPoint ? " (they start like a raw C1 ‖ C3 ‖ C2 or C1 ‖ C2 ‖ C3 ciphertext, which KMS "
                            + "does not accept; convert it to the ASN.1 form)" : ""));
        }
        if (!(primitive instanceof ASN1Sequence) || ((ASN1Sequence) primitive).size() != 4) {
            throw malformed(primitive instanceof ASN1Sequence
                    ? "a SEQUENCE of " + ((ASN1Sequence) primitive).size() + " elements" : "ASN.1 that is not a SEQUENCE");
        }
        ASN1Sequence sequence = (ASN1Sequence) primitive;
        if (!(sequence.getObjectAt(0) instanceof ASN1Integer) || !(sequence.getObjectAt(1) instanceof ASN1Integer)
                || !(sequence.getObjectAt(2) instanceof ASN1OctetString)
                || !(sequence.getObjectAt(3) instanceof ASN1OctetString)) {
            throw malformed("a SEQUENCE of 4 elements of other types");
        }
        BigInteger x = ((ASN1Integer) sequence.getObjectAt(0)).getValue();
        BigInteger y = ((ASN1Integer) sequence.getObjectAt(1)).getValue();
        byte[] c3 = ((ASN1OctetString) sequence.getObjectAt(2)).getOctets();
        byte[] c2 = ((ASN1OctetString) sequence.getObjectAt(3)).getOctets();
        if (x.signum() < 0 || y.signum() < 0 || x.bitLength() > 8 * SM2_COORDINATE_LENGTH
                || y.bitLength() > 8 * SM2_COORDINATE_LENGTH) {
            throw malformed("coordinates x, y that are negative or longer than 256 bits");
        }
        if (c3.length != SM3_LENGTH) {
            throw malformed("a C3 of " + c3.length + " bytes");
        }
        if (c2.length == 0) {
            throw malformed("an empty C2");
        }
        byte[] raw = new byte[1 + 2 * SM2_COORDINATE_LENGTH + SM3_LENGTH + c2.length];
        raw[0] = 0x04;
        BigIntegers.asUnsignedByteArray(x, raw, 1, SM2_COORDINATE_LENGTH);
        BigIntegers.asUnsignedByteArray(y, raw, 1 + SM2_COORDINATE_LENGTH, SM2_COORDINATE_LENGTH);
        System.arraycopy(c3, 0, raw, 1 + 2 * SM2_COORDINATE_LENGTH, SM3_LENGTH);
        System.arraycopy(c2, 0, raw, 1 + 2 * SM2_COORDINATE_LENGTH + SM3_LENGTH, c2.length);
        return raw;
    }

    private static UnwrapException malformed(String found) {
        return new UnwrapException(UnwrapException.Reason.MALFORMED, "Expected SM2PKE encrypted key material: "
                + "ASN.1 DER SEQUENCE { INTEGER x, INTEGER y, OCTET STRING C3 (32-byte SM3 hash), OCTET STRING C2 }"
                + " as OpenSSL 3 writes it; found " + found + ".");
    }

    // --- shared ---

    private static boolean keyFits(Key key, WrappingAlgorithm algorithm) {
        if (algorithm == WrappingAlgorithm.SM2PKE) {
            return (key instanceof ECPublicKey || key instanceof ECPrivateKey)
                    && WrappingKeys.isSm2((java.security.interfaces.ECKey) key);
        }
        return key instanceof RSAKey;
    }

    private static String wrongKeyMessage(Key key, WrappingAlgorithm algorithm) {
        return algorithm == WrappingAlgorithm.SM2PKE
                ? "SM2PKE needs an SM2 wrapping key (wrapping key spec SM2); this is " + WrappingKeys.describe(key) + "."
                : algorithm + " needs an RSA wrapping key (wrapping key spec RSA_2048, RSA_3072 or RSA_4096); this is "
                        + WrappingKeys.describe(key) + ". SM2 wrapping keys go with SM2PKE.";
    }

    private static UnwrapException decryptionFailed(WrappingAlgorithm algorithm) {
        return new UnwrapException(UnwrapException.Reason.DECRYPTION_FAILED, "The encrypted key material does not "
                + "decrypt with this wrapping key and " + algorithm + ". Likely causes: it was wrapped with the public "
                + "key of another GetParametersForImport call, or with another wrapping algorithm (for "
                + "RSAES_OAEP_SHA_256, MGF1 must use SHA-256 too), or the file was changed after wrapping.");
    }

    private static boolean isSha256(WrappingAlgorithm algorithm) {
        return algorithm == WrappingAlgorithm.RSAES_OAEP_SHA_256 || algorithm == WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256;
    }

    private static OAEPParameterSpec oaep(WrappingAlgorithm algorithm) {
        return isSha256(algorithm) ? OAEP_SHA_256 : OAEP_SHA_1;
    }
}
