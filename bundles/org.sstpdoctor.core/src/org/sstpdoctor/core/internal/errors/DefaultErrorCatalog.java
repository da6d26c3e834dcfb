package org.sstpdoctor.core.internal.errors;

import org.eclipse.core.runtime.IExtension;
import org.eclipse.core.runtime.IExtensionPoint;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.IRegistryEventListener;
import org.eclipse.core.runtime.RegistryFactory;
import org.sstpdoctor.core.SstpDoctorCore;
import org.sstpdoctor.core.errors.ErrorCatalog;

/**
 * Keeps the catalog of the platform's registry: built on first use, dropped when extensions of
 * the error-code point are added or removed (bundles installed, updated or uninstalled at run
 * time), built again on the next use. Stops listening when the core bundle stops.
 */
public final class DefaultErrorCatalog implements IRegistryEventListener {

    private static final Object LOCK = new Object();

    /** Guarded by LOCK. */
    private static DefaultErrorCatalog instance;

    private final IExtensionRegistry registry;

    /** Guarded by this. */
    private ErrorCatalog current;

    /** Counts invalidations, guarded by this, so that a build that raced one is not kept. */
    private long generation;

    private DefaultErrorCatalog(IExtensionRegistry registry) {
        this.registry = registry;
    }

    /**
     * @return the current catalog of the platform's registry
     * @throws IllegalStateException when no extension registry is running
     */
    public static ErrorCatalog get() {
        DefaultErrorCatalog follower;
        synchronized (LOCK) {
            if (instance == null) {
                IExtensionRegistry registry = RegistryFactory.getRegistry();
                if (registry == null) {
                    throw new IllegalStateException("No extension registry is running, so there is no default error"
                            + " catalog; build one with ErrorCatalog.of(...)");
                }
                instance = new DefaultErrorCatalog(registry);
                registry.addListener(instance, SstpDoctorCore.EXTENSION_POINT_ERROR_CODES);
            }
            follower = instance;
        }
        return follower.current();
    }

    /** Stops following the registry; the next {@link #get()} starts again. */
    public static void dispose() {
        synchronized (LOCK) {
            if (instance != null) {
                instance.registry.removeListener(instance);
                instance = null;
            }
        }
    }

    private ErrorCatalog current() {
        long seen;
        synchronized (this) {
            if (current != null) {
                return current;
            }
            seen = generation;
        }
        ErrorCatalog built = ErrorCatalog.of(registry); // outside the lock: it reads the registry and logs
        synchronized (this) {
            if (generation == seen && current == null) {
                current = built;
            }
        }
        return built;
    }

    private synchronized void invalidate() {
        generation++;
        current = null;
    }

    @Override
    public void added(IExtension[] extensions) {
        invalidate();
    }

    @Override
    public void removed(IExtension[] extensions) {
        invalidate();
    }

    @Override
    public void added(IExtensionPoint[] extensionPoints) {
        invalidate();
    }

    @Override
    public void removed(IExtensionPoint[] extensionPoints) {
        invalidate();
    }
}
