package org.sstpdoctor.core.tests.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.core.checks.CheckPreferences;
import org.sstpdoctor.core.checks.CheckSettings;

/** Check settings come from the preferences, defaulted and clamped. */
class CheckPreferencesTest {

    private final IEclipsePreferences node = InstanceScope.INSTANCE.getNode("org.sstpdoctor.core.tests.prefs");

    @AfterEach
    void clear() throws Exception {
        node.clear();
    }

    @Test
    void missingValuesTakeTheDefaults() {
        assertEquals(CheckSettings.DEFAULT, CheckPreferences.read(node));
    }

    @Test
    void chosenValuesAreUsed() {
        node.putInt(CheckPreferences.CONCURRENCY, 4);
        node.putInt(CheckPreferences.CHECKER_TIMEOUT, 7);
        node.putInt(CheckPreferences.SERVER_TIMEOUT, 60);
        CheckSettings s = CheckPreferences.read(node);
        assertEquals(4, s.concurrency());
        assertEquals(Duration.ofSeconds(7), s.checkerTimeout());
        assertEquals(Duration.ofSeconds(60), s.serverTimeout());
    }

    @Test
    void outOfRangeValuesAreClampedAndTheServerLimitCoversOneChecker() {
        node.putInt(CheckPreferences.CONCURRENCY, 0);
        node.putInt(CheckPreferences.CHECKER_TIMEOUT, 99_999);
        node.putInt(CheckPreferences.SERVER_TIMEOUT, 5);
        CheckSettings s = CheckPreferences.read(node);
        assertEquals(1, s.concurrency());
        assertEquals(Duration.ofSeconds(3600), s.checkerTimeout());
        assertEquals(Duration.ofSeconds(3600), s.serverTimeout());
    }
}
