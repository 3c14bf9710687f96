package dev.byokstudio.material;

import static dev.byokstudio.kms.KeySpec.ECC_NIST_EDWARDS25519;
import static dev.byokstudio.kms.KeySpec.ECC_NIST_P256;
import static dev.byokstudio.kms.KeySpec.ECC_NIST_P384;
import static dev.byokstudio.kms.KeySpec.ECC_NIST_P521;
import static dev.byokstudio.kms.KeySpec.ECC_SECG_P256K1;
import static dev.byokstudio.kms.KeySpec.HMAC_224;
import static dev.byokstudio.kms.KeySpec.HMAC_256;
import static dev.byokstudio.kms.KeySpec.HMAC_384;
import static dev.byokstudio.kms.KeySpec.HMAC_512;
import static dev.byokstudio.kms.KeySpec.ML_DSA_65;
import static dev.byokstudio.kms.KeySpec.RSA_2048;
import static dev.byokstudio.kms.KeySpec.RSA_3072;
import static dev.byokstudio.kms.KeySpec.RSA_4096;
import static dev.byokstudio.kms.KeySpec.SM2;
import static dev.byokstudio.kms.KeySpec.SYMMETRIC_DEFAULT;
import static dev.byokstudio.material.Conversion.DECRYPT_PKCS8;
import static dev.byokstudio.material.Conversion.EXPLICIT_CURVE_TO_NAMED;
import static dev.byokstudio.material.Conversion.HMAC_DIGEST;
import static dev.byokstudio.material.Conversion.PEM_TO_DER;
import static dev.byokstudio.material.Conversion.PKCS1_TO_PKCS8;
import static dev.byokstudio.material.Conversion.SEC1_TO_PKCS8;
import static dev.byokstudio.material.Conversion.TEXT_TO_BYTES;
import static dev.byokstudio.material.DetectedMaterial.Container.BASE64_TEXT;
import static dev.byokstudio.material.DetectedMaterial.Container.BINARY;
import static dev.byokstudio.material.DetectedMaterial.Container.EMPTY;
import static dev.byokstudio.material.DetectedMaterial.Container.HEX_TEXT;
import static dev.byokstudio.material.DetectedMaterial.Container.OVERSIZED;
import static dev.byokstudio.material.DetectedMaterial.Container.PEM;
import static dev.byokstudio.material.DetectedMaterial.Structure.ENCRYPTED_PKCS8;
import static dev.byokstudio.material.DetectedMaterial.Structure.NONE;
import static dev.byokstudio.material.DetectedMaterial.Structure.PKCS1_RSA_PRIVATE_KEY;
import static dev.byokstudio.material.DetectedMaterial.Structure.PKCS1_RSA_PUBLIC_KEY;
import static dev.byokstudio.material.DetectedMaterial.Structure.PKCS8_PRIVATE_KEY;
import static dev.byokstudio.material.DetectedMaterial.Structure.RAW_BYTES;
import static dev.byokstudio.material.DetectedMaterial.Structure.SEC1_EC_PRIVATE_KEY;
import static dev.byokstudio.material.DetectedMaterial.Structure.SUBJECT_PUBLIC_KEY_INFO;
import static dev.byokstudio.material.DetectedMaterial.Structure.TRUNCATED_ASN1;
import static dev.byokstudio.material.DetectedMaterial.Structure.X509_CERTIFICATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.DetectedMaterial.Container;
import dev.byokstudio.material.DetectedMaterial.Structure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The workbench's view of the whole fixture corpus: for each file and key spec (and Region where it
 * matters), what {@link MaterialWorkbench#detect} finds (container, structure, a phrase of its
 * description, the notes on what was tolerated), and what {@link MaterialWorkbench#report} says (the
 * failing rule ids, the verdict, the conversions offered). Every file in {@code src/test/fixtures/material}
 * has at least one row; {@code regenerate.sh} beside the files says how each was made.
 */
class MaterialWorkbenchTest {

    static final Path FIXTURES = Path.of("src", "test", "fixtures", "material");

