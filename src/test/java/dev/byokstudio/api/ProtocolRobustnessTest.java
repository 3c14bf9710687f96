package dev.byokstudio.api;

import static dev.byokstudio.api.EndpointTestSupport.JSON_1_1;
import static dev.byokstudio.api.EndpointTestSupport.UUID_PATTERN;
import static dev.byokstudio.api.EndpointTestSupport.assertNoStackTrace;
import static dev.byokstudio.api.EndpointTestSupport.json;
import static dev.byokstudio.api.EndpointTestSupport.post;
import static dev.byokstudio.api.EndpointTestSupport.request;
import static dev.byokstudio.api.EndpointTestSupport.send;
import static dev.byokstudio.api.EndpointTestSupport.sendUnsigned;
import static dev.byokstudio.api.EndpointTestSupport.signed;
import static dev.byokstudio.api.EndpointTestSupport.adminCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.byokstudio.embedded.EmbeddedKms;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The endpoint's answers to malformed and hostile requests, over raw HTTP: each gets AWS's status,
 * {@code __type} and (where AWS gives one) message, in the JSON 1.1 content type with a request ID,
 * and never a stack trace, a 5xx or a hung connection.
 */
class ProtocolRobustnessTest {

    private static final String KMS = "TrentService.";
    private static final Pattern ENUM_VIOLATION = Pattern.compile(
            "Value 'NOPE' at '(\\w+)' failed to satisfy constraint: Member must satisfy enum value set: \\[([A-Z0-9_, ]+)]");

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");

    static EmbeddedKms kms;
    static KmsEndpoint endpoint;
    static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        kms = EndpointTestSupport.newKms(Clock.systemUTC());
        endpoint = EndpointTestSupport.start(kms);
        http = EndpointTestSupport.httpClient();
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    // ---------------------------------------------------------------- the table

    /** What a case expects of the {@code message} member. */
    record Message(String description, Consumer<JsonNode> check) {
        static Message absent() {
            return new Message("no message", m -> assertThat(m).as("message").isNull());
        }

        static Message any() {
            return new Message("any message", m -> { });
        }

        static Message exactly(String text) {
            return new Message(text, m -> {
                assertThat(m).as("message").isNotNull();
                assertThat(m.asText()).isEqualTo(text);
            });
        }

        static Message startingWith(String text) {
            return new Message(text + "…", m -> {
                assertThat(m).as("message").isNotNull();
                assertThat(m.asText()).startsWith(text);
            });
        }

        static Message satisfying(String description, Consumer<String> check) {
            return new Message(description, m -> {
                assertThat(m).as("message").isNotNull();
                check.accept(m.asText());
            });
        }
    }

