package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.AsymmetricFixture.createAwsKms;
import static dev.byokstudio.embedded.AsymmetricFixture.createImported;
import static dev.byokstudio.embedded.AsymmetricFixture.derivedPublicKey;
import static dev.byokstudio.embedded.AsymmetricFixture.fixtureMaterial;
import static dev.byokstudio.embedded.AsymmetricFixture.jcaPublicKey;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createExternal;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createSymmetric;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.expectError;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.keyArn;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.newKms;
import static dev.byokstudio.embedded.ImportFixture.importMaterial;
import static dev.byokstudio.embedded.ImportFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DataKeyPairSpec;
import dev.byokstudio.kms.DecryptRequest;
import dev.byokstudio.kms.DecryptResponse;
import dev.byokstudio.kms.DisableKeyRequest;
import dev.byokstudio.kms.DisabledException;
import dev.byokstudio.kms.GenerateDataKeyPairRequest;
import dev.byokstudio.kms.GenerateDataKeyPairResponse;
import dev.byokstudio.kms.InvalidCiphertextException;
import dev.byokstudio.kms.InvalidKeyUsageException;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.KmsInvalidStateException;
import dev.byokstudio.kms.ValidationException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext: a new key pair whose PKCS#8 private key is
 * encrypted under a symmetric key, so that Decrypt with the same encryption context gives it back. The
 * public key is checked against the one derived here from the private key. RSA_4096 pairs take seconds to
 * generate: one case only.
 */
@TestInstance(Lifecycle.PER_CLASS)
class DataKeyPairTest {

    private static final Map<String, String> CONTEXT = Map.of("app", "payments", "tenant", "42");

    private final EmbeddedKms kms = newKms();
    private final EmbeddedKms china = newKms(AccountContext.inRegion("cn-north-1"));
    private final KeyMetadata symmetric = createSymmetric(kms);
    private final KeyMetadata chinaSymmetric = createSymmetric(china);

    private GenerateDataKeyPairResponse generate(EmbeddedKms in, String keyId, DataKeyPairSpec spec,
            Map<String, String> context) {
        return in.generateDataKeyPair(new GenerateDataKeyPairRequest(context, keyId, spec, null));
    }

    private static byte[] decrypt(EmbeddedKms in, byte[] blob, Map<String, String> context) {
        return in.decrypt(new DecryptRequest(blob, context, null, null, null)).plaintext().revealCopy();
    }

