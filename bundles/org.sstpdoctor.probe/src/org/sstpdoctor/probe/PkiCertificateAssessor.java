package org.sstpdoctor.probe;

import java.net.URI;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.sstpdoctor.pki.AiaFetch;
import org.sstpdoctor.pki.CertificateAnalyzer;
import org.sstpdoctor.pki.CertificateRevocation;
import org.sstpdoctor.pki.ChainBuilder;
import org.sstpdoctor.pki.ChainIssue;
import org.sstpdoctor.pki.ChainProblem;
import org.sstpdoctor.pki.ChainResult;
import org.sstpdoctor.pki.EkuVerdict;
import org.sstpdoctor.pki.FetchException;
import org.sstpdoctor.pki.FetchResponse;
import org.sstpdoctor.pki.HostNameMatcher;
import org.sstpdoctor.pki.HttpFetcher;
import org.sstpdoctor.pki.NameMatch;
import org.sstpdoctor.pki.OidNames;
import org.sstpdoctor.pki.RevocationAttempt;
import org.sstpdoctor.pki.RevocationChecker;
import org.sstpdoctor.pki.RevocationReport;
import org.sstpdoctor.pki.RevocationStatus;
import org.sstpdoctor.pki.Thumbprints;
import org.sstpdoctor.pki.TrustStore;
import org.sstpdoctor.pki.ValidityStatus;
import org.sstpdoctor.probe.CertificateProblem.Kind;
import org.sstpdoctor.probe.CertificateProblem.Level;

/**
 * Judges the chain a server presented the way a Windows SSTP client does, with the PKI bundle:
 * the chain is built against the <em>clients'</em> trust store (a setting: the clients' trust is
 * not the administrator's), missing issuers are fetched from their AIA caIssuers URLs, validity is
 * judged at "now" (the clock), the host name is matched the way the Windows client matches it
 * (DNS names in the SAN, else the subject CN; an IP address must be in the certificate), and
 * revocation is checked from the client's side over HTTP, through the target's HTTP proxy when it
 * has one.
 *
 * <h2>The order of the checks, and why</h2>
 * KB947031 names the errors but not their order; the order is the Windows client's, which
 * validates the server certificate inside the TLS handshake in two stages:
 * <ol>
 * <li><b>The chain</b> (CertGetCertificateChain): the chain is built and its trust decided
 * (TRUST_E_CERT_SIGNATURE, then 0x800B0109 untrusted root, scenario 5, or 0x800B010A incomplete
 * chain), its time validity judged (0x800B0101, scenario 4: the leaf or any issuer) and its key
 * usage (a certificate without Server Authentication: the KB's 809 cause, scenario 2). Revocation
 * belongs to this stage too: the KB says "the client computer runs the CRL check during the
 * establishment of the SSL connection ... the VPN connection is not established until the CRL
 * check has succeeded" (scenario 7), so 0x80092010 revoked and 0x80092013 offline or expired CRL
 * come from the chain, after its trust and time.</li>
 * <li><b>The SSL policy</b> (CertVerifyCertificateChainPolicy): only for a chain that is
 * otherwise accepted is the host name "specified in the VPN connection" compared with "the subject
 * name that is specified on the SSL certificate" (scenario 6): 0x800B010F comes last.</li>
 * </ol>
 * Every check is run whatever the earlier ones found, so that an administrator sees every problem
 * at once (an expired certificate that also has the wrong name needs a new certificate with the
 * right name, not two rounds); the predicted error is the first a client meets. Warnings (a
 * certificate that expires within the warning window) and notes (no revocation information,
 * 0x80092012) come after every error.
 * <p>
 * Immutable and thread-safe. Downloads are bounded: each by its fetcher's timeouts and the PKI's
 * size limits, all of one assessment together by {@link #fetchBudget()}.
 */
public final class PkiCertificateAssessor implements CertificateAssessor {

