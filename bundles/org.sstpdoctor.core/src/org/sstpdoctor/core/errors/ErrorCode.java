package org.sstpdoctor.core.errors;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One entry of the error-code catalog: a code a Windows SSTP client shows when a connection
 * fails, what it says, and why it happens.
 * <p>
 * Most entries have a 32-bit {@link #value() value}. An entry for a failure in which the client
 * shows no code of its own (KB947031 Scenario 8: the server receives no SSTP connections at all)
 * has no value and is known by its {@link #symbolicName() symbolic name} alone; its
 * {@link #message() message} then says what the administrator observes. {@link #key()} names
 * every entry either way.
 * </p>
 *
 * @param value the 32-bit code, e.g. 809 or 0x800B0101 (the negative int -2146762495); empty for
 *            an entry that stands for a failure without a client code
 * @param symbolicName the Windows symbolic name, e.g. {@code CERT_E_EXPIRED}; for an entry without
 *            a value, the catalog's own name for the failure; empty when there is none
 * @param title a short title, e.g. "Server certificate expired"
 * @param message the message the client shows, as the user reads it
 * @param causes the known causes, one sentence each, in the order their source lists them
 * @param scenario the KB947031 scenario (1 to 8) that covers the entry, if any
 * @param reference where the code and its causes are documented, e.g. "KB947031, Scenario 4";
 *            empty when not given
 * @param contributor the name of the contributor (bundle) that declared the entry
 */
public record ErrorCode(OptionalInt value, String symbolicName, String title, String message, List<String> causes,
        OptionalInt scenario, String reference, String contributor) {

    /**
     * @throws IllegalArgumentException when title or message is blank, a cause is blank, or the
     *             entry has neither a value nor a symbolic name
     * @throws NullPointerException when value, title, message, causes, scenario or contributor is
     *             {@code null}
     */
    public ErrorCode {
        Objects.requireNonNull(value, "value");
        symbolicName = symbolicName == null ? "" : symbolicName.strip();
        title = requireText(title, "title");
        message = requireText(message, "message");
        causes = List.copyOf(causes);
        for (String cause : causes) {
            requireText(cause, "cause");
        }
        Objects.requireNonNull(scenario, "scenario");
        reference = reference == null ? "" : reference.strip();
        Objects.requireNonNull(contributor, "contributor");
        if (value.isEmpty() && symbolicName.isEmpty()) {
            throw new IllegalArgumentException("An error code without a value needs a symbolic name");
        }
    }

    /**
     * The code as Windows writes it: {@code 0x800B0101} (8 upper-case hexadecimal digits) for
     * HRESULT-style values, {@code 809} for Win32 and RAS codes (0 to 65535); see
     * {@link ErrorCodes#format(int)}. Empty for an entry without a value.
     */
    public String hex() {
        return value.isPresent() ? ErrorCodes.format(value.getAsInt()) : "";
    }

    /** The code in unsigned decimal, {@code 2148204801} for 0x800B0101; empty without a value. */
    public String unsignedDecimal() {
        return value.isPresent() ? Integer.toUnsignedString(value.getAsInt()) : "";
    }

    /**
     * The code in signed decimal, the form of RasClient events: {@code -2146762495} for
     * 0x800B0101; empty without a value.
     */
    public String signedDecimal() {
        return value.isPresent() ? Integer.toString(value.getAsInt()) : "";
    }

    /**
     * The identifier of the entry, stable across runs and found again by
     * {@link ErrorCatalog#lookup(String)}: {@link #hex()} when the entry has a value, else its
     * symbolic name. Use it where a finding or marker records which code it reports.
     */
    public String key() {
        return value.isPresent() ? hex() : symbolicName;
    }

    /**
     * The entry for people to read: {@code 0x800B0101 (CERT_E_EXPIRED)}, {@code 0x8FFF0001} when
     * Windows has no symbolic name for the code, {@code SSTP_NO_INCOMING_CONNECTIONS} for an entry
     * without a value.
     */
    public String display() {
        if (value.isEmpty()) {
            return symbolicName;
        }
        return symbolicName.isEmpty() ? hex() : hex() + " (" + symbolicName + ")";
    }

    private static String requireText(String text, String what) {
        Objects.requireNonNull(text, what);
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("An error code needs a non-empty " + what);
        }
        return stripped;
    }
}
