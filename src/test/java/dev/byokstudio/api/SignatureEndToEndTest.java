package dev.byokstudio.api;

import static dev.byokstudio.api.EndpointTestSupport.adminCredentials;
import static dev.byokstudio.api.EndpointTestSupport.assertAwsError;
import static dev.byokstudio.api.EndpointTestSupport.credentials;
import static dev.byokstudio.api.EndpointTestSupport.httpClient;
import static dev.byokstudio.api.EndpointTestSupport.json;
import static dev.byokstudio.api.EndpointTestSupport.request;
import static dev.byokstudio.api.EndpointTestSupport.sendUnsigned;
import static dev.byokstudio.api.EndpointTestSupport.signed;
import static dev.byokstudio.api.EndpointTestSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.EmbeddedKms;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * SigV4 at the endpoint, end to end: the SDK for Java v2 signing with each principal's key is accepted and acts
 * as that principal; unknown keys, wrong secrets, tampered and stale requests get AWS's errors (HTTP 400).
 * The AWS CLI's side is src/test/cli/aws-cli-access-check.sh.
 */
class SignatureEndToEndTest {

    private static final String LIST_KEYS = "TrentService.ListKeys";
    private static EmbeddedKms kms;
    private static KmsEndpoint endpoint;
    private static final HttpClient http = httpClient();

    @BeforeAll
    static void serve() {
        kms = EndpointTestSupport.newKms(Clock.systemUTC());
        endpoint = EndpointTestSupport.start(kms);
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    private static KmsClient client(AwsBasicCredentials credentials, Region region) {
        return KmsClient.builder().endpointOverride(URI.create(endpoint.url())).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void theSdkSigningWithEachPrincipalsKeyActsAsThatPrincipal() {
        try (KmsClient admin = client(adminCredentials(endpoint), Region.US_EAST_1);
                KmsClient keyUser = client(credentials(endpoint, "KeyUserRole"), Region.US_EAST_1)) {
            assertThat(admin.createKey().keyMetadata().keyId()).isNotBlank();
            KmsException refused = thrown(KmsException.class, () -> keyUser.createKey());
            assertAwsError(refused, "AccessDeniedException", "User: arn:aws:sts::111122223333:assumed-role/KeyUserRole/"
                    + "byok-studio is not authorized to perform: kms:CreateKey on resource: * because no identity-based "
                    + "policy allows the kms:CreateKey action");
        }
    }

    @Test
    void anUnknownAccessKeyIsUnrecognized() {
        try (KmsClient stranger = client(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), Region.US_EAST_1)) {
            KmsException e = thrown(KmsException.class, stranger::listKeys);
            assertAwsError(e, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }
    }

    @Test
    void aWrongSecretGivesInvalidSignature() {
        AwsBasicCredentials admin = adminCredentials(endpoint);
        try (KmsClient wrong = client(AwsBasicCredentials.create(admin.accessKeyId(), "not-the-secret"), Region.US_EAST_1)) {
            KmsException e = thrown(KmsException.class, wrong::listKeys);
            assertAwsError(e, "InvalidSignatureException", "The request signature we calculated does not match the "
                    + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
                    + "documentation for details.");
        }
    }

    @Test
    void aRequestSignedForAnotherRegionIsRefused() {
        try (KmsClient elsewhere = client(adminCredentials(endpoint), Region.EU_WEST_1)) {
            SdkServiceException e = thrown(SdkServiceException.class, elsewhere::listKeys);
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.getMessage()).contains("Credential should be scoped to a valid region");
        }
    }

    @Test
    void aTamperedBodyGivesInvalidSignature() {
        byte[] body = "{\"Limit\": 5}".getBytes(StandardCharsets.UTF_8);
        HttpRequest good = signed(request(endpoint, LIST_KEYS).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                body, adminCredentials(endpoint), endpoint.region(), "kms");
        HttpRequest.Builder tampered = HttpRequest.newBuilder(good.uri())
                .POST(HttpRequest.BodyPublishers.ofString("{\"Limit\": 6}"));
        good.headers().map().forEach((n, v) -> v.forEach(x -> tampered.header(n, x)));

        assertThat(sendUnsigned(http, good).statusCode()).isEqualTo(200);
        HttpResponse<String> response = sendUnsigned(http, tampered.build());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).path("__type").asText()).isEqualTo("InvalidSignatureException");
    }

    @Test
    void aRequestSignedElevenMinutesAgoHasExpired() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Instant signedAt = Instant.now().minus(Duration.ofMinutes(11));
        String stale = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(signedAt);
        HttpRequest staleRequest = EndpointTestSupport.signedAt(
                request(endpoint, LIST_KEYS).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), body, adminCredentials(endpoint),
                endpoint.region(), "kms", signedAt);

        HttpResponse<String> response = sendUnsigned(http, staleRequest);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).path("__type").asText()).isEqualTo("InvalidSignatureException");
        assertThat(json(response.body()).path("message").asText()).startsWith("Signature expired: " + stale
                + " is now earlier than ");
    }

    @Test
    void anUnsignedRequestIsMissingItsAuthenticationToken() {
        HttpResponse<String> response = sendUnsigned(http, request(endpoint, LIST_KEYS)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).path("__type").asText()).isEqualTo("MissingAuthenticationTokenException");
        assertThat(json(response.body()).path("message").asText()).isEqualTo("Missing Authentication Token");
    }
}
