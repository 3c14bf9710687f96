package dev.byokstudio.material;

import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.DetectedMaterial.Container;
import dev.byokstudio.material.DetectedMaterial.Structure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The key material workbench: looks at whatever file a person has, tells them what it is, checks it rule
 * by rule against a key spec (with the very rules the embedded KMS's import applies, so the report's
 * verdict and the import's are always the same), says whether a wrapping choice can carry it, and converts
 * it — losslessly, and only when asked — into what KMS imports. No JavaFX here: the wizard, the
 * {@code check-material} command and the tests all use this one class.
 */
public final class MaterialWorkbench {

    /** The largest file read; larger files are reported as oversized without being read further. */
    public static final int MAXIMUM_BYTES = MaterialRules.MAXIMUM_BYTES;

    static final Rule WRAPPING = new Rule("wrapping.compatible", "Wrapping can carry the material",
            "Not every wrapping algorithm and wrapping key spec can carry every key spec's material: RSA-OAEP alone"
                    + " holds only short material (at most the wrapping key's size less 66 bytes with SHA-256), so RSA"
                    + " private keys need RSA_AES_KEY_WRAP; some combinations are refused outright, and the China Regions"
                    + " add SM2PKE and lack RSA_AES_KEY_WRAP (reference §3.3).");

    private static final int HMAC_MAXIMUM_BYTES = 128;

    private MaterialWorkbench() {
    }

    /**
     * Reads a file, but never more than {@link #MAXIMUM_BYTES} + 1 bytes: one byte more than the limit is
     * enough to know the file is too large, whatever its size.
     */
    public static byte[] readBounded(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(MAXIMUM_BYTES + 1);
        }
    }

    // ---------------------------------------------------------------- detection

    /** What {@code file} holds. A pure function of the bytes; it never throws for any input. */
    public static DetectedMaterial detect(byte[] file) {
        Unpacked unpacked = unpack(file);
        try {
            return unpacked.detected();
        } finally {
            unpacked.clear();
        }
    }

    /** The file's container taken off: the bytes inside PEM or text, with what was found. */
    private record Unpacked(DetectedMaterial detected, byte[] payload, MaterialFormat.Detection inner,
            ASN1Encodable ecParameters) {

        void clear() {
            if (payload != null) {
                Arrays.fill(payload, (byte) 0);
            }
        }
    }

    private static Unpacked unpack(byte[] file) {
        int size = file.length;
        if (size == 0) {
            return new Unpacked(detected(Container.EMPTY, Structure.NONE, "an empty file", null, List.of(), 0), null, null,
                    null);
        }
        if (size > MAXIMUM_BYTES) {
            return new Unpacked(detected(Container.OVERSIZED, Structure.NONE, "more than " + MAXIMUM_BYTES
                    + " bytes; no key material is that large, so the file was not read further", null, List.of(), size),
                    null, null, null);
        }
        MaterialFormat.Detection outer = MaterialFormat.detect(file);
        switch (outer.kind()) {
            case PEM:
                return unpackPem(file);
            case HEX_TEXT:
            case BASE64_TEXT: {
                boolean hex = outer.kind() == MaterialFormat.Kind.HEX_TEXT;
                byte[] decoded = decodeText(file, hex);
                List<String> notes = new ArrayList<>();
                if (Pem.hasBom(file)) {
                    notes.add("a UTF-8 byte-order mark at the start was ignored");
                }
                return inside(hex ? Container.HEX_TEXT : Container.BASE64_TEXT,
                        (hex ? "hexadecimal" : "Base64") + " text", decoded, null, notes, null, size);
            }
            case TEXT:
                return new Unpacked(detected(Container.OTHER_TEXT, Structure.NONE, outer.description()
                        + ": not PEM, hexadecimal or Base64", null, List.of(), size), null, null, null);
            default:
                return new Unpacked(detected(Container.BINARY, structure(outer.kind()), outer.description()
                        + trailing(outer) + curveWarning(structure(outer.kind()), file, null), null, List.of(), size),
                        file.clone(), outer, null);
        }
    }

    private static Unpacked unpackPem(byte[] file) {
        Pem.Parsed parsed = Pem.parse(file);
        List<String> notes = new ArrayList<>(parsed.notes());
        Optional<Pem.Block> chosen = parsed.blocks().stream().filter(b -> b.label().endsWith("PRIVATE KEY")).findFirst()
                .or(() -> parsed.blocks().stream().filter(b -> !b.label().equals("EC PARAMETERS")).findFirst())
                .or(() -> parsed.blocks().stream().findFirst());
        if (chosen.isEmpty()) {
            return new Unpacked(detected(Container.PEM, Structure.NONE, "PEM text whose block could not be read", null,
                    notes, file.length), null, null, null);
        }
        Pem.Block block = chosen.get();
        ASN1Encodable ecParameters = null;
        for (Pem.Block other : parsed.blocks()) {
            if (other == block) {
                continue;
            }
            if (other.label().equals("EC PARAMETERS")) {
                try {
                    ecParameters = ASN1Primitive.fromByteArray(other.content());
                    notes.add("an EC PARAMETERS block names the curve: " + KeyTexts.curveWords(ecParameters));
                } catch (IOException | RuntimeException e) {
                    notes.add("an EC PARAMETERS block could not be read");
                }
            } else {
                notes.add("a further PEM block (" + other.label() + ") was set aside");
            }
        }
        String label = "-----BEGIN " + block.label() + "-----";
        if (block.legacyEncrypted()) {
            notes.add("the block is encrypted the legacy OpenSSL way (Proc-Type: 4,ENCRYPTED)");
            return new Unpacked(detected(Container.PEM, Structure.NONE, "PEM (" + label + ") encrypted with a"
                    + " legacy OpenSSL password; decrypt it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -outform DER"
                    + " -out key.der", block.label(), notes, file.length), null, null, null);
        }
        return inside(Container.PEM, "PEM (" + label + ")", block.content(), block.label(), notes, ecParameters, file.length);
    }

    private static Unpacked inside(Container container, String containerWords, byte[] payload, String pemLabel,
            List<String> notes, ASN1Encodable ecParameters, int size) {
        if (payload == null || payload.length == 0) {
            return new Unpacked(detected(container, Structure.NONE, containerWords + " that decodes to nothing", pemLabel,
                    notes, size), null, null, null);
        }
        MaterialFormat.Detection inner = MaterialFormat.detect(payload);
        Structure structure = structure(inner.kind());
        String what = structure == Structure.RAW_BYTES ? payload.length + " bytes that are not ASN.1 (raw key bytes?)"
                : inner.description() + trailing(inner) + curveWarning(structure, payload, ecParameters);
        return new Unpacked(detected(container, structure, containerWords + " holding " + what, pemLabel, notes, size),
                payload, inner, ecParameters);
    }

    /** A SEC 1 key that names no curve, here or in an EC PARAMETERS block, cannot be read without a guess. */
    private static String curveWarning(Structure structure, byte[] payload, ASN1Encodable ecParameters) {
        if (structure != Structure.SEC1_EC_PRIVATE_KEY || ecParameters != null) {
            return "";
        }
        try {
            ASN1Sequence sec1 = ASN1Sequence.getInstance(payload);
            for (int i = 2; i < sec1.size(); i++) {
                if (sec1.getObjectAt(i) instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 0) {
                    return "";
                }
            }
            return "; it names no curve, so the curve must be assumed";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String trailing(MaterialFormat.Detection d) {
        return d.trailingBytes() > 0
                ? ", followed by " + d.trailingBytes() + " bytes that belong to no structure" : "";
    }

    private static DetectedMaterial detected(Container container, Structure structure, String description, String pemLabel,
            List<String> notes, int size) {
        return new DetectedMaterial(container, structure, description, Optional.ofNullable(pemLabel), List.copyOf(notes),
                size);
    }

    private static Structure structure(MaterialFormat.Kind kind) {
        switch (kind) {
            case PKCS8:
                return Structure.PKCS8_PRIVATE_KEY;
            case ENCRYPTED_PKCS8:
                return Structure.ENCRYPTED_PKCS8;
            case PKCS1_RSA_PRIVATE_KEY:
                return Structure.PKCS1_RSA_PRIVATE_KEY;
            case SEC1_EC_PRIVATE_KEY:
                return Structure.SEC1_EC_PRIVATE_KEY;
            case SUBJECT_PUBLIC_KEY_INFO:
                return Structure.SUBJECT_PUBLIC_KEY_INFO;
            case PKCS1_RSA_PUBLIC_KEY:
                return Structure.PKCS1_RSA_PUBLIC_KEY;
            case X509_CERTIFICATE:
                return Structure.X509_CERTIFICATE;
            case PKCS12:
                return Structure.PKCS12;
            case NOT_ASN1:
                return Structure.RAW_BYTES;
            case TRUNCATED_ASN1:
                return Structure.TRUNCATED_ASN1;
            case OTHER_ASN1:
                return Structure.OTHER_ASN1;
            default:
                return Structure.NONE; // text inside text
        }
    }

    private static byte[] decodeText(byte[] file, boolean hex) {
        StringBuilder digits = new StringBuilder(file.length);
        int start = Pem.hasBom(file) ? 3 : 0;
        for (int i = start; i < file.length; i++) {
            char c = (char) file[i];
            if (!Character.isWhitespace(c)) {
                digits.append(c);
            }
        }
        try {
            return hex ? HexFormat.of().parseHex(digits) : Base64.getDecoder().decode(digits.toString());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        } finally {
            digits.setLength(0);
        }
    }

    // ---------------------------------------------------------------- the report

    /**
     * The report for {@code file} as material for a key of {@code spec}.
     *
     * @param wrappingAlgorithm the chosen wrapping algorithm, or null if none is chosen yet
     * @param wrappingKeySpec the chosen wrapping key spec, or null
     */
    public static MaterialReport report(byte[] file, KeySpec spec, boolean chinaRegion, WrappingAlgorithm wrappingAlgorithm,
            WrappingKeySpec wrappingKeySpec) {
        return report(file, file.length, spec, chinaRegion, wrappingAlgorithm, wrappingKeySpec);
    }

    /**
     * The report for a file of which only the first bytes were read ({@link #readBounded}): {@code fileSize} is
     * its real size, which the size line then shows.
     */
    public static MaterialReport report(byte[] file, long fileSize, KeySpec spec, boolean chinaRegion,
            WrappingAlgorithm wrappingAlgorithm, WrappingKeySpec wrappingKeySpec) {
        MaterialReport report = report0(file, spec, chinaRegion, wrappingAlgorithm, wrappingKeySpec);
        if (fileSize <= file.length) {
            return report;
        }
        List<RuleResult> lines = report.lines().stream().map(line -> !line.rule().equals(MaterialRules.SIZE.id()) ? line
                : new RuleResult(line.rule(), line.title(), line.status(), line.expected(),
                        fileSize + " bytes: over the limit, so not parsed", line.why(), line.remedy())).toList();
        DetectedMaterial d = report.detected();
        return new MaterialReport(new DetectedMaterial(d.container(), d.structure(), d.description(), d.pemLabel(), d.notes(),
                (int) Math.min(Integer.MAX_VALUE, fileSize)), report.keySpec(), report.chinaRegion(), lines,
                report.wrapping(), report.wrappingChoices(), report.conversions(), report.materialAccepted());
    }

    private static MaterialReport report0(byte[] file, KeySpec spec, boolean chinaRegion, WrappingAlgorithm wrappingAlgorithm,
            WrappingKeySpec wrappingKeySpec) {
        DetectedMaterial detected = detect(file);
        MaterialCheck check;
        if (detected.container() == Container.OVERSIZED) {
            // The rules look only at the size; nothing past the limit is copied.
            check = MaterialRules.check(spec, chinaRegion, SecretBytes.wrap(new byte[file.length]));
        } else {
            check = MaterialRules.check(spec, chinaRegion, SecretBytes.copyOf(file));
        }
        check.accepted().ifPresent(a -> a.canonical().destroy());
        List<WrappingCompatibility.Combination> choices = spec.supportsExternalOrigin()
                && (!spec.chinaRegionsOnly() || chinaRegion) ? WrappingCompatibility.choices(spec, chinaRegion) : List.of();
        return new MaterialReport(detected, spec, chinaRegion, check.results(),
                wrappingLine(spec, chinaRegion, wrappingAlgorithm, wrappingKeySpec, choices), choices,
                conversions(file, spec), check.passed());
    }

    private static RuleResult wrappingLine(KeySpec spec, boolean chinaRegion, WrappingAlgorithm algorithm,
            WrappingKeySpec wrappingKeySpec, List<WrappingCompatibility.Combination> choices) {
        String can = choices.isEmpty() ? "none: " + spec + " material cannot be imported here"
                : choices.stream().map(c -> c.algorithm() + " with " + c.wrappingKeySpec())
                        .collect(java.util.stream.Collectors.joining(", "));
        String expected = "a wrapping algorithm and wrapping key spec that can carry " + spec + " material: " + can;
        if (algorithm == null || wrappingKeySpec == null) {
            return WRAPPING.notApplicable(expected, "no wrapping chosen yet");
        }
        String found = algorithm + " with " + wrappingKeySpec;
        if (WrappingCompatibility.allows(algorithm, wrappingKeySpec, spec, chinaRegion)) {
            return WRAPPING.passed(expected, found);
        }
        return WRAPPING.failed(expected, found + ": " + WrappingCompatibility.refusal(algorithm, wrappingKeySpec, spec),
                choices.isEmpty() ? "Choose a key spec that accepts imported material in this Region."
                        : "Call GetParametersForImport again with " + choices.get(0).algorithm() + " and "
                                + choices.get(0).wrappingKeySpec() + " (recommended), or another of: " + can + ".");
    }

    // ---------------------------------------------------------------- conversions

    /** The conversions that apply to {@code file} as material for {@code spec}, most useful first. */
    public static List<Conversion> conversions(byte[] file, KeySpec spec) {
        Unpacked u = unpack(file);
        try {
            List<Conversion> offered = new ArrayList<>();
            Structure structure = u.detected().structure();
            Container container = u.detected().container();
            boolean packaged = container == Container.PEM || container == Container.HEX_TEXT
                    || container == Container.BASE64_TEXT;
            switch (structure) {
                case PKCS1_RSA_PRIVATE_KEY:
                    if (spec.family() == KeySpec.Family.RSA) {
                        offered.add(Conversion.PKCS1_TO_PKCS8);
                    }
                    break;
                case SEC1_EC_PRIVATE_KEY:
                    if (NamedCurve.forSpec(spec).isPresent()) {
                        offered.add(Conversion.SEC1_TO_PKCS8);
                    }
                    break;
                case ENCRYPTED_PKCS8:
                    offered.add(Conversion.DECRYPT_PKCS8);
                    break;
                case PKCS8_PRIVATE_KEY:
                    if (explicitCurve(u.payload()).isPresent() && NamedCurve.forSpec(spec).isPresent()) {
                        offered.add(Conversion.EXPLICIT_CURVE_TO_NAMED);
                    } else if (packaged) {
                        offered.add(container == Container.PEM ? Conversion.PEM_TO_DER : Conversion.TEXT_TO_BYTES);
                    }
                    break;
                case RAW_BYTES:
                    if (packaged) {
                        offered.add(container == Container.PEM ? Conversion.PEM_TO_DER : Conversion.TEXT_TO_BYTES);
                    }
                    if (spec.family() == KeySpec.Family.HMAC && u.payload().length > HMAC_MAXIMUM_BYTES) {
                        offered.add(Conversion.HMAC_DIGEST);
                    }
                    break;
                default:
                    break;
            }
            return offered;
        } finally {
            u.clear();
        }
    }

    /**
     * Applies a conversion offered for {@code file}.
     *
     * @param password the password of an encrypted PKCS#8 (DECRYPT_PKCS8 only); not kept
     * @throws MaterialFormatException when the conversion does not apply to this file, or the password is wrong
     */
    public static Converted convert(Conversion conversion, byte[] file, KeySpec spec, char[] password)
            throws MaterialFormatException {
        if (!conversions(file, spec).contains(conversion)) {
            throw new MaterialFormatException("a file that " + conversion.title() + " applies to",
                    detect(file).description());
        }
        Unpacked u = unpack(file);
        try {
            byte[] out;
            String done;
            String command;
            String in = u.detected().container() == Container.PEM ? "-in key.pem" : "-inform DER -in key.der";
            switch (conversion) {
                case PEM_TO_DER:
                    out = u.payload().clone();
                    done = "Decoded the " + u.detected().pemLabel().orElse("PEM") + " block to " + out.length + " bytes of DER";
                    boolean indented = u.detected().notes().stream().anyMatch(n -> n.startsWith("indentation"));
                    command = u.detected().structure() == Structure.PKCS8_PRIVATE_KEY
                            ? (indented ? "sed 's/^[[:space:]]*//' key.pem | openssl pkcs8 -topk8 -nocrypt"
                                    : "openssl pkcs8 -topk8 -nocrypt -in key.pem") + " -outform DER -out key.der"
                            : "openssl base64 -d -in key.pem -out key.bin   # after deleting the BEGIN and END lines";
                    break;
                case TEXT_TO_BYTES:
                    out = u.payload().clone();
                    boolean hex = u.detected().container() == Container.HEX_TEXT;
                    done = "Decoded the " + (hex ? "hexadecimal" : "Base64") + " text to " + out.length + " bytes";
                    // -A reads Base64 as one line; on text in lines it would write nothing.
                    command = hex ? "xxd -r -p key.hex > key.bin" : "openssl base64 -d" + (multiLine(file) ? "" : " -A")
                            + " -in key.b64 -out key.bin";
                    break;
                case PKCS1_TO_PKCS8:
                    out = new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                            ASN1Primitive.fromByteArray(u.payload())).getEncoded(ASN1Encoding.DER);
                    done = "Wrapped the PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo";
                    command = "openssl pkcs8 -topk8 -nocrypt " + in + " -outform DER -out key.pkcs8.der";
                    break;
                case SEC1_TO_PKCS8: {
                    ASN1Encodable parameters = sec1Parameters(u);
                    out = sec1ToPkcs8(u, spec);
                    done = parameters == null
                            ? "Wrapped the SEC 1 ECPrivateKey in a PKCS#8 PrivateKeyInfo. The file names no curve, so the"
                                    + " curve of key spec " + spec + " was assumed: make sure the key was made on it"
                            : "Wrapped the SEC 1 ECPrivateKey in a PKCS#8 PrivateKeyInfo naming its curve";
                    command = parameters instanceof ASN1Sequence
                            ? "openssl ec " + in + " -param_enc named_curve -outform DER | openssl pkcs8 -topk8 -nocrypt"
                                    + " -inform DER -outform DER -out key.pkcs8.der"
                            : "openssl pkcs8 -topk8 -nocrypt " + in + " -outform DER -out key.pkcs8.der";
                    break;
                }
                case EXPLICIT_CURVE_TO_NAMED: {
                    NamedCurve curve = explicitCurve(u.payload()).orElseThrow();
                    out = namedCurvePkcs8(u.payload(), curve);
                    done = "Replaced the explicit curve parameters by the name of the curve they are: " + curve.fullName();
                    command = "openssl ec " + in + " -param_enc named_curve -outform DER | openssl pkcs8 -topk8 -nocrypt"
                            + " -inform DER -outform DER -out key.pkcs8.der";
                    break;
                }
                case DECRYPT_PKCS8:
                    out = decrypt(u.payload(), password);
                    done = "Decrypted the PKCS#8 with its password; the result exists only in memory until saved";
                    command = "openssl pkcs8 -topk8 -nocrypt " + in + " -outform DER -out key.pkcs8.der   # asks for the password";
                    break;
                case HMAC_DIGEST: {
                    int bits = Integer.parseInt(spec.name().substring("HMAC_".length()));
                    out = MessageDigest.getInstance("SHA-" + bits).digest(u.payload());
                    done = "Replaced " + u.payload().length * 8 + " bits of HMAC material by its SHA-" + bits + " digest ("
                            + bits + " bits)";
                    command = "openssl dgst -sha" + bits + " -binary -out " + spec + "_PlaintextKey.bin key.bin";
                    break;
                }
                default:
                    throw new IllegalStateException("unhandled " + conversion);
            }
            return new Converted(conversion, SecretBytes.wrap(out), done, command, detect(out));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new MaterialFormatException("a file " + conversion.title() + " can convert", u.detected().description()
                    + " whose structure is damaged");
        } finally {
            u.clear();
        }
    }

    /** The supported curve an unencrypted EC PKCS#8 spells out in full, if it does. */
    private static Optional<NamedCurve> explicitCurve(byte[] pkcs8) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
            AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
            if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
                    || !(algorithm.getParameters() instanceof ASN1Sequence explicit)) {
                return Optional.empty();
            }
            return NamedCurve.matchExplicit(explicit);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The EC key rebuilt as PKCS#8 with the curve's OID, its inner key keeping the private value and public key. */
    private static byte[] namedCurvePkcs8(byte[] pkcs8, NamedCurve curve) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
        ASN1Sequence inner = ASN1Sequence.getInstance(info.parsePrivateKey());
        return pkcs8Of(curve.oid(), inner);
    }

    /** The curve a SEC 1 key names, inside it or in an EC PARAMETERS block beside it; null if none. */
    private static ASN1Encodable sec1Parameters(Unpacked u) {
        ASN1Sequence sec1 = ASN1Sequence.getInstance(u.payload());
        for (int i = 2; i < sec1.size(); i++) {
            if (sec1.getObjectAt(i) instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 0) {
                return tagged.getExplicitBaseObject();
            }
        }
        return u.ecParameters();
    }

    private static boolean multiLine(byte[] file) {
        String text = new String(file, java.nio.charset.StandardCharsets.US_ASCII).strip();
        return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
    }

    private static byte[] sec1ToPkcs8(Unpacked u, KeySpec spec) throws IOException {
        ASN1Sequence sec1 = ASN1Sequence.getInstance(u.payload());
        ASN1Encodable parameters = sec1Parameters(u);
        ASN1ObjectIdentifier oid;
        if (parameters instanceof ASN1ObjectIdentifier named) {
            oid = named;
        } else if (parameters instanceof ASN1Sequence explicit && NamedCurve.matchExplicit(explicit).isPresent()) {
            oid = NamedCurve.matchExplicit(explicit).get().oid();
        } else {
            // No curve in the file: the key spec's (the rules then check that the key fits it).
            oid = NamedCurve.forSpec(spec).map(NamedCurve::oid).orElse(X9ObjectIdentifiers.prime256v1);
        }
        return pkcs8Of(oid, sec1);
    }

    /** PKCS#8 for an EC key: the curve named outside, the inner ECPrivateKey without its own parameters. */
    private static byte[] pkcs8Of(ASN1ObjectIdentifier curve, ASN1Sequence ecPrivateKey) throws IOException {
        ASN1EncodableVector inner = new ASN1EncodableVector();
        inner.add(new ASN1Integer(1));
        inner.add(ASN1OctetString.getInstance(ecPrivateKey.getObjectAt(1)));
        for (int i = 2; i < ecPrivateKey.size(); i++) {
            if (ecPrivateKey.getObjectAt(i) instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 1) {
                inner.add(tagged);
            }
        }
        return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve),
                new DERSequence(inner)).getEncoded(ASN1Encoding.DER);
    }

    private static byte[] decrypt(byte[] encrypted, char[] password) throws MaterialFormatException, IOException {
        if (password == null || password.length == 0) {
            throw new MaterialFormatException("the password the PKCS#8 file was encrypted with", "no password");
        }
        checkDecryptionCost(encrypted);
        try {
            PKCS8EncryptedPrivateKeyInfo info = new PKCS8EncryptedPrivateKeyInfo(encrypted);
            PrivateKeyInfo plain = info.decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Providers.bouncyCastle()).build(password));
            return plain.getEncoded(ASN1Encoding.DER);
        } catch (PKCSException e) {
            throw new MaterialFormatException("the password the PKCS#8 file was encrypted with",
                    "a password that does not decrypt it");
        } catch (OperatorCreationException e) {
            throw new MaterialFormatException("an encryption scheme BYOK Studio can decrypt (PBES2 with AES or 3DES)",
                    "a scheme it cannot: decrypt with openssl pkcs8 -inform DER -in key.der -outform DER -out key.pkcs8.der");
        }
    }

    /** PBKDF2 and PKCS#12 iteration counts above this are refused before any work is done. */
    static final long MAXIMUM_ITERATIONS = 2_000_000;
    /** scrypt may use at most this much memory (128·N·r bytes) ... */
    static final long MAXIMUM_SCRYPT_MEMORY = 64L << 20;
    /** ... and at most this much work (N·r·p). */
    static final long MAXIMUM_SCRYPT_WORK = 1L << 22;

    /**
     * The file chooses how costly its password is to check; a hostile or damaged file could make that hours
     * or gigabytes. Refuse costs beyond what any real tool writes (OpenSSL: 2048 PBKDF2 iterations; scrypt
     * N=16384, r=8, p=1) by far, before decrypting.
     */
    private static void checkDecryptionCost(byte[] encrypted) throws MaterialFormatException {
        String expected = "an encrypted PKCS#8 whose password costs at most " + MAXIMUM_ITERATIONS + " PBKDF2 iterations, or"
                + " scrypt with at most " + (MAXIMUM_SCRYPT_MEMORY >> 20) + " MiB and N·r·p at most " + MAXIMUM_SCRYPT_WORK;
        try {
            org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo info =
                    org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo.getInstance(encrypted);
            AlgorithmIdentifier scheme = info.getEncryptionAlgorithm();
            if (PKCSObjectIdentifiers.id_PBES2.equals(scheme.getAlgorithm())) {
                org.bouncycastle.asn1.pkcs.PBES2Parameters pbes2 =
                        org.bouncycastle.asn1.pkcs.PBES2Parameters.getInstance(scheme.getParameters());
                org.bouncycastle.asn1.pkcs.KeyDerivationFunc kdf = pbes2.getKeyDerivationFunc();
                if (PKCSObjectIdentifiers.id_PBKDF2.equals(kdf.getAlgorithm())) {
                    java.math.BigInteger iterations = org.bouncycastle.asn1.pkcs.PBKDF2Params.getInstance(kdf.getParameters())
                            .getIterationCount();
                    if (iterations.bitLength() > 62 || iterations.longValue() > MAXIMUM_ITERATIONS) {
                        throw new MaterialFormatException(expected, "PBKDF2 with " + Asn1.smallNumber(iterations)
                                + " iterations; decrypt it with openssl pkcs8 if you trust the file");
                    }
                } else if (org.bouncycastle.asn1.misc.MiscObjectIdentifiers.id_scrypt.equals(kdf.getAlgorithm())) {
                    org.bouncycastle.asn1.misc.ScryptParams scrypt =
                            org.bouncycastle.asn1.misc.ScryptParams.getInstance(kdf.getParameters());
                    java.math.BigInteger n = scrypt.getCostParameter();
                    java.math.BigInteger r = scrypt.getBlockSize();
                    java.math.BigInteger p = scrypt.getParallelizationParameter();
                    java.math.BigInteger memory = n.multiply(r).shiftLeft(7);
                    java.math.BigInteger work = n.multiply(r).multiply(p);
                    if (memory.compareTo(java.math.BigInteger.valueOf(MAXIMUM_SCRYPT_MEMORY)) > 0
                            || work.compareTo(java.math.BigInteger.valueOf(MAXIMUM_SCRYPT_WORK)) > 0) {
                        throw new MaterialFormatException(expected, "scrypt with N " + Asn1.smallNumber(n) + ", r "
                                + Asn1.smallNumber(r) + " and p " + Asn1.smallNumber(p)
                                + "; decrypt it with openssl pkcs8 if you trust the file");
                    }
                }
            } else if (scheme.getParameters() != null) {
                // PKCS#5 v1 and PKCS#12 schemes: SEQUENCE { salt OCTET STRING, iterations INTEGER }.
                ASN1Sequence parameters = ASN1Sequence.getInstance(scheme.getParameters());
                if (parameters.size() == 2 && parameters.getObjectAt(1) instanceof ASN1Integer count
                        && (count.getValue().bitLength() > 62 || count.getValue().longValue() > MAXIMUM_ITERATIONS)) {
                    throw new MaterialFormatException(expected, Asn1.smallNumber(count.getValue()) + " iterations");
                }
            }
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new MaterialFormatException("a well-formed encrypted PKCS#8 EncryptedPrivateKeyInfo",
                    "encryption parameters that cannot be read");
        }
    }

    // ---------------------------------------------------------------- generation

    /** Test material for {@code spec}, with the OpenSSL command that makes the same kind of material. */
    public record Generated(KeySpec keySpec, SecretBytes material, String opensslCommand) {
    }

    /** New random test material for {@code spec} in the form KMS imports (raw bytes or PKCS#8 DER). */
    public static Generated generate(KeySpec spec, boolean chinaRegion, SecureRandom random) {
        if (!spec.supportsExternalOrigin()) {
            throw new IllegalArgumentException("KMS cannot import material for " + spec);
        }
        return new Generated(spec, new KeyMaterialGenerator(random).generate(spec, chinaRegion),
                KeyTexts.generateCommand(spec, chinaRegion));
    }
}
