package dev.byokstudio.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.embedded.WorkspaceIdentities;
import dev.byokstudio.embedded.WrappingKeyPool;
import dev.byokstudio.kms.AccessKey;
import dev.byokstudio.kms.Principal;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * What the endpoint tests share: the embedded model as they build it, the AWS SDK client and a raw
 * HTTP client pointed at an endpoint, and the assertions on AWS errors.
 */
final class EndpointTestSupport {

    static final String ACCOUNT = "111122223333";
    static final String ARN_PREFIX = "arn:aws:kms:us-east-1:111122223333:";
    /** A well-formed key ID that no test ever creates. */
    static final String UNKNOWN_KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    static final String JSON_1_1 = "application/x-amz-json-1.1";
    static final ObjectMapper JSON = new ObjectMapper();

    /** A line of a Java stack trace: "at some.Class.method(Class.java:12)". */
    private static final Pattern STACK_FRAME = Pattern.compile("at [\\w$.]+\\([\\w$]+\\.java(:\\d+)?\\)");

    private EndpointTestSupport() {
    }

    /** The embedded KMS for account 111122223333 in us-east-1, on a simulated clock over {@code base}. */
    static EmbeddedKms newKms(Clock base) {
        return new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.defaults(), new SimulatedClock(base),
                new SecureRandom());
    }

    /**
     * The embedded KMS of {@code account} on a simulated clock over {@code base}, for import tests: its
     * wrapping-key pool keeps no stock, so each GetParametersForImport generates its key pair on the spot
     * and no background thread competes with the tests.
     */
    static EmbeddedKms newImportKms(Clock base, AccountContext account) {
        return new EmbeddedKms(new InMemoryWorkspaceStore(), account, new SimulatedClock(base), new SecureRandom(),
                new WrappingKeyPool(new SecureRandom(), Map.of()));
    }

    private static final Map<KmsEndpoint, WorkspaceIdentities> IDENTITIES =
            Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Serves {@code kms} on a free port, with the default principals of a new workspace; requests signed by the
     * administrator's access key ({@link #sdkClient}, {@link #send}) act as the administrator.
     */
    static KmsEndpoint start(EmbeddedKms kms) {
        WorkspaceIdentities identities = WorkspaceIdentities.open(kms, new SecureRandom());
        try {
            KmsEndpoint endpoint = KmsEndpoint.start(identities, kms, kms.account().region(), 0);
            IDENTITIES.put(endpoint, identities);
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WorkspaceIdentities identities(KmsEndpoint endpoint) {
        return IDENTITIES.get(endpoint);
    }

    /** The credentials of the principal named {@code name} of the endpoint's workspace. */
    static AwsBasicCredentials credentials(KmsEndpoint endpoint, String name) {
        WorkspaceIdentities identities = IDENTITIES.get(endpoint);
        Principal p = identities.principal(name).orElseThrow();
        AccessKey key = identities.accessKeyOf(p);
        return AwsBasicCredentials.create(key.accessKeyId(),
                new String(key.secretAccessKey().revealCopy(), StandardCharsets.US_ASCII));
    }

    static AwsBasicCredentials adminCredentials(KmsEndpoint endpoint) {
        return credentials(endpoint, identities(endpoint).principals().get(0).name());
    }

    /** The AWS SDK for Java v2 KMS client, as a user would point it at the endpoint. */
    static KmsClient sdkClient(KmsEndpoint endpoint) {
        return sdkClient(endpoint, Region.US_EAST_1);
    }

    /** The SDK client for an endpoint that plays {@code region} (cn-north-1 for the China Regions). */
    static KmsClient sdkClient(KmsEndpoint endpoint, Region region) {
        return KmsClient.builder()
                .endpointOverride(URI.create(endpoint.url()))
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(adminCredentials(endpoint)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static HttpClient httpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static HttpRequest.Builder request(KmsEndpoint endpoint, String target) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint.url() + "/"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", JSON_1_1);
        if (target != null) {
            b.header("X-Amz-Target", target);
        }
        return b;
    }

    /** POSTs {@code body} with {@code X-Amz-Target: target} (none if null). */
    static HttpResponse<String> post(HttpClient http, KmsEndpoint endpoint, String target, String body) {
        return send(http, request(endpoint, target)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /**
     * Sends {@code request} signed with SigV4 by the administrator of the endpoint it goes to (found by its
     * port), as the CLI would sign it; bodies over 1 MiB and requests to unknown ports go unsigned.
     */
    static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        return sendUnsigned(http, signedByAdministrator(request));
    }

    static HttpResponse<String> sendUnsigned(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    static String keyArn(String keyId) {
        return ARN_PREFIX + "key/" + keyId;
    }

    static String aliasArn(String aliasName) {
        return ARN_PREFIX + aliasName;
    }

    /** Runs {@code call}, which must throw {@code type}, and returns what it threw. */
    static <E extends Throwable> E thrown(Class<E> type, ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).as("what the call threw").isInstanceOf(type);
        return type.cast(t);
    }

    /** An AWS error as the SDK parsed it: HTTP 400, AWS's error code and message, and a request ID. */
    static void assertAwsError(AwsServiceException e, String errorCode, String message) {
        assertThat(e.statusCode()).as("HTTP status").isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).as("error code").isEqualTo(errorCode);
        if (message == null) {
            assertThat(e.awsErrorDetails().errorMessage()).as("error message").isNullOrEmpty();
        } else {
            assertThat(e.awsErrorDetails().errorMessage()).as("error message").isEqualTo(message);
        }
        assertThat(e.requestId()).as("request ID").isNotBlank();
    }

    /** A response body never shows the server's insides: no Java exception text, no stack frames. */
    static void assertNoStackTrace(String body) {
        assertThat(body)
                .doesNotContain("Exception in")
                .doesNotContain("at dev.byokstudio")
                .doesNotContain("Caused by:")
                .doesNotContain("\tat ")
                .doesNotContainPattern(STACK_FRAME);
    }

    private static HttpRequest signedByAdministrator(HttpRequest request) {
        KmsEndpoint endpoint;
        synchronized (IDENTITIES) {
            endpoint = IDENTITIES.keySet().stream().filter(e -> e.port() == request.uri().getPort()).findFirst()
                    .orElse(null);
        }
        if (endpoint == null || request.headers().firstValue("Authorization").isPresent()) {
            return request;
        }
        byte[] body = bodyOf(request);
        if (body == null) {
            return request;
        }
        return signed(request, body, adminCredentials(endpoint), endpoint.region(), "kms");
    }

    /** {@code request} with the SigV4 headers the SDK's own signer computes for it. */
    static HttpRequest signed(HttpRequest request, byte[] body, AwsBasicCredentials credentials, String region,
            String service) {
        return signedAt(request, body, credentials, region, service, null);
    }

    /** {@code request} signed as if at {@code at} (now when null). */
    static HttpRequest signedAt(HttpRequest request, byte[] body, AwsBasicCredentials credentials, String region,
            String service, java.time.Instant at) {
        SdkHttpRequest.Builder sdk = SdkHttpRequest.builder().uri(request.uri())
                .method(SdkHttpMethod.fromValue(request.method()));
        request.headers().map().forEach((name, values) -> values.forEach(v -> sdk.appendHeader(name, v)));
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey()))
                .request(sdk.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, at == null ? java.time.Clock.systemUTC()
                        : java.time.Clock.fixed(at, java.time.ZoneOffset.UTC)));
        HttpRequest.Builder out = HttpRequest.newBuilder(request.uri())
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body))
                .expectContinue(request.expectContinue());
        request.timeout().ifPresent(out::timeout);
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> out.header(name, v));
            }
        });
        return out.build();
    }

    /** The bytes a request's body publisher sends, or null for a body over 1 MiB. */
    private static byte[] bodyOf(HttpRequest request) {
        HttpRequest.BodyPublisher publisher = request.bodyPublisher().orElse(null);
        if (publisher == null || publisher.contentLength() == 0) {
            return new byte[0];
        }
        if (publisher.contentLength() > KmsEndpoint.MAX_BODY_BYTES || publisher.contentLength() < 0) {
            return null;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] b = new byte[item.remaining()];
                item.get(b);
                out.writeBytes(b);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.join();
        return out.toByteArray();
    }
}
