package dev.byokstudio.material;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.WrappingKeySpec;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class WrappingKeysTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<WrappingKeySpec, KeyPair> KEYS = new EnumMap<>(WrappingKeySpec.class);

    @BeforeAll
    static void generateOneKeyPairPerSpec() {
        for (WrappingKeySpec spec : WrappingKeySpec.values()) {
            KEYS.put(spec, WrappingKeys.generate(spec, RANDOM));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "RSA_2048, MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A, 294",
        "RSA_3072, MIIBojANBgkqhkiG9w0BAQEFAAOCAY8A, 422",
        "RSA_4096, MIICIjANBgkqhkiG9w0BAQEFAAOCAg8A, 550",
        "SM2, MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE, 91",
    })
    void subjectPublicKeyInfo_isWhatKmsReturns(WrappingKeySpec spec, String base64Prefix, int length) {
        byte[] spki = WrappingKeys.subjectPublicKeyInfo(KEYS.get(spec).getPublic());

        assertThat(Base64.getEncoder().encodeToString(spki)).startsWith(base64Prefix);
        assertThat(spki).hasSize(length).isEqualTo(KEYS.get(spec).getPublic().getEncoded());
    }

    @Test
    void subjectPublicKeyInfo_ofRsa_hasRsaEncryptionWithNullParameters_ofSm2_theNamedCurve() {
        SubjectPublicKeyInfo rsa = SubjectPublicKeyInfo.getInstance(
                WrappingKeys.subjectPublicKeyInfo(KEYS.get(WrappingKeySpec.RSA_2048).getPublic()));
        SubjectPublicKeyInfo sm2 = SubjectPublicKeyInfo.getInstance(
                WrappingKeys.subjectPublicKeyInfo(KEYS.get(WrappingKeySpec.SM2).getPublic()));

        assertThat(rsa.getAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.113549.1.1.1");
        assertThat(rsa.getAlgorithm().getParameters()).isEqualTo(DERNull.INSTANCE);
        assertThat(sm2.getAlgorithm().getAlgorithm()).isEqualTo(X9ObjectIdentifiers.id_ecPublicKey);
        assertThat(sm2.getAlgorithm().getParameters()).isEqualTo(GMObjectIdentifiers.sm2p256v1);
        assertThat(sm2.getPublicKeyData().getOctets()).hasSize(65).startsWith(0x04);
    }

    @Test
    void subjectPublicKeyInfo_refusesKeysThatAreNeitherRsaNorSm2() throws GeneralSecurityException {
        PublicKey p256 = ec("secp256r1").getPublic();

        assertThatThrownBy(() -> WrappingKeys.subjectPublicKeyInfo(p256))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected an RSA or SM2 public key; found an EC key on a curve other than SM2.");
    }

    @Test
    void generate_makesRsaKeysWithExponent65537OfTheSpecsSize() throws MaterialFormatException {
        for (WrappingKeySpec spec : WrappingKeySpec.values()) {
            PublicKey key = KEYS.get(spec).getPublic();
            assertThat(WrappingKeys.specOf(key)).isEqualTo(spec);
            if (key instanceof RSAPublicKey) {
                assertThat(((RSAPublicKey) key).getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
            } else {
                assertThat(WrappingKeys.isSm2((ECPublicKey) key)).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(WrappingKeySpec.class)
    void publicKeyAndPrivateKey_decodeWhatWasEncoded(WrappingKeySpec spec) throws MaterialFormatException {
        KeyPair pair = KEYS.get(spec);
        byte[] spki = WrappingKeys.subjectPublicKeyInfo(pair.getPublic());

        PublicKey decoded = WrappingKeys.publicKey(spki);

        assertThat(WrappingKeys.specOf(decoded)).isEqualTo(spec);
        assertThat(WrappingKeys.subjectPublicKeyInfo(decoded)).isEqualTo(spki);
        assertThat(WrappingKeys.privateKey(pair.getPrivate().getEncoded()).getEncoded())
                .isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void specOf_refusesRsaOfOtherSizesAndOtherCurvesAndAlgorithms() throws GeneralSecurityException {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024, RANDOM);
        KeyPairGenerator ed25519 = KeyPairGenerator.getInstance("Ed25519");

        assertThat(catchThrowableOfType(MaterialFormatException.class,
                () -> WrappingKeys.specOf(rsa.generateKeyPair().getPublic())))
                .hasMessage("Expected an RSA_2048, RSA_3072, RSA_4096 or SM2 wrapping key; found a 1024-bit RSA key.");
        assertThat(catchThrowableOfType(MaterialFormatException.class,
                () -> WrappingKeys.specOf(ec("secp256r1").getPublic())))
                .hasMessageEndingWith("found an EC key on a curve other than SM2.");
        MaterialFormatException e = catchThrowableOfType(MaterialFormatException.class,
                () -> WrappingKeys.specOf(ed25519.generateKeyPair().getPublic()));
        assertThat(e.expected()).isEqualTo("an RSA_2048, RSA_3072, RSA_4096 or SM2 wrapping key");
        assertThat(e.found()).isEqualTo("a key of type EdDSA");
    }

    @Test
    void publicKey_refusesMalformedInputSayingWhatWasExpectedAndFound() throws Exception {
        byte[] spki = WrappingKeys.subjectPublicKeyInfo(KEYS.get(WrappingKeySpec.RSA_2048).getPublic());
        byte[] trailing = Arrays.copyOf(spki, spki.length + 1);
        byte[] ber = new byte[spki.length + 1];
        ber[0] = 0x30;
        ber[1] = (byte) 0x83; // the same length in three bytes instead of two: valid BER, not DER
        ber[2] = 0x00;
        System.arraycopy(spki, 2, ber, 3, spki.length - 2);
        byte[] corruptSm2Point = WrappingKeys.subjectPublicKeyInfo(KEYS.get(WrappingKeySpec.SM2).getPublic());
        corruptSm2Point[corruptSm2Point.length - 1] ^= 0x01;

        assertMalformedPublicKey(new byte[0], "no bytes");
        assertMalformedPublicKey(Arrays.copyOf(spki, 100), "100 bytes that are not one ASN.1 structure");
        assertMalformedPublicKey(trailing, "295 bytes that are not one ASN.1 structure");
        assertMalformedPublicKey(ber, "a SubjectPublicKeyInfo that is not DER-encoded");
        assertMalformedPublicKey(new byte[4097], "4097 bytes");
        assertMalformedPublicKey(ASN1Primitive.fromByteArray(new byte[] {0x04, 0x01, 0x00}).getEncoded(),
                "ASN.1 that is not a SubjectPublicKeyInfo");
        assertMalformedPublicKey(KEYS.get(WrappingKeySpec.RSA_2048).getPrivate().getEncoded(),
                "ASN.1 that is not a SubjectPublicKeyInfo");
        assertMalformedPublicKey(ec("secp256r1").getPublic().getEncoded(), "an EC key on prime256v1");
        assertMalformedPublicKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded(),
                "a key with algorithm Ed25519 (1.3.101.112)");
        assertMalformedPublicKey(rsa1024Spki(), "a 1024-bit RSA key");
        assertMalformedPublicKey(corruptSm2Point, "an invalid EC key value");
    }

    @Test
    void privateKey_refusesMalformedInputWithoutQuotingIt() throws Exception {
        byte[] pkcs8 = KEYS.get(WrappingKeySpec.RSA_2048).getPrivate().getEncoded();
        byte[] p256 = ec("secp256r1").getPrivate().getEncoded();

        assertMalformedPrivateKey(Arrays.copyOf(pkcs8, 600), "600 bytes that are not one ASN.1 structure");
        assertMalformedPrivateKey(WrappingKeys.subjectPublicKeyInfo(KEYS.get(WrappingKeySpec.RSA_2048).getPublic()),
                "ASN.1 that is not a PrivateKeyInfo");
        assertMalformedPrivateKey(p256, "an EC key on prime256v1");
        assertMalformedPrivateKey(new KeyMaterialGenerator(RANDOM).generate(KeySpec.ECC_NIST_EDWARDS25519, false)
                .revealCopy(), "a key with algorithm Ed25519 (1.3.101.112)");
        assertMalformedPrivateKey(new byte[8193], "8193 bytes");
        assertMalformedPrivateKey(rsa1024().getPrivate().getEncoded(), "a 1024-bit RSA key");
    }

    private static void assertMalformedPublicKey(byte[] input, String found) {
        MaterialFormatException e = catchThrowableOfType(MaterialFormatException.class,
                () -> WrappingKeys.publicKey(input));
        assertThat(e).as("publicKey of %d bytes", input.length).isNotNull();
        assertThat(e.getMessage()).startsWith("Expected a DER SubjectPublicKeyInfo of an RSA_2048, RSA_3072, RSA_4096 or "
                + "SM2 wrapping key").contains("; found " + found);
        assertNoBytesQuoted(e, input);
    }

    private static void assertMalformedPrivateKey(byte[] input, String found) {
        MaterialFormatException e = catchThrowableOfType(MaterialFormatException.class,
                () -> WrappingKeys.privateKey(input));
        assertThat(e).as("privateKey of %d bytes", input.length).isNotNull();
        assertThat(e.getMessage()).startsWith("Expected an unencrypted PKCS#8 PrivateKeyInfo").contains("; found " + found);
        assertNoBytesQuoted(e, input);
    }

    private static void assertNoBytesQuoted(MaterialFormatException e, byte[] input) {
        assertThat(e.getMessage()).doesNotContainPattern("[0-9A-Fa-f]{16}").doesNotContainPattern("[A-Za-z0-9+/]{24}");
        if (input.length >= 8) {
            assertThat(e.getMessage()).doesNotContain(HexFormat.of().formatHex(input, 0, 8));
        }
    }

    private static KeyPair ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve), RANDOM);
        return generator.generateKeyPair();
    }

    private static byte[] rsa1024Spki() throws GeneralSecurityException {
        return rsa1024().getPublic().getEncoded();
    }

    private static KeyPair rsa1024() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024, RANDOM);
        return generator.generateKeyPair();
    }
}
