package org.sstpdoctor.kb947031.tests;

import java.nio.file.Path;

import org.eclipse.core.runtime.Platform;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.remediation.IRemediationContext;
import org.sstpdoctor.remote.IRemoteChannel;

/**
 * A remediation context whose server channel is the test's (null: the platform's adapters, as
 * the core's remediation service gives them).
 */
record TestContext(Server server, Finding finding, Path outputFolder, IRemoteChannel channel)
        implements IRemediationContext {

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (channel != null && adapter == IRemoteChannel.class) {
            return adapter.cast(channel);
        }
        return Platform.getAdapterManager().getAdapter(this, adapter);
    }
}
