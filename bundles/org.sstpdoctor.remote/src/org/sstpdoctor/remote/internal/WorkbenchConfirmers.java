package org.sstpdoctor.remote.internal;

import java.util.function.Predicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.sstpdoctor.remote.ssh.IHostKeyConfirmer;
import org.sstpdoctor.remote.winrm.ICertificateTrustConfirmer;

/**
 * The confirmers the workbench registers as OSGi services: the one that asks the administrator
 * about a server's new SSH host key, and the one that asks about an untrusted WinRM certificate.
 * Where none is registered (headless, tests), nothing new is trusted.
 */
public final class WorkbenchConfirmers {

    private WorkbenchConfirmers() {
    }

    /** The registered host-key confirmer, or {@link IHostKeyConfirmer#REFUSE}. */
    public static IHostKeyConfirmer hostKeys() {
        ServiceReference<IHostKeyConfirmer> ref = reference(IHostKeyConfirmer.class);
        return ref == null ? IHostKeyConfirmer.REFUSE : key -> ask(ref, c -> c.trustNewHostKey(key));
    }

    /** The registered certificate confirmer, or {@link ICertificateTrustConfirmer#REFUSE}. */
    public static ICertificateTrustConfirmer certificates() {
        ServiceReference<ICertificateTrustConfirmer> ref = reference(ICertificateTrustConfirmer.class);
        return ref == null ? ICertificateTrustConfirmer.REFUSE : info -> ask(ref, c -> c.trustCertificate(info));
    }

    private static <S> ServiceReference<S> reference(Class<S> type) {
        BundleContext context = context();
        return context == null ? null : context.getServiceReference(type);
    }

    /** Asks the service behind {@code ref}, holding it for the question alone; gone since: no. */
    private static <S> boolean ask(ServiceReference<S> ref, Predicate<S> question) {
        BundleContext context = context();
        S service = context == null ? null : context.getService(ref);
        if (service == null) {
            return false;
        }
        try {
            return question.test(service);
        } finally {
            context.ungetService(ref);
        }
    }

    private static BundleContext context() {
        Bundle bundle = FrameworkUtil.getBundle(WorkbenchConfirmers.class);
        return bundle == null ? null : bundle.getBundleContext();
    }
}
