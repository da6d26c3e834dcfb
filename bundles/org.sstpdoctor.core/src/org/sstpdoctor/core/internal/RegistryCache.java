package org.sstpdoctor.core.internal;

import java.util.function.Supplier;

import org.eclipse.core.runtime.IExtension;
import org.eclipse.core.runtime.IExtensionPoint;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.IRegistryEventListener;

/**
 * What was read from one extension point, read again after bundles contributing to it are
 * installed or removed.
 */
public final class RegistryCache<T> {

    private final Supplier<T> reader;
    private volatile T value;

    public RegistryCache(IExtensionRegistry registry, String pointId, Supplier<T> reader) {
        this.reader = reader;
        registry.addListener(new IRegistryEventListener() {
            @Override
            public void added(IExtension[] extensions) {
                value = null;
            }

            @Override
            public void removed(IExtension[] extensions) {
                value = null;
            }

            @Override
            public void added(IExtensionPoint[] points) {
                value = null;
            }

            @Override
            public void removed(IExtensionPoint[] points) {
                value = null;
            }
        }, pointId);
    }

    /** The current contributions, read now if they changed since the last call. */
    public T get() {
        T v = value;
        if (v == null) {
            v = reader.get();
            value = v;
        }
        return v;
    }
}
