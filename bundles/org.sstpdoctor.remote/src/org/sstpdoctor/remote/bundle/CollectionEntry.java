package org.sstpdoctor.remote.bundle;

import org.sstpdoctor.remote.CommandIds;
import org.sstpdoctor.remote.LegacyCommand;
import org.sstpdoctor.remote.PowerShellScript;

/**
 * One command of a collection script: its id, and its PowerShell form, its legacy form, or both.
 * The PowerShell collection script runs the PowerShell form where there is one, else the legacy
 * form; the {@code .cmd} script runs only legacy forms.
 *
 * @param id         a {@link CommandIds command id}
 * @param powerShell the PowerShell form, or null
 * @param legacy     the legacy cmd.exe form, or null
 */
public record CollectionEntry(String id, PowerShellScript powerShell, LegacyCommand legacy) {

    public CollectionEntry {
        CommandIds.requireValid(id);
        if (powerShell == null && legacy == null) {
            throw new IllegalArgumentException(id + ": a collection entry needs a PowerShell or a legacy form");
        }
    }
}
