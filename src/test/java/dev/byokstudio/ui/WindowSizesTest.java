package dev.byokstudio.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

class WindowSizesTest {

    @Test
    void onAScreenWithRoomToSpare_theWindowOpensAtItsDesignedSize() {
        Dimension2D size = WindowSizes.within(1240, 760, new Rectangle2D(0, 0, 1920, 1040));

        assertThat(size).isEqualTo(new Dimension2D(1240, 760));
    }

    @Test
    void onALaptopWithATaskBar_theWindowAndItsFrameFitTheUsableArea() {
        // 1366 × 768, less a 40 px task bar.
        Rectangle2D usable = new Rectangle2D(0, 0, 1366, 728);

        Dimension2D size = WindowSizes.within(1240, 760, usable);

        assertThat(size.getWidth()).isEqualTo(1240);
        assertThat(size.getHeight() + WindowSizes.FRAME_HEIGHT).isLessThanOrEqualTo(728);
    }

    @Test
    void onANarrowScreen_theWidthGivesWayToo() {
        Dimension2D size = WindowSizes.within(1200, 760, new Rectangle2D(0, 0, 1024, 600));

        assertThat(size.getWidth() + WindowSizes.FRAME_WIDTH).isLessThanOrEqualTo(1024);
        assertThat(size.getHeight() + WindowSizes.FRAME_HEIGHT).isLessThanOrEqualTo(600);
    }
}
