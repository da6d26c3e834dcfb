package org.sstpdoctor.remote.commands;

import java.util.Optional;

/**
 * The events of the {@code Schannel} source (System log) that explain TLS failures of the SSTP
 * listener, by event ID.
 */
public enum SchannelEvent {
    PRIVATE_KEY_ACCESS_FAILED(36870, "A fatal error occurred when accessing the private key of the TLS server credential"),
    CREDENTIAL_CREATION_FAILED(36871, "A fatal error occurred while creating a TLS credential"),
    NO_COMMON_CIPHER_SUITE(36874,
            "A client's TLS connection request was refused: none of its cipher suites is enabled on the server"),
    FATAL_ALERT_RECEIVED(36887, "A fatal TLS alert was received from the remote endpoint"),
    FATAL_ALERT_SENT(36888, "A fatal TLS alert was generated and sent to the remote endpoint");

    public static final String PROVIDER = "Schannel";

    private final int id;
    private final String meaning;

    SchannelEvent(int id, String meaning) {
        this.id = id;
        this.meaning = meaning;
    }

    public int id() {
        return id;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<SchannelEvent> of(int id) {
        for (SchannelEvent event : values()) {
            if (event.id == id) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }
}
