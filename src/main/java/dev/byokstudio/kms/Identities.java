package dev.byokstudio.kms;

import java.util.List;
import java.util.Optional;

/**
 * The workspace's principals and their access keys, and the services as each of them sees them: every
 * call through {@link #kmsFor} and {@link #cloudTrailFor} is authorised by the key policy and the
 * principal's identity policies, and recorded in CloudTrail.
 */
public interface Identities {

    /** The 12-digit account the principals belong to. */
    String accountId();

    /** The principals, administrator first. */
    List<Principal> principals();

    Optional<Principal> principal(String name);

    /** The access key with this ID, or empty when no principal of the workspace has it. */
    Optional<AccessKey> accessKey(String accessKeyId);

    /** The access key a principal signs with. */
    AccessKey accessKeyOf(Principal principal);

    /** KMS as {@code principal} calls it, through the endpoint ({@code sourceIPAddress} and {@code userAgent} as given). */
    Kms kmsFor(Principal principal, CallOrigin origin);

    /** CloudTrail's LookupEvents as {@code principal} calls it. */
    CloudTrail cloudTrailFor(Principal principal, CallOrigin origin);

    /**
     * Where a call came from, as CloudTrail records it: the address, the client's User-Agent, the access key ID
     * (its secret is never recorded) and the request ID the endpoint answered with (null: one is made up).
     */
    record CallOrigin(String sourceIpAddress, String userAgent, String accessKeyId, String requestId) {
        /** A call made by the desktop application itself. */
        public static CallOrigin desktop(String accessKeyId) {
            return new CallOrigin("127.0.0.1", "byok-studio", accessKeyId, null);
        }
    }
}