    /** The table. Rows say what the workbench must find, whatever the random values of a regenerated set. */
    static final List<Row> TABLE = List.of(
            // --- Binary PKCS#8, DER and BER: what KMS imports --------------------------------------------
            row("rsa2048.pkcs8.der", RSA_2048).is(BINARY, PKCS8_PRIVATE_KEY, "a PKCS#8 RSA private key of 2048 bits (DER)")
                    .passes(),
            row("rsa2048.pkcs8.der", ECC_NIST_P256).is(BINARY, PKCS8_PRIVATE_KEY, "a PKCS#8 RSA private key of 2048 bits")
                    .fails("pkcs8.algorithm"),
            row("rsa2048.pkcs8.der", SYMMETRIC_DEFAULT).is(BINARY, PKCS8_PRIVATE_KEY, "RSA private key")
                    .fails("symmetric.length"),
            row("rsa2048.pkcs8.ber-indefinite.der", RSA_2048).is(BINARY, PKCS8_PRIVATE_KEY,
                    "a PKCS#8 RSA private key of 2048 bits (BER with an indefinite-length outer SEQUENCE)").passes(),
            row("rsa2048.pkcs8.trailing-data.der", RSA_2048).is(BINARY, PKCS8_PRIVATE_KEY,
                    "a PKCS#8 RSA private key of 2048 bits").fails("pkcs8.format"),
            row("rsa2048.pkcs8.truncated.der", RSA_2048).is(BINARY, TRUNCATED_ASN1,
                    "600 bytes that start like an ASN.1 SEQUENCE but end before it does").fails("pkcs8.format"),
            row("rsa2048-3prime.pkcs8.der", RSA_2048).is(BINARY, PKCS8_PRIVATE_KEY, "RSA private key of 2048 bits")
                    .fails("rsa.two-prime"),
            row("rsa2048-inconsistent.pkcs8.der", RSA_2048).is(BINARY, PKCS8_PRIVATE_KEY, "RSA private key of 2048 bits")
                    .fails("rsa.modulus-factors"),
            row("rsa2048-bad-coefficient.pkcs8.der", RSA_2048).is(BINARY, PKCS8_PRIVATE_KEY,
                    "RSA private key of 2048 bits").fails("rsa.crt-parameters"),
            row("rsa-pss2048.pkcs8.der", RSA_2048).is(BINARY, PKCS8_PRIVATE_KEY,
                    "a PKCS#8 RSASSA-PSS private key of 2048 bits").fails("pkcs8.algorithm"),
            row("rsa3072.pkcs8.der", RSA_3072).is(BINARY, PKCS8_PRIVATE_KEY, "RSA private key of 3072 bits").passes(),
            row("rsa3072.pkcs8.der", RSA_2048).is(BINARY, PKCS8_PRIVATE_KEY, "RSA private key of 3072 bits")
                    .fails("rsa.modulus-size"),
            row("rsa4096.pkcs8.der", RSA_4096).is(BINARY, PKCS8_PRIVATE_KEY, "RSA private key of 4096 bits").passes(),
            // --- Binary keys in other structures ------------------------------------------------------
            row("rsa2048.pkcs1.der", RSA_2048).is(BINARY, PKCS1_RSA_PRIVATE_KEY,
                    "a PKCS#1 RSAPrivateKey of 2048 bits, not wrapped in PKCS#8").fails("pkcs8.format").offers(PKCS1_TO_PKCS8),
            // An RSA key does not become an EC key by wrapping it: nothing is offered.
            row("rsa2048.pkcs1.der", ECC_NIST_P256).is(BINARY, PKCS1_RSA_PRIVATE_KEY, "PKCS#1 RSAPrivateKey")
                    .fails("pkcs8.format"),
            row("rsa2048.pkcs8.encrypted.der", RSA_2048).is(BINARY, ENCRYPTED_PKCS8,
                    "an encrypted PKCS#8 EncryptedPrivateKeyInfo (encryption scheme PBES2)").fails("pkcs8.format")
                    .offers(DECRYPT_PKCS8),
            row("rsa2048.spki.der", RSA_2048).is(BINARY, SUBJECT_PUBLIC_KEY_INFO,
                    "a SubjectPublicKeyInfo: only a public key, no private key").fails("pkcs8.format"),
            row("rsa2048.x509.der", RSA_2048).is(BINARY, X509_CERTIFICATE,
                    "an X.509 certificate: only a public key, no private key").fails("pkcs8.format"),
            // --- PEM, of every label, and as editors leave it ----------------------------------------
            row("rsa2048.pkcs8.pem", RSA_2048).is(PEM, PKCS8_PRIVATE_KEY,
                    "PEM (-----BEGIN PRIVATE KEY-----) holding a PKCS#8 RSA private key of 2048 bits (DER)")
                    .fails("pkcs8.format").offers(PEM_TO_DER),
            row("rsa2048.pkcs8-crlf.pem", RSA_2048).is(PEM, PKCS8_PRIVATE_KEY,
                    "PEM (-----BEGIN PRIVATE KEY-----) holding a PKCS#8 RSA private key of 2048 bits")
                    .notes("Windows (CRLF) line ends were read as plain line ends").fails("pkcs8.format").offers(PEM_TO_DER),
            row("rsa2048.pkcs8-bom.pem", RSA_2048).is(PEM, PKCS8_PRIVATE_KEY,
                    "PEM (-----BEGIN PRIVATE KEY-----) holding a PKCS#8 RSA private key of 2048 bits")
                    .notes("a UTF-8 byte-order mark at the start was ignored").fails("pkcs8.format").offers(PEM_TO_DER),
            row("rsa2048.pkcs8-indented.pem", RSA_2048).is(PEM, PKCS8_PRIVATE_KEY,
                    "PEM (-----BEGIN PRIVATE KEY-----) holding a PKCS#8 RSA private key of 2048 bits")
                    .notes("indentation and trailing spaces were removed").fails("pkcs8.format").offers(PEM_TO_DER),
            row("rsa2048-with-cert.pkcs8.pem", RSA_2048).is(PEM, PKCS8_PRIVATE_KEY,
                    "PEM (-----BEGIN PRIVATE KEY-----) holding a PKCS#8 RSA private key of 2048 bits")
                    .notes("a further PEM block (CERTIFICATE) was set aside").fails("pkcs8.format").offers(PEM_TO_DER),
            row("rsa2048.pkcs1.pem", RSA_2048).is(PEM, PKCS1_RSA_PRIVATE_KEY,
                    "PEM (-----BEGIN RSA PRIVATE KEY-----) holding a PKCS#1 RSAPrivateKey of 2048 bits, not wrapped in PKCS#8")
                    .fails("pkcs8.format").offers(PKCS1_TO_PKCS8),
            row("rsa2048.pkcs1.legacy-encrypted.pem", RSA_2048).is(PEM, NONE,
                    "PEM (-----BEGIN RSA PRIVATE KEY-----) encrypted with a legacy OpenSSL password")
                    .notes("the block is encrypted the legacy OpenSSL way (Proc-Type: 4,ENCRYPTED)").fails("pkcs8.format"),
            row("rsa2048.pkcs8.encrypted.pem", RSA_2048).is(PEM, ENCRYPTED_PKCS8,
                    "PEM (-----BEGIN ENCRYPTED PRIVATE KEY-----) holding an encrypted PKCS#8 EncryptedPrivateKeyInfo")
                    .fails("pkcs8.format").offers(DECRYPT_PKCS8),
            row("rsa2048.spki.pem", RSA_2048).is(PEM, SUBJECT_PUBLIC_KEY_INFO,
                    "PEM (-----BEGIN PUBLIC KEY-----) holding a SubjectPublicKeyInfo: only a public key, no private key")
                    .fails("pkcs8.format"),
            row("rsa2048.pkcs1-public.pem", RSA_2048).is(PEM, PKCS1_RSA_PUBLIC_KEY,
                    "PEM (-----BEGIN RSA PUBLIC KEY-----) holding a PKCS#1 RSAPublicKey: only a public key, no private key")
                    .fails("pkcs8.format"),
            row("rsa2048.x509.pem", RSA_2048).is(PEM, X509_CERTIFICATE,
                    "PEM (-----BEGIN CERTIFICATE-----) holding an X.509 certificate: only a public key, no private key")
                    .fails("pkcs8.format"),
            row("rsa2048.x509.pem", SYMMETRIC_DEFAULT).is(PEM, X509_CERTIFICATE, "only a public key, no private key")
                    .fails("symmetric.length"),
            // --- Elliptic curves: PKCS#8 -----------------------------------------------------------------
            row("p256.pkcs8.der", ECC_NIST_P256).is(BINARY, PKCS8_PRIVATE_KEY, "a PKCS#8 EC private key on P-256 (DER)")
                    .passes(),
            row("p256.pkcs8.der", RSA_2048).is(BINARY, PKCS8_PRIVATE_KEY, "EC private key on P-256")
                    .fails("pkcs8.algorithm"),
            row("p256.pkcs8.der", ECC_NIST_P521).is(BINARY, PKCS8_PRIVATE_KEY, "EC private key on P-256").fails("ec.curve"),
            row("p256.pkcs8.ber-indefinite.der", ECC_NIST_P256).is(BINARY, PKCS8_PRIVATE_KEY,
                    "a PKCS#8 EC private key on P-256 (BER with an indefinite-length outer SEQUENCE)").passes(),
            row("p256-nopub.pkcs8.der", ECC_NIST_P256).is(BINARY, PKCS8_PRIVATE_KEY, "EC private key on P-256").passes(),
            row("p256-compressed-pub.pkcs8.der", ECC_NIST_P256).is(BINARY, PKCS8_PRIVATE_KEY, "EC private key on P-256")
                    .passes(),
            row("p256-inner-params.pkcs8.der", ECC_NIST_P256).is(BINARY, PKCS8_PRIVATE_KEY, "EC private key on P-256")
                    .passes(),
            row("p256-inner-params-p384.pkcs8.der", ECC_NIST_P256).is(BINARY, PKCS8_PRIVATE_KEY,
                    "EC private key on P-256").fails("ec.parameters-agree"),
            row("p256-wrong-pub.pkcs8.der", ECC_NIST_P256).is(BINARY, PKCS8_PRIVATE_KEY, "EC private key on P-256")
                    .fails("ec.public-point-match"),
            row("p256-pub-off-curve.pkcs8.der", ECC_NIST_P256).is(BINARY, PKCS8_PRIVATE_KEY, "EC private key on P-256")
                    .fails("ec.public-point"),
            row("p256-scalar-equals-order.pkcs8.der", ECC_NIST_P256).is(BINARY, PKCS8_PRIVATE_KEY,
                    "EC private key on P-256").fails("ec.private-scalar"),
            row("p256-implicitly-ca.pkcs8.der", ECC_NIST_P256).is(BINARY, PKCS8_PRIVATE_KEY,
                    "a PKCS#8 EC private key with implicitlyCA parameters (NULL: the curve is not given)")
                    .fails("ec.named-curve"),
            row("p256-explicit-params.pkcs8.der", ECC_NIST_P256).is(BINARY, PKCS8_PRIVATE_KEY,
                    "a PKCS#8 EC private key with explicit curve parameters (those of P-256)").fails("ec.named-curve")
                    .offers(EXPLICIT_CURVE_TO_NAMED),
            row("p256-explicit-params.pkcs8.der", ECC_NIST_P384).is(BINARY, PKCS8_PRIVATE_KEY,
                    "explicit curve parameters (those of P-256)").fails("ec.named-curve", "ec.curve")
                    .offers(EXPLICIT_CURVE_TO_NAMED),
            row("p384.pkcs8.der", ECC_NIST_P384).is(BINARY, PKCS8_PRIVATE_KEY, "a PKCS#8 EC private key on P-384").passes(),
            row("p521.pkcs8.der", ECC_NIST_P521).is(BINARY, PKCS8_PRIVATE_KEY, "a PKCS#8 EC private key on P-521").passes(),
            row("secp256k1.pkcs8.der", ECC_SECG_P256K1).is(BINARY, PKCS8_PRIVATE_KEY,
                    "a PKCS#8 EC private key on secp256k1").passes(),
            row("secp256k1.pkcs8.der", ECC_NIST_P256).is(BINARY, PKCS8_PRIVATE_KEY, "on secp256k1").fails("ec.curve"),
            row("brainpoolp256r1.pkcs8.der", ECC_NIST_P256).is(BINARY, PKCS8_PRIVATE_KEY,
                    "a PKCS#8 EC private key on brainpoolP256r1").fails("ec.curve"),
            row("sm2.pkcs8.der", SM2).inChina().is(BINARY, PKCS8_PRIVATE_KEY,
                    "a PKCS#8 EC private key on the SM2 curve (sm2p256v1)").passes(),
            row("sm2.pkcs8.der", SM2).is(BINARY, PKCS8_PRIVATE_KEY, "on the SM2 curve").fails("keyspec.importable"),
            row("sm2.pkcs8.der", ECC_NIST_P256).is(BINARY, PKCS8_PRIVATE_KEY, "on the SM2 curve").fails("ec.curve"),
            // --- Elliptic curves: SEC 1 ECPrivateKey, DER and PEM, with and without EC PARAMETERS -------
            row("p256.sec1.der", ECC_NIST_P256).is(BINARY, SEC1_EC_PRIVATE_KEY,
                    "a SEC 1 ECPrivateKey on P-256, not wrapped in PKCS#8").fails("pkcs8.format").offers(SEC1_TO_PKCS8),
            row("p256.sec1.der", RSA_2048).is(BINARY, SEC1_EC_PRIVATE_KEY, "a SEC 1 ECPrivateKey on P-256")
                    .fails("pkcs8.format"),
            row("p256.sec1.pem", ECC_NIST_P256).is(PEM, SEC1_EC_PRIVATE_KEY,
                    "PEM (-----BEGIN EC PRIVATE KEY-----) holding a SEC 1 ECPrivateKey on P-256, not wrapped in PKCS#8")
                    .fails("pkcs8.format").offers(SEC1_TO_PKCS8),
            row("p256.sec1-with-params.pem", ECC_NIST_P256).is(PEM, SEC1_EC_PRIVATE_KEY,
                    "PEM (-----BEGIN EC PRIVATE KEY-----) holding a SEC 1 ECPrivateKey on P-256, not wrapped in PKCS#8")
                    .notes("an EC PARAMETERS block names the curve: on P-256").fails("pkcs8.format").offers(SEC1_TO_PKCS8),
            row("p256-no-inner-params.sec1.pem", ECC_NIST_P256).is(PEM, SEC1_EC_PRIVATE_KEY,
                    "PEM (-----BEGIN EC PRIVATE KEY-----) holding a SEC 1 ECPrivateKey, not wrapped in PKCS#8")
                    .notes("an EC PARAMETERS block names the curve: on P-256").fails("pkcs8.format").offers(SEC1_TO_PKCS8),
            // Offered for P-384 too: the converted key then names P-256 (from EC PARAMETERS), which ec.curve refuses.
            row("p256-no-inner-params.sec1.pem", ECC_NIST_P384).is(PEM, SEC1_EC_PRIVATE_KEY, "a SEC 1 ECPrivateKey")
                    .notes("an EC PARAMETERS block names the curve: on P-256").fails("pkcs8.format").offers(SEC1_TO_PKCS8),
            row("p256-explicit-params.sec1.der", ECC_NIST_P256).is(BINARY, SEC1_EC_PRIVATE_KEY,
                    "a SEC 1 ECPrivateKey with explicit curve parameters (those of P-256), not wrapped in PKCS#8")
                    .fails("pkcs8.format").offers(SEC1_TO_PKCS8),
            row("p256-nopub-no-params.sec1.der", ECC_NIST_P256).is(BINARY, SEC1_EC_PRIVATE_KEY,
                    "a SEC 1 ECPrivateKey, not wrapped in PKCS#8").fails("pkcs8.format").offers(SEC1_TO_PKCS8),
            // --- Edwards -------------------------------------------------------------------------------
            row("ed25519.pkcs8.der", ECC_NIST_EDWARDS25519).is(BINARY, PKCS8_PRIVATE_KEY,
                    "a PKCS#8 Ed25519 private key (DER)").passes(),
            row("ed25519-v2-with-pub.pkcs8.der", ECC_NIST_EDWARDS25519).is(BINARY, PKCS8_PRIVATE_KEY,
                    "a PKCS#8 Ed25519 private key").passes(),
            row("ed25519-v2-wrong-pub.pkcs8.der", ECC_NIST_EDWARDS25519).is(BINARY, PKCS8_PRIVATE_KEY,
                    "a PKCS#8 Ed25519 private key").fails("ed25519.public-key"),
            row("ed25519-bare-seed.pkcs8.der", ECC_NIST_EDWARDS25519).is(BINARY, PKCS8_PRIVATE_KEY,
                    "a PKCS#8 Ed25519 private key").fails("ed25519.private-key"),
            row("ed448.pkcs8.der", ECC_NIST_EDWARDS25519).is(BINARY, PKCS8_PRIVATE_KEY, "a PKCS#8 Ed448 private key")
                    .fails("pkcs8.algorithm"),
            // --- Raw symmetric and HMAC bytes, and the same bytes as text ------------------------------
            row("aes256.bin", SYMMETRIC_DEFAULT).is(BINARY, RAW_BYTES, "32 bytes that are not ASN.1").passes(),
            row("aes256.bin", SYMMETRIC_DEFAULT).inChina().is(BINARY, RAW_BYTES, "32 bytes that are not ASN.1")
                    .fails("symmetric.length"),
            row("aes256.bin", RSA_2048).is(BINARY, RAW_BYTES, "32 bytes that are not ASN.1").fails("pkcs8.format"),
            row("aes128.bin", SYMMETRIC_DEFAULT).inChina().is(BINARY, RAW_BYTES, "16 bytes that are not ASN.1").passes(),
            row("aes128.bin", SYMMETRIC_DEFAULT).is(BINARY, RAW_BYTES, "16 bytes").fails("symmetric.length"),
            // 32 hexadecimal characters are 32 bytes: KMS takes them as an AES-256 key. The conversion to the
            // 16 bytes they spell is still offered (it is what an SM4 key in the China Regions needs).
            row("aes128-as-hex-text.txt", SYMMETRIC_DEFAULT).is(HEX_TEXT, RAW_BYTES, "hexadecimal text holding 16 bytes")
                    .passes().offers(TEXT_TO_BYTES),
            row("aes128-as-hex-text.txt", SYMMETRIC_DEFAULT).inChina().is(HEX_TEXT, RAW_BYTES,
                    "hexadecimal text holding 16 bytes").fails("symmetric.length").offers(TEXT_TO_BYTES),
            row("aes256-as-base64.txt", SYMMETRIC_DEFAULT).is(BASE64_TEXT, RAW_BYTES, "Base64 text holding 32 bytes")
                    .fails("symmetric.length").offers(TEXT_TO_BYTES),
            // 65 bytes of text (64 hex digits and a newline) are valid HMAC_256 material as far as KMS can tell.
            row("hmac-256bit-as-hex.txt", HMAC_256).is(HEX_TEXT, RAW_BYTES, "hexadecimal text holding 32 bytes")
                    .passes().offers(TEXT_TO_BYTES),
            row("hmac-256bit-as-hex.txt", SYMMETRIC_DEFAULT).is(HEX_TEXT, RAW_BYTES, "hexadecimal text holding 32 bytes")
                    .fails("symmetric.length").offers(TEXT_TO_BYTES),
            row("p256.pkcs8-as-base64.txt", ECC_NIST_P256).is(BASE64_TEXT, PKCS8_PRIVATE_KEY,
                    "Base64 text holding a PKCS#8 EC private key on P-256 (DER)").fails("pkcs8.format").offers(TEXT_TO_BYTES),
            row("hmac-224bit.bin", HMAC_224).is(BINARY, RAW_BYTES, "28 bytes that are not ASN.1").passes(),
            row("hmac-224bit.bin", HMAC_256).is(BINARY, RAW_BYTES, "28 bytes").fails("hmac.min-length"),
            row("hmac-256bit.bin", HMAC_256).is(BINARY, RAW_BYTES, "32 bytes").passes(),
            row("hmac-256bit.bin", ML_DSA_65).is(BINARY, RAW_BYTES, "32 bytes").fails("keyspec.importable"),
            row("hmac-384bit.bin", HMAC_384).is(BINARY, RAW_BYTES, "48 bytes").passes(),
            row("hmac-512bit.bin", HMAC_512).is(BINARY, RAW_BYTES, "64 bytes").passes(),
            row("hmac-1024bit.bin", HMAC_512).is(BINARY, RAW_BYTES, "128 bytes").passes(),
            row("hmac-2048bit.bin", HMAC_256).is(BINARY, RAW_BYTES, "256 bytes that are not ASN.1")
                    .fails("hmac.max-length").offers(HMAC_DIGEST),
            row("hmac-2048bit.bin", HMAC_512).is(BINARY, RAW_BYTES, "256 bytes").fails("hmac.max-length")
                    .offers(HMAC_DIGEST),
            row("hmac-2048bit.bin", SYMMETRIC_DEFAULT).is(BINARY, RAW_BYTES, "256 bytes").fails("symmetric.length"),
            // --- Nothing usable ------------------------------------------------------------------------
            row("garbage.der", RSA_2048).is(BINARY, RAW_BYTES, "256 bytes that are not ASN.1").fails("pkcs8.format"),
            row("garbage.der", SYMMETRIC_DEFAULT).is(BINARY, RAW_BYTES, "256 bytes").fails("symmetric.length"),
            row("empty.bin", SYMMETRIC_DEFAULT).is(EMPTY, NONE, "an empty file").fails("material.size"),
            row("empty.bin", RSA_2048).is(EMPTY, NONE, "an empty file").fails("material.size"),
            row("oversized-16k.bin", RSA_4096).is(OVERSIZED, NONE, "more than 8192 bytes").fails("material.size"),
            row("oversized-16k.bin", HMAC_256).is(OVERSIZED, NONE, "more than 8192 bytes").fails("material.size"));