    /** The default warning window before a certificate expires: 30 days. */
    public static final int DEFAULT_EXPIRY_WARNING_DAYS = CertificateAnalyzer.DEFAULT_EXPIRING_WITHIN_DAYS;
    /** The default time all downloads of one assessment may take together, beyond the last one started: 8 s. */
    public static final Duration DEFAULT_FETCH_BUDGET = Duration.ofSeconds(8);

    private final TrustStore trust;
    private final ClientFetchers fetchers;
    private final int expiryWarningDays;
    private final Clock clock;
    private final boolean aia;
    private final boolean revocation;
    private final Duration fetchBudget;

    /**
     * An assessor judging against {@code clientTrust}, downloading issuers and revocation data
     * with {@code fetchers}; AIA and revocation on, a 30-day warning window, the system clock.
     */
    public PkiCertificateAssessor(TrustStore clientTrust, ClientFetchers fetchers) {
        this(clientTrust, fetchers, DEFAULT_EXPIRY_WARNING_DAYS, Clock.systemUTC(), true, true, DEFAULT_FETCH_BUDGET);
    }

    private PkiCertificateAssessor(TrustStore trust, ClientFetchers fetchers, int expiryWarningDays, Clock clock,
            boolean aia, boolean revocation, Duration fetchBudget) {
        this.trust = Objects.requireNonNull(trust, "clientTrust");
        this.fetchers = Objects.requireNonNull(fetchers, "fetchers");
        if (expiryWarningDays < 0 || expiryWarningDays > 3650) {
            throw new IllegalArgumentException("the expiry warning window must be 0-3650 days: " + expiryWarningDays);
        }
        this.expiryWarningDays = expiryWarningDays;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.aia = aia;
        this.revocation = revocation;
        if (fetchBudget == null || fetchBudget.isNegative() || fetchBudget.isZero()) {
            throw new IllegalArgumentException("the fetch budget must be positive: " + fetchBudget);
        }
        this.fetchBudget = fetchBudget;
    }

    /** This assessor, warning of certificates that expire within {@code days} days. */
    public PkiCertificateAssessor withExpiryWarningDays(int days) {
        return new PkiCertificateAssessor(trust, fetchers, days, clock, aia, revocation, fetchBudget);
    }

    /** This assessor, judging at the moments {@code clock} gives (tests; a replayed probe). */
    public PkiCertificateAssessor withClock(Clock c) {
        return new PkiCertificateAssessor(trust, fetchers, expiryWarningDays, c, aia, revocation, fetchBudget);
    }

    /** This assessor with missing issuers fetched via AIA ({@code true}, the default) or not. */
    public PkiCertificateAssessor withAiaFetching(boolean on) {
        return new PkiCertificateAssessor(trust, fetchers, expiryWarningDays, clock, on, revocation, fetchBudget);
    }

    /** This assessor with revocation checked ({@code true}, the default) or not. */
    public PkiCertificateAssessor withRevocationChecking(boolean on) {
        return new PkiCertificateAssessor(trust, fetchers, expiryWarningDays, clock, aia, on, fetchBudget);
    }

    /** This assessor with another time budget for all downloads of one assessment. */
    public PkiCertificateAssessor withFetchBudget(Duration budget) {
        return new PkiCertificateAssessor(trust, fetchers, expiryWarningDays, clock, aia, revocation, budget);
    }

    public TrustStore trustStore() {
        return trust;
    }

    public int expiryWarningDays() {
        return expiryWarningDays;
    }

    public Duration fetchBudget() {
        return fetchBudget;
    }

    @Override
    public Optional<PredictedError> assess(ProbeTarget target, TlsInfo tls) {
        return evaluate(target, tls).error();
    }

