package org.sstpdoctor.core.remediation;

import java.nio.file.Path;

import org.eclipse.core.runtime.IAdaptable;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.inventory.Server;

/**
 * What a remediation works on. Services such as the server's remote channel are reached with
 * {@link #getAdapter(Class)}; a context answers null for what it does not offer.
 */
public interface IRemediationContext extends IAdaptable {

    /** The server to fix. */
    Server server();

    /** The finding being fixed. */
    Finding finding();

    /** Where a remediation that produces files writes them (created on demand). */
    Path outputFolder();
}
