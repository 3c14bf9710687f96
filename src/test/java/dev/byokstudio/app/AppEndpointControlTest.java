package dev.byokstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.embedded.WorkspaceIdentities;
import dev.byokstudio.kms.AccessKey;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

class AppEndpointControlTest {

    private final EmbeddedKms kms = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.defaults(),
            SimulatedClock.systemUtc(), new SecureRandom());
    private final WorkspaceIdentities identities = WorkspaceIdentities.open(kms, new SecureRandom());

    @Test
    void servesTheSameKmsToSignedRequestsWhileStartedAndNothingOnceStopped() throws Exception {
        AppEndpointControl endpoint = new AppEndpointControl(identities, kms, "us-east-1", 0);
        String url = endpoint.start();
        try {
            assertThat(endpoint.url()).contains(url);
            assertThat(endpoint.start()).as("starting again keeps the same endpoint").isEqualTo(url);
            AccessKey admin = identities.accessKeyOf(identities.principals().get(0));
            try (KmsClient client = KmsClient.builder().endpointOverride(URI.create(url)).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(admin.accessKeyId(),
                            new String(admin.secretAccessKey().revealCopy(), StandardCharsets.US_ASCII))))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                assertThat(client.listKeys().keys()).isEmpty();
            }
            HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/"))
                    .header("X-Amz-Target", "TrentService.ListKeys").header("Content-Type", "application/x-amz-json-1.1")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(400);
            assertThat(unsigned.body()).contains("MissingAuthenticationTokenException");
        } finally {
            endpoint.stop();
        }
        assertThat(endpoint.url()).isEmpty();
        endpoint.stop(); // stopping twice is harmless
    }
}
