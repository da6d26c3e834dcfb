package org.sstpdoctor.pki;

import java.net.URI;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.sstpdoctor.pki.ChainElement.Origin;
import org.sstpdoctor.pki.internal.Certificates;
import org.sstpdoctor.pki.internal.X509;

/**
 * Builds and validates the chain of a server certificate the way a client does, but reports every
 * problem instead of stopping at the first.
 * <p>
 * The chain starts at the leaf (the first presented certificate); the order of the other presented
 * certificates is not trusted and extras are ignored (listed as unused). Each issuer is looked for
 * in the trust store, then among the presented certificates, then, when AIA fetching is enabled,
 * at the {@code http} caIssuers URLs of the certificate (bounded: a few fetches, a size limit, the
 * fetcher's timeouts). A candidate issuer is one whose subject is the certificate's issuer and
 * whose key verifies its signature; a same-named candidate whose key does not verify is still
 * linked, as a {@link ChainProblem#BAD_SIGNATURE}, when its key identifier matches (or is absent).
 * <p>
 * The built chain is then checked element by element (validity at the given moment for every
 * element, the root included, as Windows does; signatures; CA constraints and key usage of
 * issuers) and validated by the JDK's PKIX {@link CertPathValidator} against the trust anchor it
 * reached (revocation disabled: that is {@link RevocationChecker}'s job). A chain ending in an
 * untrusted root is also run through PKIX with that root as anchor, to find its other problems.
 * <p>
 * Instances are immutable and thread-safe.
 */
public final class ChainBuilder {

    /** Default limit on AIA fetches per chain. */
    public static final int DEFAULT_MAX_AIA_FETCHES = 4;
    /** Default limit on an AIA response: 1 MiB. */
    public static final long DEFAULT_AIA_MAX_BYTES = 1024 * 1024;
    /** The longest chain followed. */
    public static final int MAX_DEPTH = 10;
    /**
     * The most certificates considered as issuers, presented and fetched together: a hostile
     * server cannot make the search for issuers expensive. Certificates beyond it are unused.
     */
    public static final int MAX_CANDIDATES = 64;

    private final TrustStore trust;
    private final HttpFetcher fetcher;
    private final int maxAiaFetches;
    private final long aiaMaxBytes;

    /** A builder validating against {@code trust}, without AIA fetching. */
    public ChainBuilder(TrustStore trust) {
        this(trust, null, DEFAULT_MAX_AIA_FETCHES, DEFAULT_AIA_MAX_BYTES);
    }

    private ChainBuilder(TrustStore trust, HttpFetcher fetcher, int maxAiaFetches, long aiaMaxBytes) {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.fetcher = fetcher;
        this.maxAiaFetches = maxAiaFetches;
        this.aiaMaxBytes = aiaMaxBytes;
    }

    /** This builder, fetching missing issuers from AIA caIssuers URLs with {@code fetcher} (null: off). */
    public ChainBuilder withAiaFetching(HttpFetcher fetcher) {
        return new ChainBuilder(trust, fetcher, maxAiaFetches, aiaMaxBytes);
    }

    /** This builder with other AIA limits: fetches per chain, bytes per response. */
    public ChainBuilder withAiaLimits(int maxFetches, long maxBytes) {
        if (maxFetches < 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("invalid AIA limits: " + maxFetches + ", " + maxBytes);
        }
        return new ChainBuilder(trust, fetcher, maxFetches, maxBytes);
    }

    public TrustStore trustStore() {
        return trust;
    }

    /** Whether missing issuers are fetched via AIA. */
    public boolean fetchesAia() {
        return fetcher != null;
    }

    /**
     * Builds and validates the chain of {@code presented.get(0)}.
     *
     * @param presented the certificates the server presented, leaf first (the rest in any order)
     * @param at        the moment to judge validity at
     */
    public ChainResult build(List<X509Certificate> presented, Instant at) {
        if (presented == null || presented.isEmpty()) {
            throw new IllegalArgumentException("no leaf certificate");
        }
        for (X509Certificate c : presented) {
            Objects.requireNonNull(c, "a presented certificate is null");
        }
        return new Run(presented, at).run();
    }

    /** The state of one build. */
    private final class Run {
        final Instant at;
        final List<X509Certificate> pool = new ArrayList<>();
        /** Presented certificates beyond {@link #MAX_CANDIDATES}: not looked at. */
        final List<X509Certificate> ignored = new ArrayList<>();
        final List<X509Certificate> fetched = new ArrayList<>();
        final List<ChainElement> path = new ArrayList<>();
        final List<ChainIssue> issues = new ArrayList<>();
        final Set<ChainProblem> problems = EnumSet.noneOf(ChainProblem.class);
        final List<AiaFetch> aia = new ArrayList<>();
        final Set<String> fetchedUrls = new HashSet<>();
        /** Indexes i whose link to i+1 is by name only (the signature does not verify). */
        final Set<Integer> badLinks = new HashSet<>();
        boolean trusted;

