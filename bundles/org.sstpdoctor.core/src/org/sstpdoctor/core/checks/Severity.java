package org.sstpdoctor.core.checks;

import org.eclipse.core.resources.IMarker;

/** How bad a finding is. */
public enum Severity {
    /** Clients fail to connect (or will, like an expired certificate). */
    ERROR(IMarker.SEVERITY_ERROR),
    /** Clients may fail, or will soon (a certificate expiring within the warning window). */
    WARNING(IMarker.SEVERITY_WARNING),
    /** Worth knowing, not a failure. */
    INFO(IMarker.SEVERITY_INFO);

    private final int markerSeverity;

    Severity(int markerSeverity) {
        this.markerSeverity = markerSeverity;
    }

    /** The matching {@link IMarker#SEVERITY} value. */
    public int markerSeverity() {
        return markerSeverity;
    }

    /** The severity of an {@link IMarker#SEVERITY} value; unknown values count as INFO. */
    public static Severity ofMarker(int markerSeverity) {
        for (Severity s : values()) {
            if (s.markerSeverity == markerSeverity) {
                return s;
            }
        }
        return INFO;
    }
}
