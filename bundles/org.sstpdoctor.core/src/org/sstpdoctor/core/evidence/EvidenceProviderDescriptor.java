package org.sstpdoctor.core.evidence;

import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.sstpdoctor.core.internal.Contributions;

/**
 * An evidence provider as contributed: id, name and the evidence it builds on, read without
 * loading the contributor's classes.
 *
 * @param id               the evidence's permanent id
 * @param name             shown in progress and evidence views
 * @param requiredEvidence the evidence this provider itself builds on
 * @param contributor      the contributing bundle
 * @param element          the contribution, for creating the provider
 */
public record EvidenceProviderDescriptor(String id, String name, List<String> requiredEvidence, String contributor,
        IConfigurationElement element) {

    public EvidenceProviderDescriptor {
        requiredEvidence = List.copyOf(requiredEvidence);
    }

    /** Creates the provider; throws a CoreException naming the contributor when it cannot. */
    public IEvidenceProvider createProvider() throws CoreException {
        return Contributions.create(element, IEvidenceProvider.class);
    }
}