        Run(List<X509Certificate> presented, Instant at) {
            this.at = at;
            X509Certificate leaf = presented.get(0);
            for (X509Certificate c : presented.subList(1, presented.size())) {
                if (pool.size() >= MAX_CANDIDATES) {
                    ignored.add(c);
                } else if (!X509.same(c, leaf) && !X509.contains(pool, c)) {
                    pool.add(c);
                }
            }
            path.add(new ChainElement(leaf, Origin.PRESENTED, false));
        }

        ChainResult run() {
            buildPath();
            checkEnd();
            checkElements();
            validateWithPkix();
            List<X509Certificate> unused = new ArrayList<>(ignored);
            for (X509Certificate c : pool) {
                if (!inPath(c)) {
                    unused.add(c);
                }
            }
            for (X509Certificate c : fetched) {
                if (!inPath(c) && !X509.contains(unused, c)) {
                    unused.add(c);
                }
            }
            return new ChainResult(path, problems, issues, trusted, unused, aia, at, trust.description());
        }

        private void buildPath() {
            while (path.size() <= MAX_DEPTH) {
                X509Certificate cur = last();
                if (trust.contains(cur)) {
                    path.set(path.size() - 1, new ChainElement(cur, last(path).origin(), true));
                    trusted = true;
                    return;
                }
                Candidate anchor = pick(cur, trust.withSubject(cur.getIssuerX500Principal()));
                if (anchor != null && anchor.verifies) {
                    add(anchor, X509.contains(pool, anchor.certificate) ? Origin.PRESENTED : Origin.TRUST_STORE, true);
                    return;
                }
                if (Certificates.selfIssued(cur)) {
                    return; // a root: trusted or not is decided by checkEnd
                }
                Candidate issuer = pick(cur, candidates(cur));
                if ((issuer == null || !issuer.verifies) && fetchAia(cur)) {
                    issuer = pick(cur, candidates(cur));
                }
                if (issuer != null && issuer.verifies) {
                    add(issuer, origin(issuer.certificate), false);
                    continue;
                }
                // Same name, key does not verify: link it all the same, reporting the signature.
                Candidate byName = anchor != null ? anchor : issuer;
                if (byName != null) {
                    boolean isAnchor = byName == anchor;
                    add(byName, isAnchor ? Origin.TRUST_STORE : origin(byName.certificate), isAnchor);
                    if (isAnchor) {
                        return;
                    }
                    continue;
                }
                return; // no issuer: incomplete
            }
        }

        private void add(Candidate c, Origin origin, boolean anchor) {
            if (!c.verifies) {
                badLinks.add(path.size() - 1);
            }
            path.add(new ChainElement(c.certificate, origin, anchor));
            if (anchor) {
                trusted = true;
            }
        }

        private Origin origin(X509Certificate c) {
            return X509.contains(pool, c) ? Origin.PRESENTED : Origin.FETCHED_VIA_AIA;
        }

        private X509Certificate last() {
            return path.get(path.size() - 1).certificate();
        }

        private static ChainElement last(List<ChainElement> list) {
            return list.get(list.size() - 1);
        }

        private boolean inPath(X509Certificate c) {
            for (ChainElement e : path) {
                if (X509.same(e.certificate(), c)) {
                    return true;
                }
            }
            return false;
        }

        private List<X509Certificate> candidates(X509Certificate cur) {
            List<X509Certificate> out = new ArrayList<>();
            for (List<X509Certificate> source : List.of(pool, fetched)) {
                for (X509Certificate c : source) {
                    if (c.getSubjectX500Principal().equals(cur.getIssuerX500Principal()) && !inPath(c)) {
                        out.add(c);
                    }
                }
            }
            return out;
        }

        private record Candidate(X509Certificate certificate, boolean verifies) {
        }

        /**
         * The best issuer of {@code cur} among {@code candidates}: one whose key verifies it;
         * else one whose key identifier matches (or is not there to compare), linked by name.
         */
        private Candidate pick(X509Certificate cur, List<X509Certificate> candidates) {
            byte[] aki = Certificates.authorityKeyIdentifier(cur);
            Candidate byName = null;
            for (X509Certificate c : candidates) {
                if (Certificates.signedBy(cur, c.getPublicKey())) {
                    return new Candidate(c, true);
                }
                byte[] ski = Certificates.subjectKeyIdentifier(c);
                if (byName == null && (aki == null || ski == null || Arrays.equals(aki, ski))) {
                    byName = new Candidate(c, false);
                }
            }
            return byName;
        }

