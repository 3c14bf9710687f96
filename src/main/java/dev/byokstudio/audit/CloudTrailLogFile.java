package dev.byokstudio.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.byokstudio.kms.TrailEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A CloudTrail log file as CloudTrail delivers it to S3: {@code {"Records":[...]}}, each record the
 * event's JSON as an object, oldest first; gzipped like CloudTrail's own {@code .json.gz} files when asked.
 */
public final class CloudTrailLogFile {

    private CloudTrailLogFile() {
    }

    /**
     * Writes {@code events} (in either order: newest first as LookupEvents and the audit trail give them,
     * or oldest first) as one log file, oldest first. Events of the same second keep their relative
     * order. {@code out} is flushed, not closed.
     *
     * @throws IOException if {@code out} fails, or an event's {@code cloudTrailEvent} is not a JSON object
     */
    public static void write(List<TrailEvent> events, OutputStream out, boolean gzip) throws IOException {
        List<TrailEvent> oldestFirst = new ArrayList<>(events);
        if (oldestFirst.size() > 1
                && oldestFirst.get(0).eventTime().isAfter(oldestFirst.get(oldestFirst.size() - 1).eventTime())) {
            Collections.reverse(oldestFirst);
        }
        oldestFirst.sort(Comparator.comparing(TrailEvent::eventTime));

        GZIPOutputStream zipped = gzip ? new GZIPOutputStream(out) : null;
        OutputStream target = gzip ? zipped : out;
        try (JsonGenerator json = CloudTrailEvents.JSON.getFactory().createGenerator(target)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeArrayFieldStart("Records");
            for (TrailEvent event : oldestFirst) {
                JsonNode record = CloudTrailEvents.JSON.readTree(event.cloudTrailEvent());
                if (record == null || !record.isObject()) {
                    throw new IOException("event " + event.eventId() + " has no CloudTrail record (a JSON object)");
                }
                json.writeTree(record);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        if (zipped != null) {
            zipped.finish();
        }
        out.flush();
    }
}
