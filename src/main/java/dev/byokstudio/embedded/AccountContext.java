package dev.byokstudio.embedded;

import dev.byokstudio.store.Workspace;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The account and region a workspace plays: they decide every ARN (partition {@code aws}, or
 * {@code aws-cn} in the China Regions) and which key specs exist (SM2 and 16-byte symmetric keys in
 * China).
 */
public record AccountContext(String accountId, String region) {

    public static final String DEFAULT_ACCOUNT = "111122223333";
    public static final String DEFAULT_REGION = Workspace.DEFAULT_REGION;
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");

    public AccountContext {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        if (!ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("An AWS account ID is 12 digits; found '" + accountId + "'.");
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException(
                    "A region looks like us-east-1 or cn-north-1; found '" + region + "'.");
        }
    }

    public static AccountContext defaults() {
        return new AccountContext(DEFAULT_ACCOUNT, DEFAULT_REGION);
    }

    public static AccountContext inRegion(String region) {
        return new AccountContext(DEFAULT_ACCOUNT, region);
    }

    public boolean isChinaRegion() {
        return region.startsWith("cn-");
    }

    public String partition() {
        if (isChinaRegion()) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }

    /** {@code arn:<partition>:kms:<region>:<account>:} */
    public String kmsArnPrefix() {
        return "arn:" + partition() + ":kms:" + region + ":" + accountId + ":";
    }

    public String keyArn(String keyId) {
        return kmsArnPrefix() + "key/" + keyId;
    }

    public String aliasArn(String aliasName) {
        return kmsArnPrefix() + aliasName;
    }
}
