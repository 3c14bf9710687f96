package dev.byokstudio.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.byokstudio.api.SigV4Verifier.SignedRequest;
import dev.byokstudio.kms.AccessKey;
import dev.byokstudio.kms.AwsErrorException;
import dev.byokstudio.kms.Principal;
import dev.byokstudio.kms.PrincipalType;
import dev.byokstudio.kms.SecretBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * SigV4 verification against signatures made by others: the AWS SDK for Java's signer and its KMS client,
 * botocore (recorded from botocore 1.43.11, the library of the AWS CLI) and AWS's published SigV4 test
 * suite; and every error, worded as AWS words it.
 */
class SigV4VerifierTest {

    private static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String REGION = "us-east-1";
    private static final Instant SIGNED_AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final String AMZ_DATE = "20260101T000000Z";
    private static final String HOST = "127.0.0.1:4566";
    private static final String JSON_1_1 = "application/x-amz-json-1.1";
    private static final String DESCRIBE_KEY_BODY = "{\"KeyId\": \"alias/example\"}";
    private static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature "
            + "you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation "
            + "for details.";

    private static final Principal ALICE = new Principal("alice", PrincipalType.IAM_USER,
            "arn:aws:iam::111122223333:user/alice", "AIDAEXAMPLEALICE00001", "111122223333");
    private static final AccessKey ALICE_KEY = accessKey(ACCESS_KEY_ID, SECRET);

    // ---- accepted ------------------------------------------------------------------------------------

    @Test
    void acceptsAJsonRequestSignedByTheSdkSignerAndReturnsItsAccessKey() {
        SignedRequest request = sdkSigned("TrentService.DescribeKey", DESCRIBE_KEY_BODY, null);

        assertThat(request.firstHeader("Authorization")).get().asString()
                .contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target,");
        assertThat(verifier().verify(request, "kms")).isSameAs(ALICE_KEY);
    }

    @Test
    void acceptsASdkSignedRequestWithASessionToken() {
        SignedRequest request = sdkSigned("TrentService.DescribeKey", DESCRIBE_KEY_BODY, "FQoGZXIvYXdzEXAMPLETOKEN");

        assertThat(request.firstHeader("Authorization")).get().asString().contains("x-amz-security-token");
        assertThat(verifier().verify(request, "kms")).isSameAs(ALICE_KEY);
    }

    @Test
    void acceptsHeadersAddedOrChangedAfterSigningWhenTheSignatureDoesNotCoverThem() {
        SignedRequest request = with(sdkSigned("TrentService.DescribeKey", DESCRIBE_KEY_BODY, null), headers -> {
            headers.put("User-Agent", List.of("aws-cli/2.9.19 Python/3.11.2 Linux/6.1 source/x86_64.debian.12"));
            headers.put("amz-sdk-invocation-id", List.of("9028522f-6262-46cc-880c-78a83b177226"));
            headers.put("Content-Length", List.of("26"));
            return headers;
        });

        assertThat(verifier().verify(request, "kms")).isSameAs(ALICE_KEY);
    }

    @Test
    void acceptsAnEmptyBodySignedByTheSdkSigner() {
        SignedRequest request = sdkSigned("TrentService.ListKeys", "", null);

        assertThat(verifier().verify(request, "kms")).isSameAs(ALICE_KEY);
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        SignedRequest signed = sdkSigned("TrentService.DescribeKey", DESCRIBE_KEY_BODY, null);
        Map<String, List<String>> shouted = new LinkedHashMap<>();
        signed.headers().forEach((name, values) -> shouted.put(name.toUpperCase(java.util.Locale.ROOT), values));

        SignedRequest request = new SignedRequest("POST", "/", "", shouted, signed.body());

        assertThat(request.firstHeader("x-amz-date")).contains(AMZ_DATE);
        assertThat(verifier().verify(request, "kms")).isSameAs(ALICE_KEY);
    }

    @Test
    void acceptsWhatTheSdkKmsClientSends() {
        Instant now = Instant.now();
        SigV4Verifier verifier = new SigV4Verifier(keys(ALICE_KEY), REGION, Clock.fixed(now, ZoneOffset.UTC),
                Clock.fixed(now, ZoneOffset.UTC));

        SignedRequest request = sentByKmsClient(client -> client.describeKey(r -> r.keyId("alias/example")));

        assertThat(request.firstHeader("X-Amz-Target")).contains("TrentService.DescribeKey");
        assertThat(verifier.verify(request, "kms")).isSameAs(ALICE_KEY);
    }

    @Test
    void acceptsABotocoreSignedRequestThatDoesNotSignThePayloadHashHeader() {
        SignedRequest request = botocoreDescribeKey();

        assertThat(request.firstHeader("Authorization")).get().asString()
                .contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target,");
        assertThat(verifier().verify(request, "kms")).isSameAs(ALICE_KEY);
    }

