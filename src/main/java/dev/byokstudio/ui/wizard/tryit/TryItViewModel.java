package dev.byokstudio.ui.wizard.tryit;

import dev.byokstudio.kms.DecryptRequest;
import dev.byokstudio.kms.DecryptResponse;
import dev.byokstudio.kms.DeriveSharedSecretRequest;
import dev.byokstudio.kms.EncryptRequest;
import dev.byokstudio.kms.EncryptionAlgorithm;
import dev.byokstudio.kms.GenerateMacRequest;
import dev.byokstudio.kms.GetPublicKeyRequest;
import dev.byokstudio.kms.KeyAgreementAlgorithm;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.KmsInvalidMacException;
import dev.byokstudio.kms.KmsInvalidSignatureException;
import dev.byokstudio.kms.MacAlgorithm;
import dev.byokstudio.kms.MessageType;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.SignRequest;
import dev.byokstudio.kms.SigningAlgorithm;
import dev.byokstudio.kms.VerifyMacRequest;
import dev.byokstudio.kms.VerifyRequest;
import dev.byokstudio.material.OpenSslCommands;
import dev.byokstudio.material.Providers;
import dev.byokstudio.ui.wizard.ImportWizardModel;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.KeyAgreement;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Try it step's state and command: one operation that fits the key just imported (encrypt and decrypt,
 * sign and verify, generate and verify a MAC, or derive a shared secret with a peer key made here), its
 * results, and the OpenSSL commands that check the result without BYOK Studio. KMS calls run in the background.
 */
public final class TryItViewModel {

    /** What the key can be tried with. */
    public enum Operation {
        ENCRYPT_DECRYPT("Encrypt and decrypt"),
        SIGN_VERIFY("Sign and verify"),
        MAC("Generate and verify a MAC"),
        KEY_AGREEMENT("Derive a shared secret"),
        NONE("Nothing to try");

        private final String action;

        Operation(String action) {
            this.action = action;
        }

        public String action() {
            return action;
        }
    }

    /** What an operation produced: two results and whether the check passed. */
    record Outcome(String firstLabel, String first, String secondLabel, String second, boolean ok, String verdict,
            String command) {
    }

    private final ImportWizardModel model;

