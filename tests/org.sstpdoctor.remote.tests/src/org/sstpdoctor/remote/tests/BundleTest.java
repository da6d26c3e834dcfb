package org.sstpdoctor.remote.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/** The remote bundle resolves in the runtime with its dependencies. */
class BundleTest {

    @Test
    void remoteBundleResolves() {
        Bundle bundle = Platform.getBundle("org.sstpdoctor.remote");
        assertNotNull(bundle);
        assertTrue((bundle.getState() & (Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE)) != 0,
                "state " + bundle.getState());
    }
}
