package dev.byokstudio.kms;

import java.util.regex.Pattern;

/** The service model's constraints shared by several requests. */
final class Constraints {

    static final int KEY_ID_MAX = 2048;
    static final int DESCRIPTION_MAX = 8192;
    static final int POLICY_MAX = 32768;
    static final int ALIAS_NAME_MAX = 256;
    static final int MARKER_MAX = 1024;
    static final Pattern ALIAS_NAME = Pattern.compile("^[a-zA-Z0-9:/_-]+$");
    static final Pattern MARKER = Pattern.compile("[\\u0020-\\u00FF]*");
    static final Pattern POLICY_NAME = Pattern.compile("[\\w]+");
    static final Pattern MATERIAL_DESCRIPTION = Pattern.compile("^[a-zA-Z0-9:/_\\s.-]+$");
    static final Pattern KEY_MATERIAL_ID = Pattern.compile("^[a-f0-9]+$");
    static final Pattern POLICY = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");

    private Constraints() {
    }

    static Violations keyId(Violations v, String member, String keyId) {
        return v.required(member, keyId).length(member, keyId, 1, KEY_ID_MAX);
    }

    /** A Sign, Verify, GenerateMac or VerifyMac message: required, 1 to 4096 bytes, never quoted. */
    static Violations message(Violations v, SecretBytes message) {
        v.required("message", message);
        return message == null ? v : v.sensitiveLength("message", message.length(), 1, 4096);
    }

    static Violations keyMaterialId(Violations v, String keyMaterialId) {
        return v.length("keyMaterialId", keyMaterialId, 64, 64).pattern("keyMaterialId", keyMaterialId, KEY_MATERIAL_ID);
    }

    static Violations paging(Violations v, Integer limit, int maxLimit, String marker) {
        return v.range("limit", limit, 1, maxLimit)
                .length("marker", marker, 1, MARKER_MAX)
                .pattern("marker", marker, MARKER);
    }

    static Violations policy(Violations v, String member, String policy) {
        return v.length(member, policy, 1, POLICY_MAX).pattern(member, policy, POLICY);
    }
}
