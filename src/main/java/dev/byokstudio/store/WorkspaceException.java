package dev.byokstudio.store;

import java.util.List;

/**
 * A workspace that cannot be opened or used as asked, with what went wrong in words a person reads and
 * the ways out. Never contains secrets.
 */
public final class WorkspaceException extends RuntimeException {

    /** What kind of problem it is; the UI and the launcher choose their ways out by it. */
    public enum Problem {
        /** Another BYOK Studio process has the workspace open. */
        IN_USE,
        /** The database or a sealed secret is damaged. */
        CORRUPT,
        /** Written by a newer BYOK Studio. */
        NEWER_VERSION,
        /** The workspace key file is missing or unreadable. */
        KEY_MISSING,
        /** The passphrase does not open the workspace. */
        WRONG_PASSPHRASE,
        /** The workspace is protected by a passphrase and none was given. */
        PASSPHRASE_REQUIRED,
        /** The directory is not a BYOK Studio workspace, or cannot be used as one. */
        NOT_A_WORKSPACE
    }

    private final Problem problem;
    private final List<String> waysOut;

    public WorkspaceException(Problem problem, String message, List<String> waysOut) {
        super(message, null, false, false);
        this.problem = problem;
        this.waysOut = List.copyOf(waysOut);
    }

    public WorkspaceException(Problem problem, String message, List<String> waysOut, Throwable cause) {
        super(message, cause, false, false);
        this.problem = problem;
        this.waysOut = List.copyOf(waysOut);
    }

    public Problem problem() {
        return problem;
    }

    /** What the person can do next, e.g. "Restore a backup", "Choose another workspace". */
    public List<String> waysOut() {
        return waysOut;
    }

    static WorkspaceException corrupt(String what) {
        return new WorkspaceException(Problem.CORRUPT, "The workspace is damaged: " + what + ".",
                List.of("Restore the workspace from a backup.", "Choose another workspace (--workspace DIR).",
                        "Keep the damaged directory: nothing in it was changed or deleted."));
    }
}
