package dev.byokstudio.app;

import dev.byokstudio.api.KmsEndpoint;
import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.DesktopAccess;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.WorkspaceIdentities;
import dev.byokstudio.store.CredentialsFile;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.store.Workspace;
import dev.byokstudio.store.WorkspaceBackup;
import dev.byokstudio.store.WorkspaceException;
import dev.byokstudio.ui.StudioSession;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The launcher: {@code java -jar byok-studio.jar} opens the desktop application; {@code --serve} serves
 * the KMS wire protocol on loopback without any window (and without loading JavaFX).
 */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != EXIT_OK) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, CommandName.current(), out, err);
    }

    /** {@code command}: the name the person typed, for the help text and its hints ({@link CommandName}). */
    static int run(String[] args, String command, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals(CheckMaterialCommand.NAME)) {
            return CheckMaterialCommand.run(Arrays.asList(args).subList(1, args.length), command, out, err);
        }
        CommandLine cmd;
        try {
            cmd = CommandLine.parse(Arrays.asList(args));
        } catch (CommandLine.UsageException e) {
            err.println(command + ": " + e.getMessage());
            err.println("Run " + command + " --help for the options.");
            return EXIT_USAGE;
        }
        if (cmd.help()) {
            out.println(CommandLine.usage(command));
            return EXIT_OK;
        }
        if (cmd.version()) {
            out.println("BYOK Studio " + version());
            return EXIT_OK;
        }
        String region = cmd.region().orElse(CommandLine.DEFAULT_REGION);
        try {
            new AccountContext(AccountContext.DEFAULT_ACCOUNT, region);
        } catch (IllegalArgumentException e) {
            err.println(command + ": " + e.getMessage());
            return EXIT_USAGE;
        }
        Path dir = cmd.workspace().orElseGet(() -> Workspace.defaultDirectory(region));
        try {
            if (cmd.restore().isPresent()) {
                char[] passphrase = passphrase("Passphrase of the backup " + cmd.restore().get() + ": ", false);
                try (Workspace restored = WorkspaceBackup.restore(cmd.restore().get(), passphrase, dir)) {
                    out.println("Restored the backup into " + restored.directory() + " (account " + restored.accountId()
                            + ", " + restored.region() + "). Start BYOK Studio with --workspace " + restored.directory() + ".");
                }
                return EXIT_OK;
            }
            boolean fresh = !Workspace.exists(dir);
            if (cmd.scenario().isPresent() && !fresh) {
                err.println(command + ": --scenario fills a new workspace, and " + dir + " already holds one.");
                err.println("  - Choose a new directory with --workspace DIR.");
                return EXIT_USAGE;
            }
            if (!cmd.serve() && cmd.backup().isEmpty()) {
                return desktop(dir, cmd, fresh, out);
            }
            try (Workspace workspace = openWorkspace(dir, cmd)) {
                Prepared prepared = prepare(workspace, cmd, fresh, out);
                EmbeddedKms kms = prepared.kms();
                if (cmd.backup().isPresent()) {
                    char[] passphrase = passphrase("Passphrase for the backup " + cmd.backup().get() + ": ", true);
                    workspace.backupTo(cmd.backup().get(), passphrase);
                    java.util.Arrays.fill(passphrase, '\0');
                    out.println("Wrote the backup " + cmd.backup().get().toAbsolutePath() + ". Keep its passphrase: "
                            + "without it the backup cannot be restored.");
                    return EXIT_OK;
                }
                return serve(prepared, cmd.port(), workspace.directory().toString(), workspace::close, out, err);
            }
        } catch (WorkspaceException e) {
            err.println(command + ": " + e.getMessage());
            e.waysOut().forEach(w -> err.println("  - " + w));
            return EXIT_FAILURE;
        }
    }

    /** The model on an open workspace and its principals, with their credentials file written. */
    record Prepared(EmbeddedKms kms, WorkspaceIdentities identities, Path credentials) {
    }

    /**
     * The model on an open workspace, with what fell due while it was closed applied (recorded in CloudTrail),
     * a new one filled, and the credentials file written.
     */
    private static Prepared prepare(Workspace workspace, CommandLine cmd, boolean fresh, PrintStream out) {
        AccountContext account = new AccountContext(workspace.accountId(), workspace.region());
        SecureRandom random = new SecureRandom();
        EmbeddedKms kms = new EmbeddedKms(workspace.store(), account, SimulatedClock.systemUtc(), random);
        WorkspaceIdentities identities = WorkspaceIdentities.open(kms, random);
        Path credentials = CredentialsFile.write(workspace.directory(), identities.storedPrincipals());
        // Whatever fell due while BYOK Studio was closed takes effect now.
        kms.applyDueNow();
        if (fresh && cmd.scenario().isPresent()) {
            DemoScenario scenario = DemoScenario.named(cmd.scenario().get());
            scenario.fillAsAdministrator(identities, kms, account.isChinaRegion());
            out.println("New workspace " + workspace.directory() + ": " + scenario.description() + ".");
        }
        return new Prepared(kms, identities, credentials);
    }

    /**
     * The desktop application. The workspace is opened behind its first window, so that a passphrase is
     * asked, and a workspace that cannot be opened is explained, in dialogs rather than on a terminal.
     */
    private static int desktop(Path dir, CommandLine cmd, boolean fresh, PrintStream out) {
        AtomicReference<Workspace> opened = new AtomicReference<>();
        AtomicReference<AppEndpointControl> served = new AtomicReference<>();
        try {
            DesktopApp.launch(passphrase -> {
                if (fresh && cmd.protectWithPassphrase() && passphrase.isEmpty()) {
                    throw new WorkspaceException(WorkspaceException.Problem.PASSPHRASE_REQUIRED,
                            "Choose the passphrase that will protect the new workspace " + dir + ".",
                            java.util.List.of("Type a passphrase you will remember: it cannot be recovered."));
                }
                Workspace workspace = Workspace.open(dir, new Workspace.Options(AccountContext.DEFAULT_ACCOUNT,
                        cmd.region(), passphrase, false));
                opened.set(workspace);
                Prepared prepared = prepare(workspace, cmd, fresh, out);
                EmbeddedKms kms = prepared.kms();
                served.set(new AppEndpointControl(prepared.identities(), kms, workspace.region(), cmd.port()));
                DesktopAccess access = prepared.identities().desktopAccess();
                return new StudioSession(access.kms(), kms, workspace.accountId(), workspace.region(),
                        workspace.directory().toString(), served.get(), access, prepared.identities().auditTrail());
            });
            return EXIT_OK;
        } finally {
            if (served.get() != null) {
                served.get().stop();
            }
            if (opened.get() != null) {
                opened.get().close();
            }
        }
    }

    /**
     * Opens (or creates) the workspace, asking on the terminal for a passphrase when the workspace needs
     * one, or when --protect-with-passphrase creates one. An existing workspace keeps its own region;
     * --region, if given, must agree with it.
     */
    private static Workspace openWorkspace(Path dir, CommandLine cmd) {
        Optional<char[]> passphrase = cmd.protectWithPassphrase() && !Workspace.exists(dir)
                ? Optional.of(passphrase("New passphrase for " + dir + ": ", true)) : Optional.empty();
        try {
            return Workspace.open(dir, new Workspace.Options(AccountContext.DEFAULT_ACCOUNT, cmd.region(), passphrase, false));
        } catch (WorkspaceException e) {
            if (e.problem() != WorkspaceException.Problem.PASSPHRASE_REQUIRED) {
                throw e;
            }
            char[] typed = passphrase("Passphrase for " + dir + ": ", false);
            return Workspace.open(dir, new Workspace.Options(AccountContext.DEFAULT_ACCOUNT, cmd.region(),
                    Optional.of(typed), false));
        }
    }

    /** BYOK_STUDIO_PASSPHRASE when set (for scripts), else asked on the terminal, twice for a new one. */
    private static char[] passphrase(String prompt, boolean twice) {
        String fromEnvironment = System.getenv("BYOK_STUDIO_PASSPHRASE");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        java.io.Console console = System.console();
        if (console == null) {
            throw new WorkspaceException(WorkspaceException.Problem.PASSPHRASE_REQUIRED,
                    "A passphrase is needed and there is no terminal to type it in.",
                    java.util.List.of("Start BYOK Studio from a terminal.", "Choose a workspace without a passphrase."));
        }
        char[] first = console.readPassword("%s", prompt);
        if (first == null || first.length == 0) {
            throw new WorkspaceException(WorkspaceException.Problem.PASSPHRASE_REQUIRED, "No passphrase was typed.",
                    java.util.List.of("Start again and type the passphrase."));
        }
        if (twice) {
            char[] again = console.readPassword("Type it again: ");
            if (again == null || !java.util.Arrays.equals(first, again)) {
                throw new WorkspaceException(WorkspaceException.Problem.PASSPHRASE_REQUIRED,
                        "The two passphrases differ.", java.util.List.of("Start again and type the same passphrase twice."));
            }
        }
        return first;
    }

    private static int serve(Prepared prepared, int port, String workspaceLabel, Runnable closeWorkspace, PrintStream out,
            PrintStream err) {
        EmbeddedKms kms = prepared.kms();
        KmsEndpoint endpoint;
        try {
            endpoint = KmsEndpoint.start(prepared.identities(), kms, kms.account().region(), port);
        } catch (BindException e) {
            err.println("byok-studio: port " + port + " on 127.0.0.1 is in use. Stop what uses it, or choose "
                    + "another port with --port (0 picks a free one).");
            return EXIT_FAILURE;
        } catch (IOException e) {
            err.println("byok-studio: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
            return EXIT_FAILURE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            endpoint.close();
            closeWorkspace.run();
            out.println("Stopped.");
            out.flush();
            stopped.countDown();
        }, "byok-studio-shutdown"));
        out.println("BYOK Studio " + version() + " serving AWS KMS for account "
                + kms.account().accountId() + " in " + kms.account().region() + "; workspace " + workspaceLabel + ".");
        out.println("Listening on " + endpoint.url());
        java.util.List<String> profiles = new java.util.ArrayList<>();
        prepared.identities().storedPrincipals().forEach(p -> profiles.add(profiles.isEmpty()
                ? CredentialsFile.DEFAULT_PROFILE + " (" + p.name() + ")" : p.name()));
        out.println("Credentials: AWS_SHARED_CREDENTIALS_FILE=" + prepared.credentials().toAbsolutePath()
                + " (profiles " + String.join(", ", profiles) + ")");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return EXIT_OK;
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
