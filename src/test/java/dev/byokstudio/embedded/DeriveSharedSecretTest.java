package dev.byokstudio.embedded;

import static dev.byokstudio.embedded.AsymmetricFixture.BC;
import static dev.byokstudio.embedded.AsymmetricFixture.createAwsKms;
import static dev.byokstudio.embedded.AsymmetricFixture.fixture;
import static dev.byokstudio.embedded.AsymmetricFixture.fixtureMaterial;
import static dev.byokstudio.embedded.AsymmetricFixture.jcaPublicKey;
import static dev.byokstudio.embedded.AsymmetricFixture.publicKeyBytes;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.UNKNOWN_KEY_ID;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createExternal;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.createSymmetric;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.expectError;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.keyArn;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.newKms;
import static dev.byokstudio.embedded.EmbeddedKmsFixture.scheduleDeletion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.DeriveSharedSecretRequest;
import dev.byokstudio.kms.DeriveSharedSecretResponse;
import dev.byokstudio.kms.DisableKeyRequest;
import dev.byokstudio.kms.DisabledException;
import dev.byokstudio.kms.InvalidKeyUsageException;
import dev.byokstudio.kms.KeyAgreementAlgorithm;
import dev.byokstudio.kms.KeyMetadata;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.KmsInvalidStateException;
import dev.byokstudio.kms.NotFoundException;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.KeyAgreement;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DeriveSharedSecret (reference §15): raw ECDH between a KEY_AGREEMENT key and a peer's public key, the
 * same secret the peer computes with the JDK or Bouncy Castle and the key's public key from GetPublicKey.
 * Only the NIST curves and SM2 allow KEY_AGREEMENT (secp256k1 does not).
 */
@TestInstance(Lifecycle.PER_CLASS)
class DeriveSharedSecretTest {

    private final EmbeddedKms kms = newKms();
    private final EmbeddedKms china = newKms(AccountContext.inRegion("cn-north-1"));
    private final Map<String, KeyMetadata> keys = new HashMap<>();

    private EmbeddedKms kmsFor(KeySpec spec) {
        return spec == KeySpec.SM2 ? china : kms;
    }

    private String key(KeySpec spec, Origin origin) {
        return keys.computeIfAbsent(spec + "/" + origin,
                k -> AsymmetricFixture.create(kmsFor(spec), spec, KeyUsage.KEY_AGREEMENT, origin)).keyId();
    }

    private DeriveSharedSecretResponse derive(KeySpec spec, String keyId, byte[] peerPublicKey) {
        return kmsFor(spec).deriveSharedSecret(new DeriveSharedSecretRequest(keyId, KeyAgreementAlgorithm.ECDH, peerPublicKey,
                null));
    }

    private static String curve(KeySpec spec) {
        switch (spec) {
            case ECC_NIST_P256:
                return "secp256r1";
            case ECC_NIST_P384:
                return "secp384r1";
            case ECC_NIST_P521:
                return "secp521r1";
            case SM2:
                return "sm2p256v1";
            default:
                throw new IllegalArgumentException(spec + " has no key agreement");
        }
    }

