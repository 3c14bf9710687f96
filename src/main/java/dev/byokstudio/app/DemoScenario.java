package dev.byokstudio.app;

import dev.byokstudio.embedded.WorkspaceIdentities;
import dev.byokstudio.kms.ClockControl;
import dev.byokstudio.kms.CreateAliasRequest;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.ExpirationModel;
import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.GetParametersForImportRequest;
import dev.byokstudio.kms.ImportKeyMaterialRequest;
import dev.byokstudio.kms.KeySpec;
import dev.byokstudio.kms.KeyUsage;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.Tag;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.KeyMaterialGenerator;
import dev.byokstudio.material.KeyWrapping;
import dev.byokstudio.material.MaterialFormatException;
import dev.byokstudio.material.WrappingKeys;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Ready-made starting points for demonstrations: a new workspace filled through the Kms interface, the
 * way a person would fill it, so that a trainer can begin where the lesson begins.
 */
enum DemoScenario {

    /** An empty account: the lesson starts with CreateKey. */
    EMPTY("an empty account") {
        @Override
        void apply(Kms kms, ClockControl clock, boolean chinaRegion) {
        }
    },

    /** EXTERNAL keys of several specs, created and waiting for their material. */
    KEYS_WAITING_FOR_IMPORT("keys created with origin EXTERNAL, waiting for their material") {
        @Override
        void apply(Kms kms, ClockControl clock, boolean chinaRegion) {
            external(kms, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT, "alias/demo/payments",
                    "Payments data key: import 32 bytes of AES material");
            external(kms, KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC, "alias/demo/webhook-signing",
                    "Webhook signing: import 32 to 128 bytes of HMAC material");
            external(kms, KeySpec.RSA_3072, KeyUsage.SIGN_VERIFY, "alias/demo/release-signing",
                    "Release signing: import a 3072-bit RSA key as PKCS#8 with RSA_AES_KEY_WRAP");
            external(kms, KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY, "alias/demo/device-attestation",
                    "Device attestation: import a P-256 key as PKCS#8");
        }
    },

    /** Imported material that expires in two hours, and some that expires in three days. */
    MATERIAL_ABOUT_TO_EXPIRE("imported material that expires in two hours, and some in three days") {
        @Override
        void apply(Kms kms, ClockControl clock, boolean chinaRegion) {
            String soon = external(kms, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT, "alias/demo/expiring-soon",
                    "Material expires two hours after the scenario was created: move the clock to watch it go");
            importMaterial(kms, soon, KeySpec.SYMMETRIC_DEFAULT, chinaRegion, clock.now().plus(Duration.ofHours(2)));
            String later = external(kms, KeySpec.HMAC_256, KeyUsage.GENERATE_VERIFY_MAC, "alias/demo/expiring-later",
                    "Material expires three days after the scenario was created");
            importMaterial(kms, later, KeySpec.HMAC_256, chinaRegion, clock.now().plus(Duration.ofDays(3)));
            external(kms, KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT, "alias/demo/never-imported",
                    "Never imported: PendingImport");
        }
    },

    /** A key whose key policy lets the account administer it but denies the import steps to one role. */
    POLICY_REFUSES_A_ROLE("a key whose policy refuses the import steps to KeyUserRole") {
        @Override
        void apply(Kms kms, ClockControl clock, boolean chinaRegion) {
            String account = "111122223333";
            String policy = "{\n"
                    + "  \"Version\" : \"2012-10-17\",\n"
                    + "  \"Id\" : \"demo-refuse-a-role\",\n"
                    + "  \"Statement\" : [ {\n"
                    + "    \"Sid\" : \"Enable IAM User Permissions\",\n"
                    + "    \"Effect\" : \"Allow\",\n"
                    + "    \"Principal\" : { \"AWS\" : \"arn:aws:iam::" + account + ":root\" },\n"
                    + "    \"Action\" : \"kms:*\",\n"
                    + "    \"Resource\" : \"*\"\n"
                    + "  }, {\n"
                    + "    \"Sid\" : \"Key users may not import material\",\n"
                    + "    \"Effect\" : \"Deny\",\n"
                    + "    \"Principal\" : { \"AWS\" : \"arn:aws:iam::" + account + ":role/KeyUserRole\" },\n"
                    + "    \"Action\" : [ \"kms:GetParametersForImport\", \"kms:ImportKeyMaterial\", "
                    + "\"kms:DeleteImportedKeyMaterial\" ],\n"
                    + "    \"Resource\" : \"*\"\n"
                    + "  } ]\n"
                    + "}";
            String keyId = kms.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).policy(policy)
                    .description("KeyUserRole is denied the import steps by this key's policy")
                    .tags(List.of(new Tag("scenario", name().toLowerCase(Locale.ROOT)))).build()).keyMetadata().keyId();
            kms.createAlias(new CreateAliasRequest("alias/demo/admins-only-import", keyId));
        }
    };

    private final String description;

    DemoScenario(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    abstract void apply(Kms kms, ClockControl clock, boolean chinaRegion);

    /**
     * Fills a new workspace as its administrator would by hand: each call through access control and recorded in
     * CloudTrail, so that the CloudTrail tab shows how the lesson's keys came to be (the policy that refuses a role,
     * the import that expires) as AWS would.
     */
    void fillAsAdministrator(WorkspaceIdentities identities, ClockControl clock, boolean chinaRegion) {
        // A new DesktopAccess acts as the administrator, as the desktop application does at first.
        apply(identities.desktopAccess().kms(), clock, chinaRegion);
    }

    /** The scenario named on the command line: its name in any case, with - or _. */
    static DemoScenario named(String name) {
        String wanted = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (DemoScenario s : values()) {
            if (s.name().equals(wanted)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown scenario '" + name + "'. Expected one of " + names() + ".");
    }

    static String names() {
        StringBuilder b = new StringBuilder();
        for (DemoScenario s : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(s.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return b.toString();
    }

    private static String external(Kms kms, KeySpec spec, KeyUsage usage, String alias, String description) {
        String keyId = kms.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).keySpec(spec).keyUsage(usage)
                .description(description).build()).keyMetadata().keyId();
        kms.createAlias(new CreateAliasRequest(alias, keyId));
        return keyId;
    }

    /** Imports fresh test material the way a person does with OpenSSL: parameters, wrap, import. */
    private static void importMaterial(Kms kms, String keyId, KeySpec spec, boolean chinaRegion, Instant validTo) {
        GetParametersForImportResponse p = kms.getParametersForImport(new GetParametersForImportRequest(keyId,
                WrappingAlgorithm.RSAES_OAEP_SHA_256, WrappingKeySpec.RSA_2048));
        // Made here, not in a static field: the command line names the scenarios before the first window, and
        // a SecureRandom there would set up the security providers on that path (docs/benchmarks.md, Start-up).
        SecureRandom random = new SecureRandom();
        SecretBytes material = new KeyMaterialGenerator(random).generate(spec, chinaRegion);
        try {
            byte[] wrapped = KeyWrapping.wrap(material, WrappingKeys.publicKey(p.publicKey()),
                    WrappingAlgorithm.RSAES_OAEP_SHA_256, random);
            kms.importKeyMaterial(new ImportKeyMaterialRequest(keyId, p.importToken(), wrapped, validTo,
                    ExpirationModel.KEY_MATERIAL_EXPIRES, null, null, null));
        } catch (MaterialFormatException e) {
            throw new IllegalStateException("the embedded KMS returned a wrapping key it cannot read", e);
        } finally {
            material.destroy();
        }
    }
}
