package org.sstpdoctor.cli.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.sstpdoctor.core.checks.CheckerDescriptor;
import org.sstpdoctor.core.checks.CheckerRegistry;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.pki.CertificateFormatException;
import org.sstpdoctor.probe.CertificateAssessor;
import org.sstpdoctor.probe.ClientFetchers;
import org.sstpdoctor.probe.ClientTrust;
import org.sstpdoctor.probe.PkiCertificateAssessor;
import org.sstpdoctor.probe.PredictedError;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.ProbeSettings;
import org.sstpdoctor.probe.TlsInfo;
import org.sstpdoctor.probe.evidence.NetworkEvidence;
import org.sstpdoctor.probe.evidence.NetworkEvidenceProvider;
import org.sstpdoctor.probe.evidence.ProbeEvidenceSettings;

/**
 * The network probe as the command line uses it: settings from a timeout, the prediction, the
 * summary, of a probe of its own ({@code probe}) or of the one a check run gathered as evidence
 * ({@code check}).
 */
final class Probes {

    /** The id under which the probe's findings are reported, next to the contributed checkers'. */
    static final String CHECKER_ID = "probe";
    static final String CHECKER_NAME = "Network probe (the client's view)";
    /** The id prefix of the probe bundle's contributed network checkers, which this probe stands for. */
    static final String NETWORK_CHECKERS = "org.sstpdoctor.probe.";
    /** The kind of a finding that predicts a client error. */
    static final String KIND_CLIENT_ERROR = "org.sstpdoctor.probe.clientError";
    /** The kind of a finding where the server did not answer as an SSTP listener, without a known client code. */
    static final String KIND_NOT_SSTP = "org.sstpdoctor.probe.notSstp";
    /** The kind of a finding where a check run has no network probe result for a server. */
    static final String KIND_NO_EVIDENCE = "org.sstpdoctor.cli.noProbeEvidence";

    private Probes() {
    }