    /**
     * One row: the file and key spec (in a China Region or not) → what the file is and what the report says.
     * An empty {@code failing} list means the material passes every rule.
     */
    record Row(String file, KeySpec spec, boolean china, Container container, Structure structure, String phrase,
            List<String> notes, List<String> failing, List<Conversion> conversions) {

        Row inChina() {
            return new Row(file, spec, true, container, structure, phrase, notes, failing, conversions);
        }

        Row is(Container c, Structure s, String descriptionPhrase) {
            return new Row(file, spec, china, c, s, descriptionPhrase, notes, failing, conversions);
        }

        Row notes(String... phrases) {
            return new Row(file, spec, china, container, structure, phrase, List.of(phrases), failing, conversions);
        }

        Row passes() {
            return new Row(file, spec, china, container, structure, phrase, notes, List.of(), conversions);
        }

        Row fails(String... ruleIds) {
            return new Row(file, spec, china, container, structure, phrase, notes, List.of(ruleIds), conversions);
        }

        Row offers(Conversion... offered) {
            return new Row(file, spec, china, container, structure, phrase, notes, failing, List.of(offered));
        }

        boolean accepted() {
            return failing.isEmpty();
        }

        @Override
        public String toString() {
            return file + " as " + spec + (china ? " (China)" : "") + " → " + container + " " + structure + ", "
                    + (failing.isEmpty() ? "pass" : String.join(",", failing))
                    + (conversions.isEmpty() ? "" : ", offers " + conversions);
        }
    }

