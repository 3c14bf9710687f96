package dev.byokstudio.app;

import dev.byokstudio.store.WorkspaceException;
import dev.byokstudio.ui.StudioSession;
import java.util.Optional;

/**
 * Opens the workspace for the desktop application, off the JavaFX thread: given a passphrase when the
 * workspace needs one, it returns the session to show, or fails with a {@link WorkspaceException}.
 */
@FunctionalInterface
interface WorkspaceOpener {

    StudioSession open(Optional<char[]> passphrase);

    /** Thrown through {@link #open} when the workspace is protected and no (or a wrong) passphrase was given. */
    static boolean needsPassphrase(WorkspaceException e) {
        return e.problem() == WorkspaceException.Problem.PASSPHRASE_REQUIRED
                || e.problem() == WorkspaceException.Problem.WRONG_PASSPHRASE;
    }
}
