package org.sstpdoctor.ui.internal.inventory;

import java.util.Set;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.markers.FindingMarkers;
import org.sstpdoctor.probe.evidence.NetworkFindings;

/** What the Server Inventory shows about a server, worst first. */
public enum ServerStatus {
    /** Its file could not be read. */
    FILE_PROBLEM("file problem"),
    /** Being checked now. */
    CHECKING("checking"),
    /** Checked; clients cannot reach it (its name does not resolve, or nothing answers on its port). */
    UNREACHABLE("unreachable"),
    /** Checked; clients fail (error findings). */
    ERROR("problems"),
    /** Checked; warnings only. */
    WARNING("warnings"),
    /** Checked; nothing wrong. */
    HEALTHY("healthy"),
    /** Never checked. */
    NOT_CHECKED("not checked");

    private final String label;

    ServerStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The finding kinds that say clients cannot reach the server at all. */
    public static final Set<String> UNREACHABLE_KINDS = Set.of(NetworkFindings.NAME_NOT_RESOLVED,
            NetworkFindings.CONNECTION_REFUSED, NetworkFindings.CONNECTION_TIMED_OUT, NetworkFindings.HOST_UNREACHABLE);

    /** Whether the last check of {@code file} found its server unreachable. */
    static boolean unreachable(IFile file) throws CoreException {
        for (IMarker m : file.findMarkers(FindingMarkers.TYPE, false, IResource.DEPTH_ZERO)) {
            if (UNREACHABLE_KINDS.contains(m.getAttribute(FindingMarkers.KIND, ""))) {
                return true;
            }
        }
        return false;
    }

    /** The status of {@code server} from its markers and last check; {@code checking} wins when true. */
    public static ServerStatus of(Server server, boolean checking) {
        if (!server.isReadable()) {
            return FILE_PROBLEM;
        }
        if (checking) {
            return CHECKING;
        }
        IFile file = server.file();
        if (!file.exists()) {
            return NOT_CHECKED;
        }
        try {
            int worst = file.findMaxProblemSeverity(FindingMarkers.TYPE, false, IResource.DEPTH_ZERO);
            if (worst == IMarker.SEVERITY_ERROR && unreachable(file)) {
                return UNREACHABLE;
            }
            if (worst == IMarker.SEVERITY_ERROR) {
                return ERROR;
            }
            if (worst == IMarker.SEVERITY_WARNING) {
                return WARNING;
            }
        } catch (CoreException e) {
            return NOT_CHECKED;
        }
        return FindingMarkers.lastChecked(file) == null ? NOT_CHECKED : HEALTHY;
    }
}