    @Test
    void acceptsABotocoreSignedRequestWithASessionToken() {
        SignedRequest request = botocore("TrentService.Encrypt",
                "{\"KeyId\": \"alias/example\", \"Plaintext\": \"aGVsbG8=\"}",
                "content-type;host;x-amz-date;x-amz-security-token;x-amz-target",
                "5f39f8537be9d288a9ae0a60ff683b338a06bde7784380a66e467259d49fe3cf", "kms",
                Map.of("X-Amz-Security-Token", "FQoGZXIvYXdzEXAMPLETOKEN"));

        assertThat(verifier().verify(request, "kms")).isSameAs(ALICE_KEY);
    }

    @Test
    void acceptsABotocoreSignedCloudTrailRequestForTheCloudTrailSigningName() {
        assertThat(verifier().verify(botocoreLookupEvents(), "cloudtrail")).isSameAs(ALICE_KEY);
    }

    /**
     * AWS's SigV4 test suite (aws-c-auth's tests/aws-signing-test-suite/v4, the suite every AWS SDK signs
     * against): requests and signatures computed by AWS, not by the signer under test.
     */
    static Stream<Arguments> awsSigV4TestSuite() {
        return Stream.of(
                Arguments.of("get-vanilla", "GET", "", Map.of(
                        "Host", "example.amazonaws.com",
                        "X-Amz-Date", "20150830T123600Z",
                        "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                                + "aws4_request, SignedHeaders=host;x-amz-date, "
                                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")),
                Arguments.of("post-vanilla", "POST", "", Map.of(
                        "Host", "example.amazonaws.com",
                        "X-Amz-Date", "20150830T123600Z",
                        "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                                + "aws4_request, SignedHeaders=host;x-amz-date, "
                                + "Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")),
                Arguments.of("get-vanilla-with-session-token", "GET", "", Map.of(
                        "Host", "example.amazonaws.com",
                        "X-Amz-Date", "20150830T123600Z",
                        "X-Amz-Security-Token", "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267",
                        "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                                + "aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, "
                                + "Signature=07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8")),
                Arguments.of("post-x-www-form-urlencoded", "POST", "Param1=value1", Map.of(
                        "Content-Type", "application/x-www-form-urlencoded",
                        "Host", "example.amazonaws.com",
                        "Content-Length", "13",
                        "x-amz-content-sha256", "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
                        "X-Amz-Date", "20150830T123600Z",
                        "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                                + "aws4_request, SignedHeaders=content-length;content-type;host;x-amz-content-sha256;"
                                + "x-amz-date, Signature="
                                + "d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awsSigV4TestSuite")
    void acceptsAwsPublishedSigV4TestSuiteRequests(String name, String method, String body,
                                                   Map<String, String> headers) {
        AccessKey example = accessKey("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        Clock at = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
        SigV4Verifier verifier = new SigV4Verifier(keys(example), "us-east-1", at, at);

        SignedRequest request = new SignedRequest(method, "/", "", single(headers),
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(verifier.verify(request, "service")).isSameAs(example);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awsSigV4TestSuite")
    void refusesAwsPublishedSigV4TestSuiteRequestsUnderAnotherSecret(String name, String method, String body,
                                                                     Map<String, String> headers) {
        AccessKey otherSecret = accessKey("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEZ");
        Clock at = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
        SigV4Verifier verifier = new SigV4Verifier(keys(otherSecret), "us-east-1", at, at);

        SignedRequest request = new SignedRequest(method, "/", "", single(headers),
                body.getBytes(StandardCharsets.UTF_8));

        assertAwsError(() -> verifier.verify(request, "service"), "InvalidSignatureException", SIGNATURE_MISMATCH);
    }

    // ---- a signature that does not match --------------------------------------------------------------

    @Test
    void refusesABodyChangedAfterSigning() {
        SignedRequest request = sdkSigned("TrentService.DescribeKey", DESCRIBE_KEY_BODY, null);
        SignedRequest tampered = new SignedRequest("POST", "/", "", request.headers(),
                "{\"KeyId\": \"alias/other\"}".getBytes(StandardCharsets.UTF_8));

        assertAwsError(() -> verifier().verify(tampered, "kms"), "InvalidSignatureException", SIGNATURE_MISMATCH);
    }

    @Test
    void refusesABotocoreBodyChangedAfterSigning() {
        SignedRequest request = botocoreDescribeKey();
        SignedRequest tampered = new SignedRequest("POST", "/", "", request.headers(),
                "{\"KeyId\": \"alias/other\"}".getBytes(StandardCharsets.UTF_8));

        assertAwsError(() -> verifier().verify(tampered, "kms"), "InvalidSignatureException", SIGNATURE_MISMATCH);
    }

    @Test
    void refusesASignedHeaderChangedAfterSigning() {
        SignedRequest tampered = with(sdkSigned("TrentService.DescribeKey", DESCRIBE_KEY_BODY, null), headers -> {
            headers.put("Content-Type", List.of("application/x-amz-json-1.0"));
            return headers;
        });

        assertAwsError(() -> verifier().verify(tampered, "kms"), "InvalidSignatureException", SIGNATURE_MISMATCH);
    }

    @Test
    void refusesAChangedTarget() {
        SignedRequest tampered = with(botocoreDescribeKey(), headers -> {
            headers.put("X-Amz-Target", List.of("TrentService.ScheduleKeyDeletion"));
            return headers;
        });

        assertAwsError(() -> verifier().verify(tampered, "kms"), "InvalidSignatureException", SIGNATURE_MISMATCH);
    }

    @Test
    void refusesAChangedHost() {
        SignedRequest tampered = with(sdkSigned("TrentService.DescribeKey", DESCRIBE_KEY_BODY, null), headers -> {
            headers.put("Host", List.of("127.0.0.1:4567"));
            return headers;
        });

        assertAwsError(() -> verifier().verify(tampered, "kms"), "InvalidSignatureException", SIGNATURE_MISMATCH);
    }

    @Test
    void refusesAnUnsignedPayloadSoThatTheBodyIsAlwaysCovered() {
        SignedRequest request = sdkSigned("TrentService.DescribeKey", DESCRIBE_KEY_BODY, null, REGION, "kms", true);

        assertThat(request.firstHeader("x-amz-content-sha256")).contains("UNSIGNED-PAYLOAD");
        assertAwsError(() -> verifier().verify(request, "kms"), "InvalidSignatureException", SIGNATURE_MISMATCH);
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret() {
        SigV4Verifier verifier = new SigV4Verifier(keys(accessKey(ACCESS_KEY_ID, "anotherSecretAltogether0000000000000000")),
                REGION, clockAt(SIGNED_AT), clockAt(SIGNED_AT));

        AwsErrorException sdk = assertAwsError(
                () -> verifier.verify(sdkSigned("TrentService.DescribeKey", DESCRIBE_KEY_BODY, null), "kms"),
                "InvalidSignatureException", SIGNATURE_MISMATCH);
        assertAwsError(() -> verifier.verify(botocoreDescribeKey(), "kms"), "InvalidSignatureException",
                SIGNATURE_MISMATCH);
        assertThat(sdk.explanation().whatToDo()).contains("AWS_SHARED_CREDENTIALS_FILE=<workspace>/credentials");
    }

    @Test
    void aSignatureMismatchExplainsThatUserAgentCannotBeSigned() {
        SignedRequest request = botocore("TrentService.DescribeKey", DESCRIBE_KEY_BODY,
                "content-type;host;user-agent;x-amz-date;x-amz-target",
                "bc729233a5de6f5d632276c1e195241fa42863c1fbf118cbf4a0165353cf508c", "kms",
                Map.of("User-Agent", "curl/8.5.0"));

        AwsErrorException error = assertAwsError(() -> verifier().verify(request, "kms"), "InvalidSignatureException",
                SIGNATURE_MISMATCH);
        assertThat(error.explanation().likelyCauses()).anyMatch(cause -> cause.contains("user-agent"));
    }

    // ---- the access key -------------------------------------------------------------------------------

    @Test
    void refusesAnAccessKeyTheWorkspaceDoesNotKnow() {
        SigV4Verifier verifier = new SigV4Verifier(id -> Optional.empty(), REGION, clockAt(SIGNED_AT),
                clockAt(SIGNED_AT));

        AwsErrorException error = assertAwsError(() -> verifier.verify(botocoreDescribeKey(), "kms"),
                "UnrecognizedClientException", "The security token included in the request is invalid.");
        assertThat(error.explanation().whatHappened()).contains(ACCESS_KEY_ID);
        assertThat(error.explanation().whatToDo()).contains("AWS_SHARED_CREDENTIALS_FILE=<workspace>/credentials");
    }

    // ---- no signature, an incomplete one ------------------------------------------------------------------

    @Test
    void refusesARequestWithoutAuthorizationAsMissingAuthenticationToken() {
        SignedRequest unsigned = new SignedRequest("POST", "/", "", single(Map.of("Host", HOST,
                "Content-Type", JSON_1_1, "X-Amz-Target", "TrentService.ListKeys")), "{}".getBytes(StandardCharsets.UTF_8));

        AwsErrorException error = assertAwsError(() -> verifier().verify(unsigned, "kms"),
                "MissingAuthenticationTokenException", "Missing Authentication Token");
        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.explanation().whatToDo()).contains("AWS_SHARED_CREDENTIALS_FILE=<workspace>/credentials");
    }

    @Test
    void refusesAPresignedRequestWhichItCannotCheck() {
        SignedRequest presigned = new SignedRequest("GET", "/", "Action=ListKeys&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-east-1%2Fkms%2Faws4_request"
                + "&X-Amz-Date=20260101T000000Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Signature=abc",
                single(Map.of("Host", HOST)), new byte[0]);

        AwsErrorException error = catchThrowableOfType(AwsErrorException.class,
                () -> verifier().verify(presigned, "kms"));

        assertThat(error.errorCode()).isEqualTo("IncompleteSignatureException");
        assertThat(error.awsMessage()).contains("query string");
    }

    @Test
    void refusesAnAuthorizationHeaderWithoutSignatureAndSignedHeaders() {
        String authorization = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/kms/aws4_request";

        assertAwsError(() -> verifier().verify(withAuthorization(botocoreDescribeKey(), authorization), "kms"),
                "IncompleteSignatureException",
                "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' "
                        + "parameter. Authorization=" + authorization);
    }

    @Test
    void refusesAnAuthorizationHeaderWithoutCredential() {
        String authorization = "AWS4-HMAC-SHA256 SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
                + "Signature=bc729233a5de6f5d632276c1e195241fa42863c1fbf118cbf4a0165353cf508c";

        assertAwsError(() -> verifier().verify(withAuthorization(botocoreDescribeKey(), authorization), "kms"),
                "IncompleteSignatureException",
                "Authorization header requires 'Credential' parameter. Authorization=" + authorization);
    }

    @Test
    void refusesASigV2AuthorizationHeaderListingEveryMissingPart() {
        String authorization = "AWS AKIAIOSFODNN7EXAMPLE:qaNdqGsI6bq4Hi+9Gzovwyjbh0E=";

        assertAwsError(() -> verifier().verify(withAuthorization(botocoreDescribeKey(), authorization), "kms"),
                "IncompleteSignatureException",
                "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' "
                        + "parameter. Authorization header requires 'SignedHeaders' parameter. Authorization="
                        + authorization);
    }

    @Test
    void refusesARequestWithoutXAmzDateOrDate() {
        SignedRequest request = with(botocoreDescribeKey(), headers -> {
            headers.remove("X-Amz-Date");
            return headers;
        });
        String authorization = request.firstHeader("Authorization").orElseThrow();

        assertAwsError(() -> verifier().verify(request, "kms"), "IncompleteSignatureException",
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization="
                        + authorization);
    }

    @Test
    void refusesATokenWithoutAnEqualSign() {
        String authorization = "AWS4-HMAC-SHA256 Credential= AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/kms/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=bc72";

        assertAwsError(() -> verifier().verify(withAuthorization(botocoreDescribeKey(), authorization), "kms"),
                "IncompleteSignatureException",
                "'AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/kms/aws4_request' not a valid key=value pair (missing "
                        + "equal-sign) in Authorization header: '" + authorization + "'.");
    }

    @Test
    void refusesAnAlgorithmOtherThanAws4HmacSha256() {
        String authorization = botocoreDescribeKey().firstHeader("Authorization").orElseThrow()
                .replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512");

        assertAwsError(() -> verifier().verify(withAuthorization(botocoreDescribeKey(), authorization), "kms"),
                "IncompleteSignatureException",
                "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ");
    }

    @Test
    void refusesACredentialWithoutFiveParts() {
        String authorization = botocoreDescribeKey().firstHeader("Authorization").orElseThrow()
                .replace("/us-east-1/kms/aws4_request", "/us-east-1/kms");

        assertAwsError(() -> verifier().verify(withAuthorization(botocoreDescribeKey(), authorization), "kms"),
                "IncompleteSignatureException",
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got "
                        + "'AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/kms'");
    }

    @Test
    void refusesADateNotInIso8601BasicFormat() {
        SignedRequest request = with(botocoreDescribeKey(), headers -> {
            headers.put("X-Amz-Date", List.of("2026-01-01T00:00:00Z"));
            return headers;
        });

        assertAwsError(() -> verifier().verify(request, "kms"), "IncompleteSignatureException",
                "Date must be in ISO-8601 'basic format'. Got '2026-01-01T00:00:00Z'. "
                        + "See http://en.wikipedia.org/wiki/ISO_8601");
    }

    @Test
    void refusesADateThatIsNoDayOfTheCalendar() {
        SignedRequest request = with(botocoreDescribeKey(), headers -> {
            headers.put("X-Amz-Date", List.of("20260230T000000Z"));
            return headers;
        });

        assertAwsError(() -> verifier().verify(request, "kms"), "IncompleteSignatureException",
                "Date must be in ISO-8601 'basic format'. Got '20260230T000000Z'. "
                        + "See http://en.wikipedia.org/wiki/ISO_8601");
    }

    @Test
    void refusesRatherThanFailsOnAPathOrMethodItCannotSign() {
        SignedRequest botocore = botocoreDescribeKey();
        SignedRequest badPath = new SignedRequest("POST", "/a b", "", botocore.headers(), botocore.body());
        SignedRequest badMethod = new SignedRequest("BREW", "/", "", botocore.headers(), botocore.body());

        assertAwsError(() -> verifier().verify(badPath, "kms"), "InvalidSignatureException", SIGNATURE_MISMATCH);
        assertAwsError(() -> verifier().verify(badMethod, "kms"), "InvalidSignatureException", SIGNATURE_MISMATCH);
    }

    @Test
    void refusesASignatureThatDoesNotCoverHost() {
        String authorization = botocoreDescribeKey().firstHeader("Authorization").orElseThrow()
                .replace("content-type;host;x-amz-date", "content-type;x-amz-date");

        assertAwsError(() -> verifier().verify(withAuthorization(botocoreDescribeKey(), authorization), "kms"),
                "InvalidSignatureException", "'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }

    // ---- the credential scope -------------------------------------------------------------------------

    @Test
    void refusesACredentialScopedToAnotherRegion() {
        SignedRequest request = sdkSigned("TrentService.DescribeKey", DESCRIBE_KEY_BODY, null, "us-west-2", "kms");

        AwsErrorException error = assertAwsError(() -> verifier().verify(request, "kms"), "InvalidSignatureException",
                "Credential should be scoped to a valid region. ");
        assertThat(error.explanation().likelyCauses()).anyMatch(cause -> cause.contains("us-west-2"));
        assertThat(error.explanation().whatToDo()).contains("AWS_REGION=us-east-1");
    }

    @Test
    void refusesACredentialScopedToAnotherService() {
        AwsErrorException error = assertAwsError(() -> verifier().verify(botocoreLookupEvents(), "kms"),
                "InvalidSignatureException", "Credential should be scoped to correct service: 'kms'. ");
        assertThat(error.explanation().likelyCauses()).anyMatch(cause -> cause.contains("'cloudtrail'"));
    }

    @Test
    void refusesAKmsSignatureForACloudTrailTarget() {
        assertAwsError(() -> verifier().verify(botocoreDescribeKey(), "cloudtrail"), "InvalidSignatureException",
                "Credential should be scoped to correct service: 'cloudtrail'. ");
    }

    @Test
    void reportsEveryFaultOfTheScopeInOneMessage() {
        SignedRequest request = sdkSigned("TrentService.DescribeKey", DESCRIBE_KEY_BODY, null, "eu-west-1",
                "cloudtrail");

        assertAwsError(() -> verifier().verify(request, "kms"), "InvalidSignatureException",
                "Credential should be scoped to a valid region. Credential should be scoped to correct service: 'kms'. ");
    }

    @Test
    void refusesACredentialScopeDateOtherThanTheDateOfXAmzDate() {
        String authorization = botocoreDescribeKey().firstHeader("Authorization").orElseThrow()
                .replace("/20260101/", "/20251231/");

        assertAwsError(() -> verifier().verify(withAuthorization(botocoreDescribeKey(), authorization), "kms"),
                "InvalidSignatureException",
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                        + "'20251231' != '20260101', from '20260101T000000Z'. ");
    }

    @Test
    void refusesACredentialScopeWithAnotherTerminator() {
        String authorization = botocoreDescribeKey().firstHeader("Authorization").orElseThrow()
                .replace("/aws4_request", "/aws5_request");

        assertAwsError(() -> verifier().verify(withAuthorization(botocoreDescribeKey(), authorization), "kms"),
                "InvalidSignatureException",
                "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. ");
    }

    // ---- the time -------------------------------------------------------------------------------------

    @Test
    void refusesASignatureSixMinutesOldAsExpired() {
        Instant now = SIGNED_AT.plus(Duration.ofMinutes(6));
        SigV4Verifier verifier = new SigV4Verifier(keys(ALICE_KEY), REGION, clockAt(now), clockAt(now));

        AwsErrorException error = assertAwsError(() -> verifier.verify(botocoreDescribeKey(), "kms"),
                "InvalidSignatureException",
                "Signature expired: 20260101T000000Z is now earlier than 20260101T000100Z (20260101T000600Z - 5 min.)");
        assertThat(error.explanation().whatToDo()).contains("clock");
    }

    @Test
    void refusesASignatureTenMinutesOldWithAwsWording() {
        Instant now = Instant.parse("2026-01-01T00:10:00Z");
        SigV4Verifier verifier = new SigV4Verifier(keys(ALICE_KEY), REGION, clockAt(now), clockAt(now));

        assertAwsError(() -> verifier.verify(sdkSigned("TrentService.DescribeKey", DESCRIBE_KEY_BODY, null), "kms"),
                "InvalidSignatureException",
                "Signature expired: 20260101T000000Z is now earlier than 20260101T000500Z (20260101T001000Z - 5 min.)");
    }

    @Test
    void refusesASignatureSixMinutesInTheFutureAsNotYetCurrent() {
        Instant now = SIGNED_AT.minus(Duration.ofMinutes(6));
        SigV4Verifier verifier = new SigV4Verifier(keys(ALICE_KEY), REGION, clockAt(now), clockAt(now));

        assertAwsError(() -> verifier.verify(botocoreDescribeKey(), "kms"), "InvalidSignatureException",
                "Signature not yet current: 20260101T000000Z is still later than 20251231T235900Z "
                        + "(20251231T235400Z + 5 min.)");
    }

    @Test
    void acceptsASignatureExactlyFiveMinutesOldOrAhead() {
        Instant later = SIGNED_AT.plus(Duration.ofMinutes(5));
        Instant earlier = SIGNED_AT.minus(Duration.ofMinutes(5));

        assertThat(new SigV4Verifier(keys(ALICE_KEY), REGION, clockAt(later), clockAt(later))
                .verify(botocoreDescribeKey(), "kms")).isSameAs(ALICE_KEY);
        assertThat(new SigV4Verifier(keys(ALICE_KEY), REGION, clockAt(earlier), clockAt(earlier))
                .verify(botocoreDescribeKey(), "kms")).isSameAs(ALICE_KEY);
    }

    @Test
    void acceptsARequestCurrentByTheWallClockWhenTheModelClockWasMovedADayAhead() {
        Instant modelNow = SIGNED_AT.plus(Duration.ofDays(1));
        SigV4Verifier verifier = new SigV4Verifier(keys(ALICE_KEY), REGION, clockAt(modelNow), clockAt(SIGNED_AT));

        assertThat(verifier.verify(botocoreDescribeKey(), "kms")).isSameAs(ALICE_KEY);
        assertThat(verifier.verify(sdkSigned("TrentService.DescribeKey", DESCRIBE_KEY_BODY, null), "kms"))
                .isSameAs(ALICE_KEY);
    }

    @Test
    void acceptsARequestCurrentByTheModelClockWhenTheWallClockDiffers() {
        SigV4Verifier verifier = new SigV4Verifier(keys(ALICE_KEY), REGION, clockAt(SIGNED_AT),
                clockAt(SIGNED_AT.minus(Duration.ofHours(3))));

        assertThat(verifier.verify(botocoreDescribeKey(), "kms")).isSameAs(ALICE_KEY);
    }

    @Test
    void aRequestCurrentByNeitherClockIsReportedAgainstTheModelClock() {
        Instant modelNow = SIGNED_AT.plus(Duration.ofDays(1));
        SigV4Verifier verifier = new SigV4Verifier(keys(ALICE_KEY), REGION, clockAt(modelNow),
                clockAt(SIGNED_AT.plus(Duration.ofHours(1))));

        AwsErrorException error = assertAwsError(() -> verifier.verify(botocoreDescribeKey(), "kms"),
                "InvalidSignatureException",
                "Signature expired: 20260101T000000Z is now earlier than 20260101T235500Z (20260102T000000Z - 5 min.)");
        assertThat(error.explanation().whatHappened()).contains("20260102T000000Z").contains("20260101T010000Z");
    }

    // ---- the order of the checks ----------------------------------------------------------------------

    @Test
    void anIncompleteHeaderIsReportedBeforeTheScope() {
        String authorization = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/eu-west-1/s3/aws4_request";

        assertThat(errorOf(() -> verifier().verify(withAuthorization(botocoreDescribeKey(), authorization), "kms"))
                .errorCode()).isEqualTo("IncompleteSignatureException");
    }

    @Test
    void theScopeIsCheckedBeforeTheAccessKey() {
        SigV4Verifier verifier = new SigV4Verifier(id -> Optional.empty(), REGION, clockAt(SIGNED_AT),
                clockAt(SIGNED_AT));

        assertThat(errorOf(() -> verifier.verify(botocoreLookupEvents(), "kms")).awsMessage())
                .isEqualTo("Credential should be scoped to correct service: 'kms'. ");
    }

    @Test
    void theAccessKeyIsCheckedBeforeTheSignatureAndTheTime() {
        Instant now = SIGNED_AT.plus(Duration.ofHours(1));
        SigV4Verifier verifier = new SigV4Verifier(id -> Optional.empty(), REGION, clockAt(now), clockAt(now));

        assertThat(errorOf(() -> verifier.verify(botocoreDescribeKey(), "kms")).errorCode())
                .isEqualTo("UnrecognizedClientException");
    }

    @Test
    void theSignatureIsCheckedBeforeTheTime() {
        Instant now = SIGNED_AT.plus(Duration.ofHours(1));
        SigV4Verifier verifier = new SigV4Verifier(keys(accessKey(ACCESS_KEY_ID, "someOtherSecret")), REGION,
                clockAt(now), clockAt(now));

        assertThat(errorOf(() -> verifier.verify(botocoreDescribeKey(), "kms")).awsMessage())
                .isEqualTo(SIGNATURE_MISMATCH);
    }

    // ---- secrets --------------------------------------------------------------------------------------

    @Test
    void noErrorMessageOrExplanationContainsTheSecret() {
        Instant late = SIGNED_AT.plus(Duration.ofHours(1));
        SigV4Verifier wrongSecret = new SigV4Verifier(keys(accessKey(ACCESS_KEY_ID, "otherSecret")), REGION,
                clockAt(SIGNED_AT), clockAt(SIGNED_AT));
        SigV4Verifier expired = new SigV4Verifier(keys(ALICE_KEY), REGION, clockAt(late), clockAt(late));
        SigV4Verifier unknown = new SigV4Verifier(id -> Optional.empty(), REGION, clockAt(SIGNED_AT),
                clockAt(SIGNED_AT));
        SignedRequest botocore = botocoreDescribeKey();
        String authorization = botocore.firstHeader("Authorization").orElseThrow();
        List<AwsErrorException> errors = new ArrayList<>();
        for (Runnable call : List.<Runnable>of(
                () -> verifier().verify(new SignedRequest("POST", "/", "", Map.of(), new byte[0]), "kms"),
                () -> verifier().verify(withAuthorization(botocore, "AWS4-HMAC-SHA256 Credential=x"), "kms"),
                () -> verifier().verify(withAuthorization(botocore, "AWS4-HMAC-SHA256 Credential"), "kms"),
                () -> verifier().verify(withAuthorization(botocore, authorization.replace("HMAC", "ECDSA")), "kms"),
                () -> verifier().verify(withAuthorization(botocore, authorization.replace("/kms/", "/s3/")), "kms"),
                () -> verifier().verify(botocore, "cloudtrail"),
                () -> unknown.verify(botocore, "kms"),
                () -> wrongSecret.verify(botocore, "kms"),
                () -> wrongSecret.verify(sdkSigned("TrentService.DescribeKey", DESCRIBE_KEY_BODY, null), "kms"),
                () -> expired.verify(botocore, "kms"))) {
            errors.add(errorOf(call::run));
        }

        assertThat(errors).hasSize(10).allSatisfy(error -> {
            Stream<String> texts = Stream.concat(
                    Stream.of(error.awsMessage(), error.getMessage(), error.toString(),
                            error.explanation().whatHappened(), error.explanation().whatToDo()),
                    error.explanation().likelyCauses().stream());
            assertThat(texts).noneMatch(text -> text.contains(SECRET));
        });
    }

    @Test
    void verifiesConcurrently() throws Exception {
        SigV4Verifier verifier = verifier();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<AccessKey>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                SignedRequest request = i % 2 == 0 ? botocoreDescribeKey()
                        : sdkSigned("TrentService.DescribeKey", "{\"KeyId\": \"k" + i + "\"}", null);
                results.add(pool.submit(() -> verifier.verify(request, "kms")));
            }
            for (Future<AccessKey> result : results) {
                assertThat(result.get()).isSameAs(ALICE_KEY);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private static AccessKey accessKey(String id, String secret) {
        return new AccessKey(id, SecretBytes.copyOf(secret.getBytes(StandardCharsets.UTF_8)), ALICE);
    }

    private static java.util.function.Function<String, Optional<AccessKey>> keys(AccessKey key) {
        return id -> key.accessKeyId().equals(id) ? Optional.of(key) : Optional.empty();
    }

    private static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** The verifier of us-east-1 whose model and wall clocks both read the instant the fixtures were signed. */
    private static SigV4Verifier verifier() {
        return new SigV4Verifier(keys(ALICE_KEY), REGION, clockAt(SIGNED_AT), clockAt(SIGNED_AT));
    }

    private static Map<String, List<String>> single(Map<String, String> headers) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        return multi;
    }

    private static SignedRequest with(SignedRequest request,
                                      UnaryOperator<Map<String, List<String>>> changeHeaders) {
        Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(),
                changeHeaders.apply(headers), request.body());
    }

    private static SignedRequest withAuthorization(SignedRequest request, String authorization) {
        return with(request, headers -> {
            headers.put("Authorization", List.of(authorization));
            return headers;
        });
    }

    private static SignedRequest sdkSigned(String target, String body, String sessionToken) {
        return sdkSigned(target, body, sessionToken, REGION, "kms", false);
    }

    private static SignedRequest sdkSigned(String target, String body, String sessionToken, String region,
                                           String service) {
        return sdkSigned(target, body, sessionToken, region, service, false);
    }

    /**
     * A KMS JSON request signed by the AWS SDK's AwsV4HttpSigner at {@link #SIGNED_AT}, as the SDK signs over
     * plain HTTP (the payload's hash signed), or with {@code UNSIGNED-PAYLOAD} as it may over HTTPS.
     */
    private static SignedRequest sdkSigned(String target, String body, String sessionToken, String region,
                                           String service, boolean unsignedPayload) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create((unsignedPayload ? "https://" : "http://") + HOST + "/"))
                .putHeader("Content-Type", JSON_1_1)
                .putHeader("X-Amz-Target", target)
                .build();
        AwsCredentialsIdentity identity = sessionToken == null
                ? AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET)
                : AwsSessionCredentialsIdentity.create(ACCESS_KEY_ID, SECRET, sessionToken);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clockAt(SIGNED_AT))
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, !unsignedPayload)).request();
        return new SignedRequest("POST", signed.encodedPath(), "", signed.headers(), bytes);
    }

    /** What botocore 1.43.11 sent for {@code kms.describe_key(KeyId='alias/example')} at 2026-01-01T00:00:00Z. */
    private static SignedRequest botocoreDescribeKey() {
        return botocore("TrentService.DescribeKey", DESCRIBE_KEY_BODY, "content-type;host;x-amz-date;x-amz-target",
                "bc729233a5de6f5d632276c1e195241fa42863c1fbf118cbf4a0165353cf508c", "kms", Map.of());
    }

    /** What botocore 1.43.11 sent for {@code cloudtrail.lookup_events(MaxResults=5)}. */
    private static SignedRequest botocoreLookupEvents() {
        return botocore("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents", "{\"MaxResults\": 5}",
                "content-type;host;x-amz-date;x-amz-target",
                "9d7ae14b608ecd2b06f4a955124f3cad0afea40e64affe9440f71970b779f778", "cloudtrail", Map.of());
    }

    /**
     * A request as botocore 1.43.11 sends it to http://127.0.0.1:4566 with access key AKIAIOSFODNN7EXAMPLE at
     * 2026-01-01T00:00:00Z (recorded by signing with botocore itself; botocore adds User-Agent,
     * amz-sdk-invocation-id, amz-sdk-request and Content-Length without signing them).
     */
    private static SignedRequest botocore(String target, String body, String signedHeaders, String signature,
                                          String service, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", HOST);
        headers.put("X-Amz-Target", target);
        headers.put("Content-Type", JSON_1_1);
        headers.put("User-Agent", "aws-cli/2.9.19 Python/3.11.2 Linux/6.1.0 source/x86_64.debian.12 prompt/off "
                + "command/kms.describe-key");
        headers.put("X-Amz-Date", AMZ_DATE);
        headers.putAll(extraHeaders);
        headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID + "/20260101/" + REGION + "/"
                + service + "/aws4_request, SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        headers.put("amz-sdk-invocation-id", "86c6334c-7b0b-4eb9-a567-fc458f8a4895");
        headers.put("amz-sdk-request", "attempt=1");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.put("Content-Length", Integer.toString(bytes.length));
        return new SignedRequest("POST", "/", "", single(headers), bytes);
    }

    /** The request the SDK's KmsClient sends for {@code call}, caught before it leaves the process. */
    private static SignedRequest sentByKmsClient(java.util.function.Consumer<KmsClient> call) {
        class Capture implements ExecutionInterceptor {
            SdkHttpRequest request;
            byte[] body = new byte[0];

            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                request = context.httpRequest();
                context.requestBody().ifPresent(b -> body = readAll(b.contentStreamProvider().newStream()));
                throw new CapturedException();
            }
        }
        Capture capture = new Capture();
        try (KmsClient client = KmsClient.builder()
                .endpointOverride(URI.create("http://" + HOST))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(capture))
                .build()) {
            try {
                call.accept(client);
            } catch (RuntimeException expected) {
                // the interceptor stopped the call before it was sent
            }
        }
        assertThat(capture.request).as("the request the client signed").isNotNull();
        return new SignedRequest(capture.request.method().name(), capture.request.encodedPath(), "",
                capture.request.headers(), capture.body);
    }

    private static final class CapturedException extends RuntimeException {
        CapturedException() {
            super("captured", null, false, false);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AwsErrorException errorOf(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        AwsErrorException error = catchThrowableOfType(AwsErrorException.class, call);
        assertThat(error).as("the AWS error thrown").isNotNull();
        return error;
    }

    private static AwsErrorException assertAwsError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
                                                    String errorCode, String awsMessage) {
        AwsErrorException error = errorOf(call);
        assertThat(error.errorCode()).isEqualTo(errorCode);
        assertThat(error.awsMessage()).isEqualTo(awsMessage);
        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.explanation()).isNotNull();
        assertThat(error.explanation().whatHappened()).isNotBlank();
        assertThat(error.explanation().whatToDo()).isNotBlank();
        assertThat(error.explanation().likelyCauses()).isNotEmpty();
        return error;
    }
}
