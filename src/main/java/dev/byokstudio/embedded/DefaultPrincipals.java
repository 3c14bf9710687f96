package dev.byokstudio.embedded;

import dev.byokstudio.kms.Principal;
import dev.byokstudio.kms.PrincipalType;
import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.store.StoredPrincipal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The principals a new workspace starts with, so that a demonstration works out of the box (ADR 0010):
 * <ul>
 * <li><b>Administrator</b>, an IAM user with AdministratorAccess (profile {@code default});</li>
 * <li><b>KMSAdminRole</b>, the role AWS's import documentation uses: it may create keys only with origin
 * EXTERNAL, download wrapping keys only with the SHA-256 wrapping algorithms, import and delete material,
 * and administer keys — but not use them;</li>
 * <li><b>KeyUserRole</b>, which may use keys for cryptography and describe them, and nothing else.</li>
 * </ul>
 * Every key policy of the default kind delegates to these identity policies.
 */
public final class DefaultPrincipals {

    public static final String ADMINISTRATOR = "Administrator";
    public static final String KMS_ADMIN_ROLE = "KMSAdminRole";
    public static final String KEY_USER_ROLE = "KeyUserRole";

    static final String ADMINISTRATOR_ACCESS = """
            {
              "Version": "2012-10-17",
              "Statement": [
                { "Effect": "Allow", "Action": "*", "Resource": "*" }
              ]
            }""";

    static final String KMS_ADMIN_POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "CreateKeysForImportedMaterialOnly",
                  "Effect": "Allow",
                  "Action": "kms:CreateKey",
                  "Resource": "*",
                  "Condition": { "StringEquals": { "kms:KeyOrigin": "EXTERNAL" } }
                },
                {
                  "Sid": "DownloadWrappingKeysForSha256WrappingOnly",
                  "Effect": "Allow",
                  "Action": "kms:GetParametersForImport",
                  "Resource": "*",
                  "Condition": {
                    "StringEquals": { "kms:WrappingAlgorithm": ["RSAES_OAEP_SHA_256", "RSA_AES_KEY_WRAP_SHA_256"] }
                  }
                },
                {
                  "Sid": "ManageImportedKeyMaterial",
                  "Effect": "Allow",
                  "Action": ["kms:ImportKeyMaterial", "kms:DeleteImportedKeyMaterial"],
                  "Resource": "*"
                },
                {
                  "Sid": "AdministerKeys",
                  "Effect": "Allow",
                  "Action": [
                    "kms:DescribeKey", "kms:ListKeys", "kms:ListAliases", "kms:ListResourceTags",
                    "kms:ListKeyPolicies", "kms:ListKeyRotations", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus",
                    "kms:PutKeyPolicy", "kms:EnableKey", "kms:DisableKey", "kms:EnableKeyRotation",
                    "kms:DisableKeyRotation", "kms:RotateKeyOnDemand", "kms:CreateAlias", "kms:UpdateAlias",
                    "kms:DeleteAlias", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion",
                    "kms:CancelKeyDeletion"
                  ],
                  "Resource": "*"
                },
                {
                  "Sid": "ReadTheAuditTrail",
                  "Effect": "Allow",
                  "Action": "cloudtrail:LookupEvents",
                  "Resource": "*"
                }
              ]
            }""";

    static final String KEY_USER_POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "UseKeys",
                  "Effect": "Allow",
                  "Action": [
                    "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Sign",
                    "kms:Verify", "kms:GenerateMac", "kms:VerifyMac", "kms:GetPublicKey", "kms:DeriveSharedSecret",
                    "kms:DescribeKey", "kms:ListKeys", "kms:ListAliases"
                  ],
                  "Resource": "*"
                }
              ]
            }""";

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final char[] SECRET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private DefaultPrincipals() {
    }

    static List<StoredPrincipal> create(AccountContext account, SecureRandom random) {
        return List.of(
                principal(account, random, ADMINISTRATOR, PrincipalType.IAM_USER,
                        Map.of("AdministratorAccess", ADMINISTRATOR_ACCESS)),
                principal(account, random, KMS_ADMIN_ROLE, PrincipalType.IAM_ROLE,
                        Map.of("KMSAdminImportPolicy", KMS_ADMIN_POLICY)),
                principal(account, random, KEY_USER_ROLE, PrincipalType.IAM_ROLE,
                        Map.of("KeyUserPolicy", KEY_USER_POLICY)));
    }

    static StoredPrincipal principal(AccountContext account, SecureRandom random, String name, PrincipalType type,
            Map<String, String> policies) {
        String arn = "arn:" + account.partition() + ":iam::" + account.accountId() + ":"
                + (type == PrincipalType.IAM_USER ? "user/" : "role/") + name;
        String principalId = (type == PrincipalType.IAM_USER ? "AIDA" : "AROA") + random(random, UPPER_DIGITS, 17);
        Principal principal = new Principal(name, type, arn, principalId, account.accountId());
        String accessKeyId = "AKIA" + random(random, BASE32, 16);
        byte[] secret = random(random, SECRET, 40).getBytes(StandardCharsets.US_ASCII);
        return new StoredPrincipal(principal, new LinkedHashMap<>(policies), accessKeyId, SecretBytes.wrap(secret));
    }

    private static String random(SecureRandom random, char[] alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return b.toString();
    }
}