    /** One malformed (or merely unusual) request and the answer AWS gives it. */
    record Case(String name, String method, String target, String body, int status, String type, Message message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case error(String name, String target, String body, String type, Message message) {
        return new Case(name, "POST", target, body, 400, type, message);
    }

    private static Case ok(String name, String target, String body) {
        return new Case(name, "POST", target, body, 200, null, null);
    }

    private static String violation(String member, Object value, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return "1 validation error detected: Value " + shown + " at '" + member + "' failed to satisfy constraint: "
                + constraint;
    }

    static Stream<Arguments> cases() {
        String longKeyId = "k".repeat(2049);
        List<Case> cases = List.of(
                // ---- which operation
                // (unknown operations: see unknownOperationsAreAnsweredAtOnce, disabled for a bug)
                new Case("GET", "GET", KMS + "ListKeys", null, 405, "UnknownOperationException", Message.any()),
                new Case("PUT", "PUT", KMS + "ListKeys", "{}", 405, "UnknownOperationException", Message.any()),
                new Case("DELETE", "DELETE", KMS + "ListKeys", null, 405, "UnknownOperationException", Message.any()),
                // ---- the document
                error("malformed JSON", KMS + "DescribeKey", "{\"KeyId\":", "SerializationException", Message.any()),
                error("not JSON at all", KMS + "ListKeys", "KeyId=abc", "SerializationException", Message.any()),
                error("JSON array as the body", KMS + "DescribeKey", "[]", "SerializationException",
                        Message.exactly("Start of list found where not expected")),
                error("JSON string as the body", KMS + "ListKeys", "\"text\"", "SerializationException",
                        Message.any()),
                error("JSON number as the body", KMS + "ListKeys", "42", "SerializationException", Message.any()),
                error("two documents", KMS + "ListKeys", "{} {}", "SerializationException", Message.any()),
                error("invalid unicode escape", KMS + "DescribeKey", "{\"KeyId\": \"\\uZZZZ\"}",
                        "SerializationException", Message.any()),
                // ---- member types
                error("number for a string", KMS + "DescribeKey", "{\"KeyId\": 123}", "SerializationException",
                        Message.exactly("class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String")),
                error("boolean for a string", KMS + "DescribeKey", "{\"KeyId\": true}", "SerializationException",
                        Message.exactly("class java.lang.Boolean can not be converted to an String")),
                error("object for a string", KMS + "DescribeKey", "{\"KeyId\": {}}", "SerializationException",
                        Message.exactly("Start of structure or map found where not expected.")),
                error("list for a string", KMS + "DescribeKey", "{\"KeyId\": [\"x\"]}", "SerializationException",
                        Message.exactly("Start of list found where not expected")),
                error("string for an integer", KMS + "ListKeys", "{\"Limit\": \"5\"}", "SerializationException",
                        Message.exactly("class java.lang.String can not be converted to an Integer")),
                error("boolean for an integer", KMS + "ListKeys", "{\"Limit\": true}", "SerializationException",
                        Message.exactly("class java.lang.Boolean can not be converted to an Integer")),
                error("unconvertible string for a boolean", KMS + "CreateKey", "{\"MultiRegion\": \"perhaps\"}",
                        "SerializationException", Message.any()),
                error("string for a list", KMS + "CreateKey", "{\"Tags\": \"x\"}", "SerializationException",
                        Message.exactly("Expected list or null")),
                error("string for a structure in a list", KMS + "CreateKey", "{\"Tags\": [\"x\"]}",
                        "SerializationException", Message.exactly("Expected null")),
                error("number in a list of strings", KMS + "DescribeKey",
                        "{\"KeyId\": \"alias/x\", \"GrantTokens\": [1]}", "SerializationException",
                        Message.exactly("class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String")),
                // ---- constraints
                error("missing required KeyId", KMS + "DescribeKey", "{}", "ValidationException",
                        Message.exactly(violation("keyId", null, "Member must not be null"))),
                error("null KeyId counts as missing", KMS + "DescribeKey", "{\"KeyId\": null}", "ValidationException",
                        Message.exactly(violation("keyId", null, "Member must not be null"))),
                error("empty KeyId", KMS + "DescribeKey", "{\"KeyId\": \"\"}", "ValidationException",
                        Message.exactly(violation("keyId", "", "Member must have length greater than or equal to 1"))),
                error("KeyId of 2049 characters", KMS + "DescribeKey", "{\"KeyId\": \"" + longKeyId + "\"}",
                        "ValidationException", Message.exactly(violation("keyId", longKeyId,
                                "Member must have length less than or equal to 2048"))),
                error("Limit 0", KMS + "ListKeys", "{\"Limit\": 0}", "ValidationException",
                        Message.exactly(violation("limit", 0, "Member must have value greater than or equal to 1"))),
                error("Limit 1001", KMS + "ListKeys", "{\"Limit\": 1001}", "ValidationException",
                        Message.exactly(violation("limit", 1001, "Member must have value less than or equal to 1000"))),
                error("unknown enum value", KMS + "CreateKey", "{\"Origin\": \"NOPE\"}", "ValidationException",
                        Message.startingWith("1 validation error detected: Value 'NOPE' at 'origin' failed to satisfy "
                                + "constraint: Member must satisfy enum value set: [")),
                error("two violations at once", KMS + "CreateKey", "{\"KeySpec\": \"NOPE\", \"KeyUsage\": \"NOPE\"}",
                        "ValidationException", Message.satisfying("2 validation errors detected: …; …",
                                ProtocolRobustnessTest::assertKeySpecAndKeyUsageViolations)),
                error("window of 6 days", KMS + "ScheduleKeyDeletion",
                        "{\"KeyId\": \"1234abcd-12ab-34cd-56ef-1234567890ab\", \"PendingWindowInDays\": 6}",
                        "ValidationException", Message.exactly(violation("pendingWindowInDays", 6,
                                "Member must have value greater than or equal to 7"))),
                // ---- the model's own errors, over raw HTTP
                error("unknown key", KMS + "DescribeKey", "{\"KeyId\": \"1234abcd-12ab-34cd-56ef-1234567890ab\"}",
                        "NotFoundException", Message.exactly("Key 'arn:aws:kms:us-east-1:111122223333:key/"
                                + "1234abcd-12ab-34cd-56ef-1234567890ab' does not exist")),
                error("invalid key ID", KMS + "DescribeKey", "{\"KeyId\": \"nope\"}", "NotFoundException",
                        Message.exactly("Invalid keyId 'nope'")),
                // ---- what is fine
                ok("empty body", KMS + "ListKeys", ""),
                ok("whitespace body", KMS + "ListKeys", " \r\n "),
                ok("JSON null body", KMS + "ListKeys", "null"),
                ok("empty object on CreateKey", KMS + "CreateKey", "{}"),
                ok("unknown member ignored", KMS + "ListKeys", "{\"NoSuchMember\": {\"deep\": [1, 2, 3]}}"),
                ok("null members ignored", KMS + "ListKeys", "{\"Limit\": null, \"Marker\": null}"),
                ok("Limit 1000", KMS + "ListKeys", "{\"Limit\": 1000}"),
                ok("UTF-8 description", KMS + "CreateKey", "{\"Description\": \"clé für 鍵 🔑\"}"));
        return cases.stream().map(Arguments::of);
    }

    private static void assertKeySpecAndKeyUsageViolations(String message) {
        assertThat(message).startsWith("2 validation errors detected: ");
        String[] parts = message.substring("2 validation errors detected: ".length()).split("; ");
        assertThat(parts).hasSize(2);
        Set<String> members = new HashSet<>();
        for (String part : parts) {
            Matcher m = ENUM_VIOLATION.matcher(part);
            assertThat(m.matches()).as("violation '%s'", part).isTrue();
            members.add(m.group(1));
            List<String> values = Arrays.asList(m.group(2).split(", "));
            if (m.group(1).equals("keySpec")) {
                assertThat(values).contains("SYMMETRIC_DEFAULT", "RSA_2048", "ECC_NIST_P256", "HMAC_256", "SM2",
                        "ML_DSA_65");
            } else {
                assertThat(values).contains("ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT");
            }
        }
        assertThat(members).containsExactlyInAnyOrder("keySpec", "keyUsage");
    }

    private static HttpResponse<String> exchange(Case c) {
        HttpRequest.BodyPublisher body = c.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(c.body(), StandardCharsets.UTF_8);
        return send(http, request(endpoint, c.target()).method(c.method(), body).build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsAwsDoes(Case c) {
        HttpResponse<String> response = exchange(c);

        assertThat(response.statusCode()).as("status").isEqualTo(c.status());
        assertWireShape(response);
        if (c.type() == null) {
            assertThat(json(response.body()).has("__type")).as("an error in %s", response.body()).isFalse();
        } else {
            JsonNode body = json(response.body());
            assertThat(body.path("__type").asText()).as("__type of %s", response.body()).isEqualTo(c.type());
            c.message().check().accept(body.get("message"));
        }
    }

    /** Every answer: JSON 1.1 content type, a request ID, and no trace of the server's insides. */
    private static void assertWireShape(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON_1_1);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValueSatisfying(
                id -> assertThat(id).matches(UUID_PATTERN));
        assertNoStackTrace(response.body());
        assertThat(response.statusCode()).as("never a server error").isLessThan(500);
    }

    // ---------------------------------------------------------------- single cases

    static Stream<Arguments> unknownOperations() {
        return Stream.of(
                Arguments.of("unknown operation", KMS + "Nope", "{}"),
                Arguments.of("no X-Amz-Target", null, "{}"),
                Arguments.of("another service's prefix", "Foo.CreateKey", "{}"),
                Arguments.of("prefix without an operation", KMS, "{}"),
                Arguments.of("unknown operation, empty body", KMS + "Nope", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownOperations")
    void unknownOperationsAreAnsweredAtOnce(String name, String target, String body) {
        HttpResponse<String> response = send(http, request(endpoint, target).timeout(Duration.ofSeconds(3))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertWireShape(response);
        assertThat(json(response.body())).isEqualTo(json("{\"__type\":\"UnknownOperationException\"}"));
    }

    @Test
    void documentsBeyondTheParsersLimitsAreSerializationExceptions() {
        HttpResponse<String> deep = post(http, endpoint, KMS + "ListKeys",
                "{\"X\":" + "[".repeat(200) + "]".repeat(200) + "}");
        HttpResponse<String> longNumber = post(http, endpoint, KMS + "ListKeys", "{\"X\": " + "9".repeat(2000) + "}");

        for (HttpResponse<String> response : List.of(deep, longNumber)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertWireShape(response);
            assertThat(json(response.body()).get("__type").asText()).isEqualTo("SerializationException");
        }
    }

    @Test
    void aDocumentBeyondTheParsersLimitsIsNeverAnsweredWithAStackTrace() {
        HttpResponse<String> deep = post(http, endpoint, KMS + "ListKeys",
                "{\"X\":" + "[".repeat(200) + "]".repeat(200) + "}");

        assertNoStackTrace(deep.body());
        assertThat(deep.headers().firstValue("Content-Type")).hasValue(JSON_1_1);
        assertServedPromptly();
    }

    @Test
    void getIsMethodNotAllowedWithAllowPost() {
        HttpResponse<String> response = send(http, request(endpoint, KMS + "ListKeys").GET().build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertWireShape(response);
    }

    @Test
    void aSuccessfulVoidOperationAnswers200() {
        String keyId = json(post(http, endpoint, KMS + "CreateKey", "{}").body()).at("/KeyMetadata/KeyId").asText();
        post(http, endpoint, KMS + "DisableKey", "{\"KeyId\": \"" + keyId + "\"}");

        HttpResponse<String> response = post(http, endpoint, KMS + "EnableKey", "{\"KeyId\": \"" + keyId + "\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON_1_1);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.body()).isIn("", "{}");
        assertThat(json(post(http, endpoint, KMS + "DescribeKey", "{\"KeyId\": \"" + keyId + "\"}").body())
                .at("/KeyMetadata/KeyState").asText()).isEqualTo("Enabled");
    }

    @Test
    void aSuccessfulResponseIsJson11WithARequestId() {
        HttpResponse<String> response = post(http, endpoint, KMS + "ListKeys", "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertWireShape(response);
        assertThat(json(response.body()).get("Keys").isArray()).isTrue();
        assertThat(json(response.body()).get("Truncated").asBoolean()).isFalse();
    }

    @Test
    void everyAnswerHasItsOwnRequestId() {
        String first = post(http, endpoint, KMS + "ListKeys", "{}").headers().firstValue("x-amzn-RequestId").orElseThrow();
        String second = post(http, endpoint, KMS + "ListKeys", "{}").headers().firstValue("x-amzn-RequestId").orElseThrow();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aBodyOverOneMebibyteIs413SerializationException() {
        String big = "{\"Description\": \"" + "x".repeat(KmsEndpoint.MAX_BODY_BYTES) + "\"}";

        HttpResponse<String> response;
        try {
            response = post(http, endpoint, KMS + "CreateKey", big);
        } catch (RuntimeException e) {
            throw new AssertionError("the client could not read the 413: " + e, e);
        }

        assertThat(response.statusCode()).isEqualTo(413);
        assertWireShape(response);
        assertThat(json(response.body()).get("__type").asText()).isEqualTo("SerializationException");
    }

    @Test
    void aChunkedBodyOverOneMebibyteIs413SerializationException() {
        byte[] big = ("{\"Description\": \"" + "x".repeat(KmsEndpoint.MAX_BODY_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send(http, request(endpoint, KMS + "CreateKey")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertWireShape(response);
        assertThat(json(response.body()).get("__type").asText()).isEqualTo("SerializationException");
    }

    @Test
    void aBodyOfExactlyOneMebibyteIsRead() {
        String padding = " ".repeat(KmsEndpoint.MAX_BODY_BYTES - "{}".length());

        HttpResponse<String> response = post(http, endpoint, KMS + "ListKeys", "{" + padding + "}");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aChunkedBodyIsRead() {
        byte[] body = "{\"Description\": \"sent in chunks\"}".getBytes(StandardCharsets.UTF_8);

        HttpRequest signed = signed(request(endpoint, KMS + "CreateKey").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), body, adminCredentials(endpoint), endpoint.region(), "kms");
        HttpRequest.Builder chunked = HttpRequest.newBuilder(signed.uri())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        signed.headers().map().forEach((name, values) -> values.forEach(v -> chunked.header(name, v)));

        HttpResponse<String> response = sendUnsigned(http, chunked.build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).at("/KeyMetadata/Description").asText()).isEqualTo("sent in chunks");
    }

    @Test
    void expectContinueIsHonoured() {
        HttpResponse<String> response = send(http, request(endpoint, KMS + "ListKeys").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- Coral's conversions (inferred)

    @Test
    void booleanMembersFollowCoralsStringConversion() {
        HttpResponse<String> yes = post(http, endpoint, KMS + "CreateKey", "{\"MultiRegion\": \"yes\"}");
        HttpResponse<String> perhaps = post(http, endpoint, KMS + "CreateKey", "{\"MultiRegion\": \"perhaps\"}");

        assertThat(yes.statusCode()).isEqualTo(200);
        assertThat(json(yes.body()).at("/KeyMetadata/MultiRegion").asBoolean()).isTrue();
        assertThat(perhaps.statusCode()).isEqualTo(400);
        assertThat(json(perhaps.body()).get("message").asText()).isEqualTo("'PERHAPS' can not be converted to an Boolean");
    }

    @Test
    void aListWhereATagBelongsIsStartOfList() {
        HttpResponse<String> response = post(http, endpoint, KMS + "CreateKey", "{\"Tags\": [[]]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).get("__type").asText()).isEqualTo("SerializationException");
        assertThat(json(response.body()).get("message").asText()).isEqualTo("Start of list found where not expected");
    }

    // ---------------------------------------------------------------- stalled and truncated requests

    private static Socket connect() throws IOException {
        Socket socket = new Socket(endpoint.url().replace("http://", "").split(":")[0], endpoint.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String headers(String target, long contentLength) {
        return "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + JSON_1_1 + "\r\nX-Amz-Target: " + target
                + "\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    /**
     * Reads one HTTP response (up to the end of its Content-Length body), or what arrived before the server
     * closed the connection or {@code socket}'s timeout passed.
     */
    private static String readResponse(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int headerEnd = -1;
        int contentLength = 0;
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                String text = out.toString(StandardCharsets.ISO_8859_1);
                if (headerEnd < 0 && text.contains("\r\n\r\n")) {
                    headerEnd = text.indexOf("\r\n\r\n") + 4;
                    Matcher length = CONTENT_LENGTH.matcher(text.substring(0, headerEnd));
                    contentLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
                }
                if (headerEnd >= 0 && out.size() >= headerEnd + contentLength) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // what arrived so far is the answer
        } catch (IOException e) {
            // a reset after the answer: what arrived so far is the answer
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Gives the server time to take up what was sent. */
    private static void pause() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A normal request on a fresh connection, which must be answered within two seconds. */
    private static void assertServedPromptly() {
        long started = System.nanoTime();
        HttpResponse<String> response = send(http, request(endpoint, KMS + "ListKeys")
                .timeout(Duration.ofSeconds(2)).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(millis).as("milliseconds to answer").isLessThan(2000);
    }

    @Test
    void aStalledBodyNeitherHangsTheServerNorGetsAnAnswer() throws IOException {
        try (Socket stalled = connect()) {
            write(stalled, headers(KMS + "ListKeys", 100) + "{\"Limit\":1");

            assertServedPromptly();

            stalled.setSoTimeout(300);
            assertThatThrownBy(() -> stalled.getInputStream().read())
                    .as("the server waits for the rest of the body rather than answering early")
                    .isInstanceOf(SocketTimeoutException.class);
        }
        assertServedPromptly();
    }

    @Test
    void severalStalledBodiesDoNotStarveOtherClients() throws IOException {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket s = connect();
                stalled.add(s);
                write(s, headers(KMS + "ListKeys", 100) + "{\"Limit\":1");
            }
            pause();

            assertServedPromptly();
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void severalStalledHeaderBlocksDoNotStarveOtherClients() throws IOException {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket s = connect();
                stalled.add(s);
                write(s, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Ta");
            }
            pause();

            assertServedPromptly();
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void aTruncatedBodyIsDroppedWithoutAServerError() throws IOException {
        String answer;
        try (Socket truncated = connect()) {
            write(truncated, headers(KMS + "ListKeys", 100) + "{\"Limit\":1");
            truncated.shutdownOutput();

            answer = readResponse(truncated);
        }

        assertThat(answer).as("either no answer or a client error").satisfiesAnyOf(
                a -> assertThat(a).isEmpty(),
                a -> assertThat(a).startsWith("HTTP/1.1 4"));
        assertNoStackTrace(answer);
        assertServedPromptly();
    }

    @Test
    void aDeclaredLengthOverOneMebibyteIs413BeforeTheBodyArrives() throws IOException {
        String answer;
        try (Socket socket = connect()) {
            write(socket, headers(KMS + "CreateKey", 50L * 1024 * 1024) + "{\"Description\": \"");

            answer = readResponse(socket);
        }

        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer).containsIgnoringCase("Content-Type: " + JSON_1_1);
        assertThat(answer).contains("\"__type\":\"SerializationException\"");
        assertNoStackTrace(answer);
    }

    @Test
    void anUnparsableContentLengthIsAClientError() throws IOException {
        String answer;
        try (Socket socket = connect()) {
            write(socket, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: " + KMS
                    + "ListKeys\r\nContent-Length: lots\r\n\r\n{}");

            answer = readResponse(socket);
        }

        assertThat(answer).as("either no answer or a client error").satisfiesAnyOf(
                a -> assertThat(a).isEmpty(),
                a -> assertThat(a).startsWith("HTTP/1.1 4"));
        assertNoStackTrace(answer);
        assertServedPromptly();
    }

    @Test
    void garbageInsteadOfHttpDoesNotHurtTheServer() throws IOException {
        String answer;
        try (Socket socket = connect()) {
            write(socket, "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003 not http at all\r\n\r\n");

            answer = readResponse(socket);
        }

        assertThat(answer).doesNotStartWith("HTTP/1.1 5");
        assertNoStackTrace(answer);
        assertServedPromptly();
    }
}
