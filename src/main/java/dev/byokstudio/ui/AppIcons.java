package dev.byokstudio.ui;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * BYOK Studio's icon on its windows: the title bar, the task bar and the window switcher each pick the size
 * they need from the set given here.
 *
 * <p>The PNGs are generated from {@code icons/byok-studio.svg} and copied into the jar by the build (see
 * {@code icons/README.md}); there is no copy under {@code src/main/resources}.
 */
public final class AppIcons {

    /** The sizes, in pixels, that the windows are given. */
    public static final List<Integer> SIZES = List.of(16, 32, 48, 64, 128, 256);

    private AppIcons() {
    }

    /** The class-path resource (absolute) that holds the icon of {@code size} pixels. */
    public static String resourceName(int size) {
        return "/dev/byokstudio/ui/icons/byok-studio-" + size + ".png";
    }

    /** The icon in every size of {@link #SIZES}, smallest first; loaded once and shared by all windows. */
    public static List<Image> images() {
        return Loaded.IMAGES;
    }

    /** Gives {@code stage} the application's icon. */
    public static void apply(Stage stage) {
        stage.getIcons().setAll(images());
    }

    /** Gives the window of {@code dialog} the application's icon. */
    public static void apply(Dialog<?> dialog) {
        Scene scene = dialog.getDialogPane().getScene();
        if (scene != null && scene.getWindow() instanceof Stage stage) {
            apply(stage);
        }
    }

    /** Loads on first use, so that naming a size or a resource needs no JavaFX toolkit. */
    private static final class Loaded {

        static final List<Image> IMAGES = load();

        private static List<Image> load() {
            List<Image> images = new ArrayList<>();
            for (int size : SIZES) {
                URL url = AppIcons.class.getResource(resourceName(size));
                if (url == null) {
                    throw new IllegalStateException("The application icon " + resourceName(size)
                            + " is not on the class path; the build copies it from icons/png (see pom.xml).");
                }
                Image image = new Image(url.toExternalForm());
                if (image.isError()) {
                    throw new IllegalStateException("The application icon " + resourceName(size)
                            + " cannot be read", image.getException());
                }
                images.add(image);
            }
            return List.copyOf(images);
        }
    }
}
