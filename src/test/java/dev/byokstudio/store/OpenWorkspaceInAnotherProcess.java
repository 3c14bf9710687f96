package dev.byokstudio.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Run by {@link WorkspaceOpeningTest} in a second JVM: opens the workspace given as the only argument,
 * with its own region, closes it again, and prints one line — {@code OPENED <region>} or
 * {@code REFUSED <problem> <message>}.
 */
public final class OpenWorkspaceInAnotherProcess {

    private OpenWorkspaceInAnotherProcess() {
    }

    public static void main(String[] args) {
        Workspace.Options options = new Workspace.Options(WorkspaceFixture.ACCOUNT, Optional.empty(), Optional.empty(), false);
        try (Workspace ws = Workspace.open(Path.of(args[0]), options)) {
            System.out.println("OPENED " + ws.region());
        } catch (WorkspaceException e) {
            System.out.println("REFUSED " + e.problem() + " " + e.getMessage().replace('\n', ' '));
        }
    }
}