    /**
     * The whole verdict on the chain {@code tls} captured for {@code target}.
     *
     * @throws IllegalArgumentException when the server presented no certificate
     */
    public CertificateAssessment evaluate(ProbeTarget target, TlsInfo tls) {
        Objects.requireNonNull(target, "target");
        if (tls == null || !tls.certificatePresented()) {
            throw new IllegalArgumentException("the server presented no certificate to assess");
        }
        Instant at = clock.instant();
        List<X509Certificate> presented = List.of(tls.presentedChain());
        HttpFetcher fetcher = new Budgeted(fetchers.forProxy(target.proxy()), fetchBudget);
        ChainBuilder builder = new ChainBuilder(trust);
        ChainResult chain = (aia ? builder.withAiaFetching(fetcher) : builder).build(presented, at);
        X509Certificate leaf = presented.get(0);
        NameMatch name = HostNameMatcher.match(leaf, target.host());
        RevocationReport rev = revocation ? new RevocationChecker(fetcher).check(chain, at) : null;
        List<CertificateProblem> problems = new Judge(target, chain, leaf, name, rev, at).problems();
        return new CertificateAssessment(target, at, trust.description(), chain, leaf, expiryWarningDays, name, rev,
                problems);
    }

    /** Turns the PKI's findings into the problems a client holds against the chain. */
    private final class Judge {
        private final ProbeTarget target;
        private final ChainResult chain;
        private final X509Certificate leaf;
        private final NameMatch name;
        private final RevocationReport revocationReport;
        private final Instant at;
        private final List<CertificateProblem> out = new ArrayList<>();
        private final String port;
        private String thumbprint;

        Judge(ProbeTarget target, ChainResult chain, X509Certificate leaf, NameMatch name, RevocationReport rev,
                Instant at) {
            this.target = target;
            this.chain = chain;
            this.leaf = leaf;
            this.name = name;
            this.revocationReport = rev;
            this.at = at;
            this.port = Integer.toString(target.port());
        }

        /** The server certificate's SHA-256 thumbprint, as Windows shows it (made when a problem needs it). */
        private String thumbprint() {
            if (thumbprint == null) {
                thumbprint = Thumbprints.sha256(leaf);
            }
            return thumbprint;
        }

        List<CertificateProblem> problems() {
            chainProblems();
            validity();
            usage();
            revocation();
            name();
            expiringSoon();
            noRevocationInformation();
            out.sort(Comparator.comparing(CertificateProblem::kind)); // stable: the index order stays
            return out;
        }

        private void chainProblems() {
            boolean invalidReported = false;
            for (ChainProblem p : chain.problems()) {
                ChainIssue issue = firstIssue(p);
                switch (p) {
                case BAD_SIGNATURE -> add(Kind.BAD_SIGNATURE, Level.ERROR, p.hresult(), 0, issue.index(),
                        "The signature of " + element(issue.index()) + " does not verify: " + issue.message()
                                + " (TRUST_E_CERT_SIGNATURE).",
                        List.of("Whether a device between the clients and the server alters the certificate (TLS "
                                + "inspection): compare the presented thumbprint " + thumbprint() + " with the server's "
                                + "Sha256CertificateHash (HKLM\\SYSTEM\\CurrentControlSet\\Services\\SstpSvc\\Parameters).",
                                "Whether the issuer certificate the server sends is the one that signed it (a re-keyed "
                                        + "CA): its intermediate store."));
                case UNTRUSTED_ROOT -> untrustedRoot(issue);
                case INCOMPLETE_CHAIN -> incompleteChain(issue);
                case EXPIRED, NOT_YET_VALID -> {
                    // judged per element in validity()
                }
                default -> {
                    if (!invalidReported) {
                        invalidReported = true;
                        int code = p == ChainProblem.WEAK_ALGORITHM ? ChainProblem.BAD_SIGNATURE.hresult()
                                : p.hresult() != 0 ? p.hresult() : ChainProblem.INCOMPLETE_CHAIN.hresult();
                        String symbol = p == ChainProblem.WEAK_ALGORITHM ? "TRUST_E_CERT_SIGNATURE"
                                : p.symbol().isEmpty() ? "CERT_E_CHAINING" : p.symbol();
                        add(Kind.INVALID_CHAIN, Level.ERROR, code, 0, issue.index(), "The chain is invalid at "
                                + element(issue.index()) + ": " + issue.message() + " (" + symbol + ").",
                                List.of("The chain as built, element by element, is in the evidence; the CA that "
                                        + "issued the offending certificate must reissue it."));
                    }
                }
                }
            }
        }

