package org.sstpdoctor.remote;

import java.util.Locale;

/** The two forms a command takes on a Windows server. */
public enum CommandForm {
    /** A PowerShell script, run by {@code powershell.exe -EncodedCommand}; output is UTF-8. */
    POWERSHELL("powershell"),
    /** A legacy command line run by cmd.exe ({@code sc query sstpsvc}), as KB947031 gives it. */
    LEGACY("legacy");

    private final String id;

    CommandForm(String id) {
        this.id = id;
    }

    /** The name used in evidence bundles: {@code powershell} or {@code legacy}. */
    public String id() {
        return id;
    }

    /** The form named {@code id} (case-insensitive), or null when there is none. */
    public static CommandForm fromId(String id) {
        if (id == null) {
            return null;
        }
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        for (CommandForm form : values()) {
            if (form.id.equals(wanted)) {
                return form;
            }
        }
        return null;
    }
}
