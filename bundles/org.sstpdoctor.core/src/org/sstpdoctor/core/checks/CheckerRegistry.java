package org.sstpdoctor.core.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.Platform;
import org.sstpdoctor.core.SstpDoctorCore;
import org.sstpdoctor.core.errors.ErrorCatalog;
import org.sstpdoctor.core.evidence.EvidenceProviderDescriptor;
import org.sstpdoctor.core.internal.Contributions;
import org.sstpdoctor.core.internal.RegistryCache;

/**
 * The checkers and evidence providers contributed to {@code org.sstpdoctor.core.checkers}.
 * Malformed contributions (missing id, name, category or class; a duplicate id; a requirement
 * of evidence nobody provides) are logged with their contributor and skipped. Contributions of
 * bundles installed or removed at run time are picked up at the next read.
 */
public final class CheckerRegistry {

    private static volatile CheckerRegistry defaultRegistry;

    private final IExtensionRegistry registry;
    private final ErrorCatalog catalog;
    private final RegistryCache<Snapshot> snapshot;

    private record Snapshot(Map<String, CheckerDescriptor> checkers, Map<String, EvidenceProviderDescriptor> evidence) {
    }

    /** A registry over the contributions of {@code registry}. */
    public CheckerRegistry(IExtensionRegistry registry) {
        this.registry = registry;
        this.catalog = registry == Platform.getExtensionRegistry() ? ErrorCatalog.getDefault() : ErrorCatalog.of(registry);
        this.snapshot = new RegistryCache<>(registry, SstpDoctorCore.EXTENSION_POINT_CHECKERS, this::load);
    }

    /** The registry of the running platform. */
    public static CheckerRegistry getDefault() {
        CheckerRegistry r = defaultRegistry;
        if (r == null) {
            synchronized (CheckerRegistry.class) {
                if (defaultRegistry == null) {
                    defaultRegistry = new CheckerRegistry(Platform.getExtensionRegistry());
                }
                r = defaultRegistry;
            }
        }
        return r;
    }

    /** Every valid checker, in contributor order. */
    public List<CheckerDescriptor> checkers() {
        return List.copyOf(read().checkers.values());
    }

    public Optional<CheckerDescriptor> checker(String id) {
        return Optional.ofNullable(read().checkers.get(id));
    }

    /** Every valid evidence provider, in contributor order. */
    public List<EvidenceProviderDescriptor> evidenceProviders() {
        return List.copyOf(read().evidence.values());
    }

    public Optional<EvidenceProviderDescriptor> evidenceProvider(String id) {
        return Optional.ofNullable(read().evidence.get(id));
    }

    private Snapshot read() {
        return snapshot.get();
    }

    private Snapshot load() {
        List<IConfigurationElement> elements = Contributions.elements(registry, SstpDoctorCore.EXTENSION_POINT_CHECKERS);
        Map<String, EvidenceProviderDescriptor> evidence = new LinkedHashMap<>();
        for (IConfigurationElement e : elements) {
            if ("evidenceProvider".equals(e.getName())) {
                EvidenceProviderDescriptor d = readProvider(e);
                if (d != null && evidence.putIfAbsent(d.id(), d) != null) {
                    Contributions.logInvalid(e, "repeats the id of another evidence provider");
                }
            }
        }
        Map<String, CheckerDescriptor> checkers = new LinkedHashMap<>();
        for (IConfigurationElement e : elements) {
            if ("checker".equals(e.getName())) {
                CheckerDescriptor d = readChecker(e, evidence);
                if (d != null && checkers.putIfAbsent(d.id(), d) != null) {
                    Contributions.logInvalid(e, "repeats the id of another checker");
                }
            }
        }
        return new Snapshot(checkers, evidence);
    }

    private static EvidenceProviderDescriptor readProvider(IConfigurationElement e) {
        String id = Contributions.required(e, "id");
        String name = id == null ? null : Contributions.required(e, "name");
        String cls = name == null ? null : Contributions.required(e, "class");
        if (cls == null) {
            return null;
        }
        List<String> requires = requirements(e);
        if (requires == null) {
            return null;
        }
        return new EvidenceProviderDescriptor(id, name, requires, e.getContributor().getName(), e);
    }

    private CheckerDescriptor readChecker(IConfigurationElement e, Map<String, EvidenceProviderDescriptor> evidence) {
        String id = Contributions.required(e, "id");
        String name = id == null ? null : Contributions.required(e, "name");
        String category = name == null ? null : Contributions.required(e, "category");
        String cls = category == null ? null : Contributions.required(e, "class");
        if (cls == null) {
            return null;
        }
        List<String> requires = requirements(e);
        if (requires == null) {
            return null;
        }
        for (String r : requires) {
            if (!evidence.containsKey(r)) {
                Contributions.logInvalid(e, "requires the evidence '" + r + "', which no plug-in provides");
                return null;
            }
        }
        List<String> codes = new ArrayList<>();
        for (IConfigurationElement c : e.getChildren("reports")) {
            String code = Contributions.required(c, "code");
            if (code == null) {
                return null;
            }
            if (catalog.lookup(code).isEmpty()) {
                Contributions.logInvalid(e, "reports the code '" + code + "', which is not in the error-code catalog");
                return null;
            }
            codes.add(code);
        }
        String description = null;
        IConfigurationElement[] d = e.getChildren("description");
        if (d.length > 0) {
            description = d[0].getValue();
        }
        return new CheckerDescriptor(id, name, description == null ? "" : description.strip(), category, codes,
                requires, e.getContributor().getName(), e);
    }

    private static List<String> requirements(IConfigurationElement e) {
        List<String> requires = new ArrayList<>();
        for (IConfigurationElement r : e.getChildren("requires")) {
            String ev = Contributions.required(r, "evidence");
            if (ev == null) {
                return null;
            }
            requires.add(ev);
        }
        return requires;
    }
}
