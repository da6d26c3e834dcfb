package org.sstpdoctor.core.internal;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.sstpdoctor.core.internal.errors.DefaultErrorCatalog;

/**
 * Releases what the core registered with the platform while it ran. Starting does nothing: the
 * core does no work until it is used.
 */
public final class CoreActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        // Nothing to do at start-up: every service of the core is built on first use.
    }

    @Override
    public void stop(BundleContext context) {
        DefaultErrorCatalog.dispose();
    }
}
