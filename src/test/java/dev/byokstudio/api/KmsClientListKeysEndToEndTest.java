package dev.byokstudio.api;

import static dev.byokstudio.api.EndpointTestSupport.assertAwsError;
import static dev.byokstudio.api.EndpointTestSupport.keyArn;
import static dev.byokstudio.api.EndpointTestSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.embedded.EmbeddedKms;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.InvalidMarkerException;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;

/**
 * ListKeys through the real AWS SDK for Java v2: Limit/NextMarker paging, the SDK's paginator, and the
 * marker and limit errors. The model runs on real time here, so that keys have distinct creation dates.
 */
class KmsClientListKeysEndToEndTest {

    static EmbeddedKms kms;
    static KmsEndpoint endpoint;
    static KmsClient client;

    @BeforeAll
    static void start() throws IOException {
        kms = EndpointTestSupport.newKms(Clock.systemUTC());
        endpoint = EndpointTestSupport.start(kms);
        client = EndpointTestSupport.sdkClient(endpoint);
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

    private static List<String> createKeys(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(client.createKey(r -> { }).keyMetadata().keyId());
        }
        return ids;
    }

    private static List<String> allInOnePage() {
        ListKeysResponse all = client.listKeys(r -> r.limit(1000));
        assertThat(all.truncated()).isFalse();
        assertThat(all.nextMarker()).isNull();
        return all.keys().stream().map(KeyListEntry::keyId).collect(Collectors.toList());
    }

    /** Pages through ListKeys with {@code limit}, checking each page's shape; returns the key IDs in order. */
    private static List<String> pageThrough(int limit) {
        List<String> paged = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String m = marker;
            ListKeysResponse page = client.listKeys(r -> r.limit(limit).marker(m));
            pages++;
            assertThat(page.keys()).hasSizeLessThanOrEqualTo(limit);
            assertThat(page.truncated()).isEqualTo(page.nextMarker() != null);
            if (page.truncated()) {
                assertThat(page.keys()).hasSize(limit);
            }
            page.keys().forEach(k -> paged.add(k.keyId()));
            marker = page.nextMarker();
        } while (marker != null && pages < 1000);
        return paged;
    }

    @Test
    void listKeysPagesWithLimitAndNextMarker() {
        List<String> created = createKeys(5);
        List<String> all = allInOnePage();
        assertThat(all).containsAll(created).doesNotHaveDuplicates();

        List<String> paged = pageThrough(2);

        assertThat(paged).containsExactlyElementsOf(all);
    }

    @Test
    void listKeysEntriesCarryTheKeyArn() {
        createKeys(1);

        assertThat(client.listKeys().keys())
                .isNotEmpty()
                .allSatisfy(k -> assertThat(k.keyArn()).isEqualTo(keyArn(k.keyId())));
    }

    @Test
    void theSdksPaginatorFollowsNextMarker() {
        createKeys(3);

        List<String> viaPaginator = client.listKeysPaginator(r -> r.limit(1)).keys().stream()
                .map(KeyListEntry::keyId).collect(Collectors.toList());

        assertThat(viaPaginator).containsExactlyElementsOf(allInOnePage());
    }

    @Test
    void aMarkerTheListingNeverIssuedIsInvalidMarker() {
        InvalidMarkerException e = thrown(InvalidMarkerException.class,
                () -> client.listKeys(r -> r.marker("not-a-marker!")));

        assertAwsError(e, "InvalidMarkerException", null);
    }

    @Test
    void anotherListingsMarkerIsInvalidMarker() {
        String keyId = createKeys(1).get(0);
        client.createAlias(r -> r.aliasName("alias/marker-1").targetKeyId(keyId));
        client.createAlias(r -> r.aliasName("alias/marker-2").targetKeyId(keyId));
        String aliasMarker = client.listAliases(r -> r.limit(1)).nextMarker();
        assertThat(aliasMarker).isNotNull();

        InvalidMarkerException e = thrown(InvalidMarkerException.class,
                () -> client.listKeys(r -> r.marker(aliasMarker)));

        assertAwsError(e, "InvalidMarkerException", null);
    }

    @Test
    void aLimitOutsideOneToAThousandIsAValidationException() {
        KmsException zero = thrown(KmsException.class, () -> client.listKeys(r -> r.limit(0)));
        KmsException tooMany = thrown(KmsException.class, () -> client.listKeys(r -> r.limit(1001)));

        assertAwsError(zero, "ValidationException", "1 validation error detected: Value '0' at 'limit' failed to "
                + "satisfy constraint: Member must have value greater than or equal to 1");
        assertAwsError(tooMany, "ValidationException", "1 validation error detected: Value '1001' at 'limit' failed "
                + "to satisfy constraint: Member must have value less than or equal to 1000");
    }

    @Test
    void pagingStaysCompleteAfterTheClockReturnsToRealTime() {
        kms.advance(Duration.ofDays(2));
        createKeys(3);
        kms.returnToRealTime();
        createKeys(3);
        List<String> all = allInOnePage();

        List<String> paged = pageThrough(2);

        assertThat(paged).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    }
}
