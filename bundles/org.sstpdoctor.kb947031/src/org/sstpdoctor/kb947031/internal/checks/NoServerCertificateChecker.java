package org.sstpdoctor.kb947031.internal.checks;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.kb947031.KbFindings;
import org.sstpdoctor.remote.commands.CertStoreEvidence;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.RasSstpEvent;

/**
 * KB947031 scenario 3 (0x80070040): the computer's Personal store holds no certificate with the
 * Server Authentication EKU (or no EKU: all purposes) and a private key. RasSstp event 11, when
 * logged, is added to the evidence.
 */
public final class NoServerCertificateChecker extends KbChecker {

    static final int CODE = 0x80070040;

    @Override
    List<Finding> check(ServerFacts facts, ICheckContext context) {
        Optional<ParseResult<CertStoreEvidence>> store = facts.store();
        if (store.isEmpty()) {
            return List.of(facts.couldNotTell(3, "whether a Server Authentication certificate is installed",
                    CommandCatalog.CERT_STORE));
        }
        CertStoreEvidence s = store.get().value();
        boolean any = s.certificates().stream().anyMatch(c -> c.allowsServerAuthentication() && c.hasPrivateKey());
        if (any) {
            return List.of();
        }
        if (!s.complete() || !store.get().isClean()) {
            return List.of(facts.couldNotTell(3, "whether a Server Authentication certificate is installed",
                    CommandCatalog.CERT_STORE));
        }
        String held = s.certificates().isEmpty() ? "the store is empty"
                : "it holds " + s.certificates().stream().map(c -> c.subject() + " ("
                        + (c.allowsServerAuthentication() ? "no private key" : "no Server Authentication EKU") + ")")
                        .collect(Collectors.joining(", "));
        String events = facts.state().events().map(ParseResult::value)
                .map(e -> e.rasSstp(RasSstpEvent.NO_SERVER_CERTIFICATE)).filter(l -> !l.isEmpty())
                .map(l -> "\nRasSstp event 11 logged " + l.size() + " time(s), last at " + l.get(0).timeCreated() + ": "
                        + RasSstpEvent.NO_SERVER_CERTIFICATE.meaning() + "\n")
                .orElse("");
        return List.of(Finding.of(KbFindings.NO_SERVER_AUTH_CERTIFICATE, Severity.ERROR,
                "No certificate with Server Authentication and a private key is installed in LocalMachine\\My: " + held)
                .withErrorCode(CODE).withScenario(3)
                .withEvidence(s.certificates().size() + " certificate(s) in LocalMachine\\My, none usable by SSTP",
                        facts.output(CommandCatalog.CERT_STORE) + events));
    }

}
