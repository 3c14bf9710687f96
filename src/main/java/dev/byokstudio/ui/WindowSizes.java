package dev.byokstudio.ui;

import java.util.List;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Window;

/**
 * The size a window's scene opens at: the size its content was designed for, made smaller where the screen's
 * usable area (less task bars, docks and panels) is smaller, so that no window opens with its buttons off the
 * screen or under a task bar. A 1366 × 768 laptop with a Windows task bar has 1366 × 728 to give.
 */
public final class WindowSizes {

    /** Room left beside the scene for the window's own frame: borders, and a title bar above. */
    static final double FRAME_WIDTH = 16;
    static final double FRAME_HEIGHT = 48;

    private WindowSizes() {
    }

    /**
     * {@code width} × {@code height}, each made no larger than {@code usable} leaves for a scene once the window's
     * frame is drawn around it.
     */
    public static Dimension2D within(double width, double height, Rectangle2D usable) {
        return new Dimension2D(Math.min(width, Math.max(0, usable.getWidth() - FRAME_WIDTH)),
                Math.min(height, Math.max(0, usable.getHeight() - FRAME_HEIGHT)));
    }

    /**
     * A scene for {@code root}, {@code width} × {@code height} or less, fitted to the screen {@code owner} is on
     * (the primary screen without one).
     */
    public static Scene scene(Parent root, double width, double height, Window owner) {
        Dimension2D size = fitted(width, height, owner);
        return new Scene(root, size.getWidth(), size.getHeight());
    }

    /** {@code width} × {@code height} fitted to the screen {@code owner} is on, or the primary screen without one. */
    public static Dimension2D fitted(double width, double height, Window owner) {
        return within(width, height, usableArea(owner));
    }

    /** The usable area of the screen showing most of {@code owner}; the primary screen's when there is none. */
    static Rectangle2D usableArea(Window owner) {
        if (owner != null && owner.isShowing()) {
            List<Screen> screens = Screen.getScreensForRectangle(owner.getX(), owner.getY(), owner.getWidth(),
                    owner.getHeight());
            if (!screens.isEmpty()) {
                return screens.get(0).getVisualBounds();
            }
        }
        return Screen.getPrimary().getVisualBounds();
    }
}
