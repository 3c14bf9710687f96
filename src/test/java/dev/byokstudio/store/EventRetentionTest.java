package dev.byokstudio.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byokstudio.kms.TrailEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A workspace keeps its latest CloudTrail events, not all of them forever. */
class EventRetentionTest {

    private static TrailEvent event(int n) {
        return new TrailEvent("event-" + n, "ListKeys", "true", "AKIAEXAMPLE", Instant.ofEpochSecond(n), "kms.amazonaws.com",
                "Administrator", List.of(), "{}");
    }

    @Test
    void beyondTheLimit_theOldestEventsAreDropped_inMemory() {
        InMemoryWorkspaceStore store = new InMemoryWorkspaceStore();
        int appended = WorkspaceStore.MAX_EVENTS + 1_001;
        for (int n = 1; n <= appended; n++) {
            store.appendEvent(event(n));
        }
        List<TrailEvent> kept = store.events();
        assertThat(kept).hasSize(WorkspaceStore.MAX_EVENTS);
        assertThat(kept.get(0).eventId()).isEqualTo("event-" + appended);
        assertThat(kept.get(kept.size() - 1).eventId()).isEqualTo("event-" + (appended - WorkspaceStore.MAX_EVENTS + 1));
    }

    @Test
    void beyondTheLimit_theOldestEventsAreDropped_inTheDatabase(@TempDir Path dir) {
        try (Workspace ws = Workspace.open(dir, Workspace.Options.defaults("111122223333", "us-east-1"))) {
            WorkspaceStore store = ws.store();
            store.transaction(() -> {
                for (int n = 1; n <= WorkspaceStore.MAX_EVENTS + 1_000; n++) {
                    store.appendEvent(event(n));
                }
                return null;
            });
            List<TrailEvent> kept = store.transaction(store::events);
            assertThat(kept).hasSizeLessThanOrEqualTo(WorkspaceStore.MAX_EVENTS + 1_000)
                    .hasSizeGreaterThanOrEqualTo(WorkspaceStore.MAX_EVENTS);
            assertThat(kept.get(0).eventId()).isEqualTo("event-" + (WorkspaceStore.MAX_EVENTS + 1_000));
            assertThat(kept.get(kept.size() - 1).eventId()).isNotEqualTo("event-1");
        }
    }
}
