package org.sstpdoctor.pki;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One revocation source tried for one certificate, and what happened: the material of a note to
 * the PKI team ("http://crl.contoso.com/ca.crl: connection refused after 0.2 s").
 *
 * @param source     CRL or OCSP
 * @param url        the URL as the certificate gives it
 * @param outcome    what happened
 * @param detail     one sentence for the person
 * @param elapsed    how long it took (zero when nothing was fetched)
 * @param thisUpdate the CRL's or OCSP answer's thisUpdate, or null
 * @param nextUpdate its nextUpdate, or null
 */
public record RevocationAttempt(Source source, String url, Outcome outcome, String detail, Duration elapsed,
        Instant thisUpdate, Instant nextUpdate) {

    /** The kind of revocation source. */
    public enum Source {
        CRL, OCSP
    }

    /** What trying one source gave. */
    public enum Outcome {
        /** A verified answer: not revoked. */
        GOOD(true),
        /** A verified answer: revoked. */
        REVOKED(true),
        /** The OCSP responder does not know the certificate. */
        UNKNOWN_STATUS(false),
        /** Not fetched: not an http URL (LDAP, HTTPS, file). */
        NOT_FETCHED(false),
        /** The host name does not resolve, or nothing listens (connection refused). */
        UNREACHABLE(false),
        /** No complete answer within the timeout. */
        TIMEOUT(false),
        /** An HTTP status other than 2xx. */
        HTTP_ERROR(false),
        /** The answer is larger than the limit. */
        TOO_LARGE(false),
        /** The answer is not a CRL / OCSP response. */
        UNPARSABLE(false),
        /** The OCSP responder refused to answer (malformedRequest, internalError, tryLater, unauthorized). */
        RESPONDER_ERROR(false),
        /** The answer is about another certificate or issuer, or does not echo the request's nonce. */
        WRONG_RESPONSE(false),
        /** The signature does not verify with the issuer's key (or an authorised responder's). */
        BAD_SIGNATURE(false),
        /** The CRL or OCSP answer is past its nextUpdate. */
        EXPIRED(false),
        /** The CRL or OCSP answer's thisUpdate is in the future. */
        NOT_YET_VALID(false);

        private final boolean definitive;

        Outcome(boolean definitive) {
            this.definitive = definitive;
        }

        /** Whether it answers the question (good or revoked). */
        public boolean definitive() {
            return definitive;
        }
    }

    /** e.g. {@code CRL http://crl.contoso.com/ca.crl: connection refused (0.21 s)}. */
    public String describe() {
        return source + " " + url + ": " + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " - " + detail
                + (elapsed.isZero() ? "" : String.format(Locale.ROOT, " (%.2f s)", elapsed.toMillis() / 1000.0));
    }
}
