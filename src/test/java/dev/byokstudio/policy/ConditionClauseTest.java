package dev.byokstudio.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConditionClauseTest {

    private static final RequestContext IMPORT = new RequestContext("arn:aws:iam::111122223333:role/Admin",
            "111122223333", "kms:ImportKeyMaterial", "arn:aws:kms:us-east-1:111122223333:key/k");

    /** Whether the statement's conditions hold for {@code request}. */
    private static boolean holds(String condition, RequestContext request) {
        PolicyDocument p = PolicyDocument.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"kms:*\","
                + "\"Resource\":\"*\",\"Condition\":" + condition + "}}");
        return p.statements().get(0).conditions().stream().allMatch(c -> c.holds(request));
    }

    @Test
    void absentExpirationModelFailsStringEqualsButPassesStringEqualsIfExists() {
        assertThat(holds("{\"StringEquals\":{\"kms:ExpirationModel\":\"KEY_MATERIAL_DOES_NOT_EXPIRE\"}}", IMPORT)).isFalse();
        assertThat(holds("{\"StringEqualsIfExists\":{\"kms:ExpirationModel\":\"KEY_MATERIAL_DOES_NOT_EXPIRE\"}}", IMPORT)).isTrue();
        assertThat(holds("{\"StringEqualsIfExists\":{\"kms:ExpirationModel\":\"KEY_MATERIAL_DOES_NOT_EXPIRE\"}}",
                IMPORT.with("kms:ExpirationModel", "KEY_MATERIAL_EXPIRES"))).isFalse();
    }

    @Test
    void absentKeyFailsNegatedOperatorsToo() {
        assertThat(holds("{\"StringNotEquals\":{\"kms:ExpirationModel\":\"KEY_MATERIAL_EXPIRES\"}}", IMPORT)).isFalse();
        assertThat(holds("{\"StringNotEquals\":{\"kms:ExpirationModel\":\"KEY_MATERIAL_EXPIRES\"}}",
                IMPORT.with("kms:ExpirationModel", "KEY_MATERIAL_DOES_NOT_EXPIRE"))).isTrue();
    }

    @Test
    void nullConditionTestsWhetherTheKeyIsAbsent() {
        assertThat(holds("{\"Null\":{\"kms:ExpirationModel\":true}}", IMPORT)).isTrue();
        assertThat(holds("{\"Null\":{\"kms:ExpirationModel\":\"false\"}}", IMPORT)).isFalse();
        RequestContext expires = IMPORT.with("kms:ExpirationModel", "KEY_MATERIAL_EXPIRES");
        assertThat(holds("{\"Null\":{\"kms:ExpirationModel\":true}}", expires)).isFalse();
        assertThat(holds("{\"Null\":{\"kms:ExpirationModel\":false}}", expires)).isTrue();
    }

    @Test
    void numericLessThanEqualsOnValidToComparesEpochSeconds() {
        String c = "{\"NumericLessThanEquals\":{\"kms:ValidTo\":\"1546257599.0\"}}";
        assertThat(holds(c, IMPORT.with("kms:ValidTo", "1546257599"))).isTrue();
        assertThat(holds(c, IMPORT.with("kms:ValidTo", "1546257000"))).isTrue();
        assertThat(holds(c, IMPORT.with("kms:ValidTo", "1546257600"))).isFalse();
        assertThat(holds(c, IMPORT)).isFalse();
        assertThat(holds(c, IMPORT.with("kms:ValidTo", "soon"))).isFalse();
    }

    @Test
    void dateOperatorsAcceptIso8601AndEpochSeconds() {
        RequestContext r = IMPORT.with("kms:ValidTo", "1546257599");
        assertThat(holds("{\"DateLessThan\":{\"kms:ValidTo\":\"2019-01-01T00:00:00Z\"}}", r)).isTrue();
        assertThat(holds("{\"DateGreaterThan\":{\"kms:ValidTo\":\"2019-01-01\"}}", r)).isFalse();
        assertThat(holds("{\"DateEquals\":{\"kms:ValidTo\":\"2018-12-31T11:59:59Z\"}}", r)).isTrue();
        assertThat(holds("{\"DateEquals\":{\"kms:ValidTo\":\"2018-12-31T23:59:59+00:00\"}}", r)).isFalse();
        assertThat(holds("{\"DateLessThanEquals\":{\"kms:ValidTo\":1546257599}}", r)).isTrue();
    }

    @Test
    void valuesOfOneKeyAreOredAndKeysAreAnded() {
        RequestContext r = IMPORT.with("kms:WrappingAlgorithm", "RSAES_OAEP_SHA_256").with("kms:WrappingKeySpec", "RSA_4096");
        assertThat(holds("{\"StringEquals\":{\"kms:WrappingAlgorithm\":[\"RSAES_OAEP_SHA_1\",\"RSAES_OAEP_SHA_256\"]}}", r)).isTrue();
        assertThat(holds("{\"StringEquals\":{\"kms:WrappingAlgorithm\":\"RSAES_OAEP_SHA_256\",\"kms:WrappingKeySpec\":\"RSA_2048\"}}", r)).isFalse();
        assertThat(holds("{\"StringEquals\":{\"kms:WrappingAlgorithm\":\"RSAES_OAEP_SHA_256\"},"
                + "\"StringLike\":{\"kms:WrappingKeySpec\":\"RSA_*\"}}", r)).isTrue();
    }

    @Test
    void conditionKeysAreCaseInsensitiveButStringEqualsValuesAreNot() {
        RequestContext r = IMPORT.with("kms:WrappingAlgorithm", "RSAES_OAEP_SHA_256");
        assertThat(holds("{\"StringEquals\":{\"KMS:wrappingalgorithm\":\"RSAES_OAEP_SHA_256\"}}", r)).isTrue();
        assertThat(holds("{\"StringEquals\":{\"kms:WrappingAlgorithm\":\"rsaes_oaep_sha_256\"}}", r)).isFalse();
        assertThat(holds("{\"StringEqualsIgnoreCase\":{\"kms:WrappingAlgorithm\":\"rsaes_oaep_sha_256\"}}", r)).isTrue();
        assertThat(holds("{\"StringNotEqualsIgnoreCase\":{\"kms:WrappingAlgorithm\":\"rsaes_oaep_sha_256\"}}", r)).isFalse();
        assertThat(holds("{\"StringNotLike\":{\"kms:WrappingAlgorithm\":\"*SHA_1\"}}", r)).isTrue();
    }

    @Test
    void forAllValuesAndForAnyValueOnEncryptionContextKeys() {
        RequestContext two = IMPORT.with("kms:EncryptionContextKeys", "Department", "Project");
        String all = "{\"ForAllValues:StringEquals\":{\"kms:EncryptionContextKeys\":[\"Department\",\"Project\",\"Team\"]}}";
        String allNarrow = "{\"ForAllValues:StringEquals\":{\"kms:EncryptionContextKeys\":[\"Department\"]}}";
        String any = "{\"ForAnyValue:StringEquals\":{\"kms:EncryptionContextKeys\":[\"Project\"]}}";
        String anyNone = "{\"ForAnyValue:StringEquals\":{\"kms:EncryptionContextKeys\":[\"Team\"]}}";

        assertThat(holds(all, two)).isTrue();
        assertThat(holds(allNarrow, two)).isFalse();
        assertThat(holds(any, two)).isTrue();
        assertThat(holds(anyNone, two)).isFalse();
        // AWS: ForAllValues holds for a request without the key, ForAnyValue does not.
        assertThat(holds(all, IMPORT)).isTrue();
        assertThat(holds(any, IMPORT)).isFalse();
    }

    @Test
    void boolAndArnOperators() {
        RequestContext r = IMPORT.with("kms:MultiRegion", "false")
                .with("aws:PrincipalArn", "arn:aws:iam::111122223333:role/Admin");
        assertThat(holds("{\"Bool\":{\"kms:MultiRegion\":false}}", r)).isTrue();
        assertThat(holds("{\"Bool\":{\"kms:MultiRegion\":\"true\"}}", r)).isFalse();
        assertThat(holds("{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/Ad*\"}}", r)).isTrue();
        assertThat(holds("{\"ArnEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:role/Other\"}}", r)).isFalse();
        assertThat(holds("{\"ArnNotLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:role/Other*\"}}", r)).isTrue();
    }

    @Test
    void wildcardsMatchStarAndQuestionMark() {
        assertThat(Wildcards.matches("kms:Get*", "kms:GetParametersForImport", true)).isTrue();
        assertThat(Wildcards.matches("kms:Delete*", "kms:DeleteImportedKeyMaterial", true)).isTrue();
        assertThat(Wildcards.matches("kms:Delete*", "kms:ScheduleKeyDeletion", true)).isFalse();
        assertThat(Wildcards.matches("kms:?ncrypt", "kms:Encrypt", true)).isTrue();
        assertThat(Wildcards.matches("kms:?ncrypt", "kms:ReEncrypt", true)).isFalse();
        assertThat(Wildcards.matches("a*b*c", "aXXbYYc", false)).isTrue();
    }
}