    /** The checks every pair passes: PKCS#8 of the spec, its public key, and the ciphertext that decrypts to it. */
    private static void assertConsistentPair(EmbeddedKms in, GenerateDataKeyPairResponse pair, DataKeyPairSpec spec,
            String wrappingKeyId, Map<String, String> context) throws Exception {
        byte[] privateKey = pair.privateKeyPlaintext().revealCopy();
        KeySpec keySpec = spec.keySpec();

        assertThat(pair.keyPairSpec()).isEqualTo(spec);
        assertThat(pair.keyId()).isEqualTo(in.account().keyArn(wrappingKeyId));
        assertThat(derivedPublicKey(privateKey)).as("public key derived from the private key").isEqualTo(pair.publicKey());
        assertThat(AsymmetricFixture.keyFactory(keySpec).generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(privateKey)))
                .as("a PKCS#8 private key JCA reads").isNotNull();
        assertThat(jcaPublicKey(keySpec, pair.publicKey())).isNotNull();
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(privateKey);
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(pair.publicKey());
        assertThat(info.getPrivateKeyAlgorithm().getAlgorithm()).isEqualTo(spki.getAlgorithm().getAlgorithm());
        if (spki.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier) {
            assertThat(info.getPrivateKeyAlgorithm().getParameters()).as("the same named curve")
                    .isEqualTo(spki.getAlgorithm().getParameters());
        }
        assertThat(decrypt(in, pair.privateKeyCiphertextBlob(), context)).as("Decrypt gives the private key back")
                .isEqualTo(privateKey);
    }

    @ParameterizedTest
    @EnumSource(value = DataKeyPairSpec.class, names = {"RSA_4096", "SM2"}, mode = EnumSource.Mode.EXCLUDE)
    void everyPairSpecGivesAPrivateKeyWhosePublicKeyIsPublicKeyAndThatDecryptReturns(DataKeyPairSpec spec)
            throws Exception {
        GenerateDataKeyPairResponse pair = generate(kms, symmetric.keyId(), spec, CONTEXT);

        assertConsistentPair(kms, pair, spec, symmetric.keyId(), CONTEXT);
    }

    @Test
    void rsa4096PairHasA4096BitModulus() throws Exception {
        GenerateDataKeyPairResponse pair = generate(kms, symmetric.keyId(), DataKeyPairSpec.RSA_4096, Map.of());

        assertConsistentPair(kms, pair, DataKeyPairSpec.RSA_4096, symmetric.keyId(), Map.of());
        RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) java.security.KeyFactory.getInstance("RSA").generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(pair.privateKeyPlaintext().revealCopy()));
        assertThat(rsa.getModulus().bitLength()).isEqualTo(4096);
    }

    @Test
    void sm2PairInAChinaRegionIsOnTheSm2Curve() throws Exception {
        GenerateDataKeyPairResponse pair = generate(china, chinaSymmetric.keyId(), DataKeyPairSpec.SM2, CONTEXT);

        assertConsistentPair(china, pair, DataKeyPairSpec.SM2, chinaSymmetric.keyId(), CONTEXT);
        assertThat(SubjectPublicKeyInfo.getInstance(pair.publicKey()).getAlgorithm().getParameters())
                .isEqualTo(new ASN1ObjectIdentifier("1.2.156.10197.1.301"));
        assertThat(pair.keyId()).startsWith("arn:aws-cn:kms:cn-north-1:");
    }

    @Test
    void sm2PairOutsideTheChinaRegionsIsAValidationError() {
        ValidationException e = expectError(ValidationException.class,
                () -> generate(kms, symmetric.keyId(), DataKeyPairSpec.SM2, CONTEXT));
        ValidationException withoutPlaintext = expectError(ValidationException.class, () -> kms.generateDataKeyPairWithoutPlaintext(
                new GenerateDataKeyPairRequest(CONTEXT, symmetric.keyId(), DataKeyPairSpec.SM2, null)));

        assertThat(e.errorCode()).isEqualTo("ValidationException");
        assertThat(e.awsMessage()).contains("SM2");
        assertThat(withoutPlaintext.errorCode()).isEqualTo("ValidationException");
    }

    @Test
    void eachCallGivesANewPair() {
        GenerateDataKeyPairResponse one = generate(kms, symmetric.keyId(), DataKeyPairSpec.ECC_NIST_P256, CONTEXT);
        GenerateDataKeyPairResponse two = generate(kms, symmetric.keyId(), DataKeyPairSpec.ECC_NIST_P256, CONTEXT);

        assertThat(one.publicKey()).isNotEqualTo(two.publicKey());
    }

    @Test
    void decryptWithAnotherEncryptionContextIsInvalidCiphertext() {
        GenerateDataKeyPairResponse pair = generate(kms, symmetric.keyId(), DataKeyPairSpec.ECC_NIST_P384, CONTEXT);

        InvalidCiphertextException changed = expectError(InvalidCiphertextException.class,
                () -> decrypt(kms, pair.privateKeyCiphertextBlob(), Map.of("app", "payments", "tenant", "43")));
        InvalidCiphertextException missing = expectError(InvalidCiphertextException.class,
                () -> decrypt(kms, pair.privateKeyCiphertextBlob(), Map.of()));
        InvalidCiphertextException extra = expectError(InvalidCiphertextException.class,
                () -> decrypt(kms, pair.privateKeyCiphertextBlob(), Map.of("app", "payments", "tenant", "42", "x", "y")));

        assertThat(changed.errorCode()).isEqualTo("InvalidCiphertextException");
        assertThat(changed.awsMessage()).isEmpty();
        assertThat(missing.errorCode()).isEqualTo("InvalidCiphertextException");
        assertThat(extra.errorCode()).isEqualTo("InvalidCiphertextException");
    }

    @Test
    void decryptNamesTheSymmetricKeyThatEncryptedThePrivateKey() {
        GenerateDataKeyPairResponse pair = generate(kms, symmetric.keyId(), DataKeyPairSpec.ECC_NIST_EDWARDS25519, CONTEXT);

        DecryptResponse decrypted = kms.decrypt(new DecryptRequest(pair.privateKeyCiphertextBlob(), CONTEXT, null,
                symmetric.keyId(), null));

        assertThat(decrypted.keyId()).isEqualTo(keyArn(symmetric.keyId()));
        assertThat(decrypted.plaintext().revealCopy()).isEqualTo(pair.privateKeyPlaintext().revealCopy());
    }

    @ParameterizedTest
    @EnumSource(value = DataKeyPairSpec.class, names = {"ECC_NIST_P256", "ECC_NIST_EDWARDS25519", "RSA_2048"})
    void withoutPlaintextGivesNoPrivateKeyButACiphertextThatDecryptsToIt(DataKeyPairSpec spec) {
        GenerateDataKeyPairResponse pair = kms.generateDataKeyPairWithoutPlaintext(
                new GenerateDataKeyPairRequest(CONTEXT, symmetric.keyId(), spec, null));

        assertThat(pair.privateKeyPlaintext()).isNull();
        assertThat(pair.keyPairSpec()).isEqualTo(spec);
        assertThat(pair.keyId()).isEqualTo(keyArn(symmetric.keyId()));
        assertThat(derivedPublicKey(decrypt(kms, pair.privateKeyCiphertextBlob(), CONTEXT))).isEqualTo(pair.publicKey());
    }

    @Test
    void worksUnderAnExternalSymmetricKeyWithImportedMaterial() throws Exception {
        KeyMetadata external = createExternal(kms);
        importMaterial(kms, external.keyId(), randomBytes(32));

        GenerateDataKeyPairResponse pair = generate(kms, external.keyId(), DataKeyPairSpec.ECC_SECG_P256K1, CONTEXT);

        assertConsistentPair(kms, pair, DataKeyPairSpec.ECC_SECG_P256K1, external.keyId(), CONTEXT);
    }

    @Test
    void worksUnderAnExternalSm4KeyInAChinaRegion() throws Exception {
        KeyMetadata external = createExternal(china);
        importMaterial(china, external.keyId(), randomBytes(16));

        GenerateDataKeyPairResponse pair = generate(china, external.keyId(), DataKeyPairSpec.ECC_NIST_P256, CONTEXT);

        assertConsistentPair(china, pair, DataKeyPairSpec.ECC_NIST_P256, external.keyId(), CONTEXT);
    }

    // ---------------------------------------------------------------- refused

    @Test
    void anAsymmetricEncryptionKeyIsInvalidKeyUsage() {
        KeyMetadata rsa = createImported(kms, KeySpec.RSA_2048, KeyUsage.ENCRYPT_DECRYPT, fixtureMaterial(KeySpec.RSA_2048));

        InvalidKeyUsageException e = expectError(InvalidKeyUsageException.class,
                () -> generate(kms, rsa.keyId(), DataKeyPairSpec.ECC_NIST_P256, CONTEXT));

        assertThat(e.errorCode()).isEqualTo("InvalidKeyUsageException");
        assertThat(e.awsMessage()).isEqualTo("Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.");
    }

    @Test
    void aSigningKeyIsInvalidKeyUsage() {
        KeyMetadata p256 = createAwsKms(kms, KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY);

        InvalidKeyUsageException e = expectError(InvalidKeyUsageException.class,
                () -> generate(kms, p256.keyId(), DataKeyPairSpec.ECC_NIST_P256, CONTEXT));
        InvalidKeyUsageException withoutPlaintext = expectError(InvalidKeyUsageException.class,
                () -> kms.generateDataKeyPairWithoutPlaintext(new GenerateDataKeyPairRequest(CONTEXT, p256.keyId(),
                        DataKeyPairSpec.ECC_NIST_P256, null)));

        assertThat(e.awsMessage()).isEqualTo(keyArn(p256.keyId()) + " key usage is SIGN_VERIFY which is not valid for "
                + "GenerateDataKeyPair.");
        assertThat(withoutPlaintext.awsMessage()).isEqualTo(keyArn(p256.keyId()) + " key usage is SIGN_VERIFY which is "
                + "not valid for GenerateDataKeyPairWithoutPlaintext.");
    }

    @Test
    void anHmacKeyIsInvalidKeyUsage() {
        KeyMetadata hmac = kms.createKey(CreateKeyRequest.builder().keySpec(KeySpec.HMAC_256)
                .keyUsage(KeyUsage.GENERATE_VERIFY_MAC).build()).keyMetadata();

        InvalidKeyUsageException e = expectError(InvalidKeyUsageException.class,
                () -> generate(kms, hmac.keyId(), DataKeyPairSpec.ECC_NIST_P256, CONTEXT));

        assertThat(e.awsMessage()).isEqualTo(keyArn(hmac.keyId()) + " key usage is GENERATE_VERIFY_MAC which is not valid "
                + "for GenerateDataKeyPair.");
    }

    @Test
    void anExternalKeyWithoutMaterialIsPendingImport() {
        KeyMetadata key = createExternal(kms);

        KmsInvalidStateException e = expectError(KmsInvalidStateException.class,
                () -> generate(kms, key.keyId(), DataKeyPairSpec.ECC_NIST_P256, CONTEXT));

        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " is pending import.");
    }

    @Test
    void aDisabledKeyIsDisabled() {
        KeyMetadata key = createSymmetric(kms);
        kms.disableKey(new DisableKeyRequest(key.keyId()));

        DisabledException e = expectError(DisabledException.class,
                () -> generate(kms, key.keyId(), DataKeyPairSpec.ECC_NIST_P256, CONTEXT));

        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " is disabled.");
    }

    @Test
    void aMissingKeyPairSpecIsAValidationError() {
        ValidationException e = expectError(ValidationException.class,
                () -> generate(kms, symmetric.keyId(), null, CONTEXT));

        assertThat(e.awsMessage()).isEqualTo("1 validation error detected: Value null at 'keyPairSpec' failed to satisfy "
                + "constraint: Member must not be null");
    }
}
