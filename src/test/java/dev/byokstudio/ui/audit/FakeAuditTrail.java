package dev.byokstudio.ui.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byokstudio.kms.AuditTrail;
import dev.byokstudio.kms.TrailEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/** An {@link AuditTrail} for tests: holds the events it is given and records what it was asked to write. */
public final class FakeAuditTrail implements AuditTrail {

    /** One call of {@link #writeLogFile}. */
    public record Written(List<TrailEvent> events, boolean gzip) {
    }

    private final List<TrailEvent> newestFirst = new CopyOnWriteArrayList<>();
    public final List<Written> written = new CopyOnWriteArrayList<>();
    public final AtomicInteger reads = new AtomicInteger();
    /** When set, {@link #events()} throws it. */
    public volatile RuntimeException failure;

    public FakeAuditTrail(List<TrailEvent> newestFirst) {
        this.newestFirst.addAll(newestFirst);
    }

    /** Records an event, as the backend does after a call. */
    public void record(TrailEvent event) {
        newestFirst.add(0, event);
    }

    @Override
    public List<TrailEvent> events() {
        reads.incrementAndGet();
        if (failure != null) {
            throw failure;
        }
        return List.copyOf(newestFirst);
    }

    @Override
    public void writeLogFile(List<TrailEvent> events, OutputStream out, boolean gzip) throws IOException {
        written.add(new Written(List.copyOf(events), gzip));
        ObjectMapper json = new ObjectMapper();
        ObjectNode file = json.createObjectNode();
        ArrayNode records = file.putArray("Records");
        List<TrailEvent> oldestFirst = new ArrayList<>(events);
        java.util.Collections.reverse(oldestFirst);
        for (TrailEvent event : oldestFirst) {
            records.add(json.readTree(event.cloudTrailEvent()));
        }
        OutputStream target = gzip ? new GZIPOutputStream(out) : out;
        target.write(json.writeValueAsBytes(file));
        if (target instanceof GZIPOutputStream zipped) {
            zipped.finish();
        }
        target.flush();
    }
}
