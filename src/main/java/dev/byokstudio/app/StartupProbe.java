package dev.byokstudio.app;

import java.util.Locale;

/**
 * What the desktop application does for start-up measurements and for the training runs that build the
 * installers' start-up archives, as the system property {@value #PROPERTY} asks:
 * <ul>
 * <li>{@code true}: say "main window shown" when the main window appears and "main window ready" once its
 * views are in place, then exit (measure.sh, and the training run for everything after the first window);
 * <li>{@code window}: say "main window shown" and exit there (the training run for the first-window archive,
 * which must hold only what the first window needs);
 * <li>unset, or anything else: nothing; the application runs as it always does.
 * </ul>
 */
enum StartupProbe {
    OFF, EXIT_WHEN_READY, EXIT_WHEN_WINDOW_SHOWN;

    static final String PROPERTY = "byok-studio.exitWhenShown";

    static StartupProbe fromSystemProperties() {
        return parse(System.getProperty(PROPERTY));
    }

    static StartupProbe parse(String value) {
        if (value == null) {
            return OFF;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return EXIT_WHEN_READY;
            case "window":
                return EXIT_WHEN_WINDOW_SHOWN;
            default:
                return OFF;
        }
    }

    boolean reports() {
        return this != OFF;
    }

    boolean exitsWhenWindowShown() {
        return this == EXIT_WHEN_WINDOW_SHOWN;
    }
}