        private void untrustedRoot(ChainIssue issue) {
            X509Certificate root = chain.last();
            String rootName = root.getSubjectX500Principal().toString();
            boolean selfSignedLeaf = chain.elements().size() == 1;
            List<String> tell = new ArrayList<>();
            tell.add("Whether the clients trust " + rootName + " (SHA-256 " + Thumbprints.sha256(root) + "): it must be "
                    + "in the Trusted Root Certification Authorities store of each client computer; domain-joined "
                    + "clients get an enterprise root by Group Policy, others need it installed (KB947031 scenario 5).");
            tell.add("This verdict used " + trust.description() + "; choose the clients' own roots in the settings if "
                    + "they differ from these.");
            if (selfSignedLeaf) {
                tell.add("A self-signed server certificate is trusted only where it is itself installed as a root: a "
                        + "certificate from the company's CA or a public CA avoids installing it on every client.");
            } else {
                tell.add("Whether the server presents the chain it should (an alternative chain to another root): "
                        + "compare the presented certificate " + thumbprint() + " with the one bound for SSTP (`netsh "
                        + "http show sslcert` on 0.0.0.0:" + port + " and [::]:" + port + ").");
            }
            tell.add("A TLS-inspecting device between the clients and the server presents its own certificate: then "
                    + "the presented thumbprint " + thumbprint() + " differs from the server's Sha256CertificateHash.");
            add(Kind.UNTRUSTED_ROOT, Level.ERROR, ChainProblem.UNTRUSTED_ROOT.hresult(), 5, issue.index(),
                    (selfSignedLeaf ? "The server's certificate is self-signed, and the clients do not trust it"
                            : "The chain ends in the root " + rootName + ", which the clients do not trust")
                            + " (" + trust.description() + ").",
                    tell);
        }

        private void incompleteChain(ChainIssue issue) {
            X509Certificate end = chain.last();
            String missing = end.getIssuerX500Principal().toString();
            List<String> tell = new ArrayList<>();
            tell.add("Whether the server sends its intermediate: http.sys sends the issuers it finds in the computer's "
                    + "Intermediate Certification Authorities store; install " + missing + " there on the server.");
            List<AiaFetch> fetches = chain.aiaFetches();
            if (!aia) {
                tell.add("AIA downloads were turned off for this check; a Windows client would try the certificate's "
                        + "caIssuers URLs.");
            } else if (fetches.isEmpty()) {
                tell.add("The certificate names no AIA caIssuers URL, so a client without " + missing
                        + " cannot complete the chain.");
            } else {
                for (AiaFetch f : fetches) {
                    tell.add("AIA " + f.url() + ": " + f.detail() + " (a client outside the company network must "
                            + "reach it without the tunnel).");
                }
            }
            add(Kind.INCOMPLETE_CHAIN, Level.ERROR, ChainProblem.INCOMPLETE_CHAIN.hresult(), 0, issue.index(),
                    "The chain is incomplete: the issuer " + missing + " of " + element(chain.elements().size() - 1)
                            + " was neither presented by the server, nor trusted by the clients, nor downloadable.",
                    tell);
        }

        private void validity() {
            for (int i = 0; i < chain.elements().size(); i++) {
                X509Certificate c = chain.elements().get(i).certificate();
                ValidityStatus v = CertificateAnalyzer.validity(c.getNotBefore().toInstant(),
                        c.getNotAfter().toInstant(), at, 0);
                if (v == ValidityStatus.EXPIRED) {
                    expired(i, c);
                } else if (v == ValidityStatus.NOT_YET_VALID) {
                    List<String> tell = List.of("Whether the clock of the issuing CA or of the clients is wrong: the "
                            + "certificate starts " + c.getNotBefore().toInstant() + ", the probe's clock says " + at
                            + ".", "Whether the certificate was bound before its start (a renewal done ahead): keep the "
                                    + "old certificate bound until the new one is valid.");
                    add(Kind.NOT_YET_VALID, Level.ERROR, ChainProblem.NOT_YET_VALID.hresult(), 4, i,
                            capital(element(i)) + " is not valid before " + c.getNotBefore().toInstant() + ".", tell);
                }
            }
        }

