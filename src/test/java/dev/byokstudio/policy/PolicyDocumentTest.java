package dev.byokstudio.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PolicyDocumentTest {

    @Test
    void parsesTheDefaultKeyPolicy() {
        PolicyDocument p = PolicyDocument.parse(KeyPolicies.defaultPolicy("aws", "111122223333"));

        assertThat(p.id()).isEqualTo("key-default-1");
        assertThat(p.statements()).singleElement().satisfies(s -> {
            assertThat(s.sid()).isEqualTo("Enable IAM User Permissions");
            assertThat(s.effect()).isEqualTo(PolicyDocument.Effect.ALLOW);
            assertThat(s.principals().identifiers()).containsExactly("arn:aws:iam::111122223333:root");
            assertThat(s.actions()).containsExactly("kms:*");
            assertThat(s.resources()).containsExactly("*");
        });
    }

    static Stream<Arguments> malformed() {
        String ok = "\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\"";
        return Stream.of(
                Arguments.of("{\"Statement\":[", "valid JSON"),
                Arguments.of("[]", "a JSON object"),
                Arguments.of("{\"Version\":\"2012-10-17\"}", "an object or a non-empty array"),
                Arguments.of("{\"Statement\":[]}", "an object or a non-empty array"),
                Arguments.of("{\"Statement\":[\"kms:*\"]}", "a JSON object"),
                Arguments.of("{\"Statement\":{\"Effect\":\"Permit\",\"Action\":\"kms:*\"}}", "\"Allow\" or \"Deny\""),
                Arguments.of("{\"Statement\":{\"Effect\":\"Allow\",\"Resource\":\"*\"}}", "exactly one of Action or NotAction"),
                Arguments.of("{\"Statement\":{" + ok.replace("\"kms:*\"", "42") + "}}", "a string or a non-empty array"),
                Arguments.of("{\"Statement\":{" + ok.replace("\"kms:*\"", "[\"kms:*\",1]") + "}}", "a string in every"),
                Arguments.of("{\"Statement\":{" + ok + ",\"Principal\":\"everyone\"}}", "\"*\" or an object"),
                Arguments.of("{\"Statement\":{" + ok + ",\"Condition\":[]}}", "an object of operators"),
                Arguments.of("{\"Statement\":{" + ok + ",\"Condition\":{\"StringEqualz\":{\"a\":\"b\"}}}}", "a condition operator"),
                Arguments.of("{\"Statement\":{" + ok + ",\"Condition\":{\"StringEquals\":\"b\"}}}", "an object of condition keys"),
                Arguments.of("{\"Statement\":{" + ok + ",\"Condition\":{\"Null\":{\"a\":\"maybe\"}}}}", "true or false"),
                Arguments.of("{\"Statement\":{" + ok + ",\"Actions\":\"kms:*\"}}", "only Sid, Effect"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedDocumentsFailWithWhatWasExpectedAndFound(String json, String expected) {
        PolicyDocumentException e = catchThrowableOfType(() -> PolicyDocument.parse(json), PolicyDocumentException.class);

        assertThat(e).as(json).isNotNull();
        assertThat(e.expected()).contains(expected);
        assertThat(e.found()).isNotBlank();
        assertThat(e.getMessage()).contains(e.where()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
