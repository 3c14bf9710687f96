package dev.byokstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class AppEndpointControlTest {

    private final EmbeddedKms kms = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.defaults(),
            SimulatedClock.systemUtc(), new SecureRandom());

    @Test
    void servesTheSameKmsWhileStartedAndNothingOnceStopped() throws Exception {
        AppEndpointControl endpoint = new AppEndpointControl(kms, kms, 0);
        String url = endpoint.start();
        try {
            assertThat(endpoint.url()).contains(url);
            assertThat(endpoint.start()).as("starting again keeps the same endpoint").isEqualTo(url);
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/"))
                    .header("X-Amz-Target", "TrentService.ListKeys").header("Content-Type", "application/x-amz-json-1.1")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"Keys\"");
        } finally {
            endpoint.stop();
        }
        assertThat(endpoint.url()).isEmpty();
        endpoint.stop(); // stopping twice is harmless
    }
}
