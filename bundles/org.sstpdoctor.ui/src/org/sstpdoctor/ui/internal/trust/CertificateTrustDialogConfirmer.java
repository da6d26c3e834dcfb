package org.sstpdoctor.ui.internal.trust;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.sstpdoctor.remote.winrm.CertificateInfo;
import org.sstpdoctor.remote.winrm.ICertificateTrustConfirmer;

/**
 * Asks the person whether to trust a WinRM HTTPS certificate that the Java runtime does not trust, showing its
 * subject, issuer, SHA-256 thumbprint and validity and what to compare them with on the server. Registered as the
 * workbench's {@link ICertificateTrustConfirmer} service (OSGI-INF/certificateTrustConfirmer.xml); without a
 * workbench, certificates are refused.
 */
public final class CertificateTrustDialogConfirmer implements ICertificateTrustConfirmer {

    /** The dialog's title. */
    public static final String TITLE = "Trust this WinRM certificate?";
    /** The button that trusts the certificate. */
    public static final String TRUST = "Trust and Connect";
    /** The button that refuses it. */
    public static final String REFUSE = "Refuse";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Override
    public boolean trustCertificate(CertificateInfo certificate) {
        if (!PlatformUI.isWorkbenchRunning()) {
            return false;
        }
        Display display = PlatformUI.getWorkbench().getDisplay();
        boolean[] trusted = { false };
        display.syncExec(() -> {
            MessageDialog dialog = new MessageDialog(display.getActiveShell(), TITLE, null,
                    message(certificate, Instant.now()), MessageDialog.WARNING, 1, TRUST, REFUSE);
            trusted[0] = dialog.open() == 0;
        });
        return trusted[0];
    }

    /** The dialog's text: the certificate, why it is not trusted, how to check it, and where it will be kept. */
    public static String message(CertificateInfo c, Instant now) {
        String validity = DATE.format(c.notBefore()) + " to " + DATE.format(c.notAfter())
                + (c.isValidAt(now) ? "" : now.isAfter(c.notAfter()) ? "  (EXPIRED)" : "  (NOT YET VALID)");
        return "The WinRM HTTPS listener of " + c.server() + " (" + c.host() + ":" + c.port()
                + ") presents a certificate that is not trusted: " + c.problem() + ".\n\n"
                + "Subject:\t" + c.subject() + "\n"
                + "Issuer:\t" + c.issuer() + "\n"
                + "Valid:\t" + validity + "\n"
                + "SHA-256:\t" + c.sha256() + "\n"
                + "SHA-1 thumbprint:\t" + c.sha1() + "\n\n"
                + "Compare the thumbprint with the listener's certificate on the server itself, e.g. run there:\n"
                + "    winrm enumerate winrm/config/listener\n"
                + "and look at CertificateThumbprint of the HTTPS listener.\n\n"
                + "Trust it only if they are the same. Once trusted it is kept in " + c.storeFile()
                + "; if the server ever presents another certificate, SSTP Doctor refuses to connect.";
    }
}