        private void expired(int i, X509Certificate c) {
            Instant end = c.getNotAfter().toInstant();
            List<String> tell = new ArrayList<>();
            if (i == 0) {
                tell.add("If the certificate was renewed, SSTP may still use the old one: compare its thumbprint "
                        + thumbprint() + " with the binding on 0.0.0.0:" + port + " and [::]:" + port + " (`netsh http "
                        + "show sslcert`) and the SstpSvc Sha256CertificateHash; rebind both to the renewed "
                        + "certificate, then restart RemoteAccess.");
                tell.add("If it was not renewed: renew it (a request with the same names and the Server "
                        + "Authentication EKU) and bind the new certificate.");
            } else {
                tell.add("An issuing CA certificate expired: the server sends an old copy of " + element(i)
                        + " from its Intermediate Certification Authorities store, or the CA itself must be renewed "
                        + "and the server certificate reissued under it.");
            }
            tell.add("Whether the clients' clocks are right: the probe judged at " + at + ".");
            add(Kind.EXPIRED, Level.ERROR, ChainProblem.EXPIRED.hresult(), 4, i,
                    capital(element(i)) + " expired on " + end + ".", tell);
        }

        private void usage() {
            List<String> oids;
            try {
                oids = leaf.getExtendedKeyUsage();
            } catch (CertificateParsingException e) {
                oids = List.of("(an Extended Key Usage that cannot be read: " + e.getMessage() + ")");
            }
            EkuVerdict eku = CertificateAnalyzer.ekuVerdict(oids != null, oids == null ? List.of() : oids);
            if (eku.allowsServerAuthentication()) {
                return;
            }
            String listed = String.join(", ", oids.stream().map(OidNames::name).toList());
            List<String> tell = List.of(
                    "The certificate's Extended Key Usage lists " + listed + "; SSTP needs Server Authentication "
                            + "(1.3.6.1.5.5.7.3.1): reissue it from a template with Server Authentication.",
                    "Whether this is the certificate SSTP is configured with: `netsh http show sslcert` and the "
                            + "SstpSvc Sha256CertificateHash name the bound one; a certificate with Server "
                            + "Authentication may already be in the computer store.",
                    "A client that receives this certificate rejects it (CERT_E_WRONG_USAGE 0x800B0110); the KB's "
                            + "symptom is 809 because the SSTP service does not serve with such a certificate.");
            if (eku == EkuVerdict.CLIENT_AUTHENTICATION_ONLY) {
                add(Kind.CLIENT_AUTHENTICATION_ONLY, Level.ERROR, PredictedError.ERROR_809, 2, 0,
                        "The server certificate is for Client Authentication only (" + listed + "), not Server "
                                + "Authentication: KB947031's cause of error 809.",
                        tell);
            } else {
                add(Kind.NO_SERVER_AUTHENTICATION, Level.ERROR, PredictedError.ERROR_809, 2, 0,
                        "The server certificate's Extended Key Usage (" + listed + ") does not include Server "
                                + "Authentication: KB947031's cause of error 809.",
                        tell);
            }
        }