    /** Probe settings whose whole probe takes at most {@code timeout}. */
    static ProbeSettings settings(Duration timeout) {
        ProbeSettings d = ProbeSettings.DEFAULT;
        return d.withTimeouts(min(d.connectTimeout(), timeout), min(d.readTimeout(), timeout), timeout);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * The certificate assessor registered as an OSGi service by the certificate analysis, if one
     * is installed; without one the prediction is made from the network alone.
     */
    static Optional<CertificateAssessor> assessor() {
        Bundle bundle = FrameworkUtil.getBundle(Probes.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context == null) {
            return Optional.empty();
        }
        ServiceReference<CertificateAssessor> ref = context.getServiceReference(CertificateAssessor.class);
        return ref == null ? Optional.empty() : Optional.ofNullable(context.getService(ref));
    }

    /**
     * The assessor that judges certificates against the clients' trust {@code trust} (the
     * {@code --trust} option: {@code jdk}, {@code file:PEM} or {@code folder:DIR}); without the
     * option, the installed assessor ({@link #assessor()}), else the trust of the preferences
     * (the Java runtime's public roots unless set), so that a chain is always judged.
     *
     * @throws CliException when the value names no trust or its roots cannot be read
     */
    static Optional<CertificateAssessor> assessor(String trust) {
        if (trust == null) {
            Optional<CertificateAssessor> installed = assessor();
            if (installed.isPresent()) {
                return installed;
            }
        }
        ClientTrust clients = trust == null ? ProbeEvidenceSettings.current().trust() : clientTrust(trust);
        try {
            return Optional.of(new PkiCertificateAssessor(clients.load(), ClientFetchers.create()));
        } catch (CertificateFormatException e) {
            throw new CliException((trust == null ? "the clients' trust " + clients : "--trust " + trust)
                    + ": the roots cannot be read: " + e.getMessage());
        }
    }

    /** The clients' trust {@code --trust} names, or a usage error. */
    static ClientTrust clientTrust(String trust) {
        return ProbeEvidenceSettings.parseTrust(trust).orElseThrow(() -> new CliException("--trust " + trust
                + ": not a trust store; give jdk, file:PEM-FILE or folder:DIR"));
    }

    static PredictedError predict(ProbeResult r, Optional<CertificateAssessor> assessor) {
        return assessor.map(r::predictedError).orElseGet(r::predictedError);
    }

    static String transcript(ProbeResult r, Optional<CertificateAssessor> assessor) {
        return assessor.map(r::transcript).orElseGet(r::transcript);
    }

    /** The summary of a probe the command line made itself, its chain judged by {@code assessor}. */
    static Report.ProbeSummary summary(ProbeResult r, Optional<CertificateAssessor> assessor) {
        return summary(r, predict(r, assessor), transcript(r, assessor));
    }

    /**
     * The summary of the probe a check run gathered as evidence: its prediction and transcript are
     * the ones the checkers read, made with the evidence's one verdict on the chain.
     */
    static Report.ProbeSummary summary(NetworkEvidence evidence) {
        return summary(evidence.probe(), evidence.prediction(), evidence.transcript());
    }

    private static Report.ProbeSummary summary(ProbeResult r, PredictedError p, String transcript) {
        TlsInfo tls = r.tls();
        List<Report.CertificateInfo> chain = new ArrayList<>();
        for (X509Certificate c : r.presentedChain()) {
            chain.add(certificate(c));
        }
        return new Report.ProbeSummary(r.outcome().toString(), r.outcome().reachedSstp(), p.codeText(), p.scenario(),
                p.cause(), p.certificateAssessed(), tls == null ? null : tls.protocol(),
                tls == null ? null : tls.cipherSuite(), chain, r.duration(), transcript);
    }

    /** The findings of a probe: a predicted client error, or a server that does not answer as an SSTP listener. */
    static List<Finding> findings(ProbeResult r, Report.ProbeSummary s, Optional<CertificateAssessor> assessor) {
        return findings(r, predict(r, assessor), s);
    }

    /** The findings of the probe a check run gathered as evidence, as {@link #findings(ProbeResult, Report.ProbeSummary, Optional)}. */
    static List<Finding> findings(NetworkEvidence evidence, Report.ProbeSummary s) {
        return findings(evidence.probe(), evidence.prediction(), s);
    }

    private static List<Finding> findings(ProbeResult r, PredictedError p, Report.ProbeSummary s) {
        if (p.isError()) {
            Finding f = Finding.of(KIND_CLIENT_ERROR, Severity.ERROR, p.cause()).withErrorCode(p.code())
                    .withEvidence(r.outcome().toString(), s.transcript()).withChecker(CHECKER_ID);
            return List.of(p.scenario() > 0 ? f.withScenario(p.scenario()) : f);
        }
        if (!r.outcome().reachedSstp()) {
            return List.of(Finding.of(KIND_NOT_SSTP, Severity.ERROR, r.outcome().message())
                    .withEvidence(r.outcome().toString(), s.transcript()).withChecker(CHECKER_ID));
        }
        return List.of();
    }

    /**
     * The finding of a server the check run gathered no network evidence for (its probe failed,
     * timed out or was cancelled): no result is made up, the report says why there is none.
     *
     * @param reasons what the run reported about it, e.g. why the evidence could not be gathered
     */
    static Finding noEvidence(List<String> reasons) {
        String why = reasons.isEmpty() ? "the check run gathered no network evidence for this server"
                : String.join("; ", reasons);
        return Finding.of(KIND_NO_EVIDENCE, Severity.WARNING, "No network probe result, so no client error is "
                + "predicted: " + why).withChecker(CHECKER_ID);
    }

    /**
     * The checker that makes a check run gather the network evidence for the probe's summary
     * when none of {@code selected} does: the probe bundle's first network checker, which reads
     * that evidence for every server. Empty when a selected network checker reads it already, or
     * when no network checker is installed.
     */
    static Optional<CheckerDescriptor> evidenceCarrier(CheckerRegistry registry, List<CheckerDescriptor> selected) {
        if (selected.stream().anyMatch(Probes::readsNetworkEvidenceAlways)) {
            return Optional.empty();
        }
        return registry.checkers().stream().filter(Probes::readsNetworkEvidenceAlways).findFirst();
    }

    /** A network checker of the probe bundle: each reads the network evidence of every server it checks. */
    private static boolean readsNetworkEvidenceAlways(CheckerDescriptor d) {
        return d.id().startsWith(NETWORK_CHECKERS) && d.requiredEvidence().contains(NetworkEvidenceProvider.ID);
    }

    /**
     * Loads the clients' trust the probe's chain is judged against: {@code --trust}, else the
     * preference's, so that a trust that cannot be read is a usage error before anything runs.
     *
     * @throws CliException when the value names no trust or its roots cannot be read
     */
    static void checkTrust(String trust) {
        ClientTrust clients = trust == null ? ProbeEvidenceSettings.current().trust() : clientTrust(trust);
        try {
            clients.load();
        } catch (CertificateFormatException e) {
            throw new CliException((trust == null ? "the clients' trust " + clients : "--trust " + trust)
                    + ": the roots cannot be read: " + e.getMessage());
        }
    }

    static Report.CertificateInfo certificate(X509Certificate c) {
        List<String> sans = new ArrayList<>();
        try {
            Collection<List<?>> names = c.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> n : names) {
                    if (n.size() >= 2 && (Integer.valueOf(2).equals(n.get(0)) || Integer.valueOf(7).equals(n.get(0)))) {
                        sans.add(String.valueOf(n.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            sans.add("(unreadable: " + e.getMessage() + ")");
        }
        String sha256;
        try {
            sha256 = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            sha256 = "";
        }
        return new Report.CertificateInfo(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                c.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT), c.getNotBefore().toInstant(),
                c.getNotAfter().toInstant(), sans, sha256);
    }
}
