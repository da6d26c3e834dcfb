package org.sstpdoctor.remote.commands;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The certificate bindings of http.sys, {@code netsh http show sslcert} (KB947031 Scenario 8,
 * steps 4 and 5): SSTP reads only the bindings on {@code 0.0.0.0} and {@code [::]} (written
 * {@code ::0} in the KB) at its listener port, with the application ID
 * {@value #SSTP_APPLICATION_ID}.
 *
 * @param bindings the bindings read whole, in output order
 * @param complete whether the whole output was read; a missing binding is evidence only then
 */
public record SslCertEvidence(List<Binding> bindings, boolean complete) {

    /** The application ID RRAS binds its certificate with (the GUID of the SSTP URL path). */
    public static final String SSTP_APPLICATION_ID = "{ba195980-cd49-458b-9e23-c84ee0adcd75}";

    public SslCertEvidence {
        bindings = List.copyOf(bindings);
    }

    static SslCertEvidence unknown() {
        return new SslCertEvidence(List.of(), false);
    }

    /**
     * The binding of an IP address and port; the wildcard addresses match in every spelling
     * ({@code 0.0.0.0}; {@code ::}, {@code ::0}, {@code [::]}).
     */
    public Optional<Binding> binding(String address, int port) {
        String wanted = normalizeAddress(address);
        return bindings.stream()
                .filter(b -> b.kind() == Kind.IP_PORT && b.port().orElse(-1) == port
                        && normalizeAddress(b.host()).equals(wanted))
                .findFirst();
    }

    /** The binding of the wildcard address of a family on {@code port}: {@code 0.0.0.0:port} or {@code [::]:port}. */
    public Optional<Binding> wildcardBinding(IpFamily family, int port) {
        return binding(family == IpFamily.IPV4 ? "0.0.0.0" : "::", port);
    }

    /** Whether the wildcard address of the family has a binding on {@code port}. */
    public Verdict hasWildcardBinding(IpFamily family, int port) {
        return Verdict.of(wildcardBinding(family, port).isPresent(), complete);
    }

    static String normalizeAddress(String address) {
        String a = address.strip().toLowerCase(Locale.ROOT);
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        return a.equals("::0") || a.equals("0:0:0:0:0:0:0:0") ? "::" : a;
    }

    /** What a binding is keyed by. */
    public enum Kind {
        /** {@code IP:port : 0.0.0.0:443} */
        IP_PORT,
        /** {@code Hostname:port : vpn.example.org:443} (SNI) */
        HOSTNAME_PORT,
        /** {@code Central Certificate Store : 443} */
        CENTRAL_CERTIFICATE_STORE
    }

    /**
     * One binding.
     *
     * @param kind                 what the binding is keyed by
     * @param host                 the IP address as printed ({@code 0.0.0.0}, {@code [::]}), the host
     *                             name, or empty for the central certificate store
     * @param port                 the port, empty when it was not a number
     * @param certificateHash      the SHA-1 thumbprint of the bound certificate, upper case without
     *                             spaces
     * @param applicationId        the application ID in braces, lower case
     * @param certificateStoreName the store ({@code MY}), empty when printed as {@code (null)} or
     *                             nothing
     * @param settings             every other setting by its English label ({@code Usage Check},
     *                             {@code Negotiate Client Certificate}, ...) as printed, in output order;
     *                             {@code (null)} becomes the empty string; extended properties are
     *                             keyed {@code Extended Properties <id>: <label>}
     * @param line                 the line the binding starts on
     */
    public record Binding(Kind kind, String host, OptionalInt port, String certificateHash, String applicationId,
            Optional<String> certificateStoreName, Map<String, String> settings, int line) {

        public Binding {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(certificateHash, "certificateHash");
            Objects.requireNonNull(applicationId, "applicationId");
            Objects.requireNonNull(certificateStoreName, "certificateStoreName");
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }

        /** {@code 0.0.0.0:443}, {@code [::]:443}, {@code vpn.example.org:443}. */
        public String endpoint() {
            return host + ":" + (port.isPresent() ? Integer.toString(port.getAsInt()) : "?");
        }

        /** Whether RRAS made this binding for SSTP (its application ID). */
        public boolean isSstp() {
            return applicationId.equals(SSTP_APPLICATION_ID);
        }

        /**
         * A flag setting: {@code Enabled} and {@code Set} are true, {@code Disabled} and
         * {@code Not Set} false; empty when the binding has no such setting.
         */
        public Optional<Boolean> flag(String label) {
            String value = settings.get(label);
            if (value == null) {
                return Optional.empty();
            }
            return switch (value) {
            case "Enabled", "Set" -> Optional.of(true);
            case "Disabled", "Not Set" -> Optional.of(false);
            default -> Optional.empty();
            };
        }

        /** A numeric setting ({@code Revocation Freshness Time}); grouped digits are read too. */
        public OptionalLong number(String label) {
            String value = settings.get(label);
            return value == null ? OptionalLong.empty() : Numbers.parseInteger(value);
        }
    }
}
