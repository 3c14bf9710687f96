package dev.byokstudio.embedded;

import dev.byokstudio.embedded.KeyIdentifiers.Accepts;
import dev.byokstudio.kms.DecryptRequest;
import dev.byokstudio.kms.DecryptResponse;
import dev.byokstudio.kms.EncryptRequest;
import dev.byokstudio.kms.EncryptResponse;
import dev.byokstudio.kms.EncryptionAlgorithm;
import dev.byokstudio.kms.Explanation;
import dev.byokstudio.kms.GenerateDataKeyRequest;
import dev.byokstudio.kms.GenerateDataKeyResponse;
import dev.byokstudio.kms.GenerateDataKeyPairRequest;
import dev.byokstudio.kms.GenerateDataKeyPairResponse;
import dev.byokstudio.kms.GenerateRandomRequest;
import dev.byokstudio.kms.GenerateRandomResponse;
import dev.byokstudio.kms.ReEncryptRequest;
import dev.byokstudio.kms.ReEncryptResponse;
import dev.byokstudio.kms.IncorrectKeyException;
import dev.byokstudio.kms.InvalidCiphertextException;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.NotFoundException;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.ValidationException;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.material.KeyMaterialGenerator;
import dev.byokstudio.material.KeyWrapping;
import dev.byokstudio.material.Providers;
import dev.byokstudio.material.UnwrapException;
import dev.byokstudio.store.StoredKey;
import dev.byokstudio.store.StoredMaterial;
import dev.byokstudio.store.WorkspaceStore;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypt and Decrypt (reference §15). Symmetric ciphertext is BYOK Studio's own format — AWS does not
 * publish KMS's, and nothing outside KMS can decrypt it — but carries what AWS's carries: the key and the
 * key material that made it, so that Decrypt needs no KeyId and material rotated out still decrypts. The
 * encryption context is bound as associated data. Asymmetric keys use the standard algorithms, so their
 * ciphertext decrypts with the private key anywhere.
 *
 * <pre>
 * symmetric blob = 0x01 ‖ len ‖ key ID ‖ 32-byte key material ID ‖ 12-byte nonce ‖ AES-GCM (SM4-GCM in China)
 * associated data = the blob's header ‖ the encryption context, sorted by key, each string length-prefixed
 * </pre>
 */
final class Cryptography {

    private static final byte FORMAT = 1;
    private static final int MATERIAL_ID = 32;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final WorkspaceStore store;
    private final AccountContext account;
    private final KeyIdentifiers identifiers;
    private final SecureRandom random;
    private final KeyPairs keyPairs;
    private final KeyMaterialGenerator generator;

    Cryptography(WorkspaceStore store, AccountContext account, KeyIdentifiers identifiers, SecureRandom random,
            KeyPairs keyPairs) {
        this.store = store;
        this.account = account;
        this.identifiers = identifiers;
        this.random = random;
        this.keyPairs = keyPairs;
        this.generator = new KeyMaterialGenerator(random);
    }

    EncryptResponse encrypt(EncryptRequest request) {
        StoredKey key = identifiers.resolve(request.keyId(), Accepts.KEY_OR_ALIAS);
        String arn = account.keyArn(key.keyId());
        usable(key, arn, "Encrypt");
        EncryptionAlgorithm algorithm = algorithm(key, request.encryptionAlgorithm());
        if (key.keySpec().isSymmetric()) {
            StoredMaterial current = key.currentMaterial().orElseThrow(() -> Errors.pendingImport(arn));
            return new EncryptResponse(sealSymmetric(key, current, request.plaintext(), request.encryptionContext()), arn,
                    algorithm);
        }
        int limit = plaintextLimit(key.keySpec(), algorithm);
        if (request.plaintext().length() > limit) {
            throw new ValidationException("Algorithm " + algorithm + " and key spec " + key.keySpec()
                    + " cannot encrypt data larger than " + limit + " bytes.");
        }
        byte[] ciphertext = KeyWrapping.wrap(request.plaintext(), keyPairs.of(key).publicKey(), WrappingAlgorithm.valueOf(algorithm.name()),
                random);
        return new EncryptResponse(ciphertext, arn, algorithm);
    }

