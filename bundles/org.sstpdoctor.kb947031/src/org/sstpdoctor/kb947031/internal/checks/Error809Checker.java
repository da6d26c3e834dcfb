package org.sstpdoctor.kb947031.internal.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.kb947031.KbFindings;
import org.sstpdoctor.remote.commands.CertStoreEvidence;
import org.sstpdoctor.remote.commands.CertStoreEvidence.Certificate;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.commands.IpFamily;
import org.sstpdoctor.remote.commands.KnownEku;
import org.sstpdoctor.remote.commands.ListenersEvidence;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.RemoteAccessEvidence;
import org.sstpdoctor.remote.commands.ServicesEvidence;
import org.sstpdoctor.remote.commands.ServicesEvidence.State;
import org.sstpdoctor.remote.commands.SslCertEvidence;
import org.sstpdoctor.remote.commands.Verdict;

/**
 * KB947031 scenario 2 (error 809): tells the KB's causes apart, in the order they hide each other:
 * remote access not enabled; the RemoteAccess or SstpSvc service stopped; nothing listening on the
 * SSTP port; no certificate bound (though one could be) or the bound one removed from the store;
 * the bound certificate good for Client Authentication only.
 */
public final class Error809Checker extends KbChecker {

    static final int CODE = 809;

    @Override
    List<Finding> check(ServerFacts facts, ICheckContext context) {
        List<Finding> out = new ArrayList<>();
        Optional<ParseResult<ServicesEvidence>> services = facts.state().services();
        Optional<ParseResult<RemoteAccessEvidence>> ra = facts.state().remoteAccess();
        ServicesEvidence.Service remoteAccess = services.map(s -> s.value().service("RemoteAccess"))
                .orElse(null);
        ServicesEvidence.Service sstp = services.map(s -> s.value().service("SstpSvc")).orElse(null);

        boolean vpnUninstalled = ra.isPresent()
                && ra.get().value().vpnStatus() == RemoteAccessEvidence.InstallState.UNINSTALLED;
        boolean roleMissing = remoteAccess != null && remoteAccess.state() == State.NOT_INSTALLED
                || sstp != null && sstp.state() == State.NOT_INSTALLED;
        if (vpnUninstalled || roleMissing) {
            String why = vpnUninstalled ? "Get-RemoteAccess reports VpnStatus Uninstalled"
                    : "the " + (remoteAccess != null && remoteAccess.state() == State.NOT_INSTALLED ? "RemoteAccess"
                            : "SstpSvc") + " service is not installed";
            out.add(Finding.of(KbFindings.REMOTE_ACCESS_NOT_ENABLED, Severity.ERROR,
                    "Remote access is not enabled on the server: " + why).withErrorCode(CODE).withScenario(2)
                    .withEvidence(why, facts.outputs(CommandCatalog.REMOTE_ACCESS, CommandCatalog.SERVICES)));
            return out;
        }
        if (services.isEmpty()) {
            out.add(facts.couldNotTell(2, "whether the RemoteAccess and SstpSvc services run", CommandCatalog.SERVICES));
            return out;
        }
        boolean bothRun = true;
        for (ServicesEvidence.Service s : List.of(remoteAccess, sstp)) {
            if (s.isRunning()) {
                continue;
            }
            bothRun = false;
            if (s.state() == State.UNKNOWN || s.state() == State.START_PENDING) {
                out.add(facts.couldNotTell(2, "whether the " + s.name() + " service runs", CommandCatalog.SERVICES));
                continue;
            }
            boolean isRemoteAccess = s.name().equalsIgnoreCase("RemoteAccess");
            String state = s.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            String exit = s.win32ExitCode().isPresent() && s.win32ExitCode().getAsInt() != 0
                    ? " (Win32 exit code " + s.win32ExitCode().getAsInt() + ")" : "";
            out.add(Finding.of(isRemoteAccess ? KbFindings.REMOTE_ACCESS_SERVICE_STOPPED : KbFindings.SSTP_SERVICE_STOPPED,
                    Severity.ERROR, "The " + (isRemoteAccess ? "Routing and Remote Access service (RemoteAccess)"
                            : "Secure Socket Tunneling Protocol service (SstpSvc)") + " is " + state + exit)
                    .withErrorCode(CODE).withScenario(2)
                    .withEvidence(s.name() + ": " + state + exit, facts.output(CommandCatalog.SERVICES)));
        }
        if (bothRun && facts.listenerPort() == facts.clientPort()) {
            // a ListenerPort other than the clients' port is scenario 8's finding, with its own fix
            listening(facts, out);
        }
        certificate(facts, out);
        return out;
    }

