package org.sstpdoctor.core.remediation;

import org.sstpdoctor.core.inventory.Server;

/**
 * Asks the person whether to carry out a plan. The workbench shows the plan in a dialog; the
 * command line asks on the terminal or takes an explicit option. Without one, nothing is
 * confirmed: {@link #DENY}.
 */
@FunctionalInterface
public interface IRemediationConfirmer {

    /** Confirms nothing: the safe answer where no person can be asked. */
    IRemediationConfirmer DENY = (server, remediation, plan) -> false;

    /** Whether to apply {@code plan} of {@code remediation} to {@code server}. */
    boolean confirm(Server server, RemediationDescriptor remediation, RemediationPlan plan);
}
