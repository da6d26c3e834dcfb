package org.sstpdoctor.core.internal;

import java.util.function.Supplier;

import org.eclipse.core.runtime.IExtension;
import org.eclipse.core.runtime.IExtensionPoint;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.IRegistryEventListener;

/**
 * What was read from one extension point: read on first use, dropped when extensions of the
 * point are added or removed (bundles installed, updated or uninstalled at run time), read
 * again on the next use. A read that raced such a change is returned but not kept.
 */
public final class RegistryCache<T> implements IRegistryEventListener {

    private final IExtensionRegistry registry;
    private final Supplier<T> reader;

    /** Guarded by this. */
    private T value;

    /** Counts invalidations, guarded by this, so that a read that raced one is not kept. */
    private long generation;

    public RegistryCache(IExtensionRegistry registry, String pointId, Supplier<T> reader) {
        this.registry = registry;
        this.reader = reader;
        registry.addListener(this, pointId);
    }

    /** The current contributions, read now if they changed since the last call. */
    public T get() {
        long seen;
        synchronized (this) {
            if (value != null) {
                return value;
            }
            seen = generation;
        }
        T read = reader.get(); // outside the lock: it reads the registry and may log
        synchronized (this) {
            if (generation == seen && value == null) {
                value = read;
            }
        }
        return read;
    }

    /** Stops following the registry. */
    public void close() {
        registry.removeListener(this);
    }

    private synchronized void invalidate() {
        generation++;
        value = null;
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
    public void added(IExtensionPoint[] points) {
        invalidate();
    }

    @Override
    public void removed(IExtensionPoint[] points) {
        invalidate();
    }
}