        /** Fetches {@code cur}'s caIssuers; true when it added a certificate. */
        private boolean fetchAia(X509Certificate cur) {
            if (fetcher == null) {
                return false;
            }
            boolean added = false;
            String subject = cur.getSubjectX500Principal().toString();
            for (String url : Certificates.caIssuersUrls(cur)) {
                if (!fetchedUrls.add(url)) {
                    continue;
                }
                URI uri;
                try {
                    uri = new URI(url);
                } catch (Exception e) {
                    aia.add(new AiaFetch(URI.create("invalid:"), subject, 0, FetchException.Kind.UNSUPPORTED_URL,
                            "not a valid URL: " + url, Duration.ZERO));
                    continue;
                }
                if (aia.size() >= maxAiaFetches) {
                    aia.add(new AiaFetch(uri, subject, 0, FetchException.Kind.UNSUPPORTED_URL,
                            "not fetched: the limit of " + maxAiaFetches + " AIA fetches per chain was reached",
                            Duration.ZERO));
                    continue;
                }
                long start = System.nanoTime();
                try {
                    FetchResponse r = fetcher.get(uri, aiaMaxBytes);
                    LoadedCertificates loaded = new CertificateReader().withMaxInputBytes(aiaMaxBytes)
                            .read(r.body(), url);
                    int n = 0;
                    for (X509Certificate c : loaded.certificates()) {
                        if (pool.size() + fetched.size() < MAX_CANDIDATES && !X509.contains(fetched, c)
                                && !X509.contains(pool, c)) {
                            fetched.add(c);
                            n++;
                        }
                    }
                    aia.add(new AiaFetch(uri, subject, loaded.certificates().size(), null,
                            "fetched " + loaded.certificates().size() + " certificate(s) as "
                                    + loaded.format().displayName(),
                            r.elapsed()));
                    added |= n > 0;
                } catch (FetchException e) {
                    aia.add(new AiaFetch(uri, subject, 0, e.kind(), e.getMessage(), elapsed(start)));
                } catch (CertificateFormatException e) {
                    aia.add(new AiaFetch(uri, subject, 0, null, "the answer is not a certificate: " + e.getMessage(),
                            elapsed(start)));
                }
                if (added) {
                    break;
                }
            }
            return added;
        }

        private static Duration elapsed(long start) {
            return Duration.ofNanos(System.nanoTime() - start);
        }

        /** Untrusted root or incomplete chain. */
        private void checkEnd() {
            if (trusted) {
                return;
            }
            int i = path.size() - 1;
            X509Certificate end = last();
            if (path.size() > MAX_DEPTH) {
                issue(ChainProblem.INCOMPLETE_CHAIN, i, "the chain is longer than " + MAX_DEPTH
                        + " certificates without reaching a root");
            } else if (Certificates.selfIssued(end)) {
                String what = i == 0 ? "the server's certificate is self-signed and" : "the root";
                issue(ChainProblem.UNTRUSTED_ROOT, i, what + " " + end.getSubjectX500Principal()
                        + " is not in the trust store (" + trust.description() + ")");
            } else {
                String tried = fetcher == null ? " (AIA fetching is off)"
                        : Certificates.caIssuersUrls(end).isEmpty() ? " (the certificate has no AIA caIssuers URL)"
                                : " (AIA caIssuers fetching did not give it)";
                issue(ChainProblem.INCOMPLETE_CHAIN, i, "the issuer " + end.getIssuerX500Principal()
                        + " was not presented by the server and is not in the trust store" + tried);
            }
        }

        private void checkElements() {
            for (int i = 0; i < path.size(); i++) {
                X509Certificate c = path.get(i).certificate();
                switch (CertificateAnalyzer.validity(c.getNotBefore().toInstant(), c.getNotAfter().toInstant(), at,
                        0)) {
                case EXPIRED -> issue(ChainProblem.EXPIRED, i, "expired on " + c.getNotAfter().toInstant());
                case NOT_YET_VALID -> issue(ChainProblem.NOT_YET_VALID, i,
                        "not valid before " + c.getNotBefore().toInstant());
                default -> {
                    // time valid
                }
                }
                if (i + 1 < path.size() && badLinks.contains(i)) {
                    issue(ChainProblem.BAD_SIGNATURE, i, "the signature does not verify with the key of its issuer "
                            + path.get(i + 1).certificate().getSubjectX500Principal());
                }
                if (i == path.size() - 1 && !path.get(i).trustAnchor() && Certificates.selfIssued(c)
                        && !Certificates.signedBy(c, c.getPublicKey())) {
                    issue(ChainProblem.BAD_SIGNATURE, i, "its self-signature does not verify");
                }
                if (i > 0 && !path.get(i).trustAnchor()) {
                    checkIssuer(c, i);
                }
            }
        }

