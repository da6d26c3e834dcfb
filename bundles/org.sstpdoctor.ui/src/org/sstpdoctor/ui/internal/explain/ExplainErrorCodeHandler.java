package org.sstpdoctor.ui.internal.explain;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.resources.IMarker;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;
import org.sstpdoctor.core.markers.FindingMarkers;

/** Opens Explain Error Code, filled with the code of a selected finding if there is one. */
public final class ExplainErrorCodeHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        String initial = "";
        if (HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection s
                && s.getFirstElement() instanceof Object first) {
            IMarker marker = org.eclipse.core.runtime.Adapters.adapt(first, IMarker.class);
            if (marker != null) {
                initial = marker.getAttribute(FindingMarkers.ERROR_CODE, "");
            }
        }
        new ExplainErrorCodeDialog(HandlerUtil.getActiveWorkbenchWindow(event).getShell(), initial).open();
        return null;
    }
}
