package dev.byokstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.OriginType;

/**
 * {@code byok-studio --serve} as a person runs it: a separate JVM that prints its address when ready,
 * answers on loopback, loads no JavaFX, and stops cleanly on SIGTERM.
 */
class ServeProcessTest {

    @TempDir
    Path tmp;

    @Test
    void serve_printsItsAddressAndCredentialsAnswersSignedRequestsAndStopsCleanlyOnSigterm() throws Exception {
        Path classLog = tmp.resolve("classes.log");
        Started server = start("server", List.of("-Xlog:class+load=info:file=" + classLog, Main.class.getName(),
                "--serve", "--port", "0", "--workspace", tmp.resolve("ws").toString()));
        try {
            String url = server.awaitListening();
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+");

            Path credentials = tmp.resolve("ws").resolve("credentials");
            assertThat(server.out()).contains("AWS_SHARED_CREDENTIALS_FILE=" + credentials.toAbsolutePath());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
            try (KmsClient admin = client(url, credentials, "default");
                    KmsClient keyUser = client(url, credentials, "KeyUserRole")) {
                assertThat(admin.createKey(r -> r.origin(OriginType.EXTERNAL)).keyMetadata().keyStateAsString())
                        .isEqualTo("PendingImport");
                KmsException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                        () -> keyUser.createKey(r -> r.origin(OriginType.EXTERNAL)), KmsException.class);
                assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            }
            HttpResponse<String> unsigned = post(url, "TrentService.CreateKey", "{\"Origin\":\"EXTERNAL\"}");
            assertThat(unsigned.statusCode()).isEqualTo(400);
            assertThat(unsigned.body()).contains("MissingAuthenticationTokenException");

            server.process.destroy(); // SIGTERM
            assertThat(server.process.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s of SIGTERM").isTrue();
            assertThat(server.out()).endsWith("Stopped." + System.lineSeparator());
            assertThat(server.err()).as("the SDK signer's logging has a provider").doesNotContain("SLF4J");
        } finally {
            server.process.destroyForcibly();
        }
        assertThat(Files.readString(classLog)).doesNotContain("javafx.");
    }

    @Test
    void serve_onABusyPort_saysSoAndExitsWithFailure() throws Exception {
        Started first = start("first", List.of(Main.class.getName(), "--serve", "--port", "0", "--workspace",
                tmp.resolve("ws1").toString()));
        try {
            String port = first.awaitListening().replaceAll(".*:", "");

            Started second = start("second", List.of(Main.class.getName(), "--serve", "--port", port, "--workspace",
                    tmp.resolve("ws2").toString()));
            assertThat(second.process.waitFor(20, TimeUnit.SECONDS)).isTrue();

            assertThat(second.process.exitValue()).isEqualTo(Main.EXIT_FAILURE);
            assertThat(second.err()).contains("port " + port + " on 127.0.0.1 is in use").doesNotContain("Exception");
        } finally {
            first.process.destroyForcibly();
        }
    }

    @Test
    void unknownOption_exitsWithUsageStatusAndNoStackTrace() throws Exception {
        Started run = start("bad", List.of(Main.class.getName(), "--serve", "--prot", "80"));
        assertThat(run.process.waitFor(20, TimeUnit.SECONDS)).isTrue();

        assertThat(run.process.exitValue()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).startsWith("byok-studio: Unknown option '--prot'.").doesNotContain("\tat ");
    }

    /** A child JVM whose output goes to files, so it can be read whatever state the process is in. */
    private static final class Started {
        final Process process;
        final Path out;
        final Path err;

        Started(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        String out() throws IOException {
            return Files.readString(out);
        }

        String err() throws IOException {
            return Files.readString(err);
        }

        String awaitListening() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                for (String line : Files.readAllLines(out)) {
                    if (line.startsWith("Listening on ")) {
                        return line.substring("Listening on ".length());
                    }
                }
                if (!process.isAlive()) {
                    throw new AssertionError("the process ended without printing 'Listening on': " + err());
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no 'Listening on' within 30 s");
        }
    }

    private Started start(String name, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(args);
        Path out = tmp.resolve(name + ".out");
        Path err = tmp.resolve(name + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new Started(process, out, err);
    }

    /** The SDK's client with a profile of the workspace's credentials file, read by the SDK's own profile parser. */
    private static KmsClient client(String url, Path credentials, String profile) {
        return KmsClient.builder().endpointOverride(URI.create(url)).region(Region.US_EAST_1)
                .credentialsProvider(ProfileCredentialsProvider.builder().profileName(profile)
                        .profileFile(ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build())
                        .build())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static HttpResponse<String> post(String url, String target, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/"))
                .timeout(Duration.ofSeconds(10))
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
