package org.sstpdoctor.core.markers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.QualifiedName;
import org.sstpdoctor.core.SstpDoctorCore;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.core.inventory.Server;

/**
 * Findings as problem markers on server files, shown in the standard Problems view.
 * <p>
 * The marker type {@value #TYPE} extends {@code org.eclipse.core.resources.problemmarker} and
 * carries the finding's attributes. A check run replaces, per server, only the markers whose
 * {@link #SOURCE} is among the checkers and evidence providers that ran: markers of checkers
 * left out of the run stay.
 */
public final class FindingMarkers {

    /** The marker type of findings. */
    public static final String TYPE = SstpDoctorCore.PLUGIN_ID + ".problem";

    /** The client error code as shown, e.g. "0x800B0109" or "809" (String). */
    public static final String ERROR_CODE = "errorCode";
    /** The client error code's 32-bit value (Integer). */
    public static final String ERROR_CODE_VALUE = "errorCodeValue";
    /** The KB947031 scenario, 1-8 (Integer); absent when none. */
    public static final String SCENARIO = "scenario";
    /** The finding's kind (String); remediations match on it. */
    public static final String KIND = "kind";
    /** The checker that reported it (String). */
    public static final String CHECKER = "checker";
    /** The checker or evidence provider whose run replaces this marker (String). */
    public static final String SOURCE = "source";
    /** The evidence in one line (String). */
    public static final String EVIDENCE_SUMMARY = "evidenceSummary";
    /** The full evidence text (String, at most {@value #MAX_EVIDENCE} characters). */
    public static final String EVIDENCE = "evidence";
    /** The server's host name (String). */
    public static final String HOST = "host";

    /** Persistent property of a server file: when it was last checked (ISO-8601 instant). */
    public static final QualifiedName LAST_CHECKED = new QualifiedName(SstpDoctorCore.PLUGIN_ID, "lastChecked");

    /** Marker attribute strings are limited by the workspace; longer evidence is cut. */
    public static final int MAX_EVIDENCE = 16_000;

    private FindingMarkers() {
    }

    /**
     * Replaces the markers of {@code sources} on the server's file with {@code findings}, in one
     * workspace operation locked on that file's markers only. A server file deleted meanwhile is
     * skipped.
     */
    public static void replace(Server server, Set<String> sources, Collection<Finding> findings) {
        IFile file = server.file();
        if (!file.exists()) {
            return;
        }
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        try {
            workspace.run(monitor -> {
                if (!file.exists()) {
                    return;
                }
                for (IMarker m : file.findMarkers(TYPE, false, IResource.DEPTH_ZERO)) {
                    if (sources.contains(m.getAttribute(SOURCE, ""))) {
                        m.delete();
                    }
                }
                for (Finding f : findings) {
                    file.createMarker(TYPE, attributes(server, f));
                }
                file.setPersistentProperty(LAST_CHECKED, Instant.now().toString());
            }, workspace.getRuleFactory().markerRule(file), IWorkspace.AVOID_UPDATE, null);
        } catch (CoreException e) {
            ILog.of(FindingMarkers.class).log(e.getStatus());
        }
    }

    /** The marker attributes of {@code finding} on {@code server}. */
    public static Map<String, Object> attributes(Server server, Finding finding) {
        Map<String, Object> a = new HashMap<>();
        String code = finding.errorCodeText();
        a.put(IMarker.MESSAGE, code.isEmpty() ? finding.message() : code + ": " + finding.message());
        a.put(IMarker.SEVERITY, finding.severity().markerSeverity());
        a.put(IMarker.LOCATION, server.host());
        a.put(IMarker.SOURCE_ID, finding.checkerId());
        a.put(KIND, finding.kind());
        a.put(CHECKER, finding.checkerId());
        a.put(SOURCE, finding.checkerId());
        a.put(HOST, server.host());
        if (finding.errorCode() != null) {
            a.put(ERROR_CODE, code);
            a.put(ERROR_CODE_VALUE, finding.errorCode());
        }
        if (finding.scenario() > 0) {
            a.put(SCENARIO, finding.scenario());
        }
        a.put(EVIDENCE_SUMMARY, finding.evidenceSummary());
        String evidence = finding.evidence();
        a.put(EVIDENCE, evidence.length() > MAX_EVIDENCE ? evidence.substring(0, MAX_EVIDENCE) + "\n[cut]" : evidence);
        return a;
    }

    /** The finding a marker records (the message without its code prefix). */
    public static Finding toFinding(IMarker marker) throws CoreException {
        String code = marker.getAttribute(ERROR_CODE, "");
        String message = marker.getAttribute(IMarker.MESSAGE, "");
        if (!code.isEmpty() && message.startsWith(code + ": ")) {
            message = message.substring(code.length() + 2);
        }
        Object value = marker.getAttribute(ERROR_CODE_VALUE);
        Finding f = new Finding(marker.getAttribute(KIND, ""),
                Severity.ofMarker(marker.getAttribute(IMarker.SEVERITY, IMarker.SEVERITY_INFO)),
                value instanceof Integer i ? i : null, marker.getAttribute(SCENARIO, 0), message,
                marker.getAttribute(EVIDENCE_SUMMARY, ""), marker.getAttribute(EVIDENCE, ""),
                marker.getAttribute(CHECKER, ""));
        return f;
    }

    /** When {@code file} was last checked, or null when never (or when it cannot be told). */
    public static Instant lastChecked(IFile file) {
        try {
            String value = file.exists() ? file.getPersistentProperty(LAST_CHECKED) : null;
            return value == null ? null : Instant.parse(value);
        } catch (CoreException | java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The finding markers on {@code file}. */
    public static List<IMarker> markers(IFile file) throws CoreException {
        if (!file.exists()) {
            return List.of();
        }
        return new ArrayList<>(List.of(file.findMarkers(TYPE, false, IResource.DEPTH_ZERO)));
    }
}
