package org.sstpdoctor.remote;

import java.util.regex.Pattern;

import org.sstpdoctor.remote.internal.Messages;

/**
 * The ids of the diagnostic commands, shared by the command catalog, the live channels and the
 * evidence bundles. An id names what a command finds out, not how: the PowerShell form and the
 * legacy form of one command share it. In an evidence bundle the output of a command is the file
 * {@code <id>.<form>.txt}, so an id is also a safe file name.
 */
public final class CommandIds {

    /** The RemoteAccess and SstpSvc services ({@code sc query remoteaccess}, {@code sc query sstpsvc}). */
    public static final String SERVICES = "services";
    /** TCP listeners and connections with their processes ({@code netstat -aon}). */
    public static final String LISTENERS = "listeners";
    /** The http.sys certificate bindings ({@code netsh http show sslcert}). */
    public static final String SSLCERT = "sslcert";
    /** The values of {@code HKLM\SYSTEM\CurrentControlSet\Services\SstpSvc\Parameters}. */
    public static final String SSTP_REGISTRY = "sstp-registry";
    /** The LocalMachine\My certificate store. */
    public static final String CERTIFICATES = "certificates";
    /** Remote access state and VPN configuration, including the number of SSTP ports. */
    public static final String REMOTE_ACCESS = "remote-access";
    /** Windows Firewall rules of the "Secure Socket Tunneling Protocol" group. */
    public static final String FIREWALL = "firewall";
    /** RRAS inbound and outbound filters. */
    public static final String RRAS_FILTERS = "rras-filters";
    /** Recent System and Application events of RemoteAccess, RasSstp and Schannel. */
    public static final String EVENTS = "events";

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");
    private static final int MAX_LENGTH = 40;

    private CommandIds() {
    }

    /**
     * Whether {@code id} is a well-formed command id: lower-case ASCII letters and digits in
     * words joined by single hyphens, starting with a letter, at most 40 characters.
     */
    public static boolean isValid(String id) {
        return id != null && id.length() <= MAX_LENGTH && ID.matcher(id).matches();
    }

    /**
     * @return {@code id}
     * @throws IllegalArgumentException when it is not a well-formed command id
     */
    public static String requireValid(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("not a command id (lower-case letters, digits and inner hyphens, "
                    + "at most " + MAX_LENGTH + " characters): " + Messages.quote(id));
        }
        return id;
    }
}