    private final StringProperty message = new SimpleStringProperty(this, "message", "Hello from BYOK Studio");
    private final ReadOnlyObjectWrapper<Operation> operation = new ReadOnlyObjectWrapper<>(this, "operation", Operation.NONE);
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description", "");
    private final ReadOnlyStringWrapper firstLabel = new ReadOnlyStringWrapper(this, "firstLabel", "");
    private final ReadOnlyStringWrapper first = new ReadOnlyStringWrapper(this, "first", "");
    private final ReadOnlyStringWrapper secondLabel = new ReadOnlyStringWrapper(this, "secondLabel", "");
    private final ReadOnlyStringWrapper second = new ReadOnlyStringWrapper(this, "second", "");
    private final ReadOnlyObjectWrapper<Boolean> ok = new ReadOnlyObjectWrapper<>(this, "ok");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", "");
    private final ReadOnlyStringWrapper command = new ReadOnlyStringWrapper(this, "command", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final BooleanBinding canRun;
    private final BooleanBinding valid = Bindings.createBooleanBinding(() -> true);

    public TryItViewModel(ImportWizardModel model) {
        this.model = Objects.requireNonNull(model, "model");
        canRun = Bindings.createBooleanBinding(() -> !busy.get() && operation.get() != Operation.NONE
                && message.get() != null && !message.get().isEmpty()
                && message.get().getBytes(StandardCharsets.UTF_8).length <= 4096, busy, operation, message);
        model.keySpecProperty().addListener((obs, old, now) -> refresh());
        model.keyUsageProperty().addListener((obs, old, now) -> refresh());
        model.keyIdProperty().addListener((obs, old, now) -> refresh());
        message.addListener((obs, old, now) -> {
            if (operation.get() != Operation.NONE) {
                clearResults();
            }
        });
        refresh();
    }

    /** The operation that fits a key of {@code spec} and {@code usage}. */
    public static Operation operationFor(KeySpec spec, KeyUsage usage) {
        if (spec == null || usage == null) {
            return Operation.NONE;
        }
        switch (usage) {
            case ENCRYPT_DECRYPT:
                return spec.encryptionAlgorithms(usage).isEmpty() ? Operation.NONE : Operation.ENCRYPT_DECRYPT;
            case SIGN_VERIFY:
                return spec.signingAlgorithms(usage).isEmpty() ? Operation.NONE : Operation.SIGN_VERIFY;
            case GENERATE_VERIFY_MAC:
                return spec.macAlgorithms().isEmpty() ? Operation.NONE : Operation.MAC;
            case KEY_AGREEMENT:
                return curveOf(spec) == null ? Operation.NONE : Operation.KEY_AGREEMENT;
            default:
                return Operation.NONE;
        }
    }

    /** Chooses the operation for the model's key and shows what it will do (call when the step is shown). */
    public void refresh() {
        KeySpec spec = model.keySpecProperty().get();
        KeyUsage usage = model.keyUsageProperty().get();
        Operation op = operationFor(spec, usage);
        operation.set(op);
        description.set(describe(op, spec, usage));
        clearResults();
    }

    private void clearResults() {
        firstLabel.set("");
        first.set("");
        secondLabel.set("");
        second.set("");
        ok.set(null);
        verdict.set("");
        Operation op = operation.get();
        KeySpec spec = model.keySpecProperty().get();
        KeyUsage usage = model.keyUsageProperty().get();
        command.set(op == Operation.NONE ? "" : commandFor(op, keyLabel(), spec, usage, message.get(), null));
    }

    private String keyLabel() {
        String keyId = model.keyIdProperty().get();
        return keyId == null ? "<key-id>" : keyId;
    }

    private static String describe(Operation op, KeySpec spec, KeyUsage usage) {
        switch (op) {
            case ENCRYPT_DECRYPT:
                return "KMS encrypts the text with " + encryptionAlgorithm(spec, usage)
                        + ", then decrypts the ciphertext; the result must be the text you typed.";
            case SIGN_VERIFY:
                return "KMS signs the text with " + spec.signingAlgorithms(usage).get(0)
                        + ", then verifies the signature.";
            case MAC:
                return "KMS computes the " + spec.macAlgorithms().get(0) + " of the text (GenerateMac), then checks it "
                        + "(VerifyMac).";
            case KEY_AGREEMENT:
                return "BYOK Studio makes a throwaway peer key pair on " + curveOf(spec) + ". KMS derives the ECDH "
                        + "secret from its private key and the peer's public key; the peer derives it from its private "
                        + "key and the KMS key's public key. The two must be equal. The text is not used.";
            default:
                return "BYOK Studio has no trial for a " + spec + " key with usage " + usage + ".";
        }
    }

    // ---------------------------------------------------------------- running

    /** Runs the operation in the background and shows its results; a KMS failure goes to the dialog service. */
    public void run() {
        if (!canRun.get()) {
            return;
        }
        Operation op = operation.get();
        String keyId = model.keyIdProperty().get();
        KeySpec spec = model.keySpecProperty().get();
        KeyUsage usage = model.keyUsageProperty().get();
        String text = message.get();
        Kms kms = model.kms();
        SecureRandom random = model.random();
        clearResults();
        busy.set(true);
        model.executor().execute(() -> {
            switch (op) {
                case ENCRYPT_DECRYPT:
                    return encryptDecrypt(kms, keyId, spec, usage, text);
                case SIGN_VERIFY:
                    return signVerify(kms, keyId, spec, usage, text);
                case MAC:
                    return macVerify(kms, keyId, spec, usage, text);
                case KEY_AGREEMENT:
                    return agree(kms, keyId, spec, usage, random);
                default:
                    throw new IllegalStateException("no operation for this key");
            }
        }, outcome -> {
            busy.set(false);
            firstLabel.set(outcome.firstLabel());
            first.set(outcome.first());
            secondLabel.set(outcome.secondLabel());
            second.set(outcome.second());
            ok.set(outcome.ok());
            verdict.set(outcome.verdict());
            command.set(outcome.command());
        }, error -> {
            busy.set(false);
            ok.set(false);
            verdict.set(op.action() + " did not work: see the error.");
            model.dialogs().showError(op.action() + " did not work", error);
        });
    }

    private static EncryptionAlgorithm encryptionAlgorithm(KeySpec spec, KeyUsage usage) {
        List<EncryptionAlgorithm> algorithms = spec.encryptionAlgorithms(usage);
        return algorithms.contains(EncryptionAlgorithm.RSAES_OAEP_SHA_256) ? EncryptionAlgorithm.RSAES_OAEP_SHA_256
                : algorithms.get(0);
    }

    private static Outcome encryptDecrypt(Kms kms, String keyId, KeySpec spec, KeyUsage usage, String text) {
        EncryptionAlgorithm algorithm = encryptionAlgorithm(spec, usage);
        byte[] ciphertext;
        SecretBytes plaintext = SecretBytes.copyOf(text.getBytes(StandardCharsets.UTF_8));
        try {
            ciphertext = kms.encrypt(new EncryptRequest(keyId, plaintext, null, null, algorithm)).ciphertextBlob();
        } finally {
            plaintext.destroy();
        }
        DecryptResponse decrypted = kms.decrypt(new DecryptRequest(ciphertext, null, null, keyId, algorithm));
        String back;
        try {
            back = new String(decrypted.plaintext().revealCopy(), StandardCharsets.UTF_8);
        } finally {
            decrypted.plaintext().destroy();
        }
        boolean matches = back.equals(text);
        return new Outcome("Ciphertext (" + algorithm + ", Base64)", Base64.getEncoder().encodeToString(ciphertext),
                "Decrypted by KMS", back, matches,
                matches ? "Matches: the decrypted text is the text you typed." : "Does not match the text you typed.",
                commandFor(Operation.ENCRYPT_DECRYPT, keyId, spec, usage, text, null));
    }

    private static Outcome signVerify(Kms kms, String keyId, KeySpec spec, KeyUsage usage, String text) {
        SigningAlgorithm algorithm = spec.signingAlgorithms(usage).get(0);
        SecretBytes message = SecretBytes.copyOf(text.getBytes(StandardCharsets.UTF_8));
        try {
            byte[] signature = kms.sign(new SignRequest(keyId, message, MessageType.RAW, null, algorithm)).signature();
            boolean valid;
            try {
                valid = kms.verify(new VerifyRequest(keyId, message, MessageType.RAW, signature, algorithm, null))
                        .signatureValid();
            } catch (KmsInvalidSignatureException e) {
                valid = false;
            }
            String encoded = Base64.getEncoder().encodeToString(signature);
            return new Outcome("Signature (" + algorithm + ", Base64)", encoded, "Verify",
                    valid ? "KMS says the signature is valid." : "KMS says the signature is not valid.", valid,
                    valid ? "Verified: the signature is valid for the text you typed." : "The signature did not verify.",
                    commandFor(Operation.SIGN_VERIFY, keyId, spec, usage, text, encoded));
        } finally {
            message.destroy();
        }
    }

    private static Outcome macVerify(Kms kms, String keyId, KeySpec spec, KeyUsage usage, String text) {
        MacAlgorithm algorithm = spec.macAlgorithms().get(0);
        SecretBytes message = SecretBytes.copyOf(text.getBytes(StandardCharsets.UTF_8));
        try {
            byte[] mac = kms.generateMac(new GenerateMacRequest(message, keyId, algorithm, null)).mac();
            boolean valid;
            try {
                valid = kms.verifyMac(new VerifyMacRequest(message, keyId, algorithm, mac, null)).macValid();
            } catch (KmsInvalidMacException e) {
                valid = false;
            }
            String hex = HexFormat.of().formatHex(mac);
            return new Outcome("MAC (" + algorithm + ", hex, as openssl dgst prints it)", hex, "VerifyMac",
                    valid ? "KMS says the MAC is valid." : "KMS says the MAC is not valid.", valid,
                    valid ? "Verified: the MAC is valid for the text you typed." : "The MAC did not verify.",
                    commandFor(Operation.MAC, keyId, spec, usage, text, hex));
        } finally {
            message.destroy();
        }
    }

    private static Outcome agree(Kms kms, String keyId, KeySpec spec, KeyUsage usage, SecureRandom random)
            throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Providers.bouncyCastle());
        generator.initialize(new ECGenParameterSpec(curveOf(spec)), random);
        KeyPair peer = generator.generateKeyPair();
        byte[] peerPublic = peer.getPublic().getEncoded();
        SecretBytes kmsSecret = kms.deriveSharedSecret(
                new DeriveSharedSecretRequest(keyId, KeyAgreementAlgorithm.ECDH, peerPublic, null)).sharedSecret();
        byte[] kmsPublicDer = kms.getPublicKey(new GetPublicKeyRequest(keyId, null)).publicKey();
        PublicKey kmsPublic = KeyFactory.getInstance("EC", Providers.bouncyCastle())
                .generatePublic(new X509EncodedKeySpec(kmsPublicDer));
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH", Providers.bouncyCastle());
        agreement.init(peer.getPrivate(), random);
        agreement.doPhase(kmsPublic, true);
        byte[] peerSecretBytes = agreement.generateSecret();
        SecretBytes peerSecret = SecretBytes.wrap(peerSecretBytes);
        try {
            boolean matches = kmsSecret.equalsConstantTime(peerSecret);
            String kmsPrint = fingerprint(kmsSecret);
            String peerPrint = fingerprint(peerSecret);
            return new Outcome("Peer public key (made here, DER SubjectPublicKeyInfo, Base64)",
                    Base64.getEncoder().encodeToString(peerPublic),
                    "Shared secrets (SHA-256 fingerprints; the secrets stay hidden)",
                    "KMS (DeriveSharedSecret): " + kmsPrint + "\nPeer (local ECDH):          " + peerPrint, matches,
                    matches ? "Matches: KMS and the peer derived the same " + kmsSecret.length() + "-byte secret."
                            : "The secrets differ.",
                    commandFor(Operation.KEY_AGREEMENT, keyId, spec, usage, null, null));
        } finally {
            kmsSecret.destroy();
            peerSecret.destroy();
            Arrays.fill(peerSecretBytes, (byte) 0);
        }
    }

    private static String fingerprint(SecretBytes secret) throws Exception {
        byte[] bytes = secret.revealCopy();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 8) + "…";
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The curve of a KEY_AGREEMENT key spec, as JCA and Bouncy Castle name it; null for other specs. */
    static String curveOf(KeySpec spec) {
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
                return null;
        }
    }

    // ---------------------------------------------------------------- independent checks

    /**
     * The commands that check the operation's result with the AWS CLI and OpenSSL, without BYOK Studio.
     * {@code result} is the signature (Base64) or MAC (hex) when known.
     */
    static String commandFor(Operation op, String keyId, KeySpec spec, KeyUsage usage, String text, String result) {
        String getPublicKey = "aws kms get-public-key --key-id " + keyId
                + " --query PublicKey --output text | base64 -d > public_key.der";
        String writeMessage = "printf '%s' " + shellQuote(text == null ? "" : text) + " > message.txt";
        switch (op) {
            case ENCRYPT_DECRYPT:
                if (spec.isSymmetric()) {
                    return String.join("\n",
                            "# KMS ciphertext of a symmetric key can only be decrypted by KMS: AWS does not publish its",
                            "# format. The independent check is the round trip, with the AWS CLI:",
                            writeMessage,
                            "aws kms encrypt --key-id " + keyId + " --plaintext fileb://message.txt"
                                    + " --query CiphertextBlob --output text | base64 -d > ciphertext.bin",
                            "aws kms decrypt --ciphertext-blob fileb://ciphertext.bin --query Plaintext --output text"
                                    + " | base64 -d | cmp - message.txt && echo matches");
                }
                EncryptionAlgorithm algorithm = encryptionAlgorithm(spec, usage);
                String encrypt = algorithm == EncryptionAlgorithm.SM2PKE
                        ? "openssl pkeyutl -encrypt -pubin -inkey public_key.der -keyform DER -in message.txt -out ciphertext.bin"
                        : "openssl pkeyutl -encrypt -pubin -inkey public_key.der -keyform DER -pkeyopt rsa_padding_mode:oaep"
                                + (algorithm == EncryptionAlgorithm.RSAES_OAEP_SHA_256
                                        ? " -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256" : "")
                                + " -in message.txt -out ciphertext.bin";
                return String.join("\n",
                        "# Encrypt with OpenSSL and the KMS key's public key; KMS must decrypt it to the same text.",
                        getPublicKey, writeMessage, encrypt,
                        "aws kms decrypt --key-id " + keyId + " --encryption-algorithm " + algorithm
                                + " --ciphertext-blob fileb://ciphertext.bin --query Plaintext --output text"
                                + " | base64 -d | cmp - message.txt && echo matches");
            case SIGN_VERIFY: {
                SigningAlgorithm algorithm1 = spec.signingAlgorithms(usage).get(0);
                String signature = result == null ? "<signature in Base64>" : result;
                return String.join("\n",
                        "# Verify the signature with OpenSSL and the KMS key's public key.",
                        getPublicKey, writeMessage,
                        "echo '" + signature + "' | base64 -d > sig.bin",
                        verifyCommand(algorithm1));
            }
            case MAC: {
                MacAlgorithm algorithm2 = spec.macAlgorithms().get(0);
                String digest = digestOf(algorithm2.name());
                return String.join("\n",
                        "# Compute the HMAC with OpenSSL and the key material you imported; it must print the MAC above"
                                + (result == null ? "." : ":"),
                        result == null ? "# (run the trial first)" : "# " + result,
                        writeMessage,
                        "openssl dgst -" + digest + " -mac HMAC -macopt hexkey:\"$(xxd -p -c 256 "
                                + OpenSslCommands.defaultMaterialFile(spec) + " | tr -d '\\n')\" message.txt");
            }
            case KEY_AGREEMENT: {
                String curve = spec == KeySpec.SM2 ? "SM2" : "P-" + spec.name().substring("ECC_NIST_P".length());
                return String.join("\n",
                        "# Make your own peer key, ask KMS for the shared secret, and derive it yourself with OpenSSL.",
                        spec == KeySpec.SM2 ? "openssl genpkey -algorithm SM2 -out peer.pem"
                                : "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:" + curve
                                        + " -pkeyopt ec_param_enc:named_curve -out peer.pem",
                        "openssl pkey -in peer.pem -pubout -outform DER -out peer_public.der",
                        getPublicKey,
                        "aws kms derive-shared-secret --key-id " + keyId + " --key-agreement-algorithm ECDH"
                                + " --public-key fileb://peer_public.der --query SharedSecret --output text"
                                + " | base64 -d > kms_secret.bin",
                        "openssl pkeyutl -derive -inkey peer.pem -peerkey public_key.der -peerform DER -out peer_secret.bin",
                        "cmp kms_secret.bin peer_secret.bin && echo matches");
            }
            default:
                return "";
        }
    }

    private static String verifyCommand(SigningAlgorithm algorithm) {
        String name = algorithm.name();
        switch (algorithm) {
            case ED25519_SHA_512:
                return "openssl pkeyutl -verify -pubin -inkey public_key.der -keyform DER -rawin -in message.txt -sigfile sig.bin";
            case ED25519_PH_SHA_512:
                return "openssl pkeyutl -verify -pubin -inkey public_key.der -keyform DER -rawin -in message.txt"
                        + " -sigfile sig.bin -pkeyopt instance:Ed25519ph   # OpenSSL 3.2 or later";
            case SM2DSA:
                return "openssl dgst -sm3 -verify public_key.der -keyform DER -sigopt distid:1234567812345678"
                        + " -signature sig.bin message.txt";
            default:
                String options = name.startsWith("RSASSA_PSS")
                        ? " -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1" : "";
                return "openssl dgst -" + digestOf(name) + " -verify public_key.der -keyform DER" + options
                        + " -signature sig.bin message.txt";
        }
    }

    private static String digestOf(String algorithmName) {
        for (String bits : new String[] {"224", "256", "384", "512"}) {
            if (algorithmName.endsWith("SHA_" + bits)) {
                return "sha" + bits;
            }
        }
        return algorithmName.toLowerCase(Locale.ROOT);
    }

    static String shellQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    // ---------------------------------------------------------------- state

    /** The text to encrypt, sign or MAC. */
    public StringProperty messageProperty() {
        return message;
    }

    public ReadOnlyObjectProperty<Operation> operationProperty() {
        return operation.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty firstLabelProperty() {
        return firstLabel.getReadOnlyProperty();
    }

    /** The first result: the ciphertext, signature, MAC or peer public key. */
    public ReadOnlyStringProperty firstProperty() {
        return first.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty secondLabelProperty() {
        return secondLabel.getReadOnlyProperty();
    }

    /** The second result: the decrypted text, KMS's verification, or the two secrets' fingerprints. */
    public ReadOnlyStringProperty secondProperty() {
        return second.getReadOnlyProperty();
    }

    /** Whether the check passed; null before a run. */
    public ReadOnlyObjectProperty<Boolean> okProperty() {
        return ok.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** The AWS CLI and OpenSSL commands that check the result independently. */
    public ReadOnlyStringProperty commandProperty() {
        return command.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public BooleanBinding canRun() {
        return canRun;
    }

    /** Always true: trying the key is optional. */
    public BooleanBinding valid() {
        return valid;
    }
}
