package org.sstpdoctor.pki;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.sstpdoctor.pki.RevocationAttempt.Outcome;
import org.sstpdoctor.pki.RevocationAttempt.Source;
import org.sstpdoctor.pki.internal.Certificates;
import org.sstpdoctor.pki.internal.PemBlocks;
import org.sstpdoctor.pki.internal.X509;

/**
 * Checks revocation the way a Windows client does before it lets an SSTP connection start: from
 * the client's side, straight to the CRL and OCSP servers named in the certificates (KB947031
 * scenario 7: "the CRL check query is sent directly to the CRL server").
 * <p>
 * For every certificate of the chain except the root: each AIA OCSP URL is asked (a request built
 * for the certificate and its issuer, POSTed; the answer's signature verified against the issuer
 * or a responder the issuer authorised, its certificate ID, nonce and update times checked) and each
 * CRL distribution point is fetched (the CRL's issuer and signature verified against the issuer,
 * thisUpdate and nextUpdate checked, the serial looked up). Every source is tried, so that the
 * report says which ones a client can reach; a CRL fetched once is reused within one check.
 * <p>
 * Every fetch goes through the {@link HttpFetcher} (timeouts, size limits: 10 MiB for a CRL, 1 MiB
 * for an OCSP answer unless changed). The checker itself is immutable and thread-safe.
 */
public final class RevocationChecker {

    /** Default limit on a CRL: 10 MiB. */
    public static final long DEFAULT_CRL_MAX_BYTES = 10L * 1024 * 1024;
    /** Default limit on an OCSP answer: 1 MiB. */
    public static final long DEFAULT_OCSP_MAX_BYTES = 1024 * 1024;
    /** Clock skew tolerated on thisUpdate. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpFetcher fetcher;
    private final long crlMaxBytes;
    private final long ocspMaxBytes;
    private final boolean ocsp;

    /** A checker fetching with {@code fetcher}, with the default limits, OCSP and CRLs on. */
    public RevocationChecker(HttpFetcher fetcher) {
        this(fetcher, DEFAULT_CRL_MAX_BYTES, DEFAULT_OCSP_MAX_BYTES, true);
    }

