package dev.byokstudio.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byokstudio.audit.CloudTrailEvents.ApiCall;
import dev.byokstudio.kms.Principal;
import dev.byokstudio.kms.PrincipalType;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The account, principals and keys of AWS's CloudTrail samples, and helpers to read records. */
final class AuditFixtures {

    static final String ACCOUNT = "111122223333";
    static final String REGION = "us-west-2";
    static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String KEY_ARN = "arn:aws:kms:us-west-2:111122223333:key/" + KEY_ID;
    static final String OTHER_KEY_ID = "0987dcba-09fe-87dc-65ba-ab0987654321";
    static final String OTHER_KEY_ARN = "arn:aws:kms:us-west-2:111122223333:key/" + OTHER_KEY_ID;
    static final String MATERIAL_ID = "123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0";
    static final String ACCESS_KEY = "EXAMPLE_KEY_ID";

    static final Principal ALICE = new Principal("Alice", PrincipalType.IAM_USER,
            "arn:aws:iam::111122223333:user/Alice", "EX_PRINCIPAL_ID", ACCOUNT);
    static final Principal ADMIN_ROLE = new Principal("KMSAdminRole", PrincipalType.IAM_ROLE,
            "arn:aws:iam::111122223333:role/KMSAdminRole", "AROAEXAMPLEROLEID1234", ACCOUNT);

    static final ObjectMapper JSON = new ObjectMapper();

    private AuditFixtures() {
    }

    static CloudTrailEvents events() {
        return new CloudTrailEvents(ACCOUNT, REGION);
    }

    /** A successful KMS call by Alice, as the samples record it. */
    static ApiCall call(String eventName, Instant time, Object request, Object response, String... keyArns) {
        return new ApiCall(eventName, CloudTrailEvents.KMS_EVENT_SOURCE, time, ALICE, ACCESS_KEY, "192.0.2.0",
                "AWS Internal", request, response, null, null, List.of(keyArns), "req-" + eventName,
                "evt-" + eventName);
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
