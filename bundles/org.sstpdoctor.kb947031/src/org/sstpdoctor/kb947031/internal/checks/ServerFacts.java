package org.sstpdoctor.kb947031.internal.checks;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.kb947031.KbFindings;
import org.sstpdoctor.remote.commands.CertStoreEvidence;
import org.sstpdoctor.remote.commands.CertStoreEvidence.Certificate;
import org.sstpdoctor.remote.commands.IpFamily;
import org.sstpdoctor.remote.commands.KnownEku;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.RemoteAccessEvidence;
import org.sstpdoctor.remote.commands.SslCertEvidence;
import org.sstpdoctor.remote.commands.SstpRegistryEvidence;
import org.sstpdoctor.remote.evidence.ServerState;

/**
 * What the checkers read from one server's state, with the helpers they share: which certificate
 * SSTP uses, which port it listens on, and the evidence texts (command outputs) that prove a
 * finding.
 */
public final class ServerFacts {

    private final Server server;
    private final ServerState state;
    private final Instant now;

    public ServerFacts(Server server, ServerState state, Instant now) {
        this.server = server;
        this.state = state;
        this.now = now;
    }

    public Server server() {
        return server;
    }

    public ServerState state() {
        return state;
    }

    public Instant now() {
        return now;
    }

    /**
     * The port SSTP must listen on at the server: the port the clients connect to (the inventory's
     * SSTP port), unless the server's entry says they reach it through port forwarding.
     */
    public int clientPort() {
        return server.config().channel().serverSstpPort(server.config().sstpPort());
    }

    /**
     * The port SSTP listens on per its registry (ListenerPort, 443 when absent); when the registry
     * could not be read, the port the clients use.
     */
    public int listenerPort() {
        return registry().map(r -> r.value().effectiveListenerPort()).filter(OptionalInt::isPresent)
                .map(OptionalInt::getAsInt).orElse(clientPort());
    }

    public Optional<ParseResult<SstpRegistryEvidence>> registry() {
        return state.sstpRegistry();
    }

    public Optional<ParseResult<CertStoreEvidence>> store() {
        return state.certificateStore();
    }

    public Optional<ParseResult<SslCertEvidence>> bindings() {
        return state.sslCertificates();
    }

    /**
     * The thumbprint of the certificate SSTP uses: the http.sys binding of 0.0.0.0 (else [::]) at
     * its port, else the thumbprint Get-RemoteAccess reports, else the registry's SHA-1 hash.
     */
    public Optional<String> boundThumbprint() {
        int port = listenerPort();
        Optional<SslCertEvidence> b = bindings().map(ParseResult::value);
        if (b.isPresent()) {
            Optional<String> hash = b.get().wildcardBinding(IpFamily.IPV4, port)
                    .or(() -> b.get().wildcardBinding(IpFamily.IPV6, port)).map(SslCertEvidence.Binding::certificateHash)
                    .filter(h -> !h.isEmpty());
            if (hash.isPresent()) {
                return hash;
            }
        }
        Optional<String> configured = state.remoteAccess().map(ParseResult::value)
                .flatMap(RemoteAccessEvidence::sslCertificateThumbprint).filter(h -> !h.isEmpty());
        if (configured.isPresent()) {
            return configured;
        }
        return registry().flatMap(r -> r.value().sha1CertificateHash());
    }

    /** Where the bound thumbprint was read, for messages. */
    public String boundThumbprintSource() {
        int port = listenerPort();
        Optional<SslCertEvidence> b = bindings().map(ParseResult::value);
        if (b.isPresent() && (b.get().wildcardBinding(IpFamily.IPV4, port).isPresent()
                || b.get().wildcardBinding(IpFamily.IPV6, port).isPresent())) {
            return "the http.sys binding of port " + port;
        }
        return "the SSTP configuration";
    }

    /** The bound certificate, when its thumbprint is known and the store holds it. */
    public Optional<Certificate> boundCertificate() {
        Optional<String> thumbprint = boundThumbprint();
        Optional<CertStoreEvidence> s = store().map(ParseResult::value);
        if (thumbprint.isEmpty() || s.isEmpty()) {
            return Optional.empty();
        }
        return s.get().byThumbprint(thumbprint.get());
    }

    /** The store's certificates SSTP could use now: Server Authentication, a private key, valid. */
    public List<Certificate> usableCertificates() {
        return store().map(s -> s.value().usableServerCertificates(now)).orElse(List.of());
    }

    /** The usable certificates whose names cover the host the clients use, newest (latest expiry) first. */
    public List<Certificate> usableCertificatesForHost() {
        return usableCertificates().stream().filter(c -> matchesHost(c, server.host()))
                .sorted(Comparator.comparing(Certificate::notAfter).reversed()).toList();
    }

