package dev.byokstudio.app;

import dev.byokstudio.api.KmsEndpoint;
import dev.byokstudio.kms.ClockControl;
import dev.byokstudio.kms.Identities;
import dev.byokstudio.ui.EndpointControl;
import java.io.IOException;
import java.util.Optional;

/** The desktop application's endpoint: the same KMS served on 127.0.0.1, started and stopped from the menu. */
final class AppEndpointControl implements EndpointControl {

    private final Identities identities;
    private final ClockControl clock;
    private final String region;
    private final int port;
    private KmsEndpoint endpoint;

    AppEndpointControl(Identities identities, ClockControl clock, String region, int port) {
        this.identities = identities;
        this.clock = clock;
        this.region = region;
        this.port = port;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public synchronized String start() throws IOException {
        if (endpoint == null) {
            endpoint = KmsEndpoint.start(identities, clock, region, port);
        }
        return endpoint.url();
    }

    @Override
    public synchronized void stop() {
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
    }

    @Override
    public synchronized Optional<String> url() {
        return endpoint == null ? Optional.empty() : Optional.of(endpoint.url());
    }
}
