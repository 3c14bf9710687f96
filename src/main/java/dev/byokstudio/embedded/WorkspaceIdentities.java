package dev.byokstudio.embedded;

import dev.byokstudio.kms.AccessKey;
import dev.byokstudio.kms.AuditTrail;
import dev.byokstudio.kms.CloudTrail;
import dev.byokstudio.kms.Identities;
import dev.byokstudio.kms.Kms;
import dev.byokstudio.kms.Principal;
import dev.byokstudio.store.StoredPrincipal;
import dev.byokstudio.store.WorkspaceStore;
import java.security.SecureRandom;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The workspace's account as callers see it: its principals and access keys (the defaults of
 * {@link DefaultPrincipals} in a new workspace), KMS and CloudTrail as each principal calls them —
 * authorised and recorded — and the recorded CloudTrail events. Registers the recorder for what KMS does
 * by itself (expiry, automatic rotation) with the model.
 */
public final class WorkspaceIdentities implements Identities {

    private final EmbeddedKms kms;
    private final WorkspaceStore store;
    private final Authorizer authorizer;
    private final AuditRecorder audit;
    private volatile List<StoredPrincipal> principals;

    private WorkspaceIdentities(EmbeddedKms kms) {
        this.kms = kms;
        this.store = kms.store();
        this.authorizer = new Authorizer(kms.account().accountId());
        this.audit = new AuditRecorder(store, kms.account(), kms::now);
        this.principals = store.transaction(store::principals);
    }

    /**
     * The identities of {@code kms}'s workspace; a workspace without principals (a new one, or one made before
     * principals existed) is given the default ones first.
     */
    public static WorkspaceIdentities open(EmbeddedKms kms, SecureRandom random) {
        WorkspaceStore store = kms.store();
        store.transaction(() -> {
            if (store.principals().isEmpty()) {
                DefaultPrincipals.create(kms.account(), random).forEach(store::putPrincipal);
            }
            return null;
        });
        WorkspaceIdentities identities = new WorkspaceIdentities(kms);
        kms.onServiceEvents(identities.audit);
        return identities;
    }

    @Override
    public String accountId() {
        return kms.account().accountId();
    }

    @Override
    public List<Principal> principals() {
        return principals.stream().map(StoredPrincipal::principal).toList();
    }

    /** The principals with their policies and access keys, for the workspace's credentials file. */
    public List<StoredPrincipal> storedPrincipals() {
        return principals;
    }

    @Override
    public Optional<Principal> principal(String name) {
        return stored(name).map(StoredPrincipal::principal);
    }

    Optional<StoredPrincipal> stored(String name) {
        return principals.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    public Optional<AccessKey> accessKey(String accessKeyId) {
        return principals.stream().filter(p -> p.accessKeyId().equals(accessKeyId)).findFirst()
                .map(p -> new AccessKey(p.accessKeyId(), p.secretAccessKey(), p.principal()));
    }

    @Override
    public AccessKey accessKeyOf(Principal principal) {
        StoredPrincipal p = storedOf(principal);
        return new AccessKey(p.accessKeyId(), p.secretAccessKey(), p.principal());
    }

    private StoredPrincipal storedOf(Principal principal) {
        return stored(principal.name()).filter(p -> p.principal().equals(principal))
                .orElseThrow(() -> new NoSuchElementException("no principal " + principal + " in this workspace"));
    }

    @Override
    public Kms kmsFor(Principal principal, CallOrigin origin) {
        return new AuthorizedKms(kms, authorizer, audit, storedOf(principal), origin);
    }

    @Override
    public CloudTrail cloudTrailFor(Principal principal, CallOrigin origin) {
        return new AuthorizedKms(kms, authorizer, audit, storedOf(principal), origin);
    }

    /** Every recorded CloudTrail event, for the audit view and its export. */
    public AuditTrail auditTrail() {
        return audit;
    }

    /** The policy simulator and key-policy templates over this account, acting as the administrator at first. */
    public DesktopAccess desktopAccess() {
        return new DesktopAccess(this, kms, authorizer);
    }
}
