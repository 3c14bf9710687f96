package dev.byokstudio.material;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The OpenSSL command lines a person runs on their own machine to wrap key material for import, as AWS
 * documents them (reference §4.3, with AWS's example file names), so that BYOK Studio can show them next
 * to what it does itself ({@link KeyWrapping} produces the same bytes). Every command is one line that
 * runs as written in bash, from the folder that holds {@code PublicKey.b64} and {@code ImportToken.b64}
 * (the base64 {@code PublicKey} and {@code ImportToken} of GetParametersForImport).
 */
public final class OpenSslCommands {

    /** File names of AWS's examples. */
    public static final String PUBLIC_KEY_B64 = "PublicKey.b64";
    public static final String IMPORT_TOKEN_B64 = "ImportToken.b64";
    public static final String WRAPPING_PUBLIC_KEY = "WrappingPublicKey.bin";
    public static final String IMPORT_TOKEN = "ImportToken.bin";
    public static final String ENCRYPTED_KEY_MATERIAL = "EncryptedKeyMaterial.bin";

    private static final Pattern SAFE_WORD = Pattern.compile("[A-Za-z0-9_./+=:,@%-]+");
    private static final String TO_PKCS8_DER = " | openssl pkcs8 -topk8 -outform der -nocrypt > ";

    private OpenSslCommands() {
    }

    /**
     * The commands, in order: decode the public key and the import token; generate test material when
     * {@code materialFile} is null; wrap the material into {@code EncryptedKeyMaterial.bin}.
     *
     * @param keySpec the key spec of the KMS key the material is for
     * @param chinaRegion whether the key is in a China Region (16-byte symmetric keys, SM2, SM2PKE, no RSA_AES)
     * @param algorithm the wrapping algorithm given to GetParametersForImport
     * @param materialFile the person's material file, or null to generate test material
     *     ({@link #defaultMaterialFile})
     * @throws IllegalArgumentException for a combination KMS refuses whatever the wrapping key spec
     *     (reference §3.3, §11): RSAES_PKCS1_V1_5; RSA_AES in the China Regions, SM2PKE outside them; a
     *     symmetric or HMAC key with RSA_AES or SM2PKE; an RSA key with RSA-OAEP; a key spec that cannot be
     *     imported or does not exist outside the China Regions; a file name that is blank or holds a line break
     */
    public static List<String> forImport(KeySpec keySpec, boolean chinaRegion, WrappingAlgorithm algorithm,
            String materialFile) {
        Objects.requireNonNull(keySpec, "keySpec");
        Objects.requireNonNull(algorithm, "algorithm");
        checkCombination(keySpec, chinaRegion, algorithm);
        if (materialFile != null && (materialFile.isBlank() || materialFile.matches("(?s).*[\\r\\n\\x00].*"))) {
            throw new IllegalArgumentException("The material file name is blank or holds a line break.");
        }
        List<String> commands = new ArrayList<>();
        commands.add("openssl enc -d -base64 -A -in " + PUBLIC_KEY_B64 + " -out " + WRAPPING_PUBLIC_KEY);
        commands.add("openssl enc -d -base64 -A -in " + IMPORT_TOKEN_B64 + " -out " + IMPORT_TOKEN);
        String material;
        if (materialFile == null) {
            material = defaultMaterialFile(keySpec);
            commands.add(generationCommand(keySpec, chinaRegion, material));
        } else {
            material = quote(materialFile);
        }
        switch (algorithm) {
            case RSAES_OAEP_SHA_1:
            case RSAES_OAEP_SHA_256:
                commands.add(rsaOaepEncrypt(material, ENCRYPTED_KEY_MATERIAL, algorithm));
                break;
            case RSA_AES_KEY_WRAP_SHA_1:
            case RSA_AES_KEY_WRAP_SHA_256:
                commands.add("openssl rand -out aes-key.bin 32");
                commands.add("openssl enc -id-aes256-wrap-pad -K \"$(xxd -p < aes-key.bin | tr -d '\\n')\""
                        + " -iv A65959A6 -in " + material + " -out key-material-wrapped.bin");
                commands.add(rsaOaepEncrypt("aes-key.bin", "aes-key-wrapped.bin", algorithm));
                commands.add("cat aes-key-wrapped.bin key-material-wrapped.bin > " + ENCRYPTED_KEY_MATERIAL);
                break;
            case SM2PKE:
                commands.add("openssl pkeyutl -encrypt -in " + material + " -out " + ENCRYPTED_KEY_MATERIAL
                        + " -inkey " + WRAPPING_PUBLIC_KEY + " -keyform DER -pubin");
                break;
            default:
                throw new IllegalStateException("unhandled wrapping algorithm " + algorithm);
        }
        return List.copyOf(commands);
    }

    /**
     * What to know before running the commands of {@code algorithm}: the OpenSSL it needs, its limits,
     * and what to delete afterwards.
     */
    public static List<String> notes(WrappingAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        switch (algorithm) {
            case RSAES_PKCS1_V1_5:
                return List.of("KMS stopped accepting RSAES_PKCS1_V1_5 on 2023-10-10. Download new parameters "
                        + "with RSAES_OAEP_SHA_256, or RSA_AES_KEY_WRAP_SHA_256 for RSA private keys.");
            case RSAES_OAEP_SHA_1:
            case RSAES_OAEP_SHA_256:
                return List.of(
                        "Works with OpenSSL 1.1.1 and 3.x. The material is encrypted directly, so it must fit one "
                                + "RSA block: at most " + KeyWrapping.oaepCapacity(256, algorithm) + ", "
                                + KeyWrapping.oaepCapacity(384, algorithm) + " or " + KeyWrapping.oaepCapacity(512, algorithm)
                                + " bytes with RSA_2048, RSA_3072 or RSA_4096. RSA private keys never fit, and KMS "
                                + "refuses ECC_NIST_P521 and ECC_NIST_EDWARDS25519 material with RSA_2048.",
                        algorithm == WrappingAlgorithm.RSAES_OAEP_SHA_256
                                ? "Keep both -pkeyopt rsa_oaep_md:sha256 and -pkeyopt rsa_mgf1_md:sha256. Other tools "
                                        + "differ: Java's OAEPWithSHA-256AndMGF1Padding uses MGF1 with SHA-1, which "
                                        + "KMS cannot unwrap."
                                : "Prefer RSAES_OAEP_SHA_256 unless your HSM or tool offers only SHA-1.");
            case RSA_AES_KEY_WRAP_SHA_1:
            case RSA_AES_KEY_WRAP_SHA_256:
                return List.of(
                        "Needs OpenSSL 3.x: OpenSSL 1.1.1's enc command cannot use wrap ciphers, and LibreSSL (the "
                                + "openssl of macOS) has no -id-aes256-wrap-pad. On macOS, install OpenSSL 3 (e.g. "
                                + "Homebrew's openssl@3) and run it by its full path.",
                        "Keep -iv A65959A6: it is RFC 5649's constant, and OpenSSL 3 refuses to run without an IV "
                                + "(\"iv undefined\"). The AES key must be 32 bytes: given a shorter hex key, -K pads "
                                + "it with zeros (only a warning) and the result will not unwrap.",
                        "xxd comes with vim; without it, use \"$(od -An -v -tx1 aes-key.bin | tr -d ' \\n')\" "
                                + "for the -K value.",
                        "Not available in the China Regions.",
                        "Delete aes-key.bin (and the plaintext material) when done: it decrypts the wrapped material.");
            case SM2PKE:
                return List.of(
                        "China Regions only, with an SM2 wrapping key. Needs OpenSSL 3.x built with SM2 (\"openssl "
                                + "list -public-key-algorithms\" lists SM2); it reads the SM2 public key as an SM2 "
                                + "key by its curve and encrypts with SM3, the default.",
                        "OpenSSL writes the ASN.1 form KMS expects, SEQUENCE { x, y, C3, C2 }. Tools that write "
                                + "raw C1 ‖ C3 ‖ C2 or C1 ‖ C2 ‖ C3 (Bouncy Castle's SM2Engine, for one) need a "
                                + "conversion first.",
                        "This command is checked against BYOK Studio's own SM2PKE unwrapping with OpenSSL 3.0.");
            default:
                throw new IllegalStateException("unhandled wrapping algorithm " + algorithm);
        }
    }

    /**
     * AWS's example file name for generated material of {@code keySpec}: {@code PlaintextKeyMaterial.bin}
     * for symmetric keys, {@code HMAC_384_PlaintextKey.bin} for HMAC keys, {@code RSA_3072_PrivateKey.der}
     * and the like for private keys.
     */
    public static String defaultMaterialFile(KeySpec keySpec) {
        switch (keySpec.family()) {
            case SYMMETRIC:
                return "PlaintextKeyMaterial.bin";
            case HMAC:
                return keySpec.name() + "_PlaintextKey.bin";
            default:
                return keySpec.name() + "_PrivateKey.der";
        }
    }

    private static String generationCommand(KeySpec keySpec, boolean chinaRegion, String file) {
        switch (keySpec) {
            case SYMMETRIC_DEFAULT:
            case HMAC_224:
            case HMAC_256:
            case HMAC_384:
            case HMAC_512:
                return "openssl rand -out " + file + " " + KeyMaterialGenerator.rawLength(keySpec, chinaRegion);
            case RSA_2048:
            case RSA_3072:
            case RSA_4096:
                return "openssl genpkey -algorithm rsa -pkeyopt rsa_keygen_bits:" + keySpec.name().substring(4)
                        + TO_PKCS8_DER + file;
            case ECC_NIST_P256:
                return ec("P-256", file);
            case ECC_NIST_P384:
                return ec("P-384", file);
            case ECC_NIST_P521:
                return ec("P-521", file);
            case ECC_SECG_P256K1:
                return ec("secp256k1", file);
            case SM2:
                return ec("sm2", file);
            case ECC_NIST_EDWARDS25519:
                return "openssl genpkey -algorithm ED25519" + TO_PKCS8_DER + file;
            default:
                throw new IllegalArgumentException(keySpec + " material cannot be imported");
        }
    }

    private static String ec(String curve, String file) {
        return "openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:" + curve + TO_PKCS8_DER + file;
    }

    private static String rsaOaepEncrypt(String in, String out, WrappingAlgorithm algorithm) {
        boolean sha256 = algorithm == WrappingAlgorithm.RSAES_OAEP_SHA_256
                || algorithm == WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256;
        return "openssl pkeyutl -encrypt -in " + in + " -out " + out + " -inkey " + WRAPPING_PUBLIC_KEY
                + " -keyform DER -pubin -pkeyopt rsa_padding_mode:oaep"
                + (sha256 ? " -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256" : " -pkeyopt rsa_oaep_md:sha1");
    }

    /** KMS's table decides (WrappingCompatibility); the ladder below only says why, for the message. */
    private static void checkCombination(KeySpec keySpec, boolean chinaRegion, WrappingAlgorithm algorithm) {
        boolean someSpecAllows = Arrays.stream(WrappingKeySpec.values())
                .anyMatch(spec -> WrappingCompatibility.allows(algorithm, spec, keySpec, chinaRegion));
        if (someSpecAllows) {
            return;
        }
        String refused = "no wrapping key spec can carry " + keySpec + " material with " + algorithm;
        boolean rsaAes = algorithm == WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_1
                || algorithm == WrappingAlgorithm.RSA_AES_KEY_WRAP_SHA_256;
        boolean oaep = algorithm == WrappingAlgorithm.RSAES_OAEP_SHA_1 || algorithm == WrappingAlgorithm.RSAES_OAEP_SHA_256;
        if (algorithm == WrappingAlgorithm.RSAES_PKCS1_V1_5) {
            refused = "KMS stopped accepting RSAES_PKCS1_V1_5 on 2023-10-10";
        } else if (!keySpec.supportsExternalOrigin()) {
            refused = keySpec + " key material cannot be imported";
        } else if (keySpec.chinaRegionsOnly() && !chinaRegion) {
            refused = keySpec + " keys exist only in the China Regions";
        } else if (rsaAes && chinaRegion) {
            refused = algorithm + " is not supported in the China Regions";
        } else if (algorithm == WrappingAlgorithm.SM2PKE && !chinaRegion) {
            refused = "SM2PKE exists only in the China Regions";
        } else if ((rsaAes || algorithm == WrappingAlgorithm.SM2PKE) && !keySpec.isAsymmetric()) {
            refused = algorithm + " is for asymmetric key material; wrap " + keySpec + " material with RSAES_OAEP_SHA_256";
        } else if (oaep && keySpec.family() == KeySpec.Family.RSA) {
            refused = "an RSA private key does not fit one RSA-OAEP block; use "
                    + (chinaRegion ? "SM2PKE" : "RSA_AES_KEY_WRAP_SHA_256");
        }
        throw new IllegalArgumentException("No OpenSSL commands for " + keySpec + " with " + algorithm
                + (chinaRegion ? " in a China Region" : "") + ": " + refused + ".");
    }

    /**
     * The file name as one bash word: unchanged when it has no special characters, else in single quotes;
     * a name starting with "-" gets "./" so that no command takes it for an option.
     */
    static String quote(String file) {
        String path = file.startsWith("-") ? "./" + file : file;
        return SAFE_WORD.matcher(path).matches() ? path : "'" + path.replace("'", "'\\''") + "'";
    }
}
