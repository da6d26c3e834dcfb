package org.sstpdoctor.remote.internal;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Stops the shared SSH clients, and so closes every SSH session, when the bundle stops. Starting
 * does nothing: clients start on first use.
 */
public final class RemoteActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        // Nothing to do at start-up: the SSH clients start when the first channel opens.
    }

    @Override
    public void stop(BundleContext context) {
        SshClients.stopAll();
    }
}
