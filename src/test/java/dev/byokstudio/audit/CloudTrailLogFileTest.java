package dev.byokstudio.audit;

import static dev.byokstudio.audit.AuditFixtures.KEY_ARN;
import static dev.byokstudio.audit.AuditFixtures.KEY_ID;
import static dev.byokstudio.audit.AuditFixtures.call;
import static dev.byokstudio.audit.AuditFixtures.events;
import static dev.byokstudio.audit.AuditFixtures.fieldNames;
import static dev.byokstudio.audit.AuditFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.byokstudio.kms.DescribeKeyRequest;
import dev.byokstudio.kms.TrailEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class CloudTrailLogFileTest {

    private static final Instant T0 = Instant.parse("2026-11-28T17:00:00Z");

    /** Three events, newest first, as the audit trail gives them. */
    private static List<TrailEvent> newestFirst() {
        List<TrailEvent> events = new ArrayList<>();
        events.add(events().serviceEvent("DeleteExpiredKeyMaterial", T0.plusSeconds(120), Map.of("keyId", KEY_ID),
                List.of(KEY_ARN), "e3"));
        events.add(events().apiCall(call("DescribeKey", T0.plusSeconds(60), new DescribeKeyRequest(KEY_ID, null), null,
                KEY_ARN)));
        events.add(events().apiCall(call("ListKeys", T0, new dev.byokstudio.kms.ListKeysRequest(null, null), null)));
        return events;
    }

    private static JsonNode write(List<TrailEvent> events, boolean gzip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CloudTrailLogFile.write(events, out, gzip);
        byte[] bytes = out.toByteArray();
        if (gzip) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        return tree(new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void theLogFileHoldsEveryRecordAsAnObjectOldestFirst() throws IOException {
        List<TrailEvent> events = newestFirst();

        JsonNode file = write(events, false);

        assertThat(fieldNames(file)).containsExactly("Records");
        JsonNode records = file.get("Records");
        assertThat(records).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(records.get(i).isObject()).isTrue();
            assertThat(records.get(i)).isEqualTo(tree(events.get(2 - i).cloudTrailEvent()));
        }
        assertThat(records.get(0).get("eventName").textValue()).isEqualTo("ListKeys");
        assertThat(records.get(2).get("eventName").textValue()).isEqualTo("DeleteExpiredKeyMaterial");
    }

    @Test
    void aGzippedLogFileGunzipsToTheSameRecords() throws IOException {
        List<TrailEvent> events = newestFirst();

        assertThat(write(events, true)).isEqualTo(write(events, false));
    }

    @Test
    void eventsGivenOldestFirstStayInThatOrder() throws IOException {
        List<TrailEvent> oldestFirst = new ArrayList<>(newestFirst());
        java.util.Collections.reverse(oldestFirst);

        assertThat(write(oldestFirst, false)).isEqualTo(write(newestFirst(), false));
    }

    @Test
    void anEmptyTrailIsAnEmptyRecordsArray() throws IOException {
        assertThat(write(List.of(), true)).isEqualTo(tree("{\"Records\":[]}"));
    }

    @Test
    void theStreamIsLeftOpenForTheCaller() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("the log file must not close the caller's stream");
            }
        };

        CloudTrailLogFile.write(newestFirst(), out, true);

        assertThat(out.size()).isPositive();
    }

    @Test
    void anEventWithoutARecordIsAnError() {
        TrailEvent broken = new TrailEvent("x", "DescribeKey", "true", null, T0, "kms.amazonaws.com", null, List.of(),
                "\"not an object\"");

        assertThatThrownBy(() -> CloudTrailLogFile.write(List.of(broken), new ByteArrayOutputStream(), false))
                .isInstanceOf(IOException.class);
    }
}
