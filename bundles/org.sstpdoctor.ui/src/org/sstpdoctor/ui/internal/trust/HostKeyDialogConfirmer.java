package org.sstpdoctor.ui.internal.trust;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.sstpdoctor.remote.ssh.HostKeyInfo;
import org.sstpdoctor.remote.ssh.IHostKeyConfirmer;

/**
 * Asks the person whether to trust an SSH host key seen for the first time, showing what to
 * compare it with on the server. Registered as the workbench's {@link IHostKeyConfirmer} service
 * (OSGI-INF/hostKeyConfirmer.xml); without a workbench, new keys are refused.
 */
public final class HostKeyDialogConfirmer implements IHostKeyConfirmer {

    /** The dialog's title. */
    public static final String TITLE = "Trust this SSH host key?";

    @Override
    public boolean trustNewHostKey(HostKeyInfo key) {
        if (!PlatformUI.isWorkbenchRunning()) {
            return false;
        }
        Display display = PlatformUI.getWorkbench().getDisplay();
        boolean[] trusted = { false };
        display.syncExec(() -> {
            MessageDialog dialog = new MessageDialog(display.getActiveShell(), TITLE, null, message(key),
                    MessageDialog.QUESTION, 1, "Trust and Connect", "Refuse");
            trusted[0] = dialog.open() == 0;
        });
        return trusted[0];
    }

    static String message(HostKeyInfo key) {
        return "SSTP Doctor has not connected to " + key.server() + " (" + key.host() + ":" + key.port()
                + ") before. It presents this " + key.keyType() + " host key:\n\n    " + key.fingerprint()
                + "\n\nCompare it with the key on the server itself, e.g. run there:\n"
                + "    ssh-keygen -lf C:\\ProgramData\\ssh\\ssh_host_ed25519_key.pub\n\n"
                + "Trust it only if they are the same. Once trusted it is kept in " + key.knownHostsFile()
                + "; if the server ever presents another key, SSTP Doctor refuses to connect.";
    }
}
