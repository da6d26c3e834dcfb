package org.sstpdoctor.ui.internal.lab;

import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchListener;
import org.eclipse.ui.PlatformUI;

/**
 * Starts the practice lab after the workbench has started, when it is the default inventory
 * (see {@link PracticeLab}), and stops it when the workbench shuts down. Runs on a background
 * thread; the lab itself starts in a job.
 */
public final class PracticeLabStartup implements IStartup {

    /** Whether the practice lab's bundle (an optional part of the product) is installed. */
    static boolean labInstalled() {
        return org.eclipse.core.runtime.Platform.getBundle("org.sstpdoctor.lab") != null;
    }

    @Override
    public void earlyStartup() {
        PlatformUI.getWorkbench().addWorkbenchListener(new IWorkbenchListener() {
            @Override
            public boolean preShutdown(IWorkbench workbench, boolean forced) {
                return true;
            }

            @Override
            public void postShutdown(IWorkbench workbench) {
                if (labInstalled()) {
                    PracticeLab.stop();
                }
            }
        });
        if (labInstalled()) {
            PracticeLab.startIfDefault();
        }
    }
}
