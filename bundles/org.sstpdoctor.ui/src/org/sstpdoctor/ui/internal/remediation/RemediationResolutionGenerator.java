package org.sstpdoctor.ui.internal.remediation;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.IMarkerResolutionGenerator2;
import org.sstpdoctor.core.checks.CheckPreferences;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.markers.FindingMarkers;
import org.sstpdoctor.core.remediation.RemediationRegistry;
import org.sstpdoctor.core.remediation.RemediationService;

/**
 * Bridges remediations to the Problems view's Quick Fix. {@link #hasResolutions} answers from
 * the contributions alone (the finding's kind), loading no contributor's classes; the
 * resolutions themselves are the remediations that also agree they apply to the finding.
 */
public final class RemediationResolutionGenerator implements IMarkerResolutionGenerator2 {

    @Override
    public boolean hasResolutions(IMarker marker) {
        String kind = marker.getAttribute(FindingMarkers.KIND, "");
        return !kind.isEmpty() && !RemediationRegistry.getDefault().forKind(kind).isEmpty();
    }

    @Override
    public IMarkerResolution[] getResolutions(IMarker marker) {
        try {
            if (!(marker.getResource() instanceof IFile file)) {
                return new IMarkerResolution[0];
            }
            Server server = ServerLookup.server(file);
            if (server == null || !server.isReadable()) {
                return new IMarkerResolution[0];
            }
            Finding finding = FindingMarkers.toFinding(marker);
            RemediationService service = RemediationService.create(CheckPreferences.current());
            return service.remediationsFor(server, finding).stream()
                    .map(d -> new RemediationResolution(service, d, server, finding))
                    .toArray(IMarkerResolution[]::new);
        } catch (CoreException e) {
            ILog.of(getClass()).log(e.getStatus());
            return new IMarkerResolution[0];
        }
    }
}
