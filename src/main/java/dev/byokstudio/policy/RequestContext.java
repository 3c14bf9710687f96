package dev.byokstudio.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a policy is evaluated against: who asks ({@code principalArn}, in {@code account}), for what
 * ({@code action}, e.g. {@code kms:ImportKeyMaterial}), on which key ({@code resourceArn}), and the request's
 * condition keys. A key the request does not set (e.g. {@code kms:ExpirationModel} when ExpirationModel was
 * omitted) is simply absent. Dates such as {@code kms:ValidTo} are given as epoch seconds.
 */
public record RequestContext(String principalArn, String account, String action, String resourceArn,
        Map<String, List<String>> conditionKeys) {

    public RequestContext {
        Objects.requireNonNull(principalArn, "principalArn");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceArn, "resourceArn");
        TreeMap<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (conditionKeys != null) {
            conditionKeys.forEach((k, v) -> keys.put(k, List.copyOf(v)));
        }
        conditionKeys = java.util.Collections.unmodifiableMap(keys);
    }

    public RequestContext(String principalArn, String account, String action, String resourceArn) {
        this(principalArn, account, action, resourceArn, Map.of());
    }

    /** A copy with one more condition key (replacing any value it had). */
    public RequestContext with(String key, String... values) {
        TreeMap<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        keys.putAll(conditionKeys);
        keys.put(key, List.of(values));
        return new RequestContext(principalArn, account, action, resourceArn, keys);
    }

    /** The values of {@code key} (case-insensitive), or {@code null} when the request does not carry it. */
    public List<String> values(String key) {
        List<String> v = conditionKeys.get(key);
        return v == null || v.isEmpty() ? null : v;
    }

    /** The root ARN of the caller's account, {@code arn:<partition>:iam::<account>:root}. */
    public String accountRootArn() {
        return "arn:" + partition() + ":iam::" + account + ":root";
    }

    String partition() {
        String[] parts = principalArn.split(":", 3);
        return parts.length >= 2 && parts[0].toLowerCase(Locale.ROOT).equals("arn") ? parts[1] : "aws";
    }
}
