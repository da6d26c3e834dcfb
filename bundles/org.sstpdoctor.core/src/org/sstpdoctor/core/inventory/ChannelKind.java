package org.sstpdoctor.core.inventory;

/** How SSTP Doctor reaches a server's management side, beyond the network probe. */
public enum ChannelKind {
    /** No management channel: only what the network probe sees (no credentials needed). */
    NONE("none"),
    /** SSH to Windows OpenSSH (Windows Server 2019 and later). */
    SSH("ssh"),
    /** WinRM (WS-Management), over HTTP with message encryption or over HTTPS. */
    WINRM("winrm"),
    /** An offline evidence bundle collected on the server by the administrator and imported. */
    BUNDLE("bundle");

    private final String id;

    ChannelKind(String id) {
        this.id = id;
    }

    /** The name used in server files and CSV imports. */
    public String id() {
        return id;
    }

    /** The kind named {@code id} (case-insensitive), or null when there is none. */
    public static ChannelKind fromId(String id) {
        for (ChannelKind kind : values()) {
            if (kind.id.equalsIgnoreCase(id == null ? "" : id.strip())) {
                return kind;
            }
        }
        return null;
    }

    /** The port the channel uses when a server file names none. */
    public int defaultPort() {
        return switch (this) {
            case SSH -> 22;
            case WINRM -> 5985;
            case NONE, BUNDLE -> 0;
        };
    }
}
