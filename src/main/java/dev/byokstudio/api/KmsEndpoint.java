package dev.byokstudio.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.byokstudio.kms.AccessKey;
import dev.byokstudio.kms.ClockControl;
import dev.byokstudio.kms.CloudTrail;
import dev.byokstudio.kms.Identities;
import dev.byokstudio.kms.Identities.CallOrigin;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.KmsException;
import dev.byokstudio.kms.KmsInternalException;
import dev.byokstudio.kms.SerializationException;
import dev.byokstudio.kms.UnknownOperationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP endpoint that speaks AWS KMS's JSON 1.1 wire protocol (reference §1): {@code POST /},
 * {@code X-Amz-Target: TrentService.<Operation>}, {@code application/x-amz-json-1.1}, errors as
 * {@code {"__type": ..., "message": ...}} with the status real KMS sends (400 for every client error).
 * The AWS CLI and SDKs pointed at it with an endpoint override drive the same model as the desktop
 * application. Every request must carry AWS Signature Version 4 by an access key of the workspace
 * ({@link SigV4Verifier}); it then acts as that key's principal, authorised and recorded in CloudTrail.
 * CloudTrail's LookupEvents is served beside KMS.
 *
 * <p>It never answers a client's mistake with a 5xx, never sends a stack trace, and never waits forever
 * on a client: a request that takes longer than {@link #MAX_REQUEST_SECONDS} to arrive is dropped.
 * Request bodies are not logged: they can carry key material and tokens.
 */
public final class KmsEndpoint implements AutoCloseable {

    /** The largest request body accepted. KMS's largest legitimate requests are well under 1 MiB. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    public static final int MAX_REQUEST_SECONDS = 30;
    /** How much of an oversized body is read and dropped so that its sender gets the 413. */
    static final long MAX_DRAINED_BYTES = 16L * 1024 * 1024;
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private static final System.Logger LOG = System.getLogger(KmsEndpoint.class.getName());
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(MAX_BODY_BYTES).build());
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Operations operations;
    private final Identities identities;
    private final SigV4Verifier verifier;
    private final String region;
    private final AtomicInteger active = new AtomicInteger();
    /** The KMS of the principal whose request this thread is answering. */
    private final ThreadLocal<Kms> caller = new ThreadLocal<>();

    private KmsEndpoint(HttpServer server, ExecutorService executor, Identities identities, ClockControl clock,
            String region) {
        this.server = server;
        this.executor = executor;
        this.identities = identities;
        this.region = region;
        this.verifier = new SigV4Verifier(identities::accessKey, region, modelClock(clock), Clock.systemUTC());
        this.operations = new Operations(requestScoped(), clock);
    }

    /** A Kms that forwards each call to the principal of the request being answered on this thread. */
    private Kms requestScoped() {
        return (Kms) Proxy.newProxyInstance(Kms.class.getClassLoader(), new Class<?>[] {Kms.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("toString") ? "KMS of the current request" : method.invoke(this, args);
                    }
                    Kms kms = caller.get();
                    if (kms == null) {
                        throw new IllegalStateException("no authenticated request on this thread");
                    }
                    try {
                        return method.invoke(kms, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Clock modelClock(ClockControl clock) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock.now();
            }
        };
    }

    /**
     * Starts serving {@code kms} on 127.0.0.1. Port 0 picks a free port; {@link #port()} tells which.
     *
     * @throws IOException if the port cannot be bound, e.g. because another process uses it
     */
    public static KmsEndpoint start(Identities identities, ClockControl clock, String region, int port)
            throws IOException {
        limitRequestTime();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        // A thread per connection in progress: the JDK server reads requests with blocking reads, so a
        // fixed pool would let a few stalled clients starve everyone; maxReqTime bounds each stall.
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
        KmsEndpoint endpoint = new KmsEndpoint(server, executor, identities, clock, region);
        server.createContext("/", endpoint::handle);
        server.setExecutor(executor);
        server.start();
        return endpoint;
    }

    /**
     * The JDK server reads these once, when it is first used: the first two bound how long a client may
     * stall; without the last, Nagle's algorithm against the client's delayed ACK adds ~40 ms to every
     * answer that has a body.
     */
    private static void limitRequestTime() {
        System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        System.setProperty("sun.net.httpserver.maxRspTime", Integer.toString(MAX_REQUEST_SECONDS));
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "kms-endpoint-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The region requests must be signed for: the workspace's. */
    public String region() {
        return region;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}, the value for {@code --endpoint-url}. */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
    }

    /** Lets requests in progress finish (for up to two seconds), then stops listening. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (active.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        long started = System.nanoTime();
        int status;
        active.incrementAndGet();
        try {
            status = respond(exchange, requestId, target);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "connection failed while answering {0}: {1}", target, e.toString());
            status = -1;
        } finally {
            exchange.close();
            active.decrementAndGet();
        }
        LOG.log(System.Logger.Level.DEBUG, "{0} {1} {2} ms", target, status, (System.nanoTime() - started) / 1_000_000);
    }

    private int respond(HttpExchange exchange, String requestId, String target) throws IOException {
        exchange.setAttribute(REQUEST_ID, requestId);
        Reply reply;
        try {
            reply = dispatch(exchange, target);
        } catch (KmsException e) {
            reply = Reply.error(e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "internal error in " + target + " (request " + requestId + ")", e);
            reply = Reply.error(new KmsInternalException("The embedded KMS failed while handling the request "
                    + requestId + "."));
        }
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        if (reply.allow != null) {
            exchange.getResponseHeaders().set("Allow", reply.allow);
        }
        byte[] body = reply.body == null ? new byte[0] : JSON.writeValueAsBytes(reply.body);
        exchange.sendResponseHeaders(reply.status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        return reply.status;
    }

    private Reply dispatch(HttpExchange exchange, String target) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            Reply r = Reply.error(405, new UnknownOperationException("KMS accepts only POST requests; got "
                    + exchange.getRequestMethod() + "."));
            r.allow = "POST";
            return r;
        }
        boolean cloudTrail = CloudTrailOperations.isCloudTrail(target);
        byte[] body = readBody(exchange);
        AccessKey key = verifier.verify(signed(exchange, body),
                cloudTrail ? CloudTrailOperations.SIGNING_NAME : "kms");
        CallOrigin origin = new CallOrigin(exchange.getRemoteAddress().getAddress().getHostAddress(),
                exchange.getRequestHeaders().getFirst("User-Agent"), key.accessKeyId(), requestId(exchange));
        if (cloudTrail) {
            Optional<CloudTrailOperations.Handler> handler = CloudTrailOperations.forTarget(target);
            if (handler.isEmpty()) {
                throw new UnknownOperationException("");
            }
            CloudTrail trail = identities.cloudTrailFor(key.principal(), origin);
            return Reply.ok(handler.get().handle(trail, new RequestReader(parse(body))));
        }
        Optional<Operations.Handler> handler = operations.forTarget(target);
        if (handler.isEmpty()) {
            throw new UnknownOperationException("");
        }
        ObjectNode document = parse(body);
        caller.set(identities.kmsFor(key.principal(), origin));
        try {
            return Reply.ok(handler.get().handle(new RequestReader(document)));
        } finally {
            caller.remove();
        }
    }

    private static final String REQUEST_ID = "byok-studio.request-id";

    private static String requestId(HttpExchange exchange) {
        return (String) exchange.getAttribute(REQUEST_ID);
    }

    private static SigV4Verifier.SignedRequest signed(HttpExchange exchange, byte[] body) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        return new SigV4Verifier.SignedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, body);
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw new SerializationException("Content-Length '" + declared + "' is not a number.");
            }
            if (length > MAX_BODY_BYTES) {
                if (length <= MAX_DRAINED_BYTES) {
                    discard(exchange.getRequestBody());
                }
                throw new RequestTooLarge(length);
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + n > MAX_BODY_BYTES) {
                    long seen = out.size() + n + discard(in);
                    throw new RequestTooLarge(seen);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    /**
     * Reads and drops what is left of a body (at most {@link #MAX_DRAINED_BYTES}), so that the client,
     * still sending, receives the answer rather than a reset connection. Returns the bytes dropped.
     */
    private static long discard(InputStream in) throws IOException {
        byte[] buffer = new byte[65536];
        long total = 0;
        int n;
        while (total < MAX_DRAINED_BYTES && (n = in.read(buffer)) != -1) {
            total += n;
        }
        return total;
    }

    private static ObjectNode parse(byte[] body) {
        if (isBlank(body)) {
            return JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new SerializationException("The request body nests too deeply or has a number too long to read.");
        } catch (MismatchedInputException e) {
            throw new SerializationException("The request body has content after its JSON object.");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new SerializationException("The request body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ".");
        } catch (IOException e) {
            throw new SerializationException("The request body could not be read: " + e.getMessage());
        }
        if (node == null || node.isNull()) {
            return JSON.createObjectNode();
        }
        if (node.isArray()) {
            throw new SerializationException("Start of list found where not expected");
        }
        if (!node.isObject()) {
            throw new SerializationException("Expected a JSON object as the request body; found "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        return (ObjectNode) node;
    }

    private static boolean isBlank(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).isBlank();
    }

    /** A body larger than {@link #MAX_BODY_BYTES}: 413, as HTTP front ends answer it. */
    private static final class RequestTooLarge extends SerializationException {
        RequestTooLarge(long size) {
            super("The request body has " + size + " bytes or more; the limit is " + MAX_BODY_BYTES + " bytes.");
        }

        @Override
        public int httpStatus() {
            return 413;
        }
    }

    private static final class Reply {
        final int status;
        final ObjectNode body;
        String allow;

        private Reply(int status, ObjectNode body) {
            this.status = status;
            this.body = body;
        }

        static Reply ok(ObjectNode body) {
            return new Reply(200, body);
        }

        static Reply error(KmsException e) {
            return error(e.httpStatus(), e);
        }

        static Reply error(int status, KmsException e) {
            ObjectNode body = JSON.createObjectNode();
            body.put("__type", e.errorCode());
            if (!e.awsMessage().isEmpty()) {
                body.put("message", e.awsMessage());
            }
            return new Reply(status, body);
        }
    }
}
