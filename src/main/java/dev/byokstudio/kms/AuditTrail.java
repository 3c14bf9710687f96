package dev.byokstudio.kms;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Every CloudTrail event the workspace recorded, for the audit view, and their export as a CloudTrail log file. */
public interface AuditTrail {

    /** All recorded events, newest first. */
    List<TrailEvent> events();

    /**
     * Writes {@code events} as one CloudTrail log file, {@code {"Records": [...]}}, oldest first as CloudTrail
     * delivers them; gzipped when {@code gzip} (CloudTrail's own {@code .json.gz} files).
     */
    void writeLogFile(List<TrailEvent> events, OutputStream out, boolean gzip) throws IOException;
}