        private void checkIssuer(X509Certificate c, int i) {
            int basic = c.getBasicConstraints();
            if (basic < 0) {
                issue(ChainProblem.NOT_A_CA, i, "it issues certificate [" + (i - 1) + "] but is not a CA");
            } else if (basic != Integer.MAX_VALUE) {
                int below = 0;
                for (int j = 1; j < i; j++) {
                    if (!Certificates.selfIssued(path.get(j).certificate())) {
                        below++;
                    }
                }
                if (below > basic) {
                    issue(ChainProblem.PATH_TOO_LONG, i, "its path length constraint " + basic + " allows "
                            + basic + " CA certificate(s) below it, the chain has " + below);
                }
            }
            boolean[] ku = c.getKeyUsage();
            if (ku != null && (ku.length <= 5 || !ku[5])) {
                issue(ChainProblem.INVALID_KEY_USAGE, i, "its Key Usage does not allow certificate signing");
            }
        }

        private void validateWithPkix() {
            int anchorIndex = -1;
            for (int i = 0; i < path.size(); i++) {
                if (path.get(i).trustAnchor()) {
                    anchorIndex = i;
                    break;
                }
            }
            boolean provisional = false;
            if (anchorIndex < 0) {
                // An untrusted root: validate as if trusted, to find the chain's other problems.
                if (!problems.contains(ChainProblem.UNTRUSTED_ROOT) || path.size() < 2) {
                    return;
                }
                anchorIndex = path.size() - 1;
                provisional = true;
            }
            if (anchorIndex == 0) {
                return; // the leaf itself is trusted: nothing to validate
            }
            X509Certificate anchor = path.get(anchorIndex).certificate();
            List<X509Certificate> certs = new ArrayList<>();
            for (int i = 0; i < anchorIndex; i++) {
                certs.add(path.get(i).certificate());
            }
            try {
                CertPath cp = X509.factory().generateCertPath(certs);
                PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
                params.setRevocationEnabled(false);
                params.setDate(Date.from(at));
                CertPathValidator.getInstance("PKIX").validate(cp, params);
            } catch (CertPathValidatorException e) {
                ChainProblem p = map(e.getReason());
                int index = e.getIndex();
                if (!problems.contains(p)) {
                    issue(p, index, "PKIX validation" + (provisional ? " (with the untrusted root taken as trusted)" : "")
                            + " failed: " + e.getMessage());
                }
            } catch (CertificateException | InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
                issue(ChainProblem.OTHER, -1, "PKIX validation could not run: " + e.getMessage());
            }
        }

        private ChainProblem map(CertPathValidatorException.Reason reason) {
            if (reason instanceof BasicReason b) {
                return switch (b) {
                case EXPIRED -> ChainProblem.EXPIRED;
                case NOT_YET_VALID -> ChainProblem.NOT_YET_VALID;
                case INVALID_SIGNATURE -> ChainProblem.BAD_SIGNATURE;
                case ALGORITHM_CONSTRAINED -> ChainProblem.WEAK_ALGORITHM;
                default -> ChainProblem.OTHER;
                };
            }
            if (reason instanceof PKIXReason p) {
                return switch (p) {
                case NO_TRUST_ANCHOR -> ChainProblem.UNTRUSTED_ROOT;
                case NOT_CA_CERT -> ChainProblem.NOT_A_CA;
                case PATH_TOO_LONG -> ChainProblem.PATH_TOO_LONG;
                case INVALID_KEY_USAGE -> ChainProblem.INVALID_KEY_USAGE;
                case INVALID_NAME -> ChainProblem.NAME_CONSTRAINTS;
                case UNRECOGNIZED_CRIT_EXT -> ChainProblem.UNKNOWN_CRITICAL_EXTENSION;
                default -> ChainProblem.OTHER;
                };
            }
            return ChainProblem.OTHER;
        }

        private void issue(ChainProblem p, int index, String message) {
            problems.add(p);
            String subject = index >= 0 && index < path.size() ? path.get(index).subject() : "";
            issues.add(new ChainIssue(p, index, subject, message));
        }
    }
}