        private void revocation() {
            if (revocationReport == null) {
                return;
            }
            List<CertificateRevocation> certs = revocationReport.certificates();
            int revoked = indexOf(certs, RevocationStatus.REVOKED);
            if (revoked >= 0) {
                CertificateRevocation r = certs.get(revoked);
                List<String> tell = new ArrayList<>();
                tell.add(capital(element(revoked)) + " was revoked on " + r.revocationDate() + " ("
                        + r.reason().friendlyName() + "): " + r.explanation() + ".");
                if (revoked == 0) {
                    tell.add("If it was revoked after a renewal, the server still presents the old certificate: "
                            + "compare " + thumbprint() + " with `netsh http show sslcert` and the SstpSvc "
                            + "Sha256CertificateHash, and bind the new one.");
                    tell.add("Otherwise reissue the certificate and bind the new one.");
                } else {
                    tell.add("An issuing CA was revoked: the server certificate must be reissued under a valid CA.");
                }
                add(Kind.REVOKED, Level.ERROR, RevocationStatus.REVOKED.hresult(), 0, revoked,
                        capital(element(revoked)) + " is revoked (since " + r.revocationDate() + ", "
                                + r.reason().friendlyName() + ").",
                        tell);
                return;
            }
            int offline = indexOf(certs, RevocationStatus.OFFLINE);
            if (offline >= 0) {
                CertificateRevocation r = certs.get(offline);
                List<String> tell = new ArrayList<>();
                for (RevocationAttempt a : r.attempts()) {
                    tell.add("As a client tried it: " + a.describe() + ".");
                }
                tell.add("Whether these URLs answer from the Internet, outside the company network: clients check "
                        + "revocation before the tunnel exists, straight to the CRL server (KB947031 scenario 7).");
                if (target.proxy() != null) {
                    tell.add("The checks went through the proxy " + target.proxy() + ", as the clients' would: whether "
                            + "it lets plain HTTP requests to these hosts through.");
                }
                add(Kind.REVOCATION_OFFLINE, Level.ERROR, RevocationStatus.OFFLINE.hresult(), 7, offline,
                        "The revocation of " + element(offline) + " cannot be checked: no CRL distribution point or "
                                + "OCSP responder answered (" + r.attempts().size() + " tried).",
                        tell);
                return;
            }
            int expired = indexOf(certs, RevocationStatus.CRL_EXPIRED);
            if (expired >= 0) {
                CertificateRevocation r = certs.get(expired);
                List<String> tell = new ArrayList<>();
                tell.add(r.explanation() + ".");
                tell.add("Whether the CA still publishes: its CRL publication (the CA service, the scheduled "
                        + "publication, the copy to the web server that hosts the distribution point).");
                for (RevocationAttempt a : r.attempts()) {
                    tell.add("As a client tried it: " + a.describe() + ".");
                }
                add(Kind.CRL_EXPIRED, Level.ERROR, RevocationStatus.CRL_EXPIRED.hresult(), 7, expired,
                        "The CRL for " + element(expired) + " has expired and nothing newer answers: a Windows client "
                                + "treats the revocation server as offline.",
                        tell);
            }
        }

        private void noRevocationInformation() {
            if (revocationReport == null) {
                return;
            }
            List<CertificateRevocation> certs = revocationReport.certificates();
            int none = indexOf(certs, RevocationStatus.NO_CHECK);
            if (none < 0) {
                return;
            }
            add(Kind.NO_REVOCATION_INFORMATION, Level.INFO, RevocationStatus.NO_CHECK.hresult(), 0, none,
                    capital(element(none)) + " names no CRL distribution point and no OCSP URL, so a client cannot "
                            + "check its revocation.",
                    List.of("Clients that insist on a revocation check fail (CRYPT_E_NO_REVOCATION_CHECK 0x80092012, "
                            + "or 0x80092013); lab and self-signed setups turn the SSTP check off on the clients "
                            + "(NoCertRevocationCheck = 1 under HKLM\\SYSTEM\\CurrentControlSet\\Services\\Sstpsvc"
                            + "\\Parameters).",
                            "A certificate from a CA that publishes a CRL or OCSP responder reachable from the "
                                    + "Internet needs no such exception."));
        }

        private void name() {
            if (name.matches()) {
                return;
            }
            List<String> tell = new ArrayList<>();
            tell.add(name.explanation() + ".");
            if (name.hostKind().isAddress()) {
                tell.add("The VPN connection names the server by the IP address " + name.comparedAs() + ": the "
                        + "certificate must carry that address (KB947031 scenario 6); connect by a DNS name the "
                        + "certificate holds instead, or issue a certificate with the address in its SAN.");
            } else if (!name.compared().isEmpty()) {
                tell.add("Whether the VPN connection should name one of the certificate's names ("
                        + String.join(", ", name.compared()) + ") instead of " + target.host() + ".");
            }
            tell.add("Whether another service on port " + port + " answers with its own certificate (IIS, RD Gateway): "
                    + "`netsh http show sslcert` lists the bindings on 0.0.0.0:" + port + " and [::]:" + port + ".");
            add(Kind.NAME_MISMATCH, Level.ERROR, PredictedError.CN_NO_MATCH, 6, 0,
                    "The host name " + target.host() + " in the VPN connection does not match the server certificate "
                            + "(" + leaf.getSubjectX500Principal() + "): " + name.explanation() + ".",
                    tell);
        }