    DecryptResponse decrypt(DecryptRequest request) {
        byte[] blob = request.ciphertextBlob();
        StoredKey named = request.keyId() == null ? null : identifiers.resolve(request.keyId(), Accepts.KEY_OR_ALIAS);
        if (named != null && !named.keySpec().isSymmetric()) {
            String arn = account.keyArn(named.keyId());
            usable(named, arn, "Decrypt");
            EncryptionAlgorithm algorithm = algorithm(named, request.encryptionAlgorithm());
            PrivateKey privateKey = keyPairs.of(named).privateKey();
            try {
                return new DecryptResponse(arn, KeyWrapping.unwrap(blob, privateKey, WrappingAlgorithm.valueOf(algorithm.name())),
                        algorithm);
            } catch (UnwrapException e) {
                throw invalidCiphertext();
            }
        }
        Header header = Header.parse(blob).orElseThrow(Cryptography::invalidCiphertext);
        if (named != null && !named.keyId().equals(header.keyId)) {
            throw new IncorrectKeyException("The key ID in the request does not identify a CMK that can perform this operation.");
        }
        StoredKey key = named != null ? named : store.key(header.keyId).orElseThrow(
                () -> new NotFoundException("Key '" + account.keyArn(header.keyId) + "' does not exist"));
        String arn = account.keyArn(key.keyId());
        usable(key, arn, "Decrypt");
        EncryptionAlgorithm algorithm = algorithm(key, request.encryptionAlgorithm());
        StoredMaterial material = key.material(header.materialId).filter(StoredMaterial::isPresent)
                .orElseThrow(Cryptography::invalidCiphertext);
        byte[] plain = crypt(Cipher.DECRYPT_MODE, material, header.nonce(blob), aad(blob, header.length, request.encryptionContext()),
                blob, header.length, blob.length - header.length);
        return new DecryptResponse(arn, SecretBytes.wrap(plain), algorithm);
    }

    GenerateDataKeyResponse generateDataKey(GenerateDataKeyRequest request, boolean withPlaintext) {
        String operation = withPlaintext ? "GenerateDataKey" : "GenerateDataKeyWithoutPlaintext";
        if ((request.numberOfBytes() == null) == (request.keySpec() == null)) {
            throw new ValidationException("Please specify either number of bytes or key spec.", Explanation.of(
                    "A data key's length is given once: by NumberOfBytes (1 to 1024) or by KeySpec (AES_256, AES_128).",
                    "Give exactly one of --number-of-bytes and --key-spec.", "Both or neither were given."));
        }
        StoredKey key = identifiers.resolve(request.keyId(), Accepts.KEY_OR_ALIAS);
        String arn = account.keyArn(key.keyId());
        usable(key, arn, operation);
        algorithm(key, EncryptionAlgorithm.SYMMETRIC_DEFAULT);
        StoredMaterial current = key.currentMaterial().orElseThrow(() -> Errors.pendingImport(arn));
        byte[] bytes = new byte[request.numberOfBytes() != null ? request.numberOfBytes() : request.keySpec().bytes()];
        random.nextBytes(bytes);
        SecretBytes dataKey = SecretBytes.wrap(bytes);
        byte[] blob = sealSymmetric(key, current, dataKey, request.encryptionContext());
        if (!withPlaintext) {
            dataKey.destroy();
            return new GenerateDataKeyResponse(blob, null, arn);
        }
        return new GenerateDataKeyResponse(blob, dataKey, arn);
    }

