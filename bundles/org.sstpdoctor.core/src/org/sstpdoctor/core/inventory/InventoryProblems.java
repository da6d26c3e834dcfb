package org.sstpdoctor.core.inventory;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.sstpdoctor.core.SstpDoctorCore;

/**
 * The problem markers the inventory puts on server files it cannot read, shown in the Problems
 * view. A file has at most one; it goes when the file is read successfully again.
 */
public final class InventoryProblems {

    /** The marker type, a problem marker and a text marker, declared in the core's plugin.xml. */
    public static final String MARKER_TYPE = SstpDoctorCore.PLUGIN_ID + ".inventoryProblem";

    /** The marker attribute holding the field at fault ({@code "channel.port"}), absent for the whole file. */
    public static final String FIELD = "field";

    private InventoryProblems() {
    }

    /**
     * Marks {@code file} with {@code problem}, replacing an older inventory problem; leaves the
     * marker alone when it already says the same.
     */
    static void mark(IFile file, String problem, ServerFileException cause) throws CoreException {
        String field = cause == null ? null : cause.field();
        int line = cause == null ? 0 : cause.line();
        IMarker[] markers = file.findMarkers(MARKER_TYPE, false, IResource.DEPTH_ZERO);
        if (markers.length == 1 && problem.equals(markers[0].getAttribute(IMarker.MESSAGE, null))
                && Objects.equals(field, markers[0].getAttribute(FIELD, null))
                && line == markers[0].getAttribute(IMarker.LINE_NUMBER, 0)) {
            return;
        }
        file.deleteMarkers(MARKER_TYPE, false, IResource.DEPTH_ZERO);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(IMarker.MESSAGE, problem);
        attributes.put(IMarker.SEVERITY, IMarker.SEVERITY_ERROR);
        attributes.put(IMarker.LOCATION, field == null ? file.getName() : "field " + field);
        if (field != null) {
            attributes.put(FIELD, field);
        }
        if (line > 0) {
            attributes.put(IMarker.LINE_NUMBER, line);
        }
        file.createMarker(MARKER_TYPE, attributes);
    }

    /** Removes the inventory problem from {@code file}, if it has one. */
    static void clear(IFile file) throws CoreException {
        if (file.exists() && file.findMarkers(MARKER_TYPE, false, IResource.DEPTH_ZERO).length > 0) {
            file.deleteMarkers(MARKER_TYPE, false, IResource.DEPTH_ZERO);
        }
    }

    /** The inventory problems on {@code file}'s markers (for views and tests). */
    public static IMarker[] of(IFile file) throws CoreException {
        return file.exists() ? file.findMarkers(MARKER_TYPE, false, IResource.DEPTH_ZERO) : new IMarker[0];
    }
}
