package org.sstpdoctor.core.remediation;

import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.sstpdoctor.core.internal.Contributions;

/**
 * A remediation as contributed, read without loading the contributor's classes.
 *
 * @param id            permanent id; the audit log names it
 * @param label         the quick fix's label
 * @param description   what it does and risks
 * @param changesServer whether applying it changes the server
 * @param fixes         the finding kinds it fixes
 * @param contributor   the contributing bundle
 * @param element       the contribution, for creating the remediation
 */
public record RemediationDescriptor(String id, String label, String description, boolean changesServer,
        List<String> fixes, String contributor, IConfigurationElement element) {

    public RemediationDescriptor {
        fixes = List.copyOf(fixes);
    }

    /** Creates the remediation; throws a CoreException naming the contributor when it cannot. */
    public IRemediation createRemediation() throws CoreException {
        return Contributions.create(element, IRemediation.class);
    }
}
