package org.sstpdoctor.kb947031.internal.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.kb947031.KbFindings;
import org.sstpdoctor.remote.commands.CertStoreEvidence.Certificate;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.commands.EventsEvidence;
import org.sstpdoctor.remote.commands.FirewallEvidence;
import org.sstpdoctor.remote.commands.IpFamily;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.RasSstpEvent;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence;
import org.sstpdoctor.remote.commands.SslCertEvidence;
import org.sstpdoctor.remote.commands.SstpRegistryEvidence;
import org.sstpdoctor.remote.commands.Verdict;

/**
 * KB947031 scenario 8: the server runs but no SSTP connection comes in. Compares the SSTP
 * registry's ListenerPort with the port the clients use, the http.sys bindings of 0.0.0.0 and
 * [::] with each other, the registry's certificate hashes with the bound certificate, and reads
 * the RRAS packet filters, the "Secure Socket Tunneling Protocol" firewall rules and the RasSstp
 * events. Causes scenario 2 already names (nothing bound at all, a stopped service) are left to it.
 */
public final class NoIncomingSstpChecker extends KbChecker {

    @Override
    List<Finding> check(ServerFacts facts, ICheckContext context) {
        List<Finding> out = new ArrayList<>();
        listenerPort(facts, out);
        int port = facts.listenerPort();
        bindings(facts, port, out);
        hashes(facts, out);
        // packets arrive at the port the clients use: a ListenerPort elsewhere is reported above
        filters(facts, facts.clientPort(), out);
        firewall(facts, facts.clientPort(), out);
        events(facts, out, kinds(out));
        return out;
    }

    private static Finding finding(String kind, Severity severity, String message, String summary, String evidence) {
        return Finding.of(kind, severity, message).withScenario(8).withEvidence(summary, evidence);
    }

    private static void listenerPort(ServerFacts facts, List<Finding> out) {
        Optional<ParseResult<SstpRegistryEvidence>> reg = facts.registry();
        OptionalInt port = reg.map(r -> r.value().effectiveListenerPort()).orElse(OptionalInt.empty());
        if (port.isEmpty()) {
            out.add(facts.couldNotTell(8, "which port SSTP listens on (ListenerPort)", CommandCatalog.SSTP_REGISTRY));
            return;
        }
        if (port.getAsInt() != facts.clientPort()) {
            out.add(finding(KbFindings.LISTENER_PORT_MISMATCH, Severity.ERROR,
                    "SSTP is configured to listen on TCP port " + port.getAsInt() + " (ListenerPort in "
                            + SstpRegistryEvidence.KEY + ") but the clients connect to port " + facts.clientPort(),
                    "ListenerPort " + port.getAsInt() + ", clients use " + facts.clientPort(),
                    facts.outputs(CommandCatalog.SSTP_REGISTRY, CommandCatalog.LISTENERS)));
        }
    }

    private static void bindings(ServerFacts facts, int port, List<Finding> out) {
        Optional<ParseResult<SslCertEvidence>> b = facts.bindings();
        if (b.isEmpty()) {
            return; // scenario 2 says it cannot tell
        }
        SslCertEvidence e = b.get().value();
        Optional<SslCertEvidence.Binding> v4 = e.wildcardBinding(IpFamily.IPV4, port);
        Optional<SslCertEvidence.Binding> v6 = e.wildcardBinding(IpFamily.IPV6, port);
        if (v4.isEmpty() && v6.isEmpty()) {
            return; // nothing bound: scenario 2
        }
        if (v4.isEmpty() || v6.isEmpty()) {
            String missing = v4.isEmpty() ? "0.0.0.0:" + port : "[::]:" + port;
            String present = v4.isEmpty() ? "[::]:" + port : "0.0.0.0:" + port;
            Verdict known = e.hasWildcardBinding(v4.isEmpty() ? IpFamily.IPV4 : IpFamily.IPV6, port);
            if (known == Verdict.NO) {
                out.add(finding(KbFindings.SSL_BINDING_MISSING, Severity.ERROR,
                        "http.sys binds SSTP's certificate on " + present + " but not on " + missing
                                + ": clients of that address family get no SSTP certificate",
                        "no binding on " + missing, facts.output(CommandCatalog.SSLCERT)));
            } else {
                out.add(facts.couldNotTell(8, "whether http.sys binds " + missing, CommandCatalog.SSLCERT));
            }
            return;
        }
        if (!v4.get().certificateHash().equals(v6.get().certificateHash())) {
            out.add(finding(KbFindings.SSL_BINDINGS_DIFFER, Severity.WARNING,
                    "http.sys binds different certificates on 0.0.0.0:" + port + " (" + v4.get().certificateHash()
                            + ") and [::]:" + port + " (" + v6.get().certificateHash()
                            + "): IPv4 and IPv6 clients are served different certificates",
                    "IPv4 " + v4.get().certificateHash() + ", IPv6 " + v6.get().certificateHash(),
                    facts.outputs(CommandCatalog.SSLCERT, CommandCatalog.CERT_STORE)));
        }
    }

