package org.sstpdoctor.remote.commands;

/** The two forms a catalog command has. */
public enum FormKind {
    /**
     * A PowerShell script whose output is JSON ({@code ConvertTo-Json -Compress}), for Windows
     * PowerShell 5.1 and PowerShell 7.
     */
    POWERSHELL,
    /** The text commands KB947031 names ({@code sc query}, {@code netstat -aon}, ...), for servers without PowerShell. */
    LEGACY_TEXT
}
