package dev.byokstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StartupProbeTest {

    @Test
    void withoutThePropertyTheApplicationNeitherReportsNorExits() {
        StartupProbe probe = StartupProbe.parse(null);
        assertEquals(StartupProbe.OFF, probe);
        assertFalse(probe.reports());
        assertFalse(probe.exitsWhenWindowShown());
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", " true "})
    void trueReportsBothLinesAndExitsOnlyOnceTheViewsAreReady(String value) {
        StartupProbe probe = StartupProbe.parse(value);
        assertEquals(StartupProbe.EXIT_WHEN_READY, probe);
        assertTrue(probe.reports());
        assertFalse(probe.exitsWhenWindowShown());
    }

    @Test
    void windowExitsAsSoonAsTheMainWindowIsShownForTheFirstWindowArchive() {
        StartupProbe probe = StartupProbe.parse("window");
        assertTrue(probe.reports());
        assertTrue(probe.exitsWhenWindowShown());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "false", "yes", "windows", "ready"})
    void anyOtherValueLeavesTheApplicationAlone(String value) {
        assertEquals(StartupProbe.OFF, StartupProbe.parse(value));
    }
}
