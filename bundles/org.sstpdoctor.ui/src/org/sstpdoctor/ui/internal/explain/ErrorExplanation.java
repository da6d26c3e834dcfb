package org.sstpdoctor.ui.internal.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.sstpdoctor.core.errors.ErrorCatalog;
import org.sstpdoctor.core.errors.ErrorCode;
import org.sstpdoctor.core.markers.FindingMarkers;

/**
 * The explanation of an error code as a person reads it: the catalog entry (in every form the
 * code is written), its causes and source, and the servers that have it now.
 */
public final class ErrorExplanation {

    private ErrorExplanation() {
    }

    /** The entry for {@code input} in any accepted form, or empty. */
    public static Optional<ErrorCode> lookup(String input) {
        return ErrorCatalog.getDefault().lookup(input.strip());
    }

    /** The text shown for {@code code}. */
    public static String describe(ErrorCode code) {
        StringBuilder b = new StringBuilder();
        b.append(code.display()).append('\n').append(code.title()).append("\n\n");
        if (code.value().isPresent()) {
            b.append("Written as: ").append(code.hex()).append(", ").append(code.signedDecimal());
            if (!code.unsignedDecimal().equals(code.signedDecimal())) {
                b.append(", ").append(code.unsignedDecimal());
            }
            if (!code.symbolicName().isEmpty()) {
                b.append(", ").append(code.symbolicName());
            }
            b.append("\n\n");
        }
        b.append("The client says:\n    ").append(code.message()).append("\n\n");
        if (!code.causes().isEmpty()) {
            b.append("Causes:\n");
            for (int i = 0; i < code.causes().size(); i++) {
                b.append("  ").append(i + 1).append(". ").append(code.causes().get(i)).append('\n');
            }
            b.append('\n');
        }
        if (!code.reference().isEmpty()) {
            b.append("Source: ").append(code.reference()).append('\n');
        }
        return b.toString();
    }

    /** The servers (host names) whose findings carry {@code code} now, sorted. */
    public static List<String> serversWith(ErrorCode code) {
        TreeSet<String> hosts = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        try {
            for (IMarker m : ResourcesPlugin.getWorkspace().getRoot().findMarkers(FindingMarkers.TYPE, false,
                    IResource.DEPTH_INFINITE)) {
                boolean same = code.value().isPresent()
                        ? m.getAttribute(FindingMarkers.ERROR_CODE_VALUE) instanceof Integer v && v == code.value().getAsInt()
                        : code.scenario().isPresent() && m.getAttribute(FindingMarkers.SCENARIO, 0) == code.scenario().getAsInt();
                if (same) {
                    hosts.add(m.getAttribute(FindingMarkers.HOST, m.getResource().getName()));
                }
            }
        } catch (CoreException e) {
            return List.of();
        }
        return new ArrayList<>(hosts);
    }
}