        private void expiringSoon() {
            if (expiryWarningDays == 0) {
                return;
            }
            for (int i = 0; i < chain.elements().size(); i++) {
                X509Certificate c = chain.elements().get(i).certificate();
                Instant end = c.getNotAfter().toInstant();
                if (CertificateAnalyzer.validity(c.getNotBefore().toInstant(), end, at,
                        expiryWarningDays) != ValidityStatus.EXPIRING_SOON) {
                    continue;
                }
                long days = Duration.between(at, end).toDays();
                List<String> tell = i == 0
                        ? List.of("Renew it before " + end + ", then bind the renewed certificate on 0.0.0.0:" + port
                                + " and [::]:" + port + " and in the SstpSvc Sha256CertificateHash, restart "
                                + "RemoteAccess and probe again: a renewal that leaves SSTP on the old certificate is "
                                + "the failure reported most.")
                        : List.of("The issuing CA certificate " + element(i) + " must be renewed, and the server "
                                + "certificate reissued under it, before " + end + ".");
                add(Kind.EXPIRING_SOON, Level.WARNING, null, 4, i, capital(element(i)) + " expires on " + end
                        + ", in " + days + (days == 1 ? " day" : " days") + " (warning window " + expiryWarningDays
                        + " days).", tell);
            }
        }

        private ChainIssue firstIssue(ChainProblem p) {
            return chain.issues().stream().filter(i -> i.problem() == p).findFirst()
                    .orElse(new ChainIssue(p, -1, "", p.name()));
        }

        private int indexOf(List<CertificateRevocation> certs, RevocationStatus status) {
            for (int i = 0; i < certs.size(); i++) {
                if (certs.get(i).status() == status) {
                    return i;
                }
            }
            return -1;
        }

        /** "the server certificate CN=..." or "the CA certificate [1] CN=...". */
        private String element(int index) {
            if (index < 0 || index >= chain.elements().size()) {
                return "the chain";
            }
            String subject = chain.elements().get(index).subject();
            return index == 0 ? "the server certificate " + subject : "the CA certificate [" + index + "] " + subject;
        }

        private void add(Kind kind, Level level, Integer code, int scenario, int index, String cause,
                List<String> tell) {
            out.add(new CertificateProblem(kind, level, code, scenario, index, cause, tell));
        }
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * A fetcher that refuses to start a download once the assessment's budget is spent, so that a
     * certificate naming many unreachable URLs cannot hold a check for minutes.
     */
    private static final class Budgeted implements HttpFetcher {
        private final HttpFetcher inner;
        private final long deadline;
        private final Duration budget;

        Budgeted(HttpFetcher inner, Duration budget) {
            this.inner = inner;
            this.budget = budget;
            this.deadline = System.nanoTime() + budget.toNanos();
        }

        private void check(URI uri) throws FetchException {
            if (System.nanoTime() - deadline >= 0) {
                throw new FetchException(FetchException.Kind.TIMEOUT, uri, "not fetched: the " + budget.toSeconds()
                        + " s allowed for all downloads of this check were used up by the earlier ones");
            }
        }

        @Override
        public FetchResponse get(URI uri, long maxBytes) throws FetchException {
            check(uri);
            return inner.get(uri, maxBytes);
        }

        @Override
        public FetchResponse post(URI uri, String contentType, byte[] body, long maxBytes) throws FetchException {
            check(uri);
            return inner.post(uri, contentType, body, maxBytes);
        }
    }
}
