package org.sstpdoctor.app.internal;

import java.io.File;
import java.io.IOException;
import java.net.URI;

import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.service.datalocation.Location;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;
import org.sstpdoctor.app.SstpDoctorApp;

/**
 * The SSTP Doctor application: a workbench of its own, not the generic IDE.
 * <p>
 * The workspace (where the server inventory lives) is the instance location; when none was
 * given with {@code -data}, it is {@code ~/.sstpdoctor/workspace}. Two running copies on one
 * workspace would corrupt it, so the location is locked, and a second copy says so and exits.
 */
public final class SstpDoctorApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) throws Exception {
        Display display = PlatformUI.createDisplay();
        try {
            Display.setAppName(SstpDoctorApp.NAME);
            if (!lockWorkspace(display)) {
                return EXIT_OK;
            }
            context.applicationRunning();
            int code = PlatformUI.createAndRunWorkbench(display, new SstpDoctorWorkbenchAdvisor());
            return code == PlatformUI.RETURN_RESTART ? EXIT_RESTART : EXIT_OK;
        } finally {
            Location instance = Platform.getInstanceLocation();
            if (instance != null && instance.isLocked()) {
                instance.release();
            }
            display.dispose();
        }
    }

    private static boolean lockWorkspace(Display display) throws IOException {
        Location instance = Platform.getInstanceLocation();
        if (instance == null) {
            MessageDialog.openError(null, SstpDoctorApp.NAME,
                    "SSTP Doctor needs a workspace for its server inventory, but was started with -data @none.");
            return false;
        }
        if (!instance.isSet()) {
            File dir = new File(System.getProperty("user.home"), ".sstpdoctor/workspace");
            URI uri = dir.toURI();
            instance.set(uri.toURL(), false);
        }
        if (!instance.lock()) {
            MessageDialog.openError(null, SstpDoctorApp.NAME,
                    "The workspace " + instance.getURL().getFile()
                            + " is in use by another SSTP Doctor window.\n\n"
                            + "Close that one, or start this one with -data <another folder>.");
            return false;
        }
        return true;
    }

    @Override
    public void stop() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        Display display = workbench.getDisplay();
        display.syncExec(() -> {
            if (!display.isDisposed()) {
                workbench.close();
            }
        });
    }
}