    private RevocationChecker(HttpFetcher fetcher, long crlMaxBytes, long ocspMaxBytes, boolean ocsp) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.crlMaxBytes = crlMaxBytes;
        this.ocspMaxBytes = ocspMaxBytes;
        this.ocsp = ocsp;
    }

    /** This checker with other size limits for CRLs and OCSP answers. */
    public RevocationChecker withLimits(long crlMaxBytes, long ocspMaxBytes) {
        if (crlMaxBytes <= 0 || ocspMaxBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        return new RevocationChecker(fetcher, crlMaxBytes, ocspMaxBytes, ocsp);
    }

    /** This checker with OCSP on or off (CRLs are always fetched). */
    public RevocationChecker withOcsp(boolean enabled) {
        return new RevocationChecker(fetcher, crlMaxBytes, ocspMaxBytes, enabled);
    }

    /** Checks the elements of a built chain. */
    public RevocationReport check(ChainResult chain, Instant at) {
        return check(chain.certificates(), at);
    }

    /**
     * Checks a chain.
     *
     * @param chain leaf first, each certificate followed by its issuer (as {@link ChainResult#certificates()})
     * @param at    the moment CRLs and OCSP answers must be current at
     */
    public RevocationReport check(List<X509Certificate> chain, Instant at) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificates");
        }
        Run run = new Run(at);
        List<CertificateRevocation> out = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            X509Certificate issuer = i + 1 < chain.size() ? chain.get(i + 1) : null;
            if (issuer == null && Certificates.selfIssued(c)) {
                out.add(notChecked(c, i == 0
                        ? "self-signed: there is no issuer to check it against (clients do not check a root)"
                        : "a root: clients do not check a root's revocation"));
            } else if (issuer == null) {
                out.add(notChecked(c, "its issuer " + c.getIssuerX500Principal()
                        + " is not known (the chain is incomplete), so no CRL or OCSP answer can be verified"));
            } else {
                out.add(run.check(c, issuer));
            }
        }
        RevocationStatus overall = RevocationStatus.NOT_CHECKED;
        for (CertificateRevocation r : out) {
            if (r.status().severity() > overall.severity()) {
                overall = r.status();
            }
        }
        return new RevocationReport(overall, out, at);
    }

    /** Checks one certificate against its issuer. */
    public CertificateRevocation checkCertificate(X509Certificate certificate, X509Certificate issuer, Instant at) {
        return new Run(at).check(certificate, issuer);
    }

    private static CertificateRevocation notChecked(X509Certificate c, String why) {
        return new CertificateRevocation(c, c.getSubjectX500Principal().toString(), RevocationStatus.NOT_CHECKED,
                null, null, List.of(), "not checked: " + why);
    }

    /** One check: the moment, and the CRLs fetched so far. */
    private final class Run {
        final Instant at;
        final Map<String, Object> crls = new HashMap<>(); // URL -> byte[] body or RevocationAttempt failure

        Run(Instant at) {
            this.at = at;
        }

        CertificateRevocation check(X509Certificate c, X509Certificate issuer) {
            String subject = c.getSubjectX500Principal().toString();
            List<String> ocspUrls = Certificates.ocspUrls(c);
            List<String> cdps = Certificates.crlDistributionPoints(c);
            if (ocspUrls.isEmpty() && cdps.isEmpty()) {
                return new CertificateRevocation(c, subject, RevocationStatus.NO_CHECK, null, null, List.of(),
                        "the certificate has no CRL distribution point and no OCSP URL, so a client cannot check it");
            }
            List<RevocationAttempt> attempts = new ArrayList<>();
            Revoked revoked = null;
            if (ocsp) {
                for (String url : ocspUrls) {
                    Result r = ocsp(url, c, issuer);
                    attempts.add(r.attempt);
                    revoked = revoked == null ? r.revoked : revoked;
                }
            }
            for (String url : cdps) {
                Result r = crl(url, c, issuer);
                attempts.add(r.attempt);
                revoked = revoked == null ? r.revoked : revoked;
            }
            return verdict(c, subject, attempts, revoked);
        }

        private CertificateRevocation verdict(X509Certificate c, String subject, List<RevocationAttempt> attempts,
                Revoked revoked) {
            if (revoked != null) {
                return new CertificateRevocation(c, subject, RevocationStatus.REVOKED, revoked.date, revoked.reason,
                        attempts, "revoked on " + revoked.date + " (" + revoked.reason.friendlyName() + "), says "
                                + revoked.source);
            }
            RevocationAttempt good = first(attempts, Outcome.GOOD);
            if (good != null) {
                return new CertificateRevocation(c, subject, RevocationStatus.GOOD, null, null, attempts,
                        "not revoked, says " + good.source() + " " + good.url());
            }
            RevocationAttempt expired = first(attempts, Outcome.EXPIRED);
            if (expired != null) {
                return new CertificateRevocation(c, subject, RevocationStatus.CRL_EXPIRED, null, null, attempts,
                        "the " + expired.source() + " answer from " + expired.url() + " is past its nextUpdate ("
                                + expired.nextUpdate() + ") and no other source answered; Windows does not use an "
                                + "expired CRL and reports the revocation server offline (0x80092013)");
            }
            return new CertificateRevocation(c, subject, RevocationStatus.OFFLINE, null, null, attempts,
                    "no revocation source gave a usable answer (" + attempts.size() + " tried), so a client "
                            + "fails with 0x80092013 (the revocation server is offline)");
        }

        private static RevocationAttempt first(List<RevocationAttempt> attempts, Outcome o) {
            for (RevocationAttempt a : attempts) {
                if (a.outcome() == o) {
                    return a;
                }
            }
            return null;
        }

        // --- CRL

        private Result crl(String url, X509Certificate c, X509Certificate issuer) {
            Object cached = crls.get(url);
            long start = System.nanoTime();
            byte[] body;
            Duration elapsed;
            if (cached instanceof RevocationAttempt failure) {
                return new Result(failure, null);
            } else if (cached instanceof byte[] b) {
                body = b;
                elapsed = Duration.ZERO;
            } else {
                URI uri = uri(url);
                if (uri == null) {
                    return remember(url, new Result(attempt(Source.CRL, url, Outcome.NOT_FETCHED,
                            "not a valid URL", Duration.ZERO), null));
                }
                try {
                    FetchResponse r = fetcher.get(uri, crlMaxBytes);
                    body = r.body();
                    elapsed = r.elapsed();
                    crls.put(url, body);
                } catch (FetchException e) {
                    return remember(url, new Result(failed(Source.CRL, url, e, start), null));
                }
            }
            X509CRL crl;
            try {
                crl = X509.crl(crlDer(body));
            } catch (Exception e) {
                return new Result(attempt(Source.CRL, url, Outcome.UNPARSABLE,
                        "the answer (" + body.length + " bytes) is not a CRL: " + e.getMessage(), elapsed), null);
            }
            Instant thisUpdate = crl.getThisUpdate().toInstant();
            Instant nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
            if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                return new Result(new RevocationAttempt(Source.CRL, url, Outcome.WRONG_RESPONSE,
                        "the CRL is issued by " + crl.getIssuerX500Principal() + ", not by the certificate's issuer "
                                + issuer.getSubjectX500Principal(),
                        elapsed, thisUpdate, nextUpdate), null);
            }
            try {
                crl.verify(issuer.getPublicKey());
            } catch (Exception e) {
                return new Result(new RevocationAttempt(Source.CRL, url, Outcome.BAD_SIGNATURE,
                        "the CRL's signature does not verify with the issuer's key", elapsed, thisUpdate, nextUpdate),
                        null);
            }
            X509CRLEntry entry = crl.getRevokedCertificate(c.getSerialNumber());
            boolean listed = entry != null && entry.getRevocationReason() != CRLReason.REMOVE_FROM_CRL;
            if (thisUpdate.isAfter(at.plus(CLOCK_SKEW))) {
                return new Result(new RevocationAttempt(Source.CRL, url, Outcome.NOT_YET_VALID,
                        "the CRL's thisUpdate " + thisUpdate + " is in the future", elapsed, thisUpdate, nextUpdate),
                        null);
            }
            if (nextUpdate != null && nextUpdate.isBefore(at)) {
                return new Result(new RevocationAttempt(Source.CRL, url, Outcome.EXPIRED,
                        "the CRL expired: its nextUpdate " + nextUpdate + " has passed (thisUpdate " + thisUpdate + ")"
                                + (listed ? "; it lists the certificate as revoked" : ""),
                        elapsed, thisUpdate, nextUpdate), null);
            }
            if (listed) {
                Instant date = entry.getRevocationDate().toInstant();
                RevocationReason reason = entry.getRevocationReason() == null ? RevocationReason.UNSPECIFIED
                        : RevocationReason.ofCode(entry.getRevocationReason().ordinal());
                return new Result(new RevocationAttempt(Source.CRL, url, Outcome.REVOKED,
                        "serial " + Certificates.serialHex(c.getSerialNumber()) + " is listed, revoked on " + date
                                + " (" + reason.friendlyName() + ")",
                        elapsed, thisUpdate, nextUpdate), new Revoked(date, reason, "the CRL " + url));
            }
            return new Result(new RevocationAttempt(Source.CRL, url, Outcome.GOOD,
                    "the CRL (" + (crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size())
                            + " entries) does not list serial "
                            + Certificates.serialHex(c.getSerialNumber()),
                    elapsed, thisUpdate, nextUpdate), null);
        }

        private Result remember(String url, Result failure) {
            crls.put(url, failure.attempt);
            return failure;
        }

        // --- OCSP

        private Result ocsp(String url, X509Certificate c, X509Certificate issuer) {
            URI uri = uri(url);
            if (uri == null) {
                return new Result(attempt(Source.OCSP, url, Outcome.NOT_FETCHED, "not a valid URL", Duration.ZERO),
                        null);
            }
            CertificateID id;
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            byte[] request;
            try {
                id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                        new JcaX509CertificateHolder(issuer), c.getSerialNumber());
                OCSPReq req = new OCSPReqBuilder().addRequest(id)
                        .setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                                false, new DEROctetString(nonce))))
                        .build();
                request = req.getEncoded();
            } catch (Exception e) {
                return new Result(attempt(Source.OCSP, url, Outcome.NOT_FETCHED,
                        "no OCSP request can be built: " + e.getMessage(), Duration.ZERO), null);
            }
            long start = System.nanoTime();
            FetchResponse r;
            try {
                r = fetcher.post(uri, "application/ocsp-request", request, ocspMaxBytes);
            } catch (FetchException e) {
                return new Result(failed(Source.OCSP, url, e, start), null);
            }
            Duration elapsed = r.elapsed();
            BasicOCSPResp basic;
            try {
                OCSPResp resp = new OCSPResp(r.body());
                if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
                    return new Result(attempt(Source.OCSP, url, Outcome.RESPONDER_ERROR,
                            "the responder answered " + responseStatus(resp.getStatus()), elapsed), null);
                }
                basic = (BasicOCSPResp) resp.getResponseObject();
                if (basic == null) {
                    throw new IllegalArgumentException("no response bytes");
                }
            } catch (Exception e) {
                return new Result(attempt(Source.OCSP, url, Outcome.UNPARSABLE,
                        "the answer (" + r.body().length + " bytes) is not an OCSP response: " + e.getMessage(),
                        elapsed), null);
            }
            String signer = verifySigner(basic, issuer);
            if (signer.startsWith("!")) {
                return new Result(attempt(Source.OCSP, url, Outcome.BAD_SIGNATURE, signer.substring(1), elapsed),
                        null);
            }
            Extension nonceExt = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonceExt != null) {
                byte[] echoed = nonceOctets(nonceExt);
                if (!java.util.Arrays.equals(echoed, nonce)) {
                    return new Result(attempt(Source.OCSP, url, Outcome.WRONG_RESPONSE,
                            "the answer's nonce is not the request's (a replayed or cached answer)", elapsed), null);
                }
            }
            SingleResp single = null;
            for (SingleResp s : basic.getResponses()) {
                if (s.getCertID().equals(id)) {
                    single = s;
                    break;
                }
            }
            if (single == null) {
                return new Result(attempt(Source.OCSP, url, Outcome.WRONG_RESPONSE,
                        "the answer is not about this certificate (no matching certificate ID)", elapsed), null);
            }
            Instant thisUpdate = single.getThisUpdate().toInstant();
            Instant nextUpdate = single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant();
            if (thisUpdate.isAfter(at.plus(CLOCK_SKEW))) {
                return new Result(new RevocationAttempt(Source.OCSP, url, Outcome.NOT_YET_VALID,
                        "the answer's thisUpdate " + thisUpdate + " is in the future", elapsed, thisUpdate,
                        nextUpdate), null);
            }
            if (nextUpdate != null && nextUpdate.isBefore(at)) {
                return new Result(new RevocationAttempt(Source.OCSP, url, Outcome.EXPIRED,
                        "the answer is stale: its nextUpdate " + nextUpdate + " has passed", elapsed, thisUpdate,
                        nextUpdate), null);
            }
            CertificateStatus status = single.getCertStatus();
            if (status == CertificateStatus.GOOD) {
                return new Result(new RevocationAttempt(Source.OCSP, url, Outcome.GOOD,
                        "the responder says good (signed by " + signer + ")", elapsed, thisUpdate, nextUpdate), null);
            }
            if (status instanceof RevokedStatus rs) {
                Instant date = rs.getRevocationTime().toInstant();
                RevocationReason reason = rs.hasRevocationReason() ? RevocationReason.ofCode(rs.getRevocationReason())
                        : RevocationReason.UNSPECIFIED;
                return new Result(new RevocationAttempt(Source.OCSP, url, Outcome.REVOKED,
                        "the responder says revoked on " + date + " (" + reason.friendlyName() + ")", elapsed,
                        thisUpdate, nextUpdate), new Revoked(date, reason, "the OCSP responder " + url));
            }
            String what = status instanceof UnknownStatus ? "unknown" : String.valueOf(status);
            return new Result(new RevocationAttempt(Source.OCSP, url, Outcome.UNKNOWN_STATUS,
                    "the responder says the certificate's status is " + what, elapsed, thisUpdate, nextUpdate), null);
        }

        /**
         * Who signed the answer, if the issuer itself or a responder it authorised (issued by it,
         * with the OCSP Signing EKU, valid now); else "!" and why not.
         */
        private String verifySigner(BasicOCSPResp basic, X509Certificate issuer) {
            try {
                if (basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey()))) {
                    return "the issuing CA";
                }
            } catch (Exception e) {
                // not signed by the issuer's key: try the certificates in the answer
            }
            for (X509CertificateHolder holder : basic.getCerts()) {
                X509Certificate responder;
                try {
                    responder = X509.certificate(holder.getEncoded());
                    if (!basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder))) {
                        continue;
                    }
                } catch (Exception e) {
                    continue;
                }
                String name = responder.getSubjectX500Principal().toString();
                if (!Certificates.signedBy(responder, issuer.getPublicKey())) {
                    return "!the answer is signed by " + name + ", which the certificate's issuer did not issue";
                }
                List<String> eku = Certificates.extendedKeyUsageOids(responder);
                if (eku == null || !eku.contains(KeyPurpose.OCSP_SIGNING.oid())) {
                    return "!the answer is signed by " + name + ", which lacks the OCSP Signing EKU";
                }
                if (!CertificateAnalyzer.validity(responder.getNotBefore().toInstant(),
                        responder.getNotAfter().toInstant(), at, 0).isTimeValid()) {
                    return "!the answer is signed by " + name + ", whose certificate is not valid now";
                }
                return "the authorised responder " + name;
            }
            return "!the answer's signature verifies neither with the issuer's key nor with a responder certificate "
                    + "in it";
        }

        private static byte[] nonceOctets(Extension ext) {
            byte[] v = ext.getExtnValue().getOctets();
            try {
                // RFC 8954: the value is an OCTET STRING; some responders put the raw bytes.
                return ASN1OctetString.getInstance(v).getOctets();
            } catch (RuntimeException e) {
                return v;
            }
        }

        private static String responseStatus(int status) {
            return switch (status) {
            case OCSPResp.MALFORMED_REQUEST -> "malformedRequest (1)";
            case OCSPResp.INTERNAL_ERROR -> "internalError (2)";
            case OCSPResp.TRY_LATER -> "tryLater (3)";
            case OCSPResp.SIG_REQUIRED -> "sigRequired (5)";
            case OCSPResp.UNAUTHORIZED -> "unauthorized (6)";
            default -> "status " + status;
            };
        }

        // --- helpers

        private static URI uri(String url) {
            try {
                return new URI(url.strip());
            } catch (URISyntaxException e) {
                // LDAP distribution points often hold spaces ("CN=Public Key Services").
                try {
                    return new URI(url.strip().replace(" ", "%20"));
                } catch (URISyntaxException again) {
                    return null;
                }
            }
        }

        private static RevocationAttempt attempt(Source source, String url, Outcome outcome, String detail,
                Duration elapsed) {
            return new RevocationAttempt(source, url, outcome, detail, elapsed, null, null);
        }

        private static RevocationAttempt failed(Source source, String url, FetchException e, long start) {
            Outcome o = switch (e.kind()) {
            case UNSUPPORTED_URL -> Outcome.NOT_FETCHED;
            case UNKNOWN_HOST, REFUSED, IO, INTERRUPTED -> Outcome.UNREACHABLE;
            case TIMEOUT -> Outcome.TIMEOUT;
            case HTTP_STATUS -> Outcome.HTTP_ERROR;
            case TOO_LARGE -> Outcome.TOO_LARGE;
            };
            String detail = e.getMessage();
            if (e.kind() == FetchException.Kind.UNSUPPORTED_URL && url.regionMatches(true, 0, "ldap:", 0, 5)) {
                detail += "; a client outside the domain usually cannot reach an LDAP distribution point either";
            }
            return attempt(source, url, o, detail, Duration.ofNanos(System.nanoTime() - start));
        }

        /** The DER of a CRL sent as DER or as PEM. */
        private static byte[] crlDer(byte[] body) throws Exception {
            if (body.length > 0 && (body[0] & 0xFF) == 0x30) {
                return body;
            }
            String text = new String(body, StandardCharsets.ISO_8859_1);
            for (PemBlocks.Block b : PemBlocks.parse(text)) {
                if (b.label().equals("X509 CRL")) {
                    return b.decode();
                }
            }
            throw new IllegalArgumentException(body.length == 0 ? "empty" : "neither DER nor a PEM X509 CRL");
        }
    }

    private record Result(RevocationAttempt attempt, Revoked revoked) {
    }

    private record Revoked(Instant date, RevocationReason reason, String source) {
    }
}
