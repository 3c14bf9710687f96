package dev.byokstudio.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byokstudio.kms.MalformedPolicyDocumentException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyPoliciesTest {

    /** A complete statement; the malformed cases below each break one thing about it. */
    private static final String STATEMENT = "{\"Sid\":\"Root\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}";

    private static String policy(String statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}";
    }

    private static String statementWithout(String member) {
        return policy("[" + STATEMENT.replaceAll(",?\"" + member + "\":(\\{[^}]*\\}|\"[^\"]*\")", "")
                .replace("{,", "{") + "]");
    }

    static Stream<Arguments> malformedPolicies() {
        return Stream.of(
                Arguments.of("not JSON", "Version: 2012-10-17"),
                Arguments.of("truncated JSON", "{\"Version\":\"2012-10-17\",\"Statement\":[" + STATEMENT),
                Arguments.of("array root", "[" + STATEMENT + "]"),
                Arguments.of("string root", "\"kms:*\""),
                Arguments.of("no Statement", "{\"Version\":\"2012-10-17\"}"),
                Arguments.of("empty Statement array", policy("[]")),
                Arguments.of("Statement is a string", policy("\"Allow everything\"")),
                Arguments.of("statement is not an object", policy("[\"kms:*\"]")),
                Arguments.of("statement without Effect", statementWithout("Effect")),
                Arguments.of("statement without Principal", statementWithout("Principal")),
                Arguments.of("statement without Action", statementWithout("Action")),
                Arguments.of("statement without Resource", statementWithout("Resource")),
                Arguments.of("Effect Maybe", policy("[" + STATEMENT.replace("\"Allow\"", "\"Maybe\"") + "]")),
                Arguments.of("unknown top-level member",
                        "{\"Version\":\"2012-10-17\",\"Owner\":\"me\",\"Statement\":[" + STATEMENT + "]}"),
                Arguments.of("unknown statement member",
                        policy("[" + STATEMENT.replace("\"Sid\"", "\"Comment\":\"x\",\"Sid\"") + "]")),
                Arguments.of("bad Version", "{\"Version\":\"2020-01-01\",\"Statement\":[" + STATEMENT + "]}"),
                Arguments.of("Version as number", "{\"Version\":2012,\"Statement\":[" + STATEMENT + "]}"),
                Arguments.of("Action as number", policy("[" + STATEMENT.replace("\"kms:*\"", "42") + "]")),
                Arguments.of("Action as empty array", policy("[" + STATEMENT.replace("\"kms:*\"", "[]") + "]")),
                Arguments.of("Resource array with a number",
                        policy("[" + STATEMENT.replace("\"Resource\":\"*\"", "\"Resource\":[\"*\",1]") + "]")),
                Arguments.of("Condition as string",
                        policy("[" + STATEMENT.replace("\"Resource\":\"*\"", "\"Resource\":\"*\",\"Condition\":\"x\"") + "]")),
                Arguments.of("duplicate top-level keys",
                        "{\"Version\":\"2012-10-17\",\"Version\":\"2012-10-17\",\"Statement\":[" + STATEMENT + "]}"),
                Arguments.of("duplicate statement keys",
                        policy("[" + STATEMENT.replace("\"Effect\":\"Allow\"", "\"Effect\":\"Allow\",\"Effect\":\"Deny\"") + "]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPolicies")
    void requireWellFormed_malformedPolicy_isMalformedPolicyDocument(String what, String policy) {
        Throwable thrown = catchThrowable(() -> KeyPolicies.requireWellFormed(policy));

        assertThat(thrown).isExactlyInstanceOf(MalformedPolicyDocumentException.class);
        MalformedPolicyDocumentException e = (MalformedPolicyDocumentException) thrown;
        assertThat(e.errorCode()).isEqualTo("MalformedPolicyDocumentException");
        assertThat(e.awsMessage()).isNotBlank();
        assertThat(e.explanation().whatHappened()).isNotBlank();
        assertThat(e.explanation().whatToDo()).isNotBlank();
    }

    static Stream<Arguments> wellFormedPolicies() {
        return Stream.of(
                Arguments.of("single statement array", policy("[" + STATEMENT + "]")),
                Arguments.of("single statement object", policy(STATEMENT)),
                Arguments.of("two statements", policy("[" + STATEMENT + "," + STATEMENT.replace("Root", "Deny")
                        .replace("\"Allow\"", "\"Deny\"") + "]")),
                Arguments.of("NotPrincipal and NotAction", policy("[{\"Effect\":\"Deny\","
                        + "\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
                        + "\"NotAction\":[\"kms:Decrypt\",\"kms:Encrypt\"],\"Resource\":\"*\"}]")),
                Arguments.of("NotResource", policy("[" + STATEMENT.replace("\"Resource\"", "\"NotResource\"") + "]")),
                Arguments.of("action list and condition", policy("[{\"Sid\":\"Use\",\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:role/App\"]},"
                        + "\"Action\":[\"kms:Encrypt\",\"kms:Decrypt\"],\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEquals\":{\"kms:ViaService\":\"s3.us-east-1.amazonaws.com\"}}}]")),
                Arguments.of("older Version and Id",
                        "{\"Version\":\"2008-10-17\",\"Id\":\"my-policy\",\"Statement\":[" + STATEMENT + "]}"),
                Arguments.of("pretty-printed", KeyPolicies.defaultPolicy("aws", "111122223333")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormedPolicies")
    void requireWellFormed_wellFormedPolicy_isAccepted(String what, String policy) {
        assertThatCode(() -> KeyPolicies.requireWellFormed(policy)).doesNotThrowAnyException();
    }

    @Test
    void requireWellFormed_contentAfterTheDocument_isMalformedPolicyDocument() {
        String policy = policy("[" + STATEMENT + "]") + " {\"Statement\":[]}";

        Throwable thrown = catchThrowable(() -> KeyPolicies.requireWellFormed(policy));

        assertThat(thrown).isExactlyInstanceOf(MalformedPolicyDocumentException.class);
    }

    @Test
    void defaultPolicy_isTheSingleRootStatementAwsAttaches() throws Exception {
        String policy = KeyPolicies.defaultPolicy("aws-us-gov", "444455556666");

        var expected = new ObjectMapper().readTree("{\"Version\":\"2012-10-17\",\"Id\":\"key-default-1\",\"Statement\":"
                + "[{\"Sid\":\"Enable IAM User Permissions\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws-us-gov:iam::444455556666:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}");
        assertThat(new ObjectMapper().readTree(policy)).isEqualTo(expected);
    }

    @Test
    void statementWithout_helperRemovesExactlyTheNamedMember() throws Exception {
        // Guards the table above: each "without X" policy must still be valid JSON lacking only X.
        var node = new ObjectMapper().readTree(statementWithout("Principal")).get("Statement").get(0);

        assertThat(node.has("Principal")).isFalse();
        assertThat(node.has("Effect")).isTrue();
        assertThat(node.has("Action")).isTrue();
        assertThat(node.has("Resource")).isTrue();
    }
}