    /** The peer's key pair: the JDK's for the NIST curves, Bouncy Castle's for SM2. */
    private static KeyPair peer(KeySpec spec) throws Exception {
        KeyPairGenerator generator = spec == KeySpec.SM2 ? KeyPairGenerator.getInstance("EC", BC)
                : KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve(spec)));
        return generator.generateKeyPair();
    }

    /** What the peer computes: ECDH of its private key with the KMS key's public key from GetPublicKey. */
    private byte[] peerSecret(KeySpec spec, String keyId, KeyPair peer) throws Exception {
        KeyAgreement ecdh = spec == KeySpec.SM2 ? KeyAgreement.getInstance("ECDH", BC) : KeyAgreement.getInstance("ECDH");
        ecdh.init(peer.getPrivate());
        ecdh.doPhase(jcaPublicKey(spec, publicKeyBytes(kmsFor(spec), keyId)), true);
        return ecdh.generateSecret();
    }

    static Stream<Arguments> keyAgreementKeys() {
        List<Arguments> cases = new ArrayList<>();
        for (KeySpec spec : List.of(KeySpec.ECC_NIST_P256, KeySpec.ECC_NIST_P384, KeySpec.ECC_NIST_P521, KeySpec.SM2)) {
            for (Origin origin : List.of(Origin.AWS_KMS, Origin.EXTERNAL)) {
                cases.add(arguments(spec, origin));
            }
        }
        return cases.stream();
    }

    // ---------------------------------------------------------------- the secret

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("keyAgreementKeys")
    void theSecretIsTheOneThePeerComputesWithTheKeyFromGetPublicKey(KeySpec spec, Origin origin) throws Exception {
        String keyId = key(spec, origin);
        KeyPair peer = peer(spec);

        DeriveSharedSecretResponse response = derive(spec, keyId, peer.getPublic().getEncoded());

        byte[] expected = peerSecret(spec, keyId, peer);
        assertThat(response.sharedSecret().revealCopy()).isEqualTo(expected);
        assertThat(expected).hasSize(spec == KeySpec.ECC_NIST_P384 ? 48 : spec == KeySpec.ECC_NIST_P521 ? 66 : 32);
        assertThat(response.keyId()).isEqualTo(kmsFor(spec).account().keyArn(keyId));
        assertThat(response.keyAgreementAlgorithm()).isEqualTo(KeyAgreementAlgorithm.ECDH);
        assertThat(response.keyOrigin()).isEqualTo(origin);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("keyAgreementKeys")
    void anotherPeerGivesAnotherSecretAndTheSamePeerTheSameOne(KeySpec spec, Origin origin) throws Exception {
        String keyId = key(spec, origin);
        byte[] one = peer(spec).getPublic().getEncoded();
        byte[] two = peer(spec).getPublic().getEncoded();

        byte[] first = derive(spec, keyId, one).sharedSecret().revealCopy();

        assertThat(derive(spec, keyId, one).sharedSecret().revealCopy()).isEqualTo(first);
        assertThat(derive(spec, keyId, two).sharedSecret().revealCopy()).isNotEqualTo(first);
    }

    @Test
    void importedKeyAgreesWithAPeerThatHasTheImportedPrivateKey() throws Exception {
        String keyId = key(KeySpec.ECC_NIST_P256, Origin.EXTERNAL);
        KeyPair peer = peer(KeySpec.ECC_NIST_P256);
        java.security.PrivateKey ours = java.security.KeyFactory.getInstance("EC").generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(fixtureMaterial(KeySpec.ECC_NIST_P256)));

        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(ours);
        ecdh.doPhase(peer.getPublic(), true);

        assertThat(derive(KeySpec.ECC_NIST_P256, keyId, peer.getPublic().getEncoded()).sharedSecret().revealCopy())
                .isEqualTo(ecdh.generateSecret());
    }

    @Test
    void secp256k1KeysCannotBeCreatedForKeyAgreement() {
        ValidationException e = expectError(ValidationException.class, () -> kms.createKey(CreateKeyRequest.builder()
                .keySpec(KeySpec.ECC_SECG_P256K1).keyUsage(KeyUsage.KEY_AGREEMENT).build()));

        assertThat(e.awsMessage()).isEqualTo("KeyUsage KEY_AGREEMENT is not compatible with KeySpec ECC_SECG_P256K1");
    }

    // ---------------------------------------------------------------- public keys KMS cannot use

    private void assertUnusablePublicKey(KeySpec spec, String keyId, byte[] publicKey) {
        ValidationException e = expectError(ValidationException.class, () -> derive(spec, keyId, publicKey));

        assertThat(e.errorCode()).isEqualTo("ValidationException");
        assertThat(e.awsMessage()).startsWith("KMS cannot use the public key in the request");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("keyAgreementKeys")
    void aPeerKeyOnAnotherCurveIsRefused(KeySpec spec, Origin origin) throws Exception {
        KeySpec other = spec == KeySpec.ECC_NIST_P256 ? KeySpec.ECC_NIST_P384 : KeySpec.ECC_NIST_P256;

        assertUnusablePublicKey(spec, key(spec, origin), peer(other).getPublic().getEncoded());
    }

    @Test
    void aSecp256k1PeerKeyIsRefused() throws Exception {
        KeyPairGenerator k1 = KeyPairGenerator.getInstance("EC", BC);
        k1.initialize(new ECGenParameterSpec("secp256k1"));

        assertUnusablePublicKey(KeySpec.ECC_NIST_P256, key(KeySpec.ECC_NIST_P256, Origin.AWS_KMS),
                k1.generateKeyPair().getPublic().getEncoded());
    }

    @Test
    void anSm2PeerKeyIsRefusedByAP256KeyAndAP256PeerKeyByAnSm2Key() throws Exception {
        assertUnusablePublicKey(KeySpec.ECC_NIST_P256, key(KeySpec.ECC_NIST_P256, Origin.AWS_KMS),
                peer(KeySpec.SM2).getPublic().getEncoded());
        assertUnusablePublicKey(KeySpec.SM2, key(KeySpec.SM2, Origin.AWS_KMS),
                peer(KeySpec.ECC_NIST_P256).getPublic().getEncoded());
    }

    @Test
    void garbageBytesAreRefused() {
        String keyId = key(KeySpec.ECC_NIST_P256, Origin.AWS_KMS);

        assertUnusablePublicKey(KeySpec.ECC_NIST_P256, keyId, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertUnusablePublicKey(KeySpec.ECC_NIST_P256, keyId, fixture("garbage.der"));
        assertUnusablePublicKey(KeySpec.ECC_NIST_P256, keyId, new byte[8192]);
    }

    @Test
    void anRsaPublicKeyIsRefused() {
        assertUnusablePublicKey(KeySpec.ECC_NIST_P256, key(KeySpec.ECC_NIST_P256, Origin.EXTERNAL),
                fixture("rsa2048.spki.der"));
    }

    @Test
    void pemTextInsteadOfDerIsRefused() throws Exception {
        byte[] der = peer(KeySpec.ECC_NIST_P256).getPublic().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";

        assertUnusablePublicKey(KeySpec.ECC_NIST_P256, key(KeySpec.ECC_NIST_P256, Origin.AWS_KMS),
                pem.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void derBase64EncodedOnceMoreIsRefused() throws Exception {
        byte[] der = peer(KeySpec.ECC_NIST_P384).getPublic().getEncoded();

        assertUnusablePublicKey(KeySpec.ECC_NIST_P384, key(KeySpec.ECC_NIST_P384, Origin.AWS_KMS),
                Base64.getEncoder().encode(der));
    }

    @Test
    void aPrivateKeyInsteadOfAPublicKeyIsRefused() {
        assertUnusablePublicKey(KeySpec.ECC_NIST_P256, key(KeySpec.ECC_NIST_P256, Origin.AWS_KMS),
                fixtureMaterial(KeySpec.ECC_NIST_P256));
    }

    @Test
    void trailingBytesAfterTheDerAreRefused() throws Exception {
        byte[] der = peer(KeySpec.ECC_NIST_P256).getPublic().getEncoded();
        byte[] trailing = java.util.Arrays.copyOf(der, der.length + 2);

        assertUnusablePublicKey(KeySpec.ECC_NIST_P256, key(KeySpec.ECC_NIST_P256, Origin.AWS_KMS), trailing);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("keyAgreementKeys")
    void aPeerKeyWithACompressedPointGivesTheSameSecretAsItsUncompressedForm(KeySpec spec, Origin origin) throws Exception {
        String keyId = key(spec, origin);
        KeyPair peer = peer(spec);
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(peer.getPublic().getEncoded());
        org.bouncycastle.asn1.x9.X9ECParameters curve = org.bouncycastle.asn1.x9.ECNamedCurveTable.getByOID(
                org.bouncycastle.asn1.ASN1ObjectIdentifier.getInstance(info.getAlgorithm().getParameters()));
        byte[] compressed = curve.getCurve().decodePoint(info.getPublicKeyData().getOctets()).getEncoded(true);
        byte[] spki = new SubjectPublicKeyInfo(info.getAlgorithm(), compressed).getEncoded(ASN1Encoding.DER);

        DeriveSharedSecretResponse response = derive(spec, keyId, spki);

        assertThat(response.sharedSecret().revealCopy()).isEqualTo(peerSecret(spec, keyId, peer));
    }

    @ParameterizedTest
    @EnumSource(value = KeySpec.class, names = {"ECC_NIST_P256", "SM2"})
    void aPointThatIsNotOnTheCurveIsRefused(KeySpec spec) throws Exception {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(peer(spec).getPublic().getEncoded());
        byte[] point = info.getPublicKeyData().getOctets();
        point[point.length - 1] ^= 0x01; // y no longer matches x
        byte[] offCurve = new SubjectPublicKeyInfo(info.getAlgorithm(), point).getEncoded(ASN1Encoding.DER);

        assertUnusablePublicKey(spec, key(spec, Origin.AWS_KMS), offCurve);
    }

    // ---------------------------------------------------------------- keys that cannot agree

    @Test
    void aSigningKeyIsInvalidKeyUsage() throws Exception {
        KeyMetadata key = createAwsKms(kms, KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY);

        InvalidKeyUsageException e = expectError(InvalidKeyUsageException.class,
                () -> derive(KeySpec.ECC_NIST_P256, key.keyId(), peer(KeySpec.ECC_NIST_P256).getPublic().getEncoded()));

        assertThat(e.errorCode()).isEqualTo("InvalidKeyUsageException");
        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " key usage is SIGN_VERIFY which is not valid for "
                + "DeriveSharedSecret.");
    }

    @Test
    void aSymmetricKeyIsInvalidKeyUsage() throws Exception {
        KeyMetadata key = createSymmetric(kms);

        InvalidKeyUsageException e = expectError(InvalidKeyUsageException.class,
                () -> derive(KeySpec.ECC_NIST_P256, key.keyId(), peer(KeySpec.ECC_NIST_P256).getPublic().getEncoded()));

        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " key usage is ENCRYPT_DECRYPT which is not valid for "
                + "DeriveSharedSecret.");
    }

    @Test
    void anExternalKeyWithoutMaterialIsPendingImport() throws Exception {
        KeyMetadata key = createExternal(kms, KeySpec.ECC_NIST_P256, KeyUsage.KEY_AGREEMENT);

        KmsInvalidStateException e = expectError(KmsInvalidStateException.class,
                () -> derive(KeySpec.ECC_NIST_P256, key.keyId(), peer(KeySpec.ECC_NIST_P256).getPublic().getEncoded()));

        assertThat(e.errorCode()).isEqualTo("KMSInvalidStateException");
        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " is pending import.");
    }

    @Test
    void aDisabledKeyIsDisabled() throws Exception {
        KeyMetadata key = createAwsKms(kms, KeySpec.ECC_NIST_P256, KeyUsage.KEY_AGREEMENT);
        kms.disableKey(new DisableKeyRequest(key.keyId()));

        DisabledException e = expectError(DisabledException.class,
                () -> derive(KeySpec.ECC_NIST_P256, key.keyId(), peer(KeySpec.ECC_NIST_P256).getPublic().getEncoded()));

        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " is disabled.");
    }

    @Test
    void aKeyPendingDeletionIsInvalidState() throws Exception {
        KeyMetadata key = createAwsKms(kms, KeySpec.ECC_NIST_P256, KeyUsage.KEY_AGREEMENT);
        scheduleDeletion(kms, key.keyId());

        KmsInvalidStateException e = expectError(KmsInvalidStateException.class,
                () -> derive(KeySpec.ECC_NIST_P256, key.keyId(), peer(KeySpec.ECC_NIST_P256).getPublic().getEncoded()));

        assertThat(e.awsMessage()).isEqualTo(keyArn(key.keyId()) + " is pending deletion.");
    }

    @Test
    void anUnknownKeyIsNotFound() throws Exception {
        NotFoundException e = expectError(NotFoundException.class,
                () -> derive(KeySpec.ECC_NIST_P256, UNKNOWN_KEY_ID, peer(KeySpec.ECC_NIST_P256).getPublic().getEncoded()));

        assertThat(e.awsMessage()).isEqualTo("Key '" + keyArn(UNKNOWN_KEY_ID) + "' does not exist");
    }

    @Test
    void aMissingOrOversizedPublicKeyIsAValidationError() {
        String keyId = key(KeySpec.ECC_NIST_P256, Origin.AWS_KMS);

        ValidationException missing = expectError(ValidationException.class, () -> derive(KeySpec.ECC_NIST_P256, keyId, null));
        ValidationException oversized = expectError(ValidationException.class,
                () -> derive(KeySpec.ECC_NIST_P256, keyId, new byte[8193]));

        assertThat(missing.awsMessage()).isEqualTo("1 validation error detected: Value null at 'publicKey' failed to "
                + "satisfy constraint: Member must not be null");
        assertThat(oversized.awsMessage()).isEqualTo("1 validation error detected: Value at 'publicKey' failed to satisfy "
                + "constraint: Member must have length less than or equal to 8192");
    }
}