    private static void hashes(ServerFacts facts, List<Finding> out) {
        Optional<ParseResult<SstpRegistryEvidence>> reg = facts.registry();
        Optional<ParseResult<SslCertEvidence>> b = facts.bindings();
        int port = facts.listenerPort();
        Optional<String> bound = b.flatMap(x -> x.value().wildcardBinding(IpFamily.IPV4, port)
                .or(() -> x.value().wildcardBinding(IpFamily.IPV6, port))).map(SslCertEvidence.Binding::certificateHash);
        if (bound.isEmpty() || reg.isEmpty()) {
            return;
        }
        SstpRegistryEvidence r = reg.get().value();
        if (r.keyState() != SstpRegistryEvidence.KeyState.PRESENT) {
            out.add(facts.couldNotTell(8, "whether the registry's certificate hashes match the bound certificate",
                    CommandCatalog.SSTP_REGISTRY));
            return;
        }
        Optional<String> sha1 = r.sha1CertificateHash();
        Optional<String> sha256 = r.sha256CertificateHash();
        Optional<Certificate> cert = facts.store().flatMap(s -> s.value().byThumbprint(bound.get()));
        List<String> wrong = new ArrayList<>();
        if (sha1.isEmpty() && sha256.isEmpty()) {
            if (!r.complete() && r.value("Sha1CertificateHash").isEmpty() && r.value("Sha256CertificateHash").isEmpty()) {
                out.add(facts.couldNotTell(8, "whether the registry's certificate hashes match the bound certificate",
                        CommandCatalog.SSTP_REGISTRY));
                return;
            }
            wrong.add("neither Sha256CertificateHash (REG_BINARY, 32 bytes) nor Sha1CertificateHash (REG_BINARY, 20 bytes)"
                    + " holds a valid hash");
        }
        if (sha1.isPresent() && !sha1.get().equals(bound.get())) {
            wrong.add("Sha1CertificateHash is " + sha1.get());
        }
        if (sha256.isPresent() && cert.isPresent() && !sha256.get().equals(cert.get().sha256())) {
            wrong.add("Sha256CertificateHash is " + sha256.get() + ", not " + cert.get().sha256());
        }
        if (wrong.isEmpty()) {
            return;
        }
        String stale = sha1.flatMap(h -> facts.store().flatMap(s -> s.value().byThumbprint(h)))
                .or(() -> sha256.flatMap(h -> facts.store().flatMap(s -> s.value().bySha256(h))))
                .filter(c -> !c.sha1Thumbprint().equals(bound.get()))
                .map(c -> " (the registry names " + ServerFacts.brief(c) + ")").orElse("");
        out.add(finding(KbFindings.REGISTRY_HASH_MISMATCH, Severity.ERROR,
                "The SSTP registry's certificate hash does not match the certificate http.sys binds ("
                        + bound.get() + "): " + String.join("; ", wrong) + stale,
                String.join("; ", wrong), facts.outputs(CommandCatalog.SSTP_REGISTRY, CommandCatalog.SSLCERT,
                        CommandCatalog.CERT_STORE)));
    }

    private static void filters(ServerFacts facts, int port, List<Finding> out) {
        Optional<ParseResult<RrasFiltersEvidence>> f = facts.state().rrasFilters();
        if (f.isEmpty()) {
            out.add(facts.couldNotTell(8, "whether an RRAS packet filter blocks TCP port " + port,
                    CommandCatalog.RRAS_FILTERS));
            return;
        }
        Verdict in = f.get().value().blocksInboundTcp(port);
        Verdict outbound = f.get().value().blocksOutboundTcp(port);
        if (in == Verdict.YES || outbound == Verdict.YES) {
            List<String> which = new ArrayList<>();
            for (RrasFiltersEvidence.Interface i : f.get().value().interfaces()) {
                if (in == Verdict.YES && i.blocks(RrasFiltersEvidence.Type.INPUT, port) == Verdict.YES) {
                    which.add("inbound filters of \"" + i.name() + "\" (action " + i.action(RrasFiltersEvidence.Type.INPUT)
                            + ")");
                }
                if (outbound == Verdict.YES && i.blocks(RrasFiltersEvidence.Type.OUTPUT, port) == Verdict.YES) {
                    which.add("outbound filters of \"" + i.name() + "\" (action "
                            + i.action(RrasFiltersEvidence.Type.OUTPUT) + ")");
                }
            }
            out.add(finding(KbFindings.RRAS_FILTER_BLOCKS_SSTP, Severity.ERROR,
                    "RRAS packet filters drop SSTP's TCP port " + port + ": " + String.join(", ", which),
                    String.join(", ", which), facts.output(CommandCatalog.RRAS_FILTERS)));
        } else if (in == Verdict.UNKNOWN || outbound == Verdict.UNKNOWN) {
            out.add(facts.couldNotTell(8, "whether an RRAS packet filter blocks TCP port " + port
                    + " (a filter limited to some addresses, or output not read whole)", CommandCatalog.RRAS_FILTERS));
        }
    }

