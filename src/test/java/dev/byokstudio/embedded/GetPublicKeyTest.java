package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.AsymmetricFixture.createAwsKms;
import static dev.byokstudio.embedded.AsymmetricFixture.createImported;
import static dev.byokstudio.embedded.AsymmetricFixture.derivedPublicKey;
import static dev.byokstudio.embedded.AsymmetricFixture.fixture;
import static dev.byokstudio.embedded.AsymmetricFixture.fixtureMaterial;
import static dev.byokstudio.embedded.AsymmetricFixture.jcaPublicKey;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.UNKNOWN_KEY_ID;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createExternal;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createSymmetric;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.describe;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.expectError;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.keyArn;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.newKms;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.scheduleDeletion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DisableKeyRequest;
import dev.byokstudio.kms.DisabledException;
import dev.byokstudio.kms.GetPublicKeyRequest;
import dev.byokstudio.kms.GetPublicKeyResponse;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.KmsInvalidStateException;
import dev.byokstudio.kms.KmsUnsupportedOperationException;
import dev.byokstudio.kms.NotFoundException;
import dev.byokstudio.kms.Origin;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GetPublicKey (reference §15): the DER SubjectPublicKeyInfo of an asymmetric key, the same one the
 * imported material's private key gives, in the form AWS returns (named curves, rsaEncryption with NULL),
 * with the key's spec, usage and algorithms as DescribeKey reports them.
 */
@TestInstance(Lifecycle.PER_CLASS)
class GetPublicKeyTest {

    private final EmbeddedKms kms = newKms();
    private final EmbeddedKms china = newKms(AccountContext.inRegion("cn-north-1"));
    private final Map<String, KeyMetadata> keys = new HashMap<>();

    private EmbeddedKms kmsFor(KeySpec spec) {
        return spec == KeySpec.SM2 ? china : kms;
    }

    private KeyMetadata key(KeySpec spec, KeyUsage usage, Origin origin) {
        return keys.computeIfAbsent(spec + "/" + usage + "/" + origin,
                k -> AsymmetricFixture.create(kmsFor(spec), spec, usage, origin));
    }

    private GetPublicKeyResponse getPublicKey(KeySpec spec, String keyId) {
        return kmsFor(spec).getPublicKey(new GetPublicKeyRequest(keyId, null));
    }

    // ---------------------------------------------------------------- the public key

    @ParameterizedTest
    @EnumSource(value = KeySpec.class, names = {"RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384",
        "ECC_NIST_P521", "ECC_SECG_P256K1", "SM2", "ECC_NIST_EDWARDS25519"})
    void importedKeyGivesThePublicKeyOfItsPrivateKey(KeySpec spec) {
        KeyMetadata key = key(spec, KeyUsage.SIGN_VERIFY, Origin.EXTERNAL);

        byte[] spki = getPublicKey(spec, key.keyId()).publicKey();

        assertThat(spki).isEqualTo(derivedPublicKey(fixtureMaterial(spec)));
    }

    @Test
    void importedRsa2048GivesTheSpkiOpenSslWroteForIt() {
        KeyMetadata key = key(KeySpec.RSA_2048, KeyUsage.SIGN_VERIFY, Origin.EXTERNAL);

        assertThat(getPublicKey(KeySpec.RSA_2048, key.keyId()).publicKey()).isEqualTo(fixture("rsa2048.spki.der"));
    }

    @Test
    void rsaPublicKeyIsRsaEncryptionWithNullParametersAndTheKeySize() throws Exception {
        KeyMetadata key = key(KeySpec.RSA_2048, KeyUsage.ENCRYPT_DECRYPT, Origin.AWS_KMS);

        byte[] spki = getPublicKey(KeySpec.RSA_2048, key.keyId()).publicKey();

        AlgorithmIdentifier algorithm = SubjectPublicKeyInfo.getInstance(spki).getAlgorithm();
        assertThat(algorithm.getAlgorithm().getId()).isEqualTo("1.2.840.113549.1.1.1");
        assertThat(algorithm.getParameters()).isEqualTo(DERNull.INSTANCE);
        RSAPublicKey rsa = (RSAPublicKey) jcaPublicKey(KeySpec.RSA_2048, spki);
        assertThat(rsa.getModulus().bitLength()).isEqualTo(2048);
        assertThat(rsa.getPublicExponent()).isEqualTo(java.math.BigInteger.valueOf(65537));
    }

