package org.sstpdoctor.ui.internal.certificates;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.sstpdoctor.pki.CertificateAnalyzer;
import org.sstpdoctor.pki.CertificateReport;
import org.sstpdoctor.pki.HashMatch;
import org.sstpdoctor.pki.KeyPurpose;
import org.sstpdoctor.pki.OidNames;
import org.sstpdoctor.ui.internal.certificates.CertificateEntry.RegistryHashes;

/**
 * The details pane's text of one certificate, from the PKI analysis: subject, SAN, EKU, validity
 * with days remaining, key, signature algorithm, CRL distribution points and AIA, and both
 * thumbprints with a mark saying whether they match the SSTP registry's hashes. Carries the
 * ranges to emphasise: Server Authentication in bold, matches good, mismatches and expiry bad.
 *
 * @param text  the text, one field a line
 * @param spans the ranges to style, in text order
 */
public record CertificateDetails(String text, List<Span> spans) {

    /** How a range is emphasised. */
    public enum Emphasis {
        /** Bold: Server Authentication. */
        STRONG,
        /** Green: a thumbprint that matches the registry. */
        GOOD,
        /** Red: a mismatch, an expired or not yet valid certificate, a weak signature. */
        BAD
    }

    /** A range of {@link CertificateDetails#text()} to emphasise. */
    public record Span(int start, int length, Emphasis emphasis) {
    }

    /** The mark after a thumbprint that matches the registry. */
    public static final String MATCH = "\u2714 matches ";
    /** The mark after a thumbprint that does not match the registry. */
    public static final String NO_MATCH = "\u2718 does not match ";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The details of {@code entry} at {@code now}, expiry warned {@code warningDays} ahead. */
    public static CertificateDetails of(CertificateEntry entry, Instant now, int warningDays) {
        CertificateReport r = CertificateAnalyzer.analyze(entry.certificate(), now, warningDays);
        Builder b = new Builder();
        b.field("Subject", r.subject());
        b.field("Issuer", r.issuer());
        b.field("Serial number", r.serialNumber());
        List<String> san = new ArrayList<>();
        r.sanDnsNames().forEach(n -> san.add("DNS " + n));
        r.sanIpAddresses().forEach(n -> san.add("IP " + n));
        san.addAll(r.sanOtherNames());
        b.field("Subject alternative names", san.isEmpty() ? "none" : String.join(", ", san));
        b.label("Enhanced key usage");
        if (!r.hasExtendedKeyUsage()) {
            b.text("none (valid for all purposes, Server Authentication included)");
        } else {
            List<String> oids = r.extendedKeyUsageOids();
            for (int i = 0; i < oids.size(); i++) {
                if (i > 0) {
                    b.text(", ");
                }
                String name = OidNames.name(oids.get(i));
                if (oids.get(i).equals(KeyPurpose.SERVER_AUTHENTICATION.oid())) {
                    b.text(name, Emphasis.STRONG);
                } else {
                    b.text(name);
                }
            }
            if (!r.allowsServerAuthentication()) {
                b.text("  (no Server Authentication: SSTP cannot use it)", Emphasis.BAD);
            }
        }
        b.newline();
        b.field("Valid from", TIME.format(r.notBefore()));
        b.label("Valid to");
        b.text(TIME.format(r.notAfter()) + "  ");
        switch (r.validity()) {
        case EXPIRED -> b.text("(expired " + -r.daysRemaining() + " days ago)", Emphasis.BAD);
        case NOT_YET_VALID -> b.text("(not valid yet)", Emphasis.BAD);
        case EXPIRING_SOON -> b.text("(" + r.daysRemaining() + " days remaining, expires within "
                + r.expiringWithinDays() + " days)", Emphasis.BAD);
        case VALID -> b.text("(" + r.daysRemaining() + " days remaining)");
        }
        b.newline();
        b.field("Public key", r.keyDescription());
        b.label("Signature algorithm");
        b.text(r.signatureAlgorithm());
        if (r.weakSignature()) {
            b.text("  (weak)", Emphasis.BAD);
        }
        b.newline();
        b.field("CRL distribution points", r.crlDistributionPoints().isEmpty() ? "none"
                : String.join(", ", r.crlDistributionPoints()));
        List<String> aia = new ArrayList<>();
        r.ocspUrls().forEach(u -> aia.add("OCSP " + u));
        r.caIssuersUrls().forEach(u -> aia.add("CA issuers " + u));
        b.field("Authority information access", aia.isEmpty() ? "none" : String.join(", ", aia));
        b.field("Basic constraints", r.certificateAuthority() ? "certificate authority"
                + (r.pathLengthConstraint() >= 0 ? ", path length " + r.pathLengthConstraint() : "")
                : "end entity" + (r.selfSigned() ? ", self-signed" : ""));
        RegistryHashes hashes = entry.registryHashes();
        thumbprint(b, "SHA-1 thumbprint", r.sha1Thumbprint(), hashes == null ? null : hashes.sha1(),
                "Sha1CertificateHash", hashes != null, r);
        thumbprint(b, "SHA-256 thumbprint", r.sha256Thumbprint(), hashes == null ? null : hashes.sha256(),
                "Sha256CertificateHash", hashes != null, r);
        if (!entry.notes().isEmpty()) {
            b.newline();
            entry.notes().forEach(n -> b.text(n).newline());
        }
        return new CertificateDetails(b.text.toString(), List.copyOf(b.spans));
    }

    private static void thumbprint(Builder b, String label, String thumbprint, String registry, String valueName,
            boolean registryRead, CertificateReport r) {
        b.label(label);
        b.text(thumbprint);
        if (registry != null) {
            HashMatch m = r.compareRegistryHash(registry);
            b.text("  ");
            if (m.matches()) {
                b.text(MATCH + valueName + " in the SSTP registry", Emphasis.GOOD);
            } else {
                b.text(NO_MATCH + valueName + " (" + registry + ")", Emphasis.BAD);
            }
        } else if (registryRead) {
            b.text("  (the SSTP registry has no " + valueName + ")");
        }
        b.newline();
    }

    /** The text with its spans, as it is built. */
    private static final class Builder {
        final StringBuilder text = new StringBuilder(1024);
        final List<Span> spans = new ArrayList<>();

        Builder label(String label) {
            text.append(label).append(": ");
            return this;
        }

        Builder field(String label, String value) {
            return label(label).text(value).newline();
        }

        Builder text(String s) {
            text.append(s);
            return this;
        }

        Builder text(String s, Emphasis emphasis) {
            spans.add(new Span(text.length(), s.length(), emphasis));
            text.append(s);
            return this;
        }

        Builder newline() {
            text.append('\n');
            return this;
        }
    }
}
