package dev.byokstudio.api;

import dev.byokstudio.kms.AccessKey;
import dev.byokstudio.kms.AwsErrorException;
import dev.byokstudio.kms.Explanation;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.CredentialScope;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4Properties;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4RequestSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Verifies the AWS Signature Version 4 of a request made to the endpoint, as AWS's front end does, and
 * answers with the access key that signed it or with the error AWS gives.
 *
 * <h2>How the signature is checked</h2>
 * The expected signature is computed by the AWS SDK for Java's own SigV4 signer, never by code of ours:
 * the request is rebuilt with the client's method, path, query and body and with exactly the headers the
 * client listed in {@code SignedHeaders} (with the client's values, Host included), and signed with the
 * secret of the access key the credential names, at the instant of the client's {@code X-Amz-Date}, for
 * the region and service of the credential scope. The payload hash is always the SHA-256 of the body as
 * received, so a request whose body was changed after signing fails, and so does one that claims
 * {@code UNSIGNED-PAYLOAD}. The two signatures are compared in constant time.
 *
 * <p>The SDK's public {@link AwsV4HttpSigner} always adds and signs {@code host}, {@code x-amz-date} and
 * {@code x-amz-content-sha256}. That is the header set the Java SDK signs, and the verifier uses
 * {@code AwsV4HttpSigner} for every request whose {@code SignedHeaders} contain those three. botocore
 * (the AWS CLI, boto3) never sends {@code x-amz-content-sha256} outside S3: it signs
 * {@code content-type;host;x-amz-date;x-amz-target} (and {@code x-amz-security-token} with temporary
 * credentials), a set {@code AwsV4HttpSigner} cannot produce. For those requests the verifier calls the
 * SDK's request signer underneath {@code AwsV4HttpSigner} ({@link V4RequestSigner#create}, the step that
 * canonicalises the headers it is given and signs them), which signs exactly the given headers. It lives
 * in the SDK's {@code internal} package; the tests pin both paths against signatures made by botocore, by
 * the Java SDK and by AWS's published SigV4 test suite, so an SDK upgrade that changes it fails the build.
 * Neither SDK path can sign {@code user-agent}, {@code expect}, {@code connection} or
 * {@code x-amzn-trace-id} (AWS's own signers never sign them, as proxies change them): the SDK would drop
 * them from the canonical request and from its SignedHeaders line alike, and so accept a signature over
 * fewer headers than the client claims. A request that lists one of them is refused as a wrong signature.
 *
 * <h2>Order of checks and errors</h2>
 * All errors are {@link AwsErrorException}s, answered with HTTP 400 and AWS's wording, each with an
 * {@link Explanation} for a person. They never contain a secret access key.
 * <ol>
 * <li>No Authorization header: {@code MissingAuthenticationTokenException}.</li>
 * <li>A malformed or incomplete Authorization header, no X-Amz-Date or Date header, a date not in ISO 8601
 * basic format, Host not signed, an algorithm other than AWS4-HMAC-SHA256, a credential without five
 * parts: {@code IncompleteSignatureException} (Host: {@code InvalidSignatureException}).</li>
 * <li>A credential scoped to another region or service, with another terminator than
 * {@code aws4_request}, or dated otherwise than X-Amz-Date: {@code InvalidSignatureException}, all the
 * scope's faults in one message as AWS words it.</li>
 * <li>An access key ID the workspace does not know: {@code UnrecognizedClientException}.</li>
 * <li>A signature that does not match: {@code InvalidSignatureException}.</li>
 * <li>A signature that is not current: {@code InvalidSignatureException}.</li>
 * </ol>
 * AWS itself checks the time right after the date's format; BYOK Studio checks it last, so that a request
 * that is wrong in other ways is reported for what is wrong with it rather than for its age.
 *
 * <h2>When a signature is current (a product decision)</h2>
 * AWS accepts a signature whose X-Amz-Date is within 5 minutes of its clock. BYOK Studio has two clocks: the
 * model clock, which a trainer can move forward by hours or days to show key expiry and rotation, and the
 * wall clock of the machine. Clients sign with the wall clock and cannot follow the model clock, so a
 * request is current when its X-Amz-Date is within 5 minutes of the model clock <em>or</em> within 5 minutes
 * of the wall clock. When it is neither, the error says what AWS would say against the model clock, the
 * clock the workspace plays.
 *
 * <h2>What is not checked</h2>
 * An {@code X-Amz-Security-Token} is accepted as it comes (it is signed like any header, but BYOK Studio
 * issues no temporary credentials to check it against). Presigned requests (the signature in the query
 * string) are refused: AWS's tools do not presign KMS or CloudTrail requests.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SigV4Verifier {

    /** A request as received, before it is read: what the signature covers. */
    public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                                byte[] body) {

        /**
         * Copies the headers into a map whose names are case-insensitive; {@code rawQuery} and {@code body}
         * may be null (none). The body array is not copied: leave it unchanged while the request is verified.
         */
        public SignedRequest {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(rawPath, "rawPath");
            rawQuery = rawQuery == null ? "" : rawQuery;
            TreeMap<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Objects.requireNonNull(headers, "headers").forEach((name, values) -> {
                if (name != null && values != null) {
                    caseInsensitive.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values);
                }
            });
            caseInsensitive.replaceAll((name, values) -> List.copyOf(values));
            headers = Collections.unmodifiableMap(caseInsensitive);
            body = body == null ? new byte[0] : body;
        }

        /** The values of header {@code name}, whatever its case; empty when the request has none. */
        public List<String> headerValues(String name) {
            return headers.getOrDefault(name, List.of());
        }

        /** The first value of header {@code name}, whatever its case. */
        public Optional<String> firstHeader(String name) {
            List<String> values = headerValues(name);
            return values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
        }
    }

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final String TERMINATOR = "aws4_request";
    private static final DateTimeFormatter BASIC_DATE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT)
                    .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter BASIC_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Headers the SDK's canonical request leaves out whatever it is given, as AWS's own signers do. */
    private static final Set<String> UNSIGNABLE_HEADERS = Set.of("user-agent", "expect", "connection", "x-amzn-trace-id");
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final String CREDENTIALS_FILE_HINT =
            "the workspace's credentials file (AWS_SHARED_CREDENTIALS_FILE=<workspace>/credentials)";

    private final Function<String, Optional<AccessKey>> accessKeys;
    private final String region;
    private final Clock modelClock;
    private final Clock wallClock;

    /**
     * @param accessKeys the workspace's access keys by access key ID
     * @param region the region the endpoint plays, which credentials must be scoped to
     * @param modelClock the workspace's simulated clock
     * @param wallClock the machine's clock, which clients sign with
     */
    public SigV4Verifier(Function<String, Optional<AccessKey>> accessKeys, String region, Clock modelClock,
                         Clock wallClock) {
        this.accessKeys = Objects.requireNonNull(accessKeys, "accessKeys");
        this.region = Objects.requireNonNull(region, "region");
        this.modelClock = Objects.requireNonNull(modelClock, "modelClock");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
    }

    /**
     * Verifies the request's SigV4 signature for {@code service}, the signing name the target belongs to
     * ({@code kms} for KMS's operations, {@code cloudtrail} for CloudTrail's).
     *
     * @return the access key that signed the request
     * @throws AwsErrorException the error AWS answers, as listed in the class description
     */
    public AccessKey verify(SignedRequest request, String service) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(service, "service");
        Optional<String> authorization = request.firstHeader("Authorization");
        if (authorization.isEmpty()) {
            if (queryHasParameter(request.rawQuery(), "X-Amz-Algorithm")) {
                throw presignedNotSupported();
            }
            throw missingAuthenticationToken();
        }
        Authorization auth = Authorization.parse(authorization.get(), request);
        checkScope(auth, service);
        AccessKey accessKey = accessKeys.apply(auth.accessKeyId())
                .orElseThrow(() -> unrecognizedClient(auth.accessKeyId()));
        String expected = expectedSignature(request, auth, accessKey);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                auth.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw signatureDoesNotMatch(auth);
        }
        checkCurrent(auth.dateHeader(), auth.signedAt());
        return accessKey;
    }

    // ---- the Authorization header ------------------------------------------------------------------

    /** The parts of a well-formed SigV4 Authorization header, checked in AWS's order. */
    private record Authorization(String header, String credential, String accessKeyId, String scopeDate,
                                 String scopeRegion, String scopeService, String scopeTerminator,
                                 List<String> signedHeaders, String signature, String dateHeader, Instant signedAt) {

        static Authorization parse(String header, SignedRequest request) {
            String trimmed = header.trim();
            String[] tokens = trimmed.isEmpty() ? new String[0] : trimmed.split("[\\s,]+");
            String algorithm = tokens.length == 0 ? "" : tokens[0];
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 1; i < tokens.length; i++) {
                int equals = tokens[i].indexOf('=');
                if (equals < 0) {
                    throw notKeyValuePair(tokens[i], header);
                }
                parameters.putIfAbsent(tokens[i].substring(0, equals), tokens[i].substring(equals + 1));
            }

            String credential = parameters.getOrDefault("Credential", "");
            String signature = parameters.getOrDefault("Signature", "");
            String signedHeaders = parameters.getOrDefault("SignedHeaders", "");
            Optional<String> amzDate = request.firstHeader("X-Amz-Date");
            String dateHeader = amzDate.isPresent() ? amzDate.get() : request.firstHeader("Date").orElse("");
            List<String> missing = new ArrayList<>();
            if (credential.isEmpty()) {
                missing.add("Credential");
            }
            if (signature.isEmpty()) {
                missing.add("Signature");
            }
            if (signedHeaders.isEmpty()) {
                missing.add("SignedHeaders");
            }
            if (!missing.isEmpty() || dateHeader.isEmpty()) {
                throw incompleteAuthorization(missing, dateHeader.isEmpty(), header);
            }

            Instant signedAt;
            try {
                signedAt = LocalDateTime.parse(dateHeader, BASIC_DATE_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw dateNotBasicFormat(dateHeader);
            }

            List<String> headerNames = Arrays.stream(signedHeaders.split(";"))
                    .map(name -> name.trim().toLowerCase(Locale.ROOT))
                    .filter(name -> !name.isEmpty())
                    .distinct()
                    .toList();
            if (!headerNames.contains("host")) {
                throw hostNotSigned(signedHeaders);
            }
            if (!ALGORITHM.equals(algorithm)) {
                throw unsupportedAlgorithm(algorithm);
            }

            String[] scope = stripTrailingSlashes(credential).split("/", -1);
            if (scope.length != 5) {
                throw credentialNotFiveParts(credential);
            }
            return new Authorization(header, credential, scope[0], scope[1], scope[2], scope[3], scope[4],
                    headerNames, signature, dateHeader, signedAt);
        }

        private static String stripTrailingSlashes(String credential) {
            int end = credential.length();
            while (end > 0 && credential.charAt(end - 1) == '/') {
                end--;
            }
            return credential.substring(0, end);
        }
    }

    private void checkScope(Authorization auth, String service) {
        StringBuilder faults = new StringBuilder();
        List<String> causes = new ArrayList<>();
        List<String> todo = new ArrayList<>();
        if (!region.equals(auth.scopeRegion())) {
            faults.append("Credential should be scoped to a valid region. ");
            causes.add("The client is configured for region '" + auth.scopeRegion() + "' (AWS_REGION, --region or "
                    + "the profile's region), but this endpoint plays " + region + ".");
            todo.add("Sign for " + region + ": run the client with AWS_REGION=" + region + " or --region " + region
                    + ", or use the workspace's config file, which names the region the workspace plays.");
        }
        if (!service.equals(auth.scopeService())) {
            faults.append("Credential should be scoped to correct service: '").append(service).append("'. ");
            causes.add("The request was signed for service '" + auth.scopeService() + "', but its target belongs to '"
                    + service + "': a client of another service was pointed at this endpoint, or a hand-made "
                    + "signature named the wrong service.");
            todo.add("Send " + service + " operations with the " + service + " client (aws " + service
                    + " ..., or the SDK's " + service + " client), which signs them for '" + service + "'.");
        }
        if (!TERMINATOR.equals(auth.scopeTerminator())) {
            faults.append("Credential should be scoped with a valid terminator: 'aws4_request', not '")
                    .append(auth.scopeTerminator()).append("'. ");
            causes.add("The credential scope ends in '" + auth.scopeTerminator() + "' instead of aws4_request: the "
                    + "signature was made by hand or by a tool that does not implement SigV4.");
            todo.add("End the credential scope with aws4_request, or let the AWS CLI or an AWS SDK sign the request.");
        }
        String dateOfRequest = BASIC_DATE.format(auth.signedAt());
        if (!dateOfRequest.equals(auth.scopeDate())) {
            faults.append("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '")
                    .append(auth.scopeDate()).append("' != '").append(dateOfRequest).append("', from '")
                    .append(auth.dateHeader()).append("'. ");
            causes.add("The signature's date (" + auth.scopeDate() + ") is not the date of X-Amz-Date ("
                    + auth.dateHeader() + "): a hand-made signature took the two at different times, or took the "
                    + "date in local time instead of UTC.");
            todo.add("Use the UTC date of X-Amz-Date in the credential scope; the AWS CLI and SDKs do this themselves.");
        }
        if (faults.length() > 0) {
            throw new AwsErrorException("InvalidSignatureException", faults.toString(), Explanation.of(
                    "The request's credential scope (" + scopeOf(auth) + ") does not fit this request, so its "
                            + "signature cannot be accepted.",
                    String.join(" ", todo), causes.toArray(String[]::new)));
        }
    }

    private static String scopeOf(Authorization auth) {
        return auth.scopeDate() + "/" + auth.scopeRegion() + "/" + auth.scopeService() + "/" + auth.scopeTerminator();
    }

    // ---- the signature -----------------------------------------------------------------------------

    /**
     * The signature the SDK's signer makes for the request as the client signed it: the same method, path,
     * query and body, exactly the signed headers with the client's values, the access key's secret, and the
     * credential scope's region and service at the instant of X-Amz-Date.
     */
    private static String expectedSignature(SignedRequest request, Authorization auth, AccessKey accessKey) {
        if (auth.signedHeaders().stream().anyMatch(UNSIGNABLE_HEADERS::contains)) {
            // The SDK would leave these out of both the canonical headers and the SignedHeaders line, and so
            // accept a signature over fewer headers than the client claims; AWS includes them. Refuse instead.
            return "";
        }
        byte[] secret = accessKey.secretAccessKey().revealCopy();
        try {
            SdkHttpRequest.Builder toSign = SdkHttpRequest.builder()
                    .method(SdkHttpMethod.fromValue(request.method().toUpperCase(Locale.ROOT)))
                    .protocol("http")
                    .host("localhost")
                    .encodedPath(request.rawPath().isEmpty() ? "/" : request.rawPath());
            rawQueryParameters(request.rawQuery()).forEach(toSign::putRawQueryParameter);
            for (String name : auth.signedHeaders()) {
                List<String> values = request.headerValues(name);
                toSign.putHeader(name, values.isEmpty() ? List.of("") : values);
            }
            Clock signingClock = Clock.fixed(auth.signedAt(), ZoneOffset.UTC);
            AwsCredentialsIdentity credentials = AwsCredentialsIdentity.create(auth.accessKeyId(),
                    new String(secret, StandardCharsets.UTF_8));
            if (auth.signedHeaders().containsAll(List.of("host", "x-amz-date", "x-amz-content-sha256"))) {
                return signWithAwsV4HttpSigner(toSign.build(), request.body(), credentials, auth, signingClock);
            }
            return signExactHeaders(toSign, request.body(), credentials, auth, signingClock);
        } catch (IllegalArgumentException e) {
            // A method the SDK does not know, or a path or query that is not a valid URI: nothing the client
            // can have signed the way AWS would check it.
            return "";
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The Java SDK's header set: {@link AwsV4HttpSigner} adds host, x-amz-date and x-amz-content-sha256. */
    private static String signWithAwsV4HttpSigner(SdkHttpRequest toSign, byte[] body,
                                                  AwsCredentialsIdentity credentials, Authorization auth,
                                                  Clock signingClock) {
        software.amazon.awssdk.http.auth.spi.signer.SignedRequest signed = SIGNER.sign(r -> r
                .identity(credentials)
                .request(toSign)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, auth.scopeService())
                .putProperty(AwsV4HttpSigner.REGION_NAME, auth.scopeRegion())
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, signingClock)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        String authorization = signed.request().firstMatchingHeader("Authorization").orElse("");
        int at = authorization.lastIndexOf("Signature=");
        return at < 0 ? "" : authorization.substring(at + "Signature=".length());
    }

    /**
     * Any other header set (botocore's, AWS's test suite's): the SDK's request signer, the step under
     * {@link AwsV4HttpSigner} that signs exactly the headers it is given.
     */
    private static String signExactHeaders(SdkHttpRequest.Builder toSign, byte[] body,
                                           AwsCredentialsIdentity credentials, Authorization auth,
                                           Clock signingClock) {
        V4Properties properties = V4Properties.builder()
                .credentials(credentials)
                .credentialScope(new CredentialScope(auth.scopeRegion(), auth.scopeService(), auth.signedAt()))
                .signingClock(signingClock)
                .doubleUrlEncode(true)
                .normalizePath(true)
                .build();
        return V4RequestSigner.create(properties, sha256Hex(body)).sign(toSign).getSignature();
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The query's parameters, decoded (the signer encodes them again as SigV4 wants); '+' stays '+'. */
    private static Map<String, List<String>> rawQueryParameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = percentDecode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : percentDecode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String percentDecode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static boolean queryHasParameter(String rawQuery, String name) {
        return rawQueryParameters(rawQuery).containsKey(name);
    }

    // ---- the time ----------------------------------------------------------------------------------

    private void checkCurrent(String dateHeader, Instant signedAt) {
        Instant modelNow = modelClock.instant();
        Instant wallNow = wallClock.instant();
        if (isCurrent(signedAt, modelNow) || isCurrent(signedAt, wallNow)) {
            return;
        }
        String now = BASIC_DATE_TIME.format(modelNow);
        boolean expired = signedAt.isBefore(modelNow.minus(MAX_SKEW));
        String message = expired
                ? "Signature expired: " + dateHeader + " is now earlier than "
                        + BASIC_DATE_TIME.format(modelNow.minus(MAX_SKEW)) + " (" + now + " - 5 min.)"
                : "Signature not yet current: " + dateHeader + " is still later than "
                        + BASIC_DATE_TIME.format(modelNow.plus(MAX_SKEW)) + " (" + now + " + 5 min.)";
        throw new AwsErrorException("InvalidSignatureException", message, Explanation.of(
                "The request was signed at " + dateHeader + ", " + (expired ? "more than 5 minutes before" : "more "
                        + "than 5 minutes after") + " both BYOK Studio's simulated clock (" + now + ") and this "
                        + "computer's clock (" + BASIC_DATE_TIME.format(wallNow) + "). A signature is accepted within "
                        + "5 minutes of either.",
                "Send the request again, signed now. If it keeps happening, set the clock of the machine that signs "
                        + "right (turn on network time synchronisation).",
                "The clock of the machine that signs the request is wrong or in another time zone than it thinks.",
                expired ? "The request was sent long after it was signed (replayed, or held up by a retry or a "
                        + "proxy)." : "The request was signed with a date in the future."));
    }

    private static boolean isCurrent(Instant signedAt, Instant now) {
        return !signedAt.isBefore(now.minus(MAX_SKEW)) && !signedAt.isAfter(now.plus(MAX_SKEW));
    }

    // ---- the errors --------------------------------------------------------------------------------

    private static AwsErrorException missingAuthenticationToken() {
        return new AwsErrorException("MissingAuthenticationTokenException", "Missing Authentication Token",
                Explanation.of(
                        "The request carries no AWS signature: it has no Authorization header.",
                        "Let the AWS CLI or an AWS SDK sign the request with one of the workspace's access keys: "
                                + "point it at " + CREDENTIALS_FILE_HINT + ", or set AWS_ACCESS_KEY_ID and "
                                + "AWS_SECRET_ACCESS_KEY to a workspace access key.",
                        "The client found no credentials, or was told not to sign (aws --no-sign-request).",
                        "The request was sent with curl or another HTTP client that does not sign requests.",
                        "A proxy between the client and BYOK Studio dropped the Authorization header."));
    }

    private static AwsErrorException presignedNotSupported() {
        return new AwsErrorException("IncompleteSignatureException",
                "BYOK Studio accepts SigV4 signatures in the Authorization header only, not in the query string.",
                Explanation.of(
                        "The request is signed in its query string (X-Amz-Algorithm, X-Amz-Signature: a presigned "
                                + "request). BYOK Studio checks only signatures sent in the Authorization header.",
                        "Send the request with the AWS CLI or an AWS SDK, which sign KMS and CloudTrail requests in "
                                + "the Authorization header.",
                        "The request was presigned by hand or with a generic presigning tool."));
    }

    private static AwsErrorException notKeyValuePair(String token, String header) {
        return new AwsErrorException("IncompleteSignatureException",
                "'" + token + "' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                        + header + "'.",
                Explanation.of(
                        "The Authorization header is malformed: '" + token + "' is not a name=value pair.",
                        "A SigV4 Authorization header reads 'AWS4-HMAC-SHA256 Credential=<access key ID>/<date>/"
                                + "<region>/<service>/aws4_request, SignedHeaders=<names>, Signature=<hex>'. Let the "
                                + "AWS CLI or an AWS SDK write it.",
                        "A space or a line break was pasted into the credentials (for example after 'Credential=').",
                        "The header was written by hand, or by a tool that uses another scheme."));
    }

    private static AwsErrorException incompleteAuthorization(List<String> missingParameters, boolean missingDate,
                                                             String header) {
        StringBuilder message = new StringBuilder();
        for (String parameter : missingParameters) {
            message.append("Authorization header requires '").append(parameter).append("' parameter. ");
        }
        if (missingDate) {
            message.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        message.append("Authorization=").append(header);
        List<String> lacks = new ArrayList<>(missingParameters);
        if (missingDate) {
            lacks.add("an X-Amz-Date header");
        }
        return new AwsErrorException("IncompleteSignatureException", message.toString(), Explanation.of(
                "The request's SigV4 signature is incomplete: it lacks " + String.join(", ", lacks) + ".",
                "Let the AWS CLI or an AWS SDK sign the request with one of the workspace's access keys ("
                        + CREDENTIALS_FILE_HINT + "). A hand-made request needs an X-Amz-Date header and an "
                        + "Authorization header with Credential, SignedHeaders and Signature.",
                "The Authorization header uses another scheme: SigV2's 'AWS <key>:<signature>', a bearer token, "
                        + "basic authentication.",
                "The request was written by hand and a part was left out.",
                "A proxy dropped the X-Amz-Date header."));
    }

    private static AwsErrorException dateNotBasicFormat(String date) {
        return new AwsErrorException("IncompleteSignatureException",
                "Date must be in ISO-8601 'basic format'. Got '" + date + "'. See http://en.wikipedia.org/wiki/ISO_8601",
                Explanation.of(
                        "The request's date '" + date + "' is not in the form SigV4 requires.",
                        "Send X-Amz-Date in UTC in ISO 8601 basic format, such as 20260101T120000Z; the AWS CLI "
                                + "and SDKs do.",
                        "The date was written in another format (with dashes and colons, or as an HTTP date).",
                        "The request was written by hand."));
    }

    private static AwsErrorException hostNotSigned(String signedHeaders) {
        return new AwsErrorException("InvalidSignatureException",
                "'Host' must be a 'SignedHeader' in the AWS Authorization.", Explanation.of(
                        "The signature does not cover the Host header (SignedHeaders=" + signedHeaders + "), and AWS "
                                + "requires it to.",
                        "Sign the Host header; the AWS CLI and SDKs always do.",
                        "The request was signed by hand or by a tool that leaves Host out."));
    }

    private static AwsErrorException unsupportedAlgorithm(String algorithm) {
        return new AwsErrorException("IncompleteSignatureException",
                "Unsupported AWS 'algorithm': '" + algorithm + "' (only AWS4-HMAC-SHA256 for now). ",
                Explanation.of(
                        "The request is signed with '" + algorithm + "', but KMS accepts only AWS4-HMAC-SHA256 "
                                + "(Signature Version 4).",
                        "Sign with SigV4 (AWS4-HMAC-SHA256), as the AWS CLI and SDKs do for KMS.",
                        "The client was configured for another signature version (SigV4a, SigV2).",
                        "The algorithm name was mistyped in a hand-made request."));
    }

    private static AwsErrorException credentialNotFiveParts(String credential) {
        return new AwsErrorException("IncompleteSignatureException",
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '"
                        + credential + "'",
                Explanation.of(
                        "The Credential of the Authorization header ('" + credential + "') is not "
                                + "<access key ID>/<date>/<region>/<service>/aws4_request.",
                        "Let the AWS CLI or an AWS SDK sign the request, or write the credential in that form.",
                        "The access key ID is missing or contains a slash.",
                        "The header was written by hand."));
    }

    private static AwsErrorException unrecognizedClient(String accessKeyId) {
        return new AwsErrorException("UnrecognizedClientException",
                "The security token included in the request is invalid.", Explanation.of(
                        "No access key with ID '" + accessKeyId + "' exists in this workspace.",
                        "Sign with one of the workspace's access keys: point the client at " + CREDENTIALS_FILE_HINT
                                + " and choose a profile, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to a "
                                + "workspace access key.",
                        "The client used real AWS credentials (from ~/.aws/credentials, the environment or an "
                                + "instance role) instead of the workspace's.",
                        "The access key belongs to another workspace, or was deleted.",
                        "A typing mistake in the access key ID."));
    }

    private static AwsErrorException signatureDoesNotMatch(Authorization auth) {
        List<String> causes = new ArrayList<>(List.of(
                "The secret access key does not belong to access key " + auth.accessKeyId() + " (for example a real "
                        + "AWS secret paired with a workspace access key ID).",
                "The body or a signed header was changed after the request was signed, for example by a proxy.",
                "The signature was computed by hand, with a mistake in the canonical request."));
        List<String> unsignable = auth.signedHeaders().stream().filter(UNSIGNABLE_HEADERS::contains).toList();
        if (!unsignable.isEmpty()) {
            causes.add("The signature covers " + String.join(", ", unsignable) + ", which AWS's signers never sign "
                    + "because proxies change them.");
        }
        return new AwsErrorException("InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS "
                        + "Secret Access Key and signing method. Consult the service documentation for details.",
                Explanation.of(
                        "The request's signature is not the one the secret access key of " + auth.accessKeyId()
                                + " gives for this request.",
                        "Sign with the secret that belongs to " + auth.accessKeyId() + ": use "
                                + CREDENTIALS_FILE_HINT + " unchanged. If a proxy sits between the client and BYOK "
                                + "Studio, make it forward the request's headers and body unchanged.",
                        causes.toArray(String[]::new)));
    }
}