    /** Whether the certificate's names (SAN, else CN) cover {@code host}, as a client matches them. */
    public static boolean matchesHost(Certificate certificate, String host) {
        return x509(certificate).map(x -> org.sstpdoctor.pki.HostNameMatcher.match(x, host).matches()).orElse(false);
    }

    /** The certificate decoded from its bytes, when they decode. */
    public static Optional<X509Certificate> x509(Certificate certificate) {
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate.der())));
        } catch (CertificateException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The names of a certificate: its SAN values, else its subject. */
    public static String names(Certificate certificate) {
        if (certificate.subjectAlternativeNames().isEmpty()) {
            return certificate.subject();
        }
        return certificate.subjectAlternativeNames().stream().map(n -> n.type() + " " + n.value())
                .collect(Collectors.joining(", "));
    }

    /** Whether two certificates share a name (a SAN value or the subject). */
    public static boolean shareAName(Certificate a, Certificate b) {
        List<String> na = nameSet(a);
        return nameSet(b).stream().anyMatch(na::contains);
    }

    private static List<String> nameSet(Certificate c) {
        List<String> out = new ArrayList<>();
        c.subjectAlternativeNames().forEach(n -> out.add(n.value().toLowerCase(Locale.ROOT)));
        out.add(c.subject().toLowerCase(Locale.ROOT));
        String cn = c.subject();
        int i = cn.toUpperCase(Locale.ROOT).indexOf("CN=");
        if (i >= 0) {
            String v = cn.substring(i + 3);
            int comma = v.indexOf(',');
            out.add((comma >= 0 ? v.substring(0, comma) : v).strip().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** One certificate as an administrator reads it in the Certificates snap-in. */
    public static String describe(Certificate c) {
        StringBuilder b = new StringBuilder();
        b.append("Subject:       ").append(c.subject()).append('\n');
        b.append("Issuer:        ").append(c.issuer()).append('\n');
        b.append("Names:         ").append(names(c)).append('\n');
        b.append("Valid:         ").append(c.notBefore()).append(" to ").append(c.notAfter()).append('\n');
        b.append("Key usage:     ").append(c.hasEkuExtension()
                ? c.enhancedKeyUsages().stream().map(KnownEku::describe).collect(Collectors.joining(", "))
                : "(no EKU extension: all purposes)").append('\n');
        b.append("Private key:   ").append(c.hasPrivateKey() ? "yes" : "no").append('\n');
        b.append("Thumbprint:    ").append(c.sha1Thumbprint()).append('\n');
        b.append("SHA-256:       ").append(c.sha256()).append('\n');
        c.friendlyName().filter(n -> !n.isEmpty()).ifPresent(n -> b.append("Friendly name: ").append(n).append('\n'));
        return b.toString();
    }

    /** {@code CN=vpn.example.org (3E75...C8C5, valid until 2027-01-01T00:00:00Z)}. */
    public static String brief(Certificate c) {
        return c.subject() + " (thumbprint " + c.sha1Thumbprint() + ", valid until " + c.notAfter() + ")";
    }

    /** The output of command {@code id} under a header naming it and the channel, or why it failed. */
    public String output(String id) {
        String header = "> " + id + " (" + state.channel() + ")\n";
        Optional<String> failure = state.failure(id);
        if (failure.isPresent()) {
            return header + "[not read: " + failure.get() + "]\n";
        }
        String out = state.output(id);
        return header + (out.endsWith("\n") ? out : out + "\n");
    }

    /** The outputs of several commands, one after the other. */
    public String outputs(String... ids) {
        StringBuilder b = new StringBuilder();
        for (String id : ids) {
            b.append(output(id)).append('\n');
        }
        return b.toString();
    }

    /** Why command {@code id} does not answer a question: failed, missing, or read with problems. */
    public String unreadable(String id) {
        Optional<String> failure = state.failure(id);
        if (failure.isPresent()) {
            return "the command " + id + " failed: " + failure.get();
        }
        Optional<ParseResult<Object>> r = state.result(id, Object.class);
        if (r.isEmpty()) {
            return "the command " + id + " did not run";
        }
        if (!r.get().isClean()) {
            return "the output of " + id + " could not be read completely (" + r.get().problems().stream()
                    .limit(3).map(Object::toString).collect(Collectors.joining("; ")) + ")";
        }
        return "the output of " + id + " does not say";
    }

    /** An INFO finding: the checker cannot tell {@code what}, because of command {@code id}. */
    public Finding couldNotTell(int scenario, String what, String id) {
        return Finding.of(KbFindings.EVIDENCE_INCOMPLETE, Severity.INFO,
                "Could not tell " + what + ": " + unreadable(id)).withScenario(scenario)
                .withEvidence(unreadable(id), output(id));
    }
}
