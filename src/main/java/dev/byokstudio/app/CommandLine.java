package dev.byokstudio.app;

import dev.byokstudio.store.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the command line asks for. Parsing never throws anything but {@link UsageException}, whose message
 * says what was expected and what was found.
 */
record CommandLine(boolean serve, int port, Optional<Path> workspace, Optional<String> region,
        boolean protectWithPassphrase, Optional<String> scenario, Optional<Path> backup, Optional<Path> restore,
        boolean help, boolean version) {

    static final int DEFAULT_PORT = 4599;
    static final String DEFAULT_REGION = Workspace.DEFAULT_REGION;

    /** The help text, for the command a person typed ({@link CommandName}). */
    static String usage(String command) {
        String indent = " ".repeat("Usage: ".length());
        return String.join(System.lineSeparator(),
            "Usage: " + command + " [--workspace DIR] [--region REGION]",
            indent + command + " --serve [--port PORT] [--workspace DIR] [--region REGION]",
            indent + command + " check-material FILE --key-spec SPEC [--region REGION] [--json]   (see check-material --help)",
            "",
            "Without --serve, opens the BYOK Studio desktop application.",
            "",
            "  --serve             serve the AWS KMS JSON protocol on http://127.0.0.1:PORT, without a window",
            "  --port PORT         the port for --serve (default " + DEFAULT_PORT + "; 0 picks a free one)",
            "  --workspace DIR     the workspace to use (created if DIR is missing or empty); by default the",
            "                      region's workspace in the platform's application-data directory",
            "  --region REGION     the AWS region a new workspace plays (default " + DEFAULT_REGION
                    + "; cn-north-1 or cn-northwest-1 for the China Regions)",
            "  --protect-with-passphrase",
            "                      create the new workspace protected by a passphrase, asked on the terminal",
            "  --scenario NAME     fill a new workspace with a demonstration scenario: " + DemoScenario.names(),
            "  --backup FILE       write the workspace to one passphrase-encrypted backup file, then exit",
            "  --restore FILE      restore a backup into a new workspace (--workspace DIR), then exit",
            "",
            "Passphrases are asked on the terminal, or taken from BYOK_STUDIO_PASSPHRASE when it is set.",
            "  --version           print the version and exit",
            "  --help              print this help and exit");
    }

    /** Thrown for a command line that cannot be understood. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    static CommandLine parse(List<String> args) throws UsageException {
        boolean serve = false;
        boolean help = false;
        boolean version = false;
        Integer port = null;
        Path workspace = null;
        String region = null;
        boolean protect = false;
        String scenario = null;
        Path backup = null;
        Path restore = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--serve":
                    serve = true;
                    break;
                case "--help":
                case "-h":
                    help = true;
                    break;
                case "--version":
                    version = true;
                    break;
                case "--protect-with-passphrase":
                    protect = true;
                    break;
                case "--scenario":
                    scenario = value(args, ++i, arg);
                    break;
                case "--backup":
                    backup = Path.of(value(args, ++i, arg));
                    break;
                case "--restore":
                    restore = Path.of(value(args, ++i, arg));
                    break;
                case "--port":
                    port = parsePort(value(args, ++i, arg));
                    break;
                case "--workspace":
                    workspace = Path.of(value(args, ++i, arg));
                    break;
                case "--region":
                    region = value(args, ++i, arg);
                    break;
                default:
                    throw new UsageException("Unknown option '" + arg + "'. Expected one of --serve, --port, "
                            + "--workspace, --region, --protect-with-passphrase, --scenario, --backup, --restore, --version, --help.");
            }
        }
        if (port != null && !serve) {
            throw new UsageException("--port is only meaningful with --serve.");
        }
        if (restore != null && workspace == null) {
            throw new UsageException("--restore needs --workspace DIR: the new workspace to restore into.");
        }
        if (backup != null && restore != null) {
            throw new UsageException("--backup and --restore cannot be combined.");
        }
        if (scenario != null) {
            try {
                DemoScenario.named(scenario);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return new CommandLine(serve, port == null ? DEFAULT_PORT : port, Optional.ofNullable(workspace),
                Optional.ofNullable(region), protect, Optional.ofNullable(scenario), Optional.ofNullable(backup),
                Optional.ofNullable(restore), help, version);
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException(option + " needs a value.");
        }
        return args.get(i);
    }

    private static int parsePort(String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--port expects a number from 0 to 65535; found '" + value + "'.");
        }
    }
}
