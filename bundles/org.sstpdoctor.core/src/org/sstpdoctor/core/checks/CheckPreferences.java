package org.sstpdoctor.core.checks;

import java.time.Duration;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.sstpdoctor.core.SstpDoctorCore;

/**
 * The check settings a person chose (Preferences > SSTP Doctor > Checks), shared by the
 * workbench and the command line: kept in the core's instance preferences. Values out of range
 * are clamped to the nearest allowed one; missing ones take {@link CheckSettings#DEFAULT}.
 */
public final class CheckPreferences {

    /** Servers checked at once. */
    public static final String CONCURRENCY = "check.concurrency";
    /** Seconds one checker may take on one server. */
    public static final String CHECKER_TIMEOUT = "check.checkerTimeoutSeconds";
    /** Seconds all checkers together may take on one server. */
    public static final String SERVER_TIMEOUT = "check.serverTimeoutSeconds";

    public static final int MIN_CONCURRENCY = 1;
    public static final int MAX_CONCURRENCY = 256;
    public static final int MIN_TIMEOUT_SECONDS = 1;
    public static final int MAX_TIMEOUT_SECONDS = 3600;

    private CheckPreferences() {
    }

    /** The preferences node the settings are kept in. */
    public static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode(SstpDoctorCore.PLUGIN_ID);
    }

    /** The settings now in force, markers written. */
    public static CheckSettings current() {
        return read(node());
    }

    /** The settings kept in {@code node}. */
    public static CheckSettings read(IEclipsePreferences node) {
        CheckSettings d = CheckSettings.DEFAULT;
        int concurrency = clamp(node.getInt(CONCURRENCY, d.concurrency()), MIN_CONCURRENCY, MAX_CONCURRENCY);
        int checker = clamp(node.getInt(CHECKER_TIMEOUT, (int) d.checkerTimeout().toSeconds()), MIN_TIMEOUT_SECONDS,
                MAX_TIMEOUT_SECONDS);
        int server = clamp(node.getInt(SERVER_TIMEOUT, (int) d.serverTimeout().toSeconds()), MIN_TIMEOUT_SECONDS,
                MAX_TIMEOUT_SECONDS);
        return new CheckSettings(concurrency, Duration.ofSeconds(checker), Duration.ofSeconds(Math.max(server, checker)),
                true);
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
