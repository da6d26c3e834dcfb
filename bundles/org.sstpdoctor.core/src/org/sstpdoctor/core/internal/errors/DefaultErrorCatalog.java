package org.sstpdoctor.core.internal.errors;

import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.RegistryFactory;
import org.sstpdoctor.core.SstpDoctorCore;
import org.sstpdoctor.core.errors.ErrorCatalog;
import org.sstpdoctor.core.internal.RegistryCache;

/**
 * Keeps the catalog of the platform's registry, following bundles that contribute codes as they
 * come and go. Stops listening when the core bundle stops.
 */
public final class DefaultErrorCatalog {

    private static final Object LOCK = new Object();

    /** Guarded by LOCK. */
    private static RegistryCache<ErrorCatalog> cache;

    private DefaultErrorCatalog() {
    }

    /**
     * @return the current catalog of the platform's registry
     * @throws IllegalStateException when no extension registry is running
     */
    public static ErrorCatalog get() {
        RegistryCache<ErrorCatalog> c;
        synchronized (LOCK) {
            if (cache == null) {
                IExtensionRegistry registry = RegistryFactory.getRegistry();
                if (registry == null) {
                    throw new IllegalStateException("No extension registry is running, so there is no default error"
                            + " catalog; build one with ErrorCatalog.of(...)");
                }
                cache = new RegistryCache<>(registry, SstpDoctorCore.EXTENSION_POINT_ERROR_CODES,
                        () -> ErrorCatalog.of(registry));
            }
            c = cache;
        }
        return c.get();
    }

    /** Stops following the registry; the next {@link #get()} starts again. */
    public static void dispose() {
        synchronized (LOCK) {
            if (cache != null) {
                cache.close();
                cache = null;
            }
        }
    }
}
