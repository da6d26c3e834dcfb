package org.sstpdoctor.app.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.sstpdoctor.app.SstpDoctorApp;

/**
 * The SSTP Doctor perspective: the Server Inventory on the left, server editors and the
 * Certificate Explorer in the centre, Problems (the findings, with their quick fixes),
 * Properties and Progress at the bottom.
 */
public final class SstpDoctorPerspective implements IPerspectiveFactory {

    static final String LEFT = "org.sstpdoctor.app.left";
    static final String CENTRE = "org.sstpdoctor.app.centre";
    static final String BOTTOM = "org.sstpdoctor.app.bottom";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editorArea = layout.getEditorArea();
        layout.setEditorAreaVisible(true);

        IFolderLayout left = layout.createFolder(LEFT, IPageLayout.LEFT, 0.25f, editorArea);
        left.addView(SstpDoctorApp.INVENTORY_VIEW_ID);

        IFolderLayout bottom = layout.createFolder(BOTTOM, IPageLayout.BOTTOM, 0.68f, editorArea);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
        bottom.addView(IPageLayout.ID_PROGRESS_VIEW);
        bottom.addPlaceholder(IPageLayout.ID_PROP_SHEET);
        bottom.addPlaceholder("org.eclipse.pde.runtime.LogView");

        IFolderLayout centre = layout.createFolder(CENTRE, IPageLayout.TOP, 0.55f, editorArea);
        centre.addView(SstpDoctorApp.CERTIFICATE_VIEW_ID);

        layout.addShowViewShortcut(SstpDoctorApp.INVENTORY_VIEW_ID);
        layout.addShowViewShortcut(SstpDoctorApp.CERTIFICATE_VIEW_ID);
        layout.addShowViewShortcut(IPageLayout.ID_PROBLEM_VIEW);
        layout.addShowViewShortcut(IPageLayout.ID_PROGRESS_VIEW);
        layout.addShowViewShortcut(IPageLayout.ID_PROP_SHEET);
        layout.addShowViewShortcut("org.eclipse.pde.runtime.LogView");
    }
}
