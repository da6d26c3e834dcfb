package org.sstpdoctor.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.core.runtime.Platform;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.app.SstpDoctorApp;

/**
 * The SSTP Doctor application opens its own window: the SSTP Doctor perspective active,
 * the product's title, and the Problems view where findings appear.
 */
class WorkbenchWindowTest {

    @Test
    void sstpDoctorPerspectiveIsActiveInAnOpenWindow() {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        assertNotNull(window, "no workbench window is open");
        assertTrue(window.getShell().isVisible(), "the workbench window is not visible");
        IWorkbenchPage page = window.getActivePage();
        assertNotNull(page, "the window has no page");
        assertEquals(SstpDoctorApp.PERSPECTIVE_ID, page.getPerspective().getId());
        assertEquals("SSTP Doctor", page.getPerspective().getLabel());
    }

    @Test
    void windowCarriesTheProductTitleAndTheProblemsView() {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        assertNotNull(window);
        assertTrue(window.getShell().getText().startsWith(SstpDoctorApp.NAME),
                "window title is '" + window.getShell().getText() + "'");
        assertEquals(SstpDoctorApp.PRODUCT_ID, Platform.getProduct().getId());
        assertNotNull(window.getActivePage().findView(IPageLayout.ID_PROBLEM_VIEW),
                "the Problems view is not open in the SSTP Doctor perspective");
    }
}
