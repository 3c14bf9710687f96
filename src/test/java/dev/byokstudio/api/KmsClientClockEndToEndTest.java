package dev.byokstudio.api;

import static dev.byokstudio.api.EndpointTestSupport.JSON_1_1;
import static dev.byokstudio.api.EndpointTestSupport.assertAwsError;
import static dev.byokstudio.api.EndpointTestSupport.assertNoStackTrace;
import static dev.byokstudio.api.EndpointTestSupport.json;
import static dev.byokstudio.api.EndpointTestSupport.post;
import static dev.byokstudio.api.EndpointTestSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.byokstudio.embedded.EmbeddedKms;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.ScheduleKeyDeletionResponse;

/**
 * BYOK Studio's clock over the wire ({@code ByokStudio.GetClock}, {@code ByokStudio.AdvanceClock}), and
 * what moving it does to keys as the AWS SDK sees them. The model runs on real time here, so the tests
 * run in order: the clock is read before it is moved.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KmsClientClockEndToEndTest {

    static EmbeddedKms kms;
    static KmsEndpoint endpoint;
    static KmsClient client;
    static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        kms = EndpointTestSupport.newKms(Clock.systemUTC());
        endpoint = EndpointTestSupport.start(kms);
        client = EndpointTestSupport.sdkClient(endpoint);
        http = EndpointTestSupport.httpClient();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private static Instant instant(JsonNode epochSeconds) {
        BigDecimal seconds = epochSeconds.decimalValue();
        return Instant.ofEpochSecond(0).plusMillis(seconds.movePointRight(3).longValueExact());
    }

    private static HttpResponse<String> clockCall(String operation, String body) {
        HttpResponse<String> response = post(http, endpoint, "ByokStudio." + operation, body);
        assertNoStackTrace(response.body());
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON_1_1);
        return response;
    }

    @Test
    @Order(1)
    void getClockTellsTheModelsTimeWhichIsRealTimeBeforeAnyAdvance() {
        HttpResponse<String> response = clockCall("GetClock", "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode now = json(response.body()).get("Now");
        assertThat(now.isNumber()).isTrue();
        assertThat(instant(now)).isCloseTo(Instant.now(), within(5, java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    @Order(2)
    void advanceClockRefusesANegativeOrMissingAmount() {
        HttpResponse<String> negative = clockCall("AdvanceClock", "{\"Seconds\": -1}");
        HttpResponse<String> missing = clockCall("AdvanceClock", "{}");

        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(json(negative.body()).get("__type").asText()).isEqualTo("ValidationException");
        assertThat(json(negative.body()).get("message").asText()).isEqualTo("1 validation error detected: Value '-1' "
                + "at 'seconds' failed to satisfy constraint: Member must have value greater than or equal to 0");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing.body()).get("message").asText()).isEqualTo("1 validation error detected: Value null "
                + "at 'seconds' failed to satisfy constraint: Member must not be null");
        assertThat(instant(json(clockCall("GetClock", "{}").body()).get("Now")))
                .isCloseTo(Instant.now(), within(5, java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    @Order(3)
    void advancingPastTheDeletionDateDeletesTheKeyAndItsAliases() {
        KeyMetadata doomed = client.createKey(r -> r.description("doomed")).keyMetadata();
        KeyMetadata survivor = client.createKey(r -> r.description("survivor")).keyMetadata();
        client.createAlias(r -> r.aliasName("alias/doomed").targetKeyId(doomed.keyId()));
        Instant before = instant(json(clockCall("GetClock", "{}").body()).get("Now"));

        ScheduleKeyDeletionResponse scheduled = client.scheduleKeyDeletion(r -> r.keyId(doomed.keyId())
                .pendingWindowInDays(7));
        assertThat(scheduled.keyId()).isEqualTo(doomed.arn());
        assertThat(scheduled.pendingWindowInDays()).isEqualTo(7);
        assertThat(scheduled.deletionDate())
                .isCloseTo(before.plus(Duration.ofDays(7)), within(5, java.time.temporal.ChronoUnit.SECONDS));

        HttpResponse<String> advanced = clockCall("AdvanceClock", "{\"Seconds\": " + 31 * 86400 + "}");

        assertThat(advanced.statusCode()).isEqualTo(200);
        assertThat(instant(json(advanced.body()).get("Now")))
                .isCloseTo(before.plus(Duration.ofDays(31)), within(5, java.time.temporal.ChronoUnit.SECONDS));
        NotFoundException e = thrown(NotFoundException.class,
                () -> client.describeKey(r -> r.keyId(doomed.keyId())));
        assertAwsError(e, "NotFoundException", "Key '" + doomed.arn() + "' does not exist");
        assertThat(client.listAliases().aliases()).extracting(AliasListEntry::aliasName)
                .doesNotContain("alias/doomed");
        assertThat(client.describeKey(r -> r.keyId(survivor.keyId())).keyMetadata().keyState())
                .isEqualTo(survivor.keyState());
        assertThat(client.listKeys().keys()).extracting(k -> k.keyId())
                .contains(survivor.keyId()).doesNotContain(doomed.keyId());
    }

    @Test
    @Order(4)
    void keysCreatedAfterAnAdvanceCarryTheSimulatedDate() {
        Instant now = instant(json(clockCall("GetClock", "{}").body()).get("Now"));

        KeyMetadata key = client.createKey(r -> { }).keyMetadata();

        assertThat(now).isAfter(Instant.now().plus(Duration.ofDays(30)));
        assertThat(key.creationDate()).isCloseTo(now, within(5, java.time.temporal.ChronoUnit.SECONDS));
    }
}