    static Stream<Arguments> namedCurves() {
        return Stream.of(
                arguments(KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY, "1.2.840.10045.3.1.7", 65),
                arguments(KeySpec.ECC_NIST_P256, KeyUsage.KEY_AGREEMENT, "1.2.840.10045.3.1.7", 65),
                arguments(KeySpec.ECC_NIST_P384, KeyUsage.SIGN_VERIFY, "1.3.132.0.34", 97),
                arguments(KeySpec.ECC_NIST_P521, KeyUsage.SIGN_VERIFY, "1.3.132.0.35", 133),
                arguments(KeySpec.ECC_SECG_P256K1, KeyUsage.SIGN_VERIFY, "1.3.132.0.10", 65),
                arguments(KeySpec.SM2, KeyUsage.SIGN_VERIFY, "1.2.156.10197.1.301", 65),
                arguments(KeySpec.SM2, KeyUsage.ENCRYPT_DECRYPT, "1.2.156.10197.1.301", 65));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("namedCurves")
    void ecPublicKeysNameTheirCurveAndCarryAnUncompressedPoint(KeySpec spec, KeyUsage usage, String curveOid,
            int pointLength) throws Exception {
        for (Origin origin : java.util.List.of(Origin.AWS_KMS, Origin.EXTERNAL)) {
            byte[] spki = getPublicKey(spec, key(spec, usage, origin).keyId()).publicKey();

            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(spki);
            assertThat(info.getEncoded(ASN1Encoding.DER)).as("DER").isEqualTo(spki);
            assertThat(info.getAlgorithm().getAlgorithm().getId()).as("id-ecPublicKey").isEqualTo("1.2.840.10045.2.1");
            assertThat(info.getAlgorithm().getParameters()).as(origin + " curve").isInstanceOf(ASN1ObjectIdentifier.class);
            assertThat(((ASN1ObjectIdentifier) info.getAlgorithm().getParameters()).getId()).isEqualTo(curveOid);
            byte[] point = info.getPublicKeyData().getOctets();
            assertThat(point).hasSize(pointLength);
            assertThat(point[0]).isEqualTo((byte) 0x04);
            assertThat(jcaPublicKey(spec, spki)).isNotNull();
        }
    }

    static Stream<Arguments> algorithmOids() {
        return Stream.of(
                arguments(KeySpec.ECC_NIST_EDWARDS25519, "1.3.101.112", 32),
                arguments(KeySpec.ML_DSA_44, "2.16.840.1.101.3.4.3.17", 1312),
                arguments(KeySpec.ML_DSA_65, "2.16.840.1.101.3.4.3.18", 1952),
                arguments(KeySpec.ML_DSA_87, "2.16.840.1.101.3.4.3.19", 2592));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithmOids")
    void ed25519AndMlDsaPublicKeysHaveTheirAlgorithmOidWithoutParameters(KeySpec spec, String oid, int keyLength) {
        byte[] spki = getPublicKey(spec, key(spec, KeyUsage.SIGN_VERIFY, Origin.AWS_KMS).keyId()).publicKey();

        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(spki);
        assertThat(info.getAlgorithm().getAlgorithm().getId()).isEqualTo(oid);
        assertThat(info.getAlgorithm().getParameters()).isNull();
        assertThat(info.getPublicKeyData().getOctets()).hasSize(keyLength);
        assertThat(jcaPublicKey(spec, spki)).isNotNull();
    }

    // ---------------------------------------------------------------- what else it reports

    static Stream<Arguments> keysOfEveryUsage() {
        return Stream.of(
                arguments(KeySpec.RSA_2048, KeyUsage.ENCRYPT_DECRYPT, Origin.AWS_KMS),
                arguments(KeySpec.RSA_2048, KeyUsage.SIGN_VERIFY, Origin.EXTERNAL),
                arguments(KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY, Origin.AWS_KMS),
                arguments(KeySpec.ECC_NIST_P256, KeyUsage.KEY_AGREEMENT, Origin.EXTERNAL),
                arguments(KeySpec.ECC_NIST_P521, KeyUsage.KEY_AGREEMENT, Origin.AWS_KMS),
                arguments(KeySpec.ECC_SECG_P256K1, KeyUsage.SIGN_VERIFY, Origin.EXTERNAL),
                arguments(KeySpec.ECC_NIST_EDWARDS25519, KeyUsage.SIGN_VERIFY, Origin.EXTERNAL),
                arguments(KeySpec.SM2, KeyUsage.ENCRYPT_DECRYPT, Origin.AWS_KMS),
                arguments(KeySpec.SM2, KeyUsage.SIGN_VERIFY, Origin.EXTERNAL),
                arguments(KeySpec.SM2, KeyUsage.KEY_AGREEMENT, Origin.AWS_KMS),
                arguments(KeySpec.ML_DSA_65, KeyUsage.SIGN_VERIFY, Origin.AWS_KMS));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("keysOfEveryUsage")
    void specUsageAndAlgorithmsAreThoseDescribeKeyReports(KeySpec spec, KeyUsage usage, Origin origin) {
        KeyMetadata key = key(spec, usage, origin);
        KeyMetadata described = describe(kmsFor(spec), key.keyId());

        GetPublicKeyResponse response = getPublicKey(spec, key.keyId());

        assertThat(response.keyId()).isEqualTo(described.arn());
        assertThat(response.keySpec()).isEqualTo(described.keySpec()).isEqualTo(spec);
        assertThat(response.customerMasterKeySpec()).isEqualTo(described.customerMasterKeySpec());
        assertThat(response.keyUsage()).isEqualTo(described.keyUsage()).isEqualTo(usage);
        assertThat(response.encryptionAlgorithms()).isEqualTo(described.encryptionAlgorithms());
        assertThat(response.signingAlgorithms()).isEqualTo(described.signingAlgorithms());
        assertThat(response.keyAgreementAlgorithms()).isEqualTo(described.keyAgreementAlgorithms());
    }

    @Test
    void aliasNamesAndArnsWork() {
        KeyMetadata key = key(KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY, Origin.AWS_KMS);
        kms.createAlias(new CreateAliasRequest("alias/verifier", key.keyId()));
        byte[] expected = getPublicKey(KeySpec.ECC_NIST_P256, key.keyId()).publicKey();

        assertThat(getPublicKey(KeySpec.ECC_NIST_P256, "alias/verifier").publicKey()).isEqualTo(expected);
        assertThat(getPublicKey(KeySpec.ECC_NIST_P256, keyArn(key.keyId())).publicKey()).isEqualTo(expected);
        assertThat(getPublicKey(KeySpec.ECC_NIST_P256, "alias/verifier").keyId()).isEqualTo(keyArn(key.keyId()));
    }

    @Test
    void theSameKeyGivesTheSamePublicKeyEachTime() {
        KeyMetadata key = key(KeySpec.ML_DSA_65, KeyUsage.SIGN_VERIFY, Origin.AWS_KMS);

        assertThat(getPublicKey(KeySpec.ML_DSA_65, key.keyId()).publicKey())
                .isEqualTo(getPublicKey(KeySpec.ML_DSA_65, key.keyId()).publicKey());
    }

    @Test
    void reimportingTheSameMaterialAfterDeletingItGivesTheSamePublicKey() {
        KeyMetadata key = createImported(kms, KeySpec.ECC_SECG_P256K1, KeyUsage.SIGN_VERIFY,
                fixtureMaterial(KeySpec.ECC_SECG_P256K1));
        byte[] before = getPublicKey(KeySpec.ECC_SECG_P256K1, key.keyId()).publicKey();
        kms.deleteImportedKeyMaterial(new dev.byokstudio.kms.DeleteImportedKeyMaterialRequest(key.keyId(), null));
        KmsInvalidStateException pending = expectError(KmsInvalidStateException.class,
                () -> getPublicKey(KeySpec.ECC_SECG_P256K1, key.keyId()));

        AsymmetricFixture.importAsymmetric(kms, key.keyId(), fixtureMaterial(KeySpec.ECC_SECG_P256K1));

        assertThat(pending.awsMessage()).isEqualTo(keyArn(key.keyId()) + " is pending import.");
        assertThat(getPublicKey(KeySpec.ECC_SECG_P256K1, key.keyId()).publicKey()).isEqualTo(before)
                .isEqualTo(derivedPublicKey(fixtureMaterial(KeySpec.ECC_SECG_P256K1)));
    }

    // ---------------------------------------------------------------- refused

    @Test
    void symmetricKeysHaveNoPublicKey() {
        KeyMetadata generated = createSymmetric(kms);
        KeyMetadata pendingImport = createExternal(kms);

        KmsUnsupportedOperationException e = expectError(KmsUnsupportedOperationException.class,
                () -> getPublicKey(KeySpec.SYMMETRIC_DEFAULT, generated.keyId()));
        KmsUnsupportedOperationException external = expectError(KmsUnsupportedOperationException.class,
                () -> getPublicKey(KeySpec.SYMMETRIC_DEFAULT, pendingImport.keyId()));

        assertThat(e.errorCode()).isEqualTo("UnsupportedOperationException");
        assertThat(e.awsMessage()).startsWith(keyArn(generated.keyId()));
        assertThat(external.errorCode()).isEqualTo("UnsupportedOperationException");
    }

    @ParameterizedTest
    @EnumSource(value = KeySpec.class, names = "HMAC_.*", mode = EnumSource.Mode.MATCH_ANY)
    void hmacKeysHaveNoPublicKey(KeySpec spec) {
        KeyMetadata key = kms.createKey(CreateKeyRequest.builder().keySpec(spec).keyUsage(KeyUsage.GENERATE_VERIFY_MAC)
                .build()).keyMetadata();

        KmsUnsupportedOperationException e = expectError(KmsUnsupportedOperationException.class,
                () -> getPublicKey(spec, key.keyId()));

        assertThat(e.errorCode()).isEqualTo("UnsupportedOperationException");
    }

    @Test
    void anExternalKeyWithoutMaterialIsPendingImport() {
        KeyMetadata key = createExternal(kms, KeySpec.ECC_NIST_P384, KeyUsage.SIGN_VERIFY);

        KmsInvalidStateException e = expectError(KmsInvalidStateException.class,
                () -> getPublicKey(KeySpec.ECC_NIST_P384, key.keyId()));

        assertThat(e.errorCode()).isEqualTo("KMSInvalidStateException");
        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " is pending import.");
    }

    @Test
    void aDisabledKeyIsDisabled() {
        KeyMetadata key = createImported(kms, KeySpec.ECC_NIST_P256, KeyUsage.KEY_AGREEMENT,
                fixtureMaterial(KeySpec.ECC_NIST_P256));
        kms.disableKey(new DisableKeyRequest(key.keyId()));

        DisabledException e = expectError(DisabledException.class, () -> getPublicKey(KeySpec.ECC_NIST_P256, key.keyId()));

        assertThat(e.errorCode()).isEqualTo("DisabledException");
        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " is disabled.");
    }

    @Test
    void aKeyPendingDeletionIsInvalidState() {
        KeyMetadata key = createAwsKms(kms, KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY);
        scheduleDeletion(kms, key.keyId());

        KmsInvalidStateException e = expectError(KmsInvalidStateException.class,
                () -> getPublicKey(KeySpec.ECC_NIST_P256, key.keyId()));

        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " is pending deletion.");
    }

    @Test
    void anUnknownKeyIsNotFound() {
        NotFoundException e = expectError(NotFoundException.class, () -> getPublicKey(KeySpec.RSA_2048, UNKNOWN_KEY_ID));

        assertThat(e.errorCode()).isEqualTo("NotFoundException");
        assertThat(e.awsMessage()).isEqualTo("Key '" + keyArn(UNKNOWN_KEY_ID) + "' does not exist");
    }
}
