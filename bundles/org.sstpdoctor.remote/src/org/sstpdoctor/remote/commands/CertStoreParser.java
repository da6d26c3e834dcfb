package org.sstpdoctor.remote.commands;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import org.sstpdoctor.remote.commands.CertStoreEvidence.AltName;
import org.sstpdoctor.remote.commands.CertStoreEvidence.AltNameType;
import org.sstpdoctor.remote.commands.CertStoreEvidence.Certificate;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Reads the JSON of the catalog's certificate store script (there is no text form: the KB uses
 * the Certificates snap-in). One object per certificate: {@code Subject}, {@code Issuer},
 * {@code Thumbprint}, {@code Sha256}, {@code NotBefore}, {@code NotAfter}, {@code HasPrivateKey},
 * {@code FriendlyName}, {@code EnhancedKeyUsages} (OIDs) and {@code RawData} (the DER bytes,
 * Base64).
 * <p>
 * Everything the certificate itself says (validity, EKU, subject alternative names, hashes) is
 * decoded from {@code RawData}, which no locale changes; what Windows reported is compared with
 * it, and a certificate whose reported thumbprint, SHA-256, validity or EKU differ from its bytes
 * was garbled on the way and is dropped with a problem, as is one without readable bytes.
 * </p>
 */
public final class CertStoreParser {

    private CertStoreParser() {
    }

    /** Reads the JSON of the catalog's {@code Cert:\LocalMachine\My} script. */
    public static ParseResult<CertStoreEvidence> parseJson(String output) {
        return Output.guard(output, CertStoreEvidence.unknown(), (text, problems) -> {
            Optional<JsonElement> root = Json.read(text, problems);
            if (root.isEmpty()) {
                return CertStoreEvidence.unknown();
            }
            List<Certificate> certificates = new ArrayList<>();
            List<JsonObject> items = Json.items(root.get(), "$", problems);
            for (int i = 0; i < items.size(); i++) {
                Certificate certificate = certificate(items.get(i), "$[" + i + "]", problems);
                if (certificate != null) {
                    certificates.add(certificate);
                }
            }
            return new CertStoreEvidence(certificates, problems.isEmpty());
        });
    }

    private static Certificate certificate(JsonObject item, String path, Problems problems) {
        Optional<String> raw = Json.string(item, "RawData", path, problems);
        if (raw.isEmpty()) {
            problems.add(0, "the certificate at " + path + " has no RawData; it is not used");
            return null;
        }
        byte[] der;
        X509Certificate x509;
        try {
            der = Base64.getMimeDecoder().decode(raw.get());
            x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (IllegalArgumentException | CertificateException | ClassCastException unreadable) {
            problems.add(0, "the RawData at " + path + " is not a certificate (" + unreadable.getMessage()
                    + "); it is not used");
            return null;
        }
        String sha1 = Hex.of(digest("SHA-1", der));
        String sha256 = Hex.of(digest("SHA-256", der));
        Instant notBefore = x509.getNotBefore().toInstant();
        Instant notAfter = x509.getNotAfter().toInstant();
        List<String> ekus;
        try {
            ekus = x509.getExtendedKeyUsage();
        } catch (CertificateParsingException unreadable) {
            problems.add(0, "the EKU extension of the certificate at " + path + " is unreadable; it is not used");
            return null;
        }
        String label = "the certificate " + sha1 + " at " + path;
        boolean consistent = same(label, "Thumbprint", Json.string(item, "Thumbprint", path, problems).flatMap(Hex::normalize),
                sha1, problems)
                & same(label, "Sha256", Json.string(item, "Sha256", path, problems).flatMap(Hex::normalize), sha256, problems)
                & sameTime(label, "NotBefore", Json.date(item, "NotBefore", path, problems), notBefore, problems)
                & sameTime(label, "NotAfter", Json.date(item, "NotAfter", path, problems), notAfter, problems);
        if (Json.member(item, "EnhancedKeyUsages") != null) {
            List<String> reported = Json.strings(item, "EnhancedKeyUsages", path, problems);
            List<String> decoded = ekus == null ? List.of() : ekus;
            if (!new HashSet<>(reported).equals(new HashSet<>(decoded))) {
                problems.add(0, label + ": Windows reports the EKU " + reported + " but its bytes hold " + decoded);
                consistent = false;
            }
        }
        if (!consistent) {
            return null;
        }
        Optional<Boolean> privateKey = Json.bool(item, "HasPrivateKey", path, problems);
        if (privateKey.isEmpty()) {
            problems.add(0, label + ": HasPrivateKey is missing; taken as no private key");
        }
        String subject = Json.string(item, "Subject", path, problems).orElse(x509.getSubjectX500Principal()
                .getName(X500Principal.RFC1779));
        String issuer = Json.string(item, "Issuer", path, problems).orElse(x509.getIssuerX500Principal()
                .getName(X500Principal.RFC1779));
        return new Certificate(subject, issuer, Hex.of(x509.getSerialNumber().toByteArray()).replaceFirst("^(00)+(?=.)", ""),
                altNames(x509, label, problems), ekus != null, ekus == null ? List.of() : ekus, notBefore, notAfter,
                sha1, sha256, privateKey.orElse(false),
                Json.string(item, "FriendlyName", path, problems).filter(s -> !s.isBlank()),
                Base64.getEncoder().encodeToString(der));
    }

    private static List<AltName> altNames(X509Certificate x509, String label, Problems problems) {
        List<AltName> names = new ArrayList<>();
        Collection<List<?>> sans;
        try {
            sans = x509.getSubjectAlternativeNames();
        } catch (CertificateParsingException unreadable) {
            problems.add(0, label + ": its subject alternative names are unreadable");
            return names;
        }
        if (sans == null) {
            return names;
        }
        for (List<?> san : sans) {
            int type = (Integer) san.get(0);
            Object value = san.get(1);
            AltNameType kind = type == 2 ? AltNameType.DNS : type == 7 ? AltNameType.IP : AltNameType.OTHER;
            names.add(new AltName(kind, value instanceof String s ? s : String.valueOf(value)));
        }
        return names;
    }

    private static boolean same(String label, String field, Optional<String> reported, String decoded, Problems problems) {
        if (reported.isPresent() && !reported.get().equals(decoded)) {
            problems.add(0, label + ": Windows reports the " + field + " " + reported.get() + " but its bytes hash to "
                    + decoded + "; it is not used");
            return false;
        }
        return true;
    }

    private static boolean sameTime(String label, String field, Optional<Instant> reported, Instant decoded,
            Problems problems) {
        if (reported.isPresent()
                && !reported.get().truncatedTo(ChronoUnit.SECONDS).equals(decoded.truncatedTo(ChronoUnit.SECONDS))) {
            problems.add(0, label + ": Windows reports the " + field + " " + reported.get() + " but its bytes say "
                    + decoded + "; it is not used");
            return false;
        }
        return true;
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException absent) {
            throw new IllegalStateException("every Java runtime has " + algorithm, absent);
        }
    }
}