    /**
     * A new key pair whose private key (PKCS#8 DER) is sealed under a symmetric key like any data key, so
     * that Decrypt with the same encryption context returns it.
     */
    GenerateDataKeyPairResponse generateDataKeyPair(GenerateDataKeyPairRequest request, boolean withPlaintext) {
        String operation = withPlaintext ? "GenerateDataKeyPair" : "GenerateDataKeyPairWithoutPlaintext";
        KeySpec pairSpec = request.keyPairSpec().keySpec();
        if (pairSpec.chinaRegionsOnly() && !account.isChinaRegion()) {
            throw new ValidationException("KeyPairSpec " + request.keyPairSpec() + " is not supported in this Region",
                    Explanation.of("SM2 key pairs exist only in the AWS China Regions (cn-north-1, cn-northwest-1).",
                            "Choose an RSA or ECC key pair spec, or use a workspace in a China Region.",
                            "SM2 was chosen outside the China Regions."));
        }
        StoredKey key = identifiers.resolve(request.keyId(), Accepts.KEY_OR_ALIAS);
        String arn = account.keyArn(key.keyId());
        usable(key, arn, operation);
        algorithm(key, EncryptionAlgorithm.SYMMETRIC_DEFAULT);
        StoredMaterial current = key.currentMaterial().orElseThrow(() -> Errors.pendingImport(arn));
        SecretBytes privateKey = generator.generate(pairSpec, account.isChinaRegion());
        byte[] publicKey = KeyPairs.read(pairSpec, privateKey).spki();
        byte[] blob = sealSymmetric(key, current, privateKey, request.encryptionContext());
        if (!withPlaintext) {
            privateKey.destroy();
            return new GenerateDataKeyPairResponse(blob, null, publicKey, arn, request.keyPairSpec());
        }
        return new GenerateDataKeyPairResponse(blob, privateKey, publicKey, arn, request.keyPairSpec());
    }

    GenerateRandomResponse generateRandom(GenerateRandomRequest request) {
        if (request.numberOfBytes() == null) {
            throw new ValidationException("NumberOfBytes is required.");
        }
        if (request.customKeyStoreId() != null) {
            throw new dev.byokstudio.kms.CustomKeyStoreNotFoundException(
                    "Custom key store " + request.customKeyStoreId() + " does not exist");
        }
        byte[] bytes = new byte[request.numberOfBytes()];
        random.nextBytes(bytes);
        return new GenerateRandomResponse(SecretBytes.wrap(bytes));
    }

    ReEncryptResponse reEncrypt(ReEncryptRequest request) {
        DecryptResponse source = decrypt(new DecryptRequest(request.ciphertextBlob(), request.sourceEncryptionContext(),
                null, request.sourceKeyId(), request.sourceEncryptionAlgorithm()));
        try {
            EncryptResponse destination = encrypt(new EncryptRequest(request.destinationKeyId(), source.plaintext(),
                    request.destinationEncryptionContext(), null, request.destinationEncryptionAlgorithm()));
            return new ReEncryptResponse(destination.ciphertextBlob(), source.keyId(), destination.keyId(),
                    source.encryptionAlgorithm(), destination.encryptionAlgorithm());
        } finally {
            source.plaintext().destroy();
        }
    }

    private static void usable(StoredKey key, String arn, String operation) {
        KeyLifecycle.requireUsable(key, arn, KeyUsage.ENCRYPT_DECRYPT, operation);
    }

    /** The request's algorithm, defaulting to SYMMETRIC_DEFAULT, and one the key spec lists. */
    private static EncryptionAlgorithm algorithm(StoredKey key, EncryptionAlgorithm requested) {
        EncryptionAlgorithm algorithm = requested == null ? EncryptionAlgorithm.SYMMETRIC_DEFAULT : requested;
        if (!key.keySpec().encryptionAlgorithms(key.keyUsage()).contains(algorithm)) {
            throw Errors.incompatibleAlgorithm(algorithm, key.keySpec(), key.keySpec().encryptionAlgorithms(key.keyUsage()));
        }
        return algorithm;
    }

    /** RSA-OAEP holds k − 2·hLen − 2 bytes; SM2PKE has no limit below KMS's 4096. */
    static int plaintextLimit(KeySpec spec, EncryptionAlgorithm algorithm) {
        if (algorithm == EncryptionAlgorithm.SM2PKE) {
            return 4096;
        }
        int modulusBytes = Integer.parseInt(spec.name().substring(4)) / 8;
        int hashBytes = algorithm == EncryptionAlgorithm.RSAES_OAEP_SHA_1 ? 20 : 32;
        return modulusBytes - 2 * hashBytes - 2;
    }