    private static Row row(String file, KeySpec spec) {
        return new Row(file, spec, false, null, null, null, List.of(), null, List.of());
    }

    static Stream<Arguments> table() {
        return TABLE.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void detectionAndReportMatchTheTable(Row row) {
        assertThat(row.container()).as("row is complete").isNotNull();
        assertThat(row.failing()).as("row has a verdict").isNotNull();
        byte[] file = fixture(row.file());

        DetectedMaterial detected = MaterialWorkbench.detect(file);
        assertThat(detected.container()).as("container; %s", detected).isEqualTo(row.container());
        assertThat(detected.structure()).as("structure; %s", detected).isEqualTo(row.structure());
        assertThat(detected.description()).contains(row.phrase());
        assertThat(detected.size()).isEqualTo(file.length);
        assertThat(detected.pemLabel().isPresent()).as("PEM label present").isEqualTo(row.container() == PEM);
        detected.pemLabel().ifPresent(label -> assertThat(detected.description()).contains("-----BEGIN " + label + "-----"));
        if (row.notes().isEmpty()) {
            assertThat(detected.notes()).as("notes").isEmpty();
        }
        for (String note : row.notes()) {
            assertThat(detected.notes()).as("notes").anySatisfy(n -> assertThat(n).contains(note));
        }

        MaterialReport report = MaterialWorkbench.report(file, row.spec(), row.china(), null, null);
        String lines = lines(report);
        assertThat(report.detected()).isEqualTo(detected);
        assertThat(ruleIds(report.failures())).as(lines).isEqualTo(row.failing());
        assertThat(report.materialAccepted()).as(lines).isEqualTo(row.accepted());
        assertThat(report.willImport()).as("no wrapping chosen: the material decides").isEqualTo(row.accepted());
        assertThat(report.wrapping().status()).isEqualTo(RuleResult.Status.NOT_APPLICABLE);
        assertThat(report.conversions()).as(lines).isEqualTo(row.conversions());
        assertThat(MaterialWorkbench.conversions(file, row.spec())).isEqualTo(row.conversions());
        assertThat(report.suggestedConversion()).isEqualTo(row.conversions().stream().findFirst());
        for (RuleResult failed : report.failures()) {
            assertThat(failed.found()).as(failed.rule()).isNotBlank();
            assertThat(failed.remedy()).as(failed.rule()).isNotBlank();
        }

        // With the recommended wrapping chosen, the verdict is the material's.
        if (!report.wrappingChoices().isEmpty()) {
            WrappingCompatibility.Combination recommended = report.wrappingChoices().get(0);
            MaterialReport wrapped = MaterialWorkbench.report(file, row.spec(), row.china(), recommended.algorithm(),
                    recommended.wrappingKeySpec());
            assertThat(wrapped.wrapping().status()).isEqualTo(RuleResult.Status.PASSED);
            assertThat(wrapped.willImport()).isEqualTo(row.accepted());
            assertThat(ruleIds(wrapped.failures())).isEqualTo(row.failing());
        }
    }

    @Test
    void everyFixtureHasARow() throws IOException {
        Set<String> inTable = TABLE.stream().map(Row::file).collect(Collectors.toCollection(TreeSet::new));
        assertThat(inTable).isEqualTo(fixtureNames());
    }

    @Test
    void aWrappingThatCannotCarryTheMaterialStopsTheImportButNotTheMaterial() {
        MaterialReport report = MaterialWorkbench.report(fixture("rsa2048.pkcs8.der"), RSA_2048, false,
                WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_4096);

        assertThat(report.materialAccepted()).isTrue();
        assertThat(report.willImport()).isFalse();
        assertThat(ruleIds(report.failures())).containsExactly("wrapping.compatible");
        assertThat(report.wrapping().found()).contains("RSAES_OAEP_SHA_256 with RSA_4096");
        assertThat(report.wrapping().remedy()).contains("RSA_AES_KEY_WRAP_SHA_256 and RSA_4096 (recommended)");
    }

    // --- public keys and certificates: not key material, and the report says so and why ------------

    static Stream<Arguments> publicKeyFilesReadAsDer() {
        return Stream.of("rsa2048.spki.der", "rsa2048.x509.der").flatMap(file -> Stream.of(RSA_2048, ECC_NIST_P256,
                SYMMETRIC_DEFAULT).map(spec -> Arguments.of(file, spec)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("publicKeyFilesReadAsDer")
    void derPublicKeyAndCertificateReportSayOnlyAPublicKeyAndWhy(String file, KeySpec spec) {
        assertReportSaysOnlyAPublicKeyAndWhy(file, spec);
    }

    static Stream<Arguments> publicKeyFilesReadAsPem() {
        return Stream.of("rsa2048.spki.pem", "rsa2048.pkcs1-public.pem", "rsa2048.x509.pem")
                .flatMap(file -> Stream.of(RSA_2048, ECC_NIST_P256).map(spec -> Arguments.of(file, spec)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("publicKeyFilesReadAsPem")
    void pemPublicKeyAndCertificateReportSayOnlyAPublicKeyAndWhy(String file, KeySpec spec) {
        assertReportSaysOnlyAPublicKeyAndWhy(file, spec);
    }

    @Test
    void certificateAsHmacMaterialIsNotToBeHashed() {
        MaterialReport report = MaterialWorkbench.report(fixture("rsa2048.x509.der"), HMAC_256, false, null, null);

        assertThat(report.materialAccepted()).isFalse();
        assertThat(report.failures()).allSatisfy(line -> assertThat(line.remedy()).doesNotContain("hash it"));
        assertReportSaysOnlyAPublicKeyAndWhy("rsa2048.x509.der", HMAC_256);
    }

    private static void assertReportSaysOnlyAPublicKeyAndWhy(String file, KeySpec spec) {
        MaterialReport report = MaterialWorkbench.report(fixture(file), spec, false, null, null);
        assertThat(report.detected().structure().isPublicOnly()).isTrue();
        assertThat(report.detected().description()).contains("only a public key, no private key");
        assertThat(report.materialAccepted()).isFalse();
        assertThat(report.conversions()).isEmpty();
        RuleResult first = report.failures().get(0);
        assertThat(first.found()).as("what: %s", lines(report)).contains("only a public key");
        assertThat(first.remedy()).as("why: %s", lines(report))
                .containsAnyOf("KMS needs the private key", "Import a private key");
    }

    // --- what a rule line says about a file of several PEM blocks ------------------------------------

    @Test
    void ruleLinesNameTheKeyBlockOfAMultiBlockPem() {
        for (String file : List.of("p256.sec1-with-params.pem", "p256-no-inner-params.sec1.pem",
                "rsa2048-with-cert.pkcs8.pem")) {
            MaterialReport report = MaterialWorkbench.report(fixture(file), file.startsWith("p256") ? ECC_NIST_P256
                    : RSA_2048, false, null, null);
            assertThat(report.failures().get(0).found()).as(file)
                    .contains("-----BEGIN " + report.detected().pemLabel().orElseThrow() + "-----");
        }
    }

    @Test
    void detectionMentionsBytesAfterAPkcs8() {
        assertThat(MaterialWorkbench.detect(fixture("rsa2048.pkcs8.trailing-data.der")).description())
                .contains("followed by 2 bytes");
    }

    @Test
    void explicitCurveConversionIsOfferedOnlyForEllipticCurveKeySpecs() {
        assertThat(MaterialWorkbench.conversions(fixture("p256-explicit-params.pkcs8.der"), RSA_2048)).isEmpty();
    }

    @Test
    void randomBytesThatBeginLikeAnAsn1ElementAreRawBytes() {
        byte[] hmac = new byte[256];
        new java.util.Random(1).nextBytes(hmac);
        hmac[0] = 0x04;
        hmac[1] = 0x10;

        assertThat(MaterialWorkbench.detect(hmac).structure()).isEqualTo(RAW_BYTES);
        assertThat(MaterialWorkbench.conversions(hmac, HMAC_256)).containsExactly(HMAC_DIGEST);
    }

    // --- helpers ---------------------------------------------------------------------------------

    static Set<String> fixtureNames() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals("README.md") && !name.equals("regenerate.sh"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(FIXTURES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ruleIds(List<RuleResult> results) {
        return results.stream().map(RuleResult::rule).toList();
    }

    private static String lines(MaterialReport report) {
        return report.detected().description() + "\n" + Stream.concat(report.lines().stream(), Stream.of(report.wrapping()))
                .map(r -> r.status() + " " + r.rule() + ": found " + r.found() + "; remedy " + r.remedy())
                .collect(Collectors.joining("\n"));
    }
}
