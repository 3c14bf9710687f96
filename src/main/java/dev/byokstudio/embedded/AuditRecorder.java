package dev.byokstudio.embedded;

import dev.byokstudio.audit.CloudTrailEvents;
import dev.byokstudio.audit.CloudTrailLogFile;
import dev.byokstudio.kms.AuditTrail;
import dev.byokstudio.kms.Identities.CallOrigin;
import dev.byokstudio.kms.Principal;
import dev.byokstudio.kms.TrailEvent;
import dev.byokstudio.store.WorkspaceStore;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Records CloudTrail events in the workspace: one per API call, allowed or refused, and one per thing KMS
 * does by itself. A call's record is written in a transaction of its own after the call, so a failed call is
 * recorded although its own changes were rolled back.
 */
final class AuditRecorder implements ServiceEvents, AuditTrail {

    static final String KMS_SOURCE = "kms.amazonaws.com";
    static final String CLOUDTRAIL_SOURCE = "cloudtrail.amazonaws.com";

    private final WorkspaceStore store;
    private final CloudTrailEvents events;
    private final Supplier<Instant> clock;

    AuditRecorder(WorkspaceStore store, AccountContext account, Supplier<Instant> clock) {
        this.store = store;
        this.events = new CloudTrailEvents(account.accountId(), account.region());
        this.clock = clock;
    }

    void apiCall(String eventName, String eventSource, Principal caller, CallOrigin origin, Object request,
            Object response, String errorCode, String errorMessage, List<String> keyArns) {
        TrailEvent event = events.apiCall(new CloudTrailEvents.ApiCall(eventName, eventSource, clock.get(), caller,
                origin.accessKeyId(), origin.sourceIpAddress(), origin.userAgent(), request, response, errorCode,
                errorMessage, keyArns, origin.requestId() == null ? UUID.randomUUID().toString() : origin.requestId(),
                UUID.randomUUID().toString()));
        store.transaction(() -> {
            store.appendEvent(event);
            return null;
        });
    }

    @Override
    public void materialExpired(String keyArn, String keyMaterialId, Instant at) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("keyId", keyArn);
        if (keyMaterialId != null) {
            details.put("keyMaterialId", keyMaterialId);
        }
        store.appendEvent(events.serviceEvent("DeleteExpiredKeyMaterial", at, details, List.of(keyArn),
                UUID.randomUUID().toString()));
    }

    @Override
    public void keyRotated(String keyArn, Instant at) {
        store.appendEvent(events.serviceEvent("RotateKey", at, Map.of("keyId", keyArn), List.of(keyArn),
                UUID.randomUUID().toString()));
    }

    @Override
    public List<TrailEvent> events() {
        return store.transaction(store::events);
    }

    @Override
    public void writeLogFile(List<TrailEvent> list, OutputStream out, boolean gzip) throws IOException {
        CloudTrailLogFile.write(list, out, gzip);
    }
}
