package dev.byokstudio.ui;

import java.util.Optional;

/**
 * Starts and stops, from inside the running application, the loopback endpoint that speaks KMS's wire
 * protocol over the same KMS (the launcher provides it; the UI knows only this interface). Calls may
 * block briefly: the UI makes them through its task executor.
 */
public interface EndpointControl {

    /** For sessions that cannot serve (tests, other KMS implementations). */
    EndpointControl NONE = new EndpointControl() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public String start() {
            throw new IllegalStateException("this session cannot serve the KMS protocol");
        }

        @Override
        public void stop() {
        }

        @Override
        public Optional<String> url() {
            return Optional.empty();
        }
    };

    /** Whether this session can serve at all. */
    boolean available();

    /**
     * Starts serving (if not already) and returns the URL, e.g. {@code http://127.0.0.1:4599}.
     *
     * @throws java.io.IOException when the port cannot be bound (in use, for instance)
     */
    String start() throws java.io.IOException;

    /** Stops serving; does nothing when not serving. */
    void stop();

    /** The URL while serving. */
    Optional<String> url();
}
