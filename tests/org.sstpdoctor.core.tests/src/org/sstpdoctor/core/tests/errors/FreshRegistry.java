package org.sstpdoctor.core.tests.errors;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.core.runtime.ContributorFactorySimple;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.RegistryFactory;
import org.sstpdoctor.core.SstpDoctorCore;

/**
 * An extension registry of its own, outside the platform's, that declares the error-code point
 * as the core does and takes contributions as plugin.xml text.
 */
final class FreshRegistry implements AutoCloseable {

    private final Object masterToken = new Object();
    private final Object userToken = new Object();
    private final IExtensionRegistry registry = RegistryFactory.createRegistry(null, masterToken, userToken);

    /** A registry that declares the point, as the core's plugin.xml does. */
    static FreshRegistry withPoint() {
        FreshRegistry fresh = new FreshRegistry();
        fresh.add(SstpDoctorCore.PLUGIN_ID,
                "<plugin><extension-point id=\"errorCodes\" name=\"SSTP Client Error Codes\""
                        + " schema=\"schema/errorCodes.exsd\"/></plugin>");
        return fresh;
    }

    /** A registry that does not declare the point. */
    static FreshRegistry withoutPoint() {
        return new FreshRegistry();
    }

    /**
     * Contributes {@code code} elements, as they would stand in the contributor's plugin.xml.
     *
     * @return this registry
     */
    FreshRegistry contribute(String contributor, String codes) {
        add(contributor, "<plugin><extension point=\"" + SstpDoctorCore.EXTENSION_POINT_ERROR_CODES + "\">" + codes
                + "</extension></plugin>");
        return this;
    }

    IExtensionRegistry registry() {
        return registry;
    }

    private void add(String contributor, String pluginXml) {
        boolean added = registry.addContribution(
                new ByteArrayInputStream(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + pluginXml)
                        .getBytes(StandardCharsets.UTF_8)),
                ContributorFactorySimple.createContributor(contributor), false, contributor, null, userToken);
        if (!added) {
            throw new IllegalStateException("The registry refused the contribution of " + contributor);
        }
    }

    @Override
    public void close() {
        registry.stop(masterToken);
    }
}
