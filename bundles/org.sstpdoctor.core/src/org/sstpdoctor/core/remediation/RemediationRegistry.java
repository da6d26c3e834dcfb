package org.sstpdoctor.core.remediation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.Platform;
import org.sstpdoctor.core.SstpDoctorCore;
import org.sstpdoctor.core.internal.Contributions;
import org.sstpdoctor.core.internal.RegistryCache;

/**
 * The remediations contributed to {@code org.sstpdoctor.core.remediations}. Malformed ones
 * (missing id, label, class or changesServer; no {@code fixes}; a duplicate id) are logged with
 * their contributor and skipped.
 */
public final class RemediationRegistry {

    private static volatile RemediationRegistry defaultRegistry;

    private final RegistryCache<Map<String, RemediationDescriptor>> remediations;

    public RemediationRegistry(IExtensionRegistry registry) {
        this.remediations = new RegistryCache<>(registry, SstpDoctorCore.EXTENSION_POINT_REMEDIATIONS,
                () -> load(registry));
    }

    /** The registry of the running platform. */
    public static RemediationRegistry getDefault() {
        if (defaultRegistry == null) {
            synchronized (RemediationRegistry.class) {
                if (defaultRegistry == null) {
                    defaultRegistry = new RemediationRegistry(Platform.getExtensionRegistry());
                }
            }
        }
        return defaultRegistry;
    }

    /** Every valid remediation, in contributor order. */
    public List<RemediationDescriptor> remediations() {
        return List.copyOf(remediations.get().values());
    }

    public Optional<RemediationDescriptor> remediation(String id) {
        return Optional.ofNullable(remediations.get().get(id));
    }

    /** The remediations that declare they fix {@code kind} (exact match), without loading any class. */
    public List<RemediationDescriptor> forKind(String kind) {
        return remediations.get().values().stream().filter(r -> r.fixes().contains(kind)).toList();
    }

    private static Map<String, RemediationDescriptor> load(IExtensionRegistry registry) {
        Map<String, RemediationDescriptor> result = new LinkedHashMap<>();
        for (IConfigurationElement e : Contributions.elements(registry, SstpDoctorCore.EXTENSION_POINT_REMEDIATIONS)) {
            if (!"remediation".equals(e.getName())) {
                continue;
            }
            RemediationDescriptor d = read(e);
            if (d != null && result.putIfAbsent(d.id(), d) != null) {
                Contributions.logInvalid(e, "repeats the id of another remediation");
            }
        }
        return result;
    }

    private static RemediationDescriptor read(IConfigurationElement e) {
        String id = Contributions.required(e, "id");
        String label = id == null ? null : Contributions.required(e, "label");
        String cls = label == null ? null : Contributions.required(e, "class");
        String changes = cls == null ? null : Contributions.required(e, "changesServer");
        if (changes == null) {
            return null;
        }
        if (!changes.equals("true") && !changes.equals("false")) {
            Contributions.logInvalid(e, "has changesServer=\"" + changes + "\", which is neither true nor false");
            return null;
        }
        List<String> kinds = new ArrayList<>();
        for (IConfigurationElement f : e.getChildren("fixes")) {
            String kind = Contributions.required(f, "kind");
            if (kind == null) {
                return null;
            }
            kinds.add(kind);
        }
        if (kinds.isEmpty()) {
            Contributions.logInvalid(e, "names no finding kind it fixes");
            return null;
        }
        IConfigurationElement[] d = e.getChildren("description");
        String description = d.length > 0 && d[0].getValue() != null ? d[0].getValue().strip() : "";
        return new RemediationDescriptor(id, label, description, Boolean.parseBoolean(changes), kinds,
                e.getContributor().getName(), e);
    }
}
