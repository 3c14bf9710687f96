package dev.byokstudio.app;

import java.util.Locale;

/**
 * The name a person typed to start BYOK Studio, for the usage text and the "Run ... --help" hints. An installed
 * launcher is known by {@code jpackage.app-path}, which jpackage's launchers (and the .deb's /usr/bin script)
 * set: on Windows that is {@code byok-studio-cli.exe} in a terminal, and the hints must not send a person to
 * {@code byok-studio.exe}, whose output a console never sees. Anything else is {@value #DEFAULT}.
 */
final class CommandName {

    static final String DEFAULT = "byok-studio";
    static final String APP_PATH_PROPERTY = "jpackage.app-path";

    private CommandName() {
    }

    /** The command of this process. */
    static String current() {
        return of(System.getProperty(APP_PATH_PROPERTY));
    }

    /**
     * The command for a launcher's path, on any OS's separators: its file name without {@code .exe};
     * {@value #DEFAULT} when unknown.
     */
    static String of(String appPath) {
        if (appPath == null) {
            return DEFAULT;
        }
        String command = appPath.substring(Math.max(appPath.lastIndexOf('/'), appPath.lastIndexOf('\\')) + 1).strip();
        if (command.toLowerCase(Locale.ROOT).endsWith(".exe")) {
            command = command.substring(0, command.length() - ".exe".length());
        }
        return command.isEmpty() ? DEFAULT : command;
    }
}
