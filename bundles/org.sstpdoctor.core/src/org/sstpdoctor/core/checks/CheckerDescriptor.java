package org.sstpdoctor.core.checks;

import java.util.List;
import java.util.Objects;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.sstpdoctor.core.internal.Contributions;

/**
 * A checker as contributed: id, name, description, category, the error codes it can report and
 * the evidence it needs, read from plugin.xml without loading the contributor's classes. The
 * checker itself is created only when a check runs.
 */
public final class CheckerDescriptor {

    private final String id;
    private final String name;
    private final String description;
    private final String category;
    private final List<String> reportedCodes;
    private final List<String> requiredEvidence;
    private final String contributor;
    private final IConfigurationElement element;

    CheckerDescriptor(String id, String name, String description, String category, List<String> reportedCodes,
            List<String> requiredEvidence, String contributor, IConfigurationElement element) {
        this.id = Objects.requireNonNull(id);
        this.name = Objects.requireNonNull(name);
        this.description = description == null ? "" : description;
        this.category = Objects.requireNonNull(category);
        this.reportedCodes = List.copyOf(reportedCodes);
        this.requiredEvidence = List.copyOf(requiredEvidence);
        this.contributor = contributor;
        this.element = element;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String category() {
        return category;
    }

    /** The error codes it declares it can report, as written in plugin.xml. */
    public List<String> reportedCodes() {
        return reportedCodes;
    }

    /** The ids of the evidence providers it needs. */
    public List<String> requiredEvidence() {
        return requiredEvidence;
    }

    /** The symbolic name of the contributing bundle. */
    public String contributor() {
        return contributor;
    }

    /** Creates the checker; throws a CoreException naming the contributor when it cannot. */
    public IChecker createChecker() throws CoreException {
        return Contributions.create(element, IChecker.class);
    }

    @Override
    public String toString() {
        return id + " (" + contributor + ")";
    }
}