    private static void listening(ServerFacts facts, List<Finding> out) {
        Optional<ParseResult<ListenersEvidence>> listeners = facts.state().listeners();
        int port = facts.listenerPort();
        if (listeners.isEmpty()) {
            out.add(facts.couldNotTell(2, "whether the server listens on TCP port " + port, CommandCatalog.LISTENERS));
            return;
        }
        Verdict v4 = listeners.get().value().listening(port, IpFamily.IPV4);
        Verdict v6 = listeners.get().value().listening(port, IpFamily.IPV6);
        if (v4 == Verdict.NO && v6 == Verdict.NO) {
            out.add(Finding.of(KbFindings.NOT_LISTENING, Severity.ERROR, "Both services run, but nothing listens on TCP port "
                    + port + " (neither 0.0.0.0:" + port + " nor [::]:" + port + "); after a change of ListenerPort"
                    + " RemoteAccess must be restarted").withErrorCode(CODE).withScenario(2)
                    .withEvidence("no listener on port " + port,
                            facts.outputs(CommandCatalog.LISTENERS, CommandCatalog.SSTP_REGISTRY)));
        } else if (v4 == Verdict.UNKNOWN && v6 != Verdict.YES || v6 == Verdict.UNKNOWN && v4 != Verdict.YES) {
            out.add(facts.couldNotTell(2, "whether the server listens on TCP port " + port, CommandCatalog.LISTENERS));
        }
    }

    private static void certificate(ServerFacts facts, List<Finding> out) {
        Optional<ParseResult<SslCertEvidence>> bindings = facts.bindings();
        Optional<ParseResult<CertStoreEvidence>> store = facts.store();
        int port = facts.listenerPort();
        if (bindings.isEmpty()) {
            out.add(facts.couldNotTell(2, "which certificate http.sys binds for SSTP", CommandCatalog.SSLCERT));
            return;
        }
        SslCertEvidence b = bindings.get().value();
        Verdict has4 = b.hasWildcardBinding(IpFamily.IPV4, port);
        Verdict has6 = b.hasWildcardBinding(IpFamily.IPV6, port);
        if (has4 == Verdict.NO && has6 == Verdict.NO) {
            if (store.isPresent() && store.get().value().complete() && !facts.usableCertificates().isEmpty()) {
                Certificate best = facts.usableCertificatesForHost().stream().findFirst()
                        .orElse(facts.usableCertificates().get(0));
                out.add(Finding.of(KbFindings.NO_CERTIFICATE_BOUND, Severity.ERROR,
                        "No certificate is bound to 0.0.0.0:" + port + " or [::]:" + port
                                + " for SSTP, though the store holds " + ServerFacts.brief(best))
                        .withErrorCode(CODE).withScenario(2)
                        .withEvidence("no http.sys binding on port " + port,
                                facts.outputs(CommandCatalog.SSLCERT, CommandCatalog.CERT_STORE)));
            }
            // without a usable certificate in the store, scenario 3 names the cause
            return;
        }
        if (has4 != Verdict.YES && has6 != Verdict.YES) {
            out.add(facts.couldNotTell(2, "which certificate http.sys binds for SSTP", CommandCatalog.SSLCERT));
            return;
        }
        Optional<String> thumbprint = facts.boundThumbprint();
        if (thumbprint.isEmpty()) {
            return;
        }
        if (store.isEmpty()) {
            out.add(facts.couldNotTell(2, "whether the bound certificate " + thumbprint.get() + " is in the store",
                    CommandCatalog.CERT_STORE));
            return;
        }
        Optional<Certificate> bound = store.get().value().byThumbprint(thumbprint.get());
        if (bound.isEmpty()) {
            if (store.get().value().complete()) {
                out.add(Finding.of(KbFindings.BOUND_CERTIFICATE_MISSING, Severity.ERROR,
                        "The certificate bound for SSTP (thumbprint " + thumbprint.get()
                                + ") is no longer in the computer's Personal store (LocalMachine\\My)")
                        .withErrorCode(CODE).withScenario(2)
                        .withEvidence("bound " + thumbprint.get() + "; not in LocalMachine\\My",
                                facts.outputs(CommandCatalog.SSLCERT, CommandCatalog.CERT_STORE)));
            } else {
                out.add(facts.couldNotTell(2, "whether the bound certificate " + thumbprint.get() + " is in the store",
                        CommandCatalog.CERT_STORE));
            }
            return;
        }
        Certificate c = bound.get();
        if (!c.allowsServerAuthentication()
                && c.enhancedKeyUsages().contains(KnownEku.CLIENT_AUTHENTICATION.oid())) {
            out.add(Finding.of(KbFindings.BOUND_CERTIFICATE_CLIENT_AUTH_ONLY, Severity.ERROR,
                    "The certificate bound for SSTP, " + ServerFacts.brief(c)
                            + ", has the Client Authentication EKU and not Server Authentication")
                    .withErrorCode(CODE).withScenario(2)
                    .withEvidence("EKU: Client Authentication only", ServerFacts.describe(c) + "\n"
                            + facts.outputs(CommandCatalog.SSLCERT)));
        }
    }
}
