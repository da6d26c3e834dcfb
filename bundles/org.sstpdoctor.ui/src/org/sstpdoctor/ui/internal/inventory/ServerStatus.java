package org.sstpdoctor.ui.internal.inventory;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.markers.FindingMarkers;

/** What the Server Inventory shows about a server, worst first. */
public enum ServerStatus {
    /** Its file could not be read. */
    FILE_PROBLEM("file problem"),
    /** Being checked now. */
    CHECKING("checking"),
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