    private byte[] sealSymmetric(StoredKey key, StoredMaterial material, SecretBytes plaintext, Map<String, String> context) {
        byte[] keyId = key.keyId().getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(FORMAT);
        header.write(keyId.length);
        header.writeBytes(keyId);
        header.writeBytes(HexFormat.of().parseHex(material.keyMaterialId()));
        header.writeBytes(nonce);
        byte[] head = header.toByteArray();
        byte[] plain = plaintext.revealCopy();
        try {
            byte[] sealed = crypt(Cipher.ENCRYPT_MODE, material, nonce, aad(head, head.length, context),
                    plain, 0, plain.length);
            byte[] blob = Arrays.copyOf(head, head.length + sealed.length);
            System.arraycopy(sealed, 0, blob, head.length, sealed.length);
            return blob;
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static byte[] aad(byte[] blob, int headerLength, Map<String, String> context) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(blob, 0, headerLength);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Map.Entry<String, String> e : new TreeMap<>(context).entrySet()) {
                byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
                byte[] v = e.getValue().getBytes(StandardCharsets.UTF_8);
                out.writeInt(k.length);
                out.write(k);
                out.writeInt(v.length);
                out.write(v);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * One AES-GCM Cipher per thread, re-initialised for every call: getInstance and a fresh object per call
     * cost more than the encryption of 4 KiB itself (docs/benchmarks.md), and the JDK keeps the expanded key
     * when the same key comes again. A Cipher that failed is dropped, not reused.
     */
    private static final ThreadLocal<Cipher> AES_GCM = new ThreadLocal<>();

    private byte[] crypt(int mode, StoredMaterial material, byte[] nonce, byte[] aad, byte[] input, int offset, int length) {
        byte[] k = material.material().revealCopy();
        boolean sm4 = k.length == 16;
        Cipher gcm = null;
        try {
            gcm = sm4 ? Cipher.getInstance("SM4/GCM/NoPadding", Providers.bouncyCastle()) : aesGcm();
            gcm.init(mode, new SecretKeySpec(k, sm4 ? "SM4" : "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(aad);
            return gcm.doFinal(input, offset, length);
        } catch (AEADBadTagException e) {
            throw invalidCiphertext();
        } catch (GeneralSecurityException e) {
            if (!sm4) {
                AES_GCM.remove();
            }
            throw new IllegalStateException("AES-GCM or SM4-GCM is missing or broken", e);
        } catch (RuntimeException e) {
            if (!sm4) {
                AES_GCM.remove();
            }
            throw e;
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    private static Cipher aesGcm() throws GeneralSecurityException {
        Cipher cipher = AES_GCM.get();
        if (cipher == null) {
            cipher = Cipher.getInstance("AES/GCM/NoPadding");
            AES_GCM.set(cipher);
        }
        return cipher;
    }

    private static InvalidCiphertextException invalidCiphertext() {
        return new InvalidCiphertextException("", Explanation.of(
                "KMS could not decrypt the ciphertext: it was altered, it is not KMS ciphertext, or the encryption "
                        + "context differs from the one given to Encrypt.",
                "Send the CiphertextBlob exactly as Encrypt returned it, with the same encryption context.",
                "The encryption context differs (keys and values are case-sensitive).",
                "The ciphertext was changed, truncated or Base64-encoded twice."));
    }

    /** The key ID in a symmetric blob's header, if it has one. */
    static java.util.Optional<String> keyIdOf(byte[] blob) {
        return blob == null ? java.util.Optional.empty() : Header.parse(blob).map(Header::keyId);
    }

    /** The header of a symmetric blob. */
    private record Header(String keyId, String materialId, int length) {

        static java.util.Optional<Header> parse(byte[] blob) {
            if (blob.length < 2 || blob[0] != FORMAT) {
                return java.util.Optional.empty();
            }
            int idLength = blob[1] & 0xff;
            int length = 2 + idLength + MATERIAL_ID + NONCE;
            if (idLength == 0 || idLength > 64 || blob.length < length + TAG_BITS / 8) {
                return java.util.Optional.empty();
            }
            String keyId = new String(blob, 2, idLength, StandardCharsets.US_ASCII);
            if (!KeyIdentifiers.isKeyId(keyId)) {
                return java.util.Optional.empty();
            }
            String materialId = HexFormat.of().formatHex(blob, 2 + idLength, 2 + idLength + MATERIAL_ID);
            return java.util.Optional.of(new Header(keyId, materialId, length));
        }

        byte[] nonce(byte[] blob) {
            return Arrays.copyOfRange(blob, length - NONCE, length);
        }
    }
}
