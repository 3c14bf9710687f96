package dev.byokstudio.app;

import dev.byokstudio.api.KmsEndpoint;
import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import dev.byokstudio.ui.StudioSession;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

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
        CommandLine cmd;
        try {
            cmd = CommandLine.parse(Arrays.asList(args));
        } catch (CommandLine.UsageException e) {
            err.println("byok-studio: " + e.getMessage());
            err.println("Run byok-studio --help for the options.");
            return EXIT_USAGE;
        }
        if (cmd.help()) {
            out.println(CommandLine.USAGE);
            return EXIT_OK;
        }
        if (cmd.version()) {
            out.println("BYOK Studio " + version());
            return EXIT_OK;
        }
        AccountContext account;
        try {
            account = new AccountContext(AccountContext.DEFAULT_ACCOUNT, cmd.region());
        } catch (IllegalArgumentException e) {
            err.println("byok-studio: " + e.getMessage());
            return EXIT_USAGE;
        }
        String workspaceLabel;
        try {
            workspaceLabel = describeWorkspace(cmd.workspace().orElse(null));
        } catch (IOException e) {
            err.println("byok-studio: cannot use workspace " + cmd.workspace().get() + ": " + e.getMessage());
            return EXIT_FAILURE;
        }
        EmbeddedKms kms = new EmbeddedKms(new InMemoryWorkspaceStore(), account, SimulatedClock.systemUtc(),
                new SecureRandom());
        if (cmd.serve()) {
            return serve(kms, cmd.port(), workspaceLabel, out, err);
        }
        DesktopApp.launch(new StudioSession(kms, kms, account.accountId(), account.region(), workspaceLabel));
        return EXIT_OK;
    }

    /**
     * The workspace as people should read it. The model's state is held in memory in this version: a
     * workspace directory is checked and created, but nothing is saved in it yet.
     */
    private static String describeWorkspace(Path dir) throws IOException {
        if (dir == null) {
            return "in memory (not saved)";
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("it exists and is not a directory");
        }
        Files.createDirectories(dir);
        return dir.toAbsolutePath().normalize() + " (in memory, not saved)";
    }

    private static int serve(EmbeddedKms kms, int port, String workspaceLabel, PrintStream out, PrintStream err) {
        KmsEndpoint endpoint;
        try {
            endpoint = KmsEndpoint.start(kms, kms, port);
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
            out.println("Stopped.");
            out.flush();
            stopped.countDown();
        }, "byok-studio-shutdown"));
        out.println("BYOK Studio " + version() + " serving AWS KMS for account "
                + kms.account().accountId() + " in " + kms.account().region() + "; workspace " + workspaceLabel + ".");
        out.println("Listening on " + endpoint.url());
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
