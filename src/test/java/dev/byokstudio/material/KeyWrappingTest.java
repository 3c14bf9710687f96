package dev.byokstudio.material;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyWrappingTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final OAEPParameterSpec OAEP_SHA_256_MGF1_SHA_256 =
            new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    private static final OAEPParameterSpec OAEP_SHA_1 =
            new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);

    /** One key pair per wrapping key spec, and a second one of each for "wrong private key". */
    private static final Map<WrappingKeySpec, KeyPair> KEYS = new EnumMap<>(WrappingKeySpec.class);
    private static final Map<WrappingKeySpec, KeyPair> OTHER_KEYS = new EnumMap<>(WrappingKeySpec.class);
    /** Representative key material, by name. */
    private static final Map<String, byte[]> MATERIALS = new LinkedHashMap<>();

    @BeforeAll
    static void generateKeysAndMaterial() throws IOException {
        for (WrappingKeySpec spec : WrappingKeySpec.values()) {
            KEYS.put(spec, WrappingKeys.generate(spec, RANDOM));
        }
        OTHER_KEYS.put(WrappingKeySpec.RSA_2048, WrappingKeys.generate(WrappingKeySpec.RSA_2048, RANDOM));
        OTHER_KEYS.put(WrappingKeySpec.SM2, WrappingKeys.generate(WrappingKeySpec.SM2, RANDOM));
        KeyMaterialGenerator generator = new KeyMaterialGenerator(RANDOM);
        MATERIALS.put("SYMMETRIC_DEFAULT 32 bytes", generator.generate(KeySpec.SYMMETRIC_DEFAULT, false).revealCopy());
        MATERIALS.put("HMAC_512 64 bytes", generator.generate(KeySpec.HMAC_512, false).revealCopy());
        MATERIALS.put("ECC_NIST_P521 PKCS#8 241 bytes",
                openSslFormEcPkcs8(generator.generate(KeySpec.ECC_NIST_P521, false).revealCopy(), 521));
        MATERIALS.put("SM2 PKCS#8", generator.generate(KeySpec.SM2, true).revealCopy());
        MATERIALS.put("RSA_4096 PKCS#8", generator.generate(KeySpec.RSA_4096, false).revealCopy());
    }

    static Stream<Arguments> everySupportedCombination() {
        List<Arguments> combinations = new ArrayList<>();
        for (WrappingAlgorithm algorithm : WrappingAlgorithm.values()) {
            for (WrappingKeySpec spec : WrappingKeySpec.values()) {
                if (!supports(algorithm, spec)) {
                    continue;
                }
                for (Map.Entry<String, byte[]> material : MATERIALS.entrySet()) {
                    if (fits(material.getValue().length, algorithm, spec)) {
                        combinations.add(Arguments.of(algorithm, spec, material.getKey()));
                    }
                }
            }
        }
        return combinations.stream();
    }

    @ParameterizedTest(name = "{0} with {1}: {2}")
    @MethodSource("everySupportedCombination")
    void wrapThenUnwrap_returnsTheMaterial(WrappingAlgorithm algorithm, WrappingKeySpec spec, String materialName)
            throws UnwrapException {
        byte[] material = MATERIALS.get(materialName);
        KeyPair pair = KEYS.get(spec);

        byte[] wrapped = KeyWrapping.wrap(SecretBytes.copyOf(material), pair.getPublic(), algorithm, RANDOM);
        SecretBytes unwrapped = KeyWrapping.unwrap(wrapped, pair.getPrivate(), algorithm);

        assertThat(unwrapped.revealCopy()).isEqualTo(material);
    }

    @Test
    void theRoundTripCoversEveryAlgorithmAndSpecKmsOffers() {
        assertThat(MATERIALS.get("ECC_NIST_P521 PKCS#8 241 bytes")).hasSize(241);
        assertThat(everySupportedCombination().map(a -> a.get()[0] + "/" + a.get()[1]).distinct())
                .containsExactlyInAnyOrder(
                        "RSAES_OAEP_SHA_1/RSA_2048", "RSAES_OAEP_SHA_1/RSA_3072", "RSAES_OAEP_SHA_1/RSA_4096",
                        "RSAES_OAEP_SHA_256/RSA_2048", "RSAES_OAEP_SHA_256/RSA_3072", "RSAES_OAEP_SHA_256/RSA_4096",
                        "RSA_AES_KEY_WRAP_SHA_1/RSA_2048", "RSA_AES_KEY_WRAP_SHA_1/RSA_3072",
                        "RSA_AES_KEY_WRAP_SHA_1/RSA_4096", "RSA_AES_KEY_WRAP_SHA_256/RSA_2048",
                        "RSA_AES_KEY_WRAP_SHA_256/RSA_3072", "RSA_AES_KEY_WRAP_SHA_256/RSA_4096", "SM2PKE/SM2");
        assertThat(everySupportedCombination().filter(a -> a.get()[2].equals("RSA_4096 PKCS#8"))
                .map(a -> a.get()[0].toString()).distinct())
                .containsExactlyInAnyOrder("RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256", "SM2PKE");
    }

    @Test
    void wrap_leavesThePlaintextIntactAndIsRandomized() {
        SecretBytes plaintext = SecretBytes.copyOf(MATERIALS.get("SYMMETRIC_DEFAULT 32 bytes"));
        KeyPair pair = KEYS.get(WrappingKeySpec.RSA_2048);

        byte[] first = KeyWrapping.wrap(plaintext, pair.getPublic(), WrappingAlgorithm.RSAES_OAEP_SHA_256, RANDOM);
        byte[] second = KeyWrapping.wrap(plaintext, pair.getPublic(), WrappingAlgorithm.RSAES_OAEP_SHA_256, RANDOM);

        assertThat(plaintext.isDestroyed()).isFalse();
        assertThat(plaintext.revealCopy()).isEqualTo(MATERIALS.get("SYMMETRIC_DEFAULT 32 bytes"));
        assertThat(first).hasSize(256).isNotEqualTo(second);
    }

    // --- RSA-OAEP capacity ---

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = WrappingAlgorithm.class, names = {"RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"})
    void rsaOaep_holdsExactlyKMinus2HashMinus2Bytes(WrappingAlgorithm algorithm) throws UnwrapException {
        int hashLength = algorithm == WrappingAlgorithm.RSAES_OAEP_SHA_256 ? 32 : 20;
        for (WrappingKeySpec spec : List.of(WrappingKeySpec.RSA_2048, WrappingKeySpec.RSA_3072, WrappingKeySpec.RSA_4096)) {
            KeyPair pair = KEYS.get(spec);
            int capacity = modulusBits(spec) / 8 - 2 * hashLength - 2;
            byte[] largest = randomBytes(capacity);

            byte[] wrapped = KeyWrapping.wrap(SecretBytes.copyOf(largest), pair.getPublic(), algorithm, RANDOM);
            assertThat(KeyWrapping.unwrap(wrapped, pair.getPrivate(), algorithm).revealCopy()).isEqualTo(largest);
            assertThatThrownBy(() -> KeyWrapping.wrap(SecretBytes.copyOf(randomBytes(capacity + 1)), pair.getPublic(),
                    algorithm, RANDOM))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most " + capacity + " bytes");
        }
    }

    @Test
    void p521MaterialIntoRsa2048OaepSha256_failsClearly() {
        byte[] p521 = MATERIALS.get("ECC_NIST_P521 PKCS#8 241 bytes");

        assertThatThrownBy(() -> KeyWrapping.wrap(SecretBytes.copyOf(p521), KEYS.get(WrappingKeySpec.RSA_2048).getPublic(),
                WrappingAlgorithm.RSAES_OAEP_SHA_256, RANDOM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Key material of 241 bytes does not fit one RSA_2048 RSAES_OAEP_SHA_256 block, which holds "
                        + "at most 190 bytes. Use a larger wrapping key spec (RSA_4096 holds 446 bytes) or "
                        + "RSA_AES_KEY_WRAP_SHA_256, which wraps material of any size.");
    }

    @Test
    void rsaPrivateKeyMaterialIntoRsaOaep_failsEvenWithRsa4096() {
        byte[] rsa = MATERIALS.get("RSA_4096 PKCS#8");

        assertThatThrownBy(() -> KeyWrapping.wrap(SecretBytes.copyOf(rsa), KEYS.get(WrappingKeySpec.RSA_4096).getPublic(),
                WrappingAlgorithm.RSAES_OAEP_SHA_1, RANDOM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 470 bytes")
                .hasMessageContaining("RSA_AES_KEY_WRAP_SHA_1");
    }

    // --- the MGF1 pitfall (reference §4.4) ---

    @Test
    void rsaesOaepSha256_refusesCiphertextMadeWithTheJceDefaultMgf1Sha1() throws GeneralSecurityException {
        KeyPair pair = KEYS.get(WrappingKeySpec.RSA_2048);
        byte[] material = MATERIALS.get("SYMMETRIC_DEFAULT 32 bytes");
        Cipher jceDefault = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        jceDefault.init(Cipher.ENCRYPT_MODE, pair.getPublic(), RANDOM);
        assertThat(jceDefault.getParameters().getParameterSpec(OAEPParameterSpec.class)
                .getMGFParameters()).isEqualTo(MGF1ParameterSpec.SHA1);
        byte[] wrappedWithMgf1Sha1 = jceDefault.doFinal(material);

        UnwrapException e = unwrapFailure(wrappedWithMgf1Sha1, pair.getPrivate(), WrappingAlgorithm.RSAES_OAEP_SHA_256);

        assertThat(e.reason()).isEqualTo(UnwrapException.Reason.DECRYPTION_FAILED);
        assertThat(e).hasMessageContaining("MGF1 must use SHA-256");
    }

    @Test
    void rsaesOaepSha256_wrapsWithMgf1Sha256NotTheJceDefault() throws GeneralSecurityException {
        KeyPair pair = KEYS.get(WrappingKeySpec.RSA_2048);
        byte[] material = MATERIALS.get("SYMMETRIC_DEFAULT 32 bytes");
        byte[] wrapped = KeyWrapping.wrap(SecretBytes.copyOf(material), pair.getPublic(),
                WrappingAlgorithm.RSAES_OAEP_SHA_256, RANDOM);

        Cipher explicit = Cipher.getInstance("RSA/ECB/OAEPPadding");
        explicit.init(Cipher.DECRYPT_MODE, pair.getPrivate(), OAEP_SHA_256_MGF1_SHA_256);
        assertThat(explicit.doFinal(wrapped)).isEqualTo(material);
        Cipher jceDefault = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        jceDefault.init(Cipher.DECRYPT_MODE, pair.getPrivate());
        assertThatThrownBy(() -> jceDefault.doFinal(wrapped)).isInstanceOf(BadPaddingException.class);
    }

    @Test
    void rsaAesKeyWrapSha256_refusesAnAesKeyEncryptedWithMgf1Sha1() throws GeneralSecurityException {
        KeyPair pair = KEYS.get(WrappingKeySpec.RSA_3072);
        byte[] aesKey = randomBytes(32);
        Cipher jceDefault = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        jceDefault.init(Cipher.ENCRYPT_MODE, pair.getPublic(), RANDOM);
        byte[] blob = concat(jceDefault.doFinal(aesKey), jdkKwp(Cipher.WRAP_MODE, aesKey, randomBytes(32)));

        UnwrapException e = unwrapFailure(blob, pair.getPrivate(), WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256);

        assertThat(e.reason()).isEqualTo(UnwrapException.Reason.DECRYPTION_FAILED);
    }

    // --- RSA_AES_KEY_WRAP layout ---

    @ParameterizedTest(name = "{0} bytes of material")
    @ValueSource(ints = {1, 7, 8, 9, 16, 32, 33, 64, 241, 2375})
    void rsaAesKeyWrap_isTheRsaBlockThenKwpOf8PlusCeilNOver8Times8Bytes(int n) throws GeneralSecurityException {
        KeyPair pair = KEYS.get(WrappingKeySpec.RSA_2048);
        byte[] material = randomBytes(n);

        byte[] wrapped = KeyWrapping.wrap(SecretBytes.copyOf(material), pair.getPublic(),
                WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, RANDOM);

        assertThat(wrapped).hasSize(256 + 8 + (n + 7) / 8 * 8);
        // An independent reading: JCE RSA-OAEP for the first 256 bytes, the JDK's own AES/KWP for the rest.
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, pair.getPrivate(), OAEP_SHA_256_MGF1_SHA_256);
        byte[] aesKey = rsa.doFinal(wrapped, 0, 256);
        assertThat(aesKey).hasSize(32);
        assertThat(jdkKwp(Cipher.UNWRAP_MODE, aesKey, Arrays.copyOfRange(wrapped, 256, wrapped.length)))
                .isEqualTo(material);
    }

    @Test
    void rsaAesKeyWrapSha1_unwrapsABlobBuiltWithTheJdksOwnCiphers() throws GeneralSecurityException, UnwrapException {
        KeyPair pair = KEYS.get(WrappingKeySpec.RSA_4096);
        byte[] aesKey = randomBytes(32);
        byte[] material = MATERIALS.get("RSA_4096 PKCS#8");
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.ENCRYPT_MODE, pair.getPublic(), OAEP_SHA_1, RANDOM);
        byte[] blob = concat(rsa.doFinal(aesKey), jdkKwp(Cipher.WRAP_MODE, aesKey, material));

        assertThat(KeyWrapping.unwrap(blob, pair.getPrivate(), WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_1).revealCopy())
                .isEqualTo(material);
    }

    @Test
    void rsaAesKeyWrap_refusesAnAesKeyThatIsNot256Bits() throws GeneralSecurityException {
        // AWS documents a 256-bit AES key; whether KMS takes others is not established (reference §16).
        KeyPair pair = KEYS.get(WrappingKeySpec.RSA_2048);
        byte[] aesKey = randomBytes(16);
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.ENCRYPT_MODE, pair.getPublic(), OAEP_SHA_256_MGF1_SHA_256, RANDOM);
        byte[] blob = concat(rsa.doFinal(aesKey), jdkKwp(Cipher.WRAP_MODE, aesKey, randomBytes(32)));

        UnwrapException e = unwrapFailure(blob, pair.getPrivate(), WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256);

        assertThat(e.reason()).isEqualTo(UnwrapException.Reason.WRONG_LENGTH);
        assertThat(e).hasMessageContaining("16 bytes").hasMessageContaining("32-byte");
    }

    // --- SM2PKE format ---

    @Test
    void sm2pke_writesTheGmT0009AsnOneSequence() throws IOException {
        byte[] material = MATERIALS.get("SM2 PKCS#8");

        byte[] wrapped = KeyWrapping.wrap(SecretBytes.copyOf(material), KEYS.get(WrappingKeySpec.SM2).getPublic(),
                WrappingAlgorithm.SM2PKE, RANDOM);

        ASN1Sequence sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(wrapped));
        assertThat(sequence.getEncoded(ASN1Encoding.DER)).isEqualTo(wrapped);
        assertThat(sequence.size()).isEqualTo(4);
        assertThat(sequence.getObjectAt(0)).isInstanceOf(ASN1Integer.class);
        assertThat(sequence.getObjectAt(1)).isInstanceOf(ASN1Integer.class);
        assertThat(((ASN1OctetString) sequence.getObjectAt(2)).getOctets()).hasSize(32);
        assertThat(((ASN1OctetString) sequence.getObjectAt(3)).getOctets()).hasSize(material.length);
    }

    @Test
    void sm2pke_refusesRawC1C3C2AndNamesTheConversion() {
        byte[] raw = new byte[1 + 64 + 32 + 32];
        raw[0] = 0x04;

        UnwrapException e = unwrapFailure(raw, KEYS.get(WrappingKeySpec.SM2).getPrivate(), WrappingAlgorithm.SM2PKE);

        assertThat(e.reason()).isEqualTo(UnwrapException.Reason.MALFORMED);
        assertThat(e).hasMessageContaining("raw C1 ‖ C3 ‖ C2").hasMessageContaining("ASN.1");
    }

    // --- failures ---

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = WrappingAlgorithm.class, names = "RSAES_PKCS1_V1_5", mode = EnumSource.Mode.EXCLUDE)
    void tamperedCiphertext_failsToDecrypt(WrappingAlgorithm algorithm) {
        WrappingKeySpec spec = algorithm == WrappingAlgorithm.SM2PKE ? WrappingKeySpec.SM2 : WrappingKeySpec.RSA_2048;
        byte[] wrapped = KeyWrapping.wrap(SecretBytes.copyOf(MATERIALS.get("HMAC_512 64 bytes")),
                KEYS.get(spec).getPublic(), algorithm, RANDOM);

        // The last byte: the RSA block for RSA-OAEP, the KWP block for RSA_AES, C2 for SM2PKE; then the first
        // RSA byte; then the middle (SM2: inside C3).
        for (int position : new int[] {wrapped.length - 1, algorithm == WrappingAlgorithm.SM2PKE ? 80 : 0, 100}) {
            byte[] tampered = wrapped.clone();
            tampered[position] ^= 0x01;
            assertDecryptionFails(tampered, KEYS.get(spec), algorithm);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = WrappingAlgorithm.class, names = "RSAES_PKCS1_V1_5", mode = EnumSource.Mode.EXCLUDE)
    void wrongPrivateKey_failsToDecrypt(WrappingAlgorithm algorithm) {
        WrappingKeySpec spec = algorithm == WrappingAlgorithm.SM2PKE ? WrappingKeySpec.SM2 : WrappingKeySpec.RSA_2048;
        byte[] wrapped = KeyWrapping.wrap(SecretBytes.copyOf(MATERIALS.get("SYMMETRIC_DEFAULT 32 bytes")),
                KEYS.get(spec).getPublic(), algorithm, RANDOM);

        assertDecryptionFails(wrapped, OTHER_KEYS.get(spec), algorithm);
    }

    @Test
    void wrongAlgorithmAtUnwrap_failsToDecrypt() {
        KeyPair pair = KEYS.get(WrappingKeySpec.RSA_3072);
        byte[] sha1 = KeyWrapping.wrap(SecretBytes.copyOf(MATERIALS.get("SYMMETRIC_DEFAULT 32 bytes")), pair.getPublic(),
                WrappingAlgorithm.RSAES_OAEP_SHA_1, RANDOM);
        byte[] aes256 = KeyWrapping.wrap(SecretBytes.copyOf(MATERIALS.get("SYMMETRIC_DEFAULT 32 bytes")), pair.getPublic(),
                WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, RANDOM);

        assertDecryptionFails(sha1, pair, WrappingAlgorithm.RSAES_OAEP_SHA_256);
        assertDecryptionFails(aes256, pair, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_1);
    }

    @Test
    void truncatedOrExtendedRsaCiphertext_hasTheWrongLength() {
        KeyPair pair = KEYS.get(WrappingKeySpec.RSA_2048);
        SecretBytes material = SecretBytes.copyOf(MATERIALS.get("SYMMETRIC_DEFAULT 32 bytes"));
        byte[] oaep = KeyWrapping.wrap(material, pair.getPublic(), WrappingAlgorithm.RSAES_OAEP_SHA_256, RANDOM);
        byte[] rsaAes = KeyWrapping.wrap(material, pair.getPublic(), WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, RANDOM);

        assertWrongLength(Arrays.copyOf(oaep, 255), pair, WrappingAlgorithm.RSAES_OAEP_SHA_256, "found 255 bytes");
        assertWrongLength(Arrays.copyOf(oaep, 257), pair, WrappingAlgorithm.RSAES_OAEP_SHA_256, "Expected 256 bytes");
        assertWrongLength(new byte[0], pair, WrappingAlgorithm.RSAES_OAEP_SHA_1, "found 0 bytes");
        assertWrongLength(Arrays.copyOf(rsaAes, rsaAes.length - 1), pair, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256,
                "found 295 bytes");
        assertWrongLength(Arrays.copyOf(rsaAes, 256), pair, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, "at least 16");
        assertWrongLength(Arrays.copyOf(rsaAes, 256 + 8), pair, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256, "at least 16");
        // Dropping a whole 8-byte block keeps a plausible length, and then fails to decrypt.
        assertDecryptionFails(Arrays.copyOf(rsaAes, rsaAes.length - 8), pair, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256);
    }

    @Test
    void truncatedSm2Ciphertext_isMalformed() {
        KeyPair pair = KEYS.get(WrappingKeySpec.SM2);
        byte[] wrapped = KeyWrapping.wrap(SecretBytes.copyOf(MATERIALS.get("SM2 PKCS#8")), pair.getPublic(),
                WrappingAlgorithm.SM2PKE, RANDOM);

        UnwrapException e = unwrapFailure(Arrays.copyOf(wrapped, wrapped.length - 1), pair.getPrivate(),
                WrappingAlgorithm.SM2PKE);

        assertThat(e.reason()).isEqualTo(UnwrapException.Reason.MALFORMED);
        assertThat(e).hasMessageStartingWith("Expected SM2PKE encrypted key material");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = WrappingAlgorithm.class, names = {"RSA_AES_KEY_WRAP_SHA_256", "SM2PKE"})
    void everyTruncationAndByteChange_givesAnUnwrapExceptionNeverAnotherError(WrappingAlgorithm algorithm) {
        WrappingKeySpec spec = algorithm == WrappingAlgorithm.SM2PKE ? WrappingKeySpec.SM2 : WrappingKeySpec.RSA_2048;
        KeyPair pair = KEYS.get(spec);
        byte[] material = MATERIALS.get("SYMMETRIC_DEFAULT 32 bytes");
        byte[] wrapped = KeyWrapping.wrap(SecretBytes.copyOf(material), pair.getPublic(), algorithm, RANDOM);
        Random changes = new Random(42);
        List<byte[]> damaged = new ArrayList<>();
        for (int length = 0; length < wrapped.length; length++) {
            damaged.add(Arrays.copyOf(wrapped, length));
        }
        for (int position = 0; position < wrapped.length; position++) {
            byte[] changed = wrapped.clone();
            changed[position] = (byte) (changed[position] ^ (1 + changes.nextInt(255)));
            damaged.add(changed);
        }

        for (byte[] input : damaged) {
            UnwrapException e = unwrapFailure(input, pair.getPrivate(), algorithm);
            assertThat(e.getMessage()).doesNotContainPattern("[0-9A-Fa-f]{16}");
        }
    }

    @Test
    void rsaAlgorithmsWithAnSm2Key_andSm2pkeWithAnRsaKey_areTheWrongKeyType() {
        KeyPair sm2 = KEYS.get(WrappingKeySpec.SM2);
        KeyPair rsa = KEYS.get(WrappingKeySpec.RSA_2048);
        SecretBytes material = SecretBytes.copyOf(MATERIALS.get("SYMMETRIC_DEFAULT 32 bytes"));

        for (WrappingAlgorithm algorithm : List.of(WrappingAlgorithm.RSAES_OAEP_SHA_1, WrappingAlgorithm.RSAES_OAEP_SHA_256,
                WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_1, WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256)) {
            assertThatThrownBy(() -> KeyWrapping.wrap(material, sm2.getPublic(), algorithm, RANDOM))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs an RSA wrapping key");
            assertThat(unwrapFailure(new byte[256], sm2.getPrivate(), algorithm).reason())
                    .isEqualTo(UnwrapException.Reason.WRONG_KEY_TYPE);
        }
        assertThatThrownBy(() -> KeyWrapping.wrap(material, rsa.getPublic(), WrappingAlgorithm.SM2PKE, RANDOM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SM2PKE needs an SM2 wrapping key (wrapping key spec SM2); this is a 2048-bit RSA key.");
        UnwrapException e = unwrapFailure(new byte[256], rsa.getPrivate(), WrappingAlgorithm.SM2PKE);
        assertThat(e.reason()).isEqualTo(UnwrapException.Reason.WRONG_KEY_TYPE);
    }

    @Test
    void rsaesPkcs1V15_isRefusedBothWays() {
        KeyPair pair = KEYS.get(WrappingKeySpec.RSA_2048);

        assertThatThrownBy(() -> KeyWrapping.wrap(SecretBytes.copyOf(MATERIALS.get("SYMMETRIC_DEFAULT 32 bytes")),
                pair.getPublic(), WrappingAlgorithm.RSAES_PKCS1_V1_5, RANDOM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KMS stopped accepting it on 2023-10-10");
        UnwrapException e = unwrapFailure(new byte[256], pair.getPrivate(), WrappingAlgorithm.RSAES_PKCS1_V1_5);
        assertThat(e.reason()).isEqualTo(UnwrapException.Reason.UNSUPPORTED_ALGORITHM);
        assertThat(e).hasMessageContaining("2023-10-10");
    }

    @Test
    void wrap_refusesEmptyMaterialAndKeysKmsNeverIssues() throws GeneralSecurityException {
        KeyPair rsa1024 = rsa1024();

        assertThatThrownBy(() -> KeyWrapping.wrap(SecretBytes.copyOf(new byte[0]), KEYS.get(WrappingKeySpec.RSA_2048)
                .getPublic(), WrappingAlgorithm.RSAES_OAEP_SHA_256, RANDOM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> KeyWrapping.wrap(SecretBytes.copyOf(new byte[32]), rsa1024.getPublic(),
                WrappingAlgorithm.RSAES_OAEP_SHA_256, RANDOM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found a 1024-bit RSA key");
    }

    // --- helpers ---

    private static UnwrapException unwrapFailure(byte[] input, PrivateKey key, WrappingAlgorithm algorithm) {
        UnwrapException e = catchThrowableOfType(UnwrapException.class, () -> KeyWrapping.unwrap(input, key, algorithm));
        assertThat(e).as("unwrap of %d bytes with %s should fail", input.length, algorithm).isNotNull();
        return e;
    }

    private static void assertDecryptionFails(byte[] input, KeyPair pair, WrappingAlgorithm algorithm) {
        UnwrapException e = unwrapFailure(input, pair.getPrivate(), algorithm);
        assertThat(e.reason()).isIn(UnwrapException.Reason.DECRYPTION_FAILED, UnwrapException.Reason.MALFORMED);
        if (algorithm != WrappingAlgorithm.SM2PKE) {
            assertThat(e.reason()).isEqualTo(UnwrapException.Reason.DECRYPTION_FAILED);
            assertThat(e).hasMessageStartingWith("The encrypted key material does not decrypt with this wrapping key and "
                    + algorithm + ".");
        }
    }

    private static void assertWrongLength(byte[] input, KeyPair pair, WrappingAlgorithm algorithm, String detail) {
        UnwrapException e = unwrapFailure(input, pair.getPrivate(), algorithm);
        assertThat(e.reason()).isEqualTo(UnwrapException.Reason.WRONG_LENGTH);
        assertThat(e).hasMessageContaining(detail);
    }

    private static boolean supports(WrappingAlgorithm algorithm, WrappingKeySpec spec) {
        switch (algorithm) {
            case RSAES_PKCS1_V1_5:
                return false;
            case SM2PKE:
                return spec == WrappingKeySpec.SM2;
            default:
                return spec != WrappingKeySpec.SM2;
        }
    }

    private static boolean fits(int length, WrappingAlgorithm algorithm, WrappingKeySpec spec) {
        switch (algorithm) {
            case RSAES_OAEP_SHA_1:
                return length <= modulusBits(spec) / 8 - 42;
            case RSAES_OAEP_SHA_256:
                return length <= modulusBits(spec) / 8 - 66;
            default:
                return true;
        }
    }

    private static int modulusBits(WrappingKeySpec spec) {
        return ((RSAPublicKey) KEYS.get(spec).getPublic()).getModulus().bitLength();
    }

    private static byte[] jdkKwp(int mode, byte[] aesKey, byte[] input) throws GeneralSecurityException {
        Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
        kwp.init(mode == Cipher.WRAP_MODE ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"));
        return kwp.doFinal(input);
    }

    /** The PKCS#8 OpenSSL writes for an EC key: the inner ECPrivateKey without the curve (241 bytes for P-521). */
    static byte[] openSslFormEcPkcs8(byte[] bouncyCastlePkcs8, int orderBits) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(bouncyCastlePkcs8);
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        return new PrivateKeyInfo(info.getPrivateKeyAlgorithm(),
                new ECPrivateKey(orderBits, inner.getKey(), inner.getPublicKey(), null)).getEncoded(ASN1Encoding.DER);
    }

    private static KeyPair rsa1024() throws GeneralSecurityException {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024, RANDOM);
        return generator.generateKeyPair();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] out = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }
}
