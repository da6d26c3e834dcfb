package org.sstpdoctor.probe.internal.checks;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.probe.CertificateAssessment;
import org.sstpdoctor.probe.CertificateProblem;
import org.sstpdoctor.probe.CertificateProblem.Kind;
import org.sstpdoctor.probe.evidence.NetworkEvidence;
import org.sstpdoctor.probe.evidence.NetworkFindings;

/** Turns the problems of a certificate assessment into findings, one per problem. */
final class CertificateFindings {

    private CertificateFindings() {
    }

    /** The findings for the problems of {@code kinds} in the assessment of {@code e}. */
    static List<Finding> of(NetworkEvidence e, Set<Kind> kinds) {
        CertificateAssessment a = e.certificates();
        if (a == null) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (CertificateProblem p : a.problems()) {
            if (!kinds.contains(p.kind())) {
                continue;
            }
            String kind = kind(p.kind());
            Severity severity = switch (p.level()) {
                case ERROR -> Severity.ERROR;
                case WARNING -> Severity.WARNING;
                case INFO -> Severity.INFO;
            };
            // Codes outside the catalog (TRUST_E_CERT_SIGNATURE and the like) stay in the message only.
            Integer code = cataloged(p.kind()) ? p.code() : null;
            String cause = p.cause();
            if (code == null && p.code() != null && !cause.contains(p.codeText())) {
                cause += " Clients show " + p.codeText() + ".";
            }
            out.add(NetworkChecker.finding(kind, severity, code, p.scenario(), cause, p.tellApart(), summary(a), e));
        }
        return out;
    }

    private static boolean cataloged(Kind kind) {
        return kind != Kind.BAD_SIGNATURE && kind != Kind.INVALID_CHAIN;
    }

    /** The server certificate and the verdict in one line. */
    private static String summary(CertificateAssessment a) {
        return a.leaf().subject() + " (SHA-256 " + a.leaf().sha256Thumbprint() + ", valid to " + a.leaf().notAfter()
                + ") for " + a.target().host() + ": " + a.summary();
    }

    static String kind(Kind kind) {
        return switch (kind) {
            case BAD_SIGNATURE, INVALID_CHAIN -> NetworkFindings.CERTIFICATE_CHAIN_INVALID;
            case UNTRUSTED_ROOT -> NetworkFindings.CERTIFICATE_UNTRUSTED_ROOT;
            case INCOMPLETE_CHAIN -> NetworkFindings.CERTIFICATE_CHAIN_INCOMPLETE;
            case EXPIRED -> NetworkFindings.CERTIFICATE_EXPIRED;
            case NOT_YET_VALID -> NetworkFindings.CERTIFICATE_NOT_YET_VALID;
            case CLIENT_AUTHENTICATION_ONLY -> NetworkFindings.CERTIFICATE_CLIENT_AUTHENTICATION_ONLY;
            case NO_SERVER_AUTHENTICATION -> NetworkFindings.CERTIFICATE_WITHOUT_SERVER_AUTHENTICATION;
            case REVOKED -> NetworkFindings.CERTIFICATE_REVOKED;
            case REVOCATION_OFFLINE -> NetworkFindings.REVOCATION_OFFLINE;
            case CRL_EXPIRED -> NetworkFindings.CRL_EXPIRED;
            case NAME_MISMATCH -> NetworkFindings.CERTIFICATE_NAME_MISMATCH;
            case EXPIRING_SOON -> NetworkFindings.CERTIFICATE_EXPIRING_SOON;
            case NO_REVOCATION_INFORMATION -> NetworkFindings.NO_REVOCATION_INFORMATION;
        };
    }

    /** The kinds the server-certificate checker reports. */
    static final Set<Kind> SERVER_CERTIFICATE = EnumSet.of(Kind.BAD_SIGNATURE, Kind.UNTRUSTED_ROOT,
            Kind.INCOMPLETE_CHAIN, Kind.INVALID_CHAIN, Kind.EXPIRED, Kind.NOT_YET_VALID,
            Kind.CLIENT_AUTHENTICATION_ONLY, Kind.NO_SERVER_AUTHENTICATION, Kind.NAME_MISMATCH, Kind.EXPIRING_SOON);

    /** The kinds the revocation checker reports. */
    static final Set<Kind> REVOCATION = EnumSet.of(Kind.REVOKED, Kind.REVOCATION_OFFLINE, Kind.CRL_EXPIRED,
            Kind.NO_REVOCATION_INFORMATION);
}