    private static void firewall(ServerFacts facts, int port, List<Finding> out) {
        Optional<ParseResult<FirewallEvidence>> f = facts.state().firewall();
        if (f.isEmpty()) {
            out.add(facts.couldNotTell(8, "whether Windows Firewall lets SSTP in", CommandCatalog.FIREWALL));
            return;
        }
        Verdict allows = f.get().value().allowsInboundTcp(port);
        if (allows == Verdict.NO) {
            String rules = f.get().value().rules().isEmpty() ? "the group has no rule"
                    : f.get().value().rules().stream().map(r -> r.name() + (r.enabled() ? " enabled" : " disabled"))
                            .collect(Collectors.joining(", "));
            out.add(finding(KbFindings.FIREWALL_RULE_DISABLED, Severity.ERROR,
                    "No enabled Windows Firewall rule of the \"Secure Socket Tunneling Protocol\" group allows TCP port "
                            + port + " in (" + rules + ")",
                    rules, facts.output(CommandCatalog.FIREWALL)));
        } else if (allows == Verdict.UNKNOWN) {
            out.add(facts.couldNotTell(8, "whether Windows Firewall lets SSTP in", CommandCatalog.FIREWALL));
        }
    }

    private static java.util.Set<String> kinds(List<Finding> found) {
        return found.stream().map(Finding::kind).collect(Collectors.toSet());
    }

    /** The RasSstp events that say what a finding of this check already says. */
    private static boolean explained(RasSstpEvent event, java.util.Set<String> kinds) {
        return switch (event) {
        case SHA256_HASH_INVALID, SHA1_HASH_INVALID, THUMBPRINT_DIFFERS_FROM_BINDING, NO_HTTP_CERTIFICATE_HASH ->
            kinds.contains(KbFindings.REGISTRY_HASH_MISMATCH);
        case IPV4_CERTIFICATE_NOT_CONFIGURED, IPV6_CERTIFICATE_NOT_CONFIGURED -> kinds.contains(KbFindings.SSL_BINDING_MISSING);
        case IPV4_IPV6_BINDINGS_DIFFER -> kinds.contains(KbFindings.SSL_BINDINGS_DIFFER);
        default -> false;
        };
    }

    private static void events(ServerFacts facts, List<Finding> out, java.util.Set<String> kinds) {
        Optional<ParseResult<EventsEvidence>> e = facts.state().events();
        if (e.isEmpty()) {
            return;
        }
        List<EventsEvidence.Event> blocking = e.get().value().events().stream()
                .filter(ev -> ev.rasSstp().filter(k -> k.serverSide() && k.blocksConnections() && !explained(k, kinds))
                        .isPresent())
                .toList();
        if (blocking.isEmpty()) {
            return;
        }
        String lines = blocking.stream().map(ev -> ev.timeCreated() + " RasSstp " + ev.id() + ": "
                + ev.rasSstp().get().meaning()).distinct().collect(Collectors.joining("\n"));
        String ids = blocking.stream().map(ev -> Integer.toString(ev.id())).distinct().collect(Collectors.joining(", "));
        // Events stay in the log after their cause was removed: an event whose cause the server's
        // present state still shows is a warning; one whose cause is gone is history, said as such.
        boolean current = !kinds.isEmpty() || blocking.stream().anyMatch(ev -> stillCaused(ev.rasSstp().get(), facts));
        if (current) {
            out.add(finding(KbFindings.RAS_SSTP_ERROR_EVENTS, Severity.WARNING,
                    "The SSTP service logged events that mean it does not accept connections (RasSstp " + ids + "): "
                            + blocking.get(0).rasSstp().get().meaning(),
                    "RasSstp events " + ids, lines + "\n\n" + facts.output(CommandCatalog.EVENTS)));
        } else {
            out.add(finding(KbFindings.RAS_SSTP_PAST_EVENTS, Severity.INFO,
                    "The SSTP service logged events that mean it did not accept connections (RasSstp " + ids
                            + "), but the server's present configuration no longer shows their cause",
                    "earlier RasSstp events " + ids, lines + "\n\n" + facts.output(CommandCatalog.EVENTS)));
        }
    }

    /**
     * Whether the server's present state still shows the cause of {@code event}: for a missing or
     * unusable certificate (11, 25), that the certificate bound for SSTP is missing or cannot serve
     * (no Server Authentication, no private key, not valid now). The other events' causes are this
     * checker's own findings, which {@link #explained} matches.
     */
    private static boolean stillCaused(RasSstpEvent event, ServerFacts facts) {
        return switch (event) {
        case NO_SERVER_CERTIFICATE, CERTIFICATE_MISSING -> facts.boundCertificate()
                .map(c -> !(c.allowsServerAuthentication() && c.hasPrivateKey() && c.isValidAt(facts.now())))
                .orElse(true);
        case CANNOT_ACCEPT_CONNECTIONS -> facts.boundCertificate().isEmpty();
        default -> false;
        };
    }
}
