package org.sstpdoctor.ui.internal.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.prefs.BackingStoreException;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.lab.Lab;
import org.sstpdoctor.lab.LabInventory;
import org.sstpdoctor.remote.RemoteSettings;
import org.sstpdoctor.ui.internal.SstpDoctorUi;

/**
 * The practice lab in the workbench: simulated RRAS servers, one per KB947031 scenario plus a
 * healthy one, running in this process on loopback while the workbench runs.
 * <p>
 * It is the default inventory: on the first start with an empty inventory the lab starts and its
 * servers are written into the site {@value LabInventory#SITE}. While that site exists, every start
 * starts the lab again (its ports change, so its server files are rewritten); once a person deletes
 * the site, the lab stays off until they ask for it (Servers &gt; Start Practice Lab). The system
 * property {@value #PROPERTY} set to {@code off} keeps it from starting by itself.
 */
public final class PracticeLab {

    /** {@code -Dsstpdoctor.practiceLab=off}: never start the lab by itself. */
    public static final String PROPERTY = "sstpdoctor.practiceLab";
    /** Whether the lab was offered once as the default inventory. */
    static final String PREF_OFFERED = "practiceLab.offered";
    /** The family of the job that starts the lab. */
    public static final Object FAMILY = PracticeLab.class;

    private static Lab running;

    private PracticeLab() {
    }

    /** Whether the lab is running in this workbench. */
    public static synchronized boolean isRunning() {
        return running != null;
    }

    /** The running lab, if any. */
    public static synchronized Optional<Lab> lab() {
        return Optional.ofNullable(running);
    }

    /**
     * Starts the lab in a job when it is the default inventory: an inventory that has never had
     * the lab and has no server, or one that still has the lab's site.
     */
    public static void startIfDefault() {
        if ("off".equalsIgnoreCase(System.getProperty(PROPERTY, ""))) {
            return;
        }
        schedule(false);
    }

    /** Starts the lab (or rewrites its servers if it runs) in a job, and answers the job. */
    public static Job start() {
        return schedule(true);
    }

    private static Job schedule(boolean asked) {
        Job job = new Job("Starting the practice lab (simulated RRAS servers)") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    return startNow(asked);
                } catch (CoreException e) {
                    return e.getStatus();
                } catch (IOException | RuntimeException e) {
                    return Status.error("The practice lab could not start: " + e.getMessage(), e);
                }
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setSystem(!asked);
        job.schedule();
        return job;
    }

    private static IStatus startNow(boolean asked) throws CoreException, IOException {
        Inventory inventory = Inventory.getDefault();
        List<Server> servers = inventory.servers();
        boolean hasSite = servers.stream().anyMatch(s -> s.site().equals(LabInventory.SITE));
        IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode(SstpDoctorUi.PLUGIN_ID);
        boolean offered = prefs.getBoolean(PREF_OFFERED, false);
        if (!asked && !hasSite && (offered || !servers.isEmpty())) {
            return Status.OK_STATUS; // the person has an inventory of their own, or dismissed the lab
        }
        Lab lab;
        synchronized (PracticeLab.class) {
            if (running == null) {
                Path state = Platform.getStateLocation(FrameworkUtil.getBundle(PracticeLab.class)).toPath();
                running = Lab.startDefault(state);
            }
            lab = running;
        }
        IStatus written = write(lab, inventory);
        prefs.putBoolean(PREF_OFFERED, true);
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            ILog.of(PracticeLab.class).warn("Cannot save that the practice lab was offered: " + e.getMessage());
        }
        return written;
    }

    /** Writes the lab's servers (they log in with the lab's own key: nothing goes to Secure Storage). */
    private static IStatus write(Lab lab, Inventory inventory) throws CoreException, IOException {
        LabInventory.populate(lab, inventory, RemoteSettings.defaults().knownHostsFile());
        ILog.of(PracticeLab.class).info("The practice lab runs: " + lab.hosts().size()
                + " simulated RRAS servers in the site " + LabInventory.SITE);
        return Status.OK_STATUS;
    }

    /** Stops the lab if it runs. */
    public static synchronized void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
