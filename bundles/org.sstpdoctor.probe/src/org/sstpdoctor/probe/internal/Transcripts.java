package org.sstpdoctor.probe.internal;

import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.sstpdoctor.probe.AddressProbe;
import org.sstpdoctor.probe.PredictedError;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.ProbeSettings;
import org.sstpdoctor.probe.ProbeStep;
import org.sstpdoctor.probe.TlsInfo;

/** Writes the human-readable transcript of a probe; built only when asked for. */
public final class Transcripts {

    private static final String INDENT = "                 ";

    private Transcripts() {
    }

    /** The transcript of {@code r}, ending with {@code prediction}. */
    public static String format(ProbeResult r, PredictedError prediction) {
        StringBuilder b = new StringBuilder(2048);
        b.append("SSTP probe of ").append(r.target().authority())
                .append(r.target().proxy() == null ? " (direct)" : " through the HTTP proxy " + r.target().proxy())
                .append(", started ").append(r.startedAt()).append(", took ").append(Durations.timing(r.duration()))
                .append('\n');
        ProbeSettings s = r.settings();
        b.append("limits: connect ").append(Durations.text(s.connectTimeout())).append(", read ")
                .append(Durations.text(s.readTimeout())).append(", overall ").append(Durations.text(s.deadline()))
                .append(", HTTP head <= ").append(s.maxHeaderBytes()).append(" bytes, SSTP packet <= ")
                .append(s.maxPacketLength()).append(" bytes; addresses ").append(s.addressFamilies())
                .append(s.probeAllAddresses() ? " (every one)" : " (until one connects)").append("; TLS offered ")
                .append(String.join(", ", s.tlsProtocols())).append('\n');
        step(b, r.dns());
        for (AddressProbe a : r.attempts()) {
            b.append("address ").append(a.address().getAddress().getHostAddress()).append(" port ")
                    .append(a.address().getPort()).append('\n');
            for (ProbeStep st : a.steps()) {
                step(b, st);
                if (st.kind() == org.sstpdoctor.probe.StepKind.TLS && a.tls() != null) {
                    chain(b, a.tls());
                }
            }
            b.append(INDENT).append("outcome ").append(a.outcome()).append("; ").append(a.bytesSent())
                    .append(" bytes sent, ").append(a.bytesReceived()).append(" received\n");
        }
        if (r.addresses().size() > r.attempts().size()) {
            StringBuilder rest = new StringBuilder();
            for (InetAddress ia : r.addresses().subList(r.attempts().size(), r.addresses().size())) {
                rest.append(rest.isEmpty() ? "" : ", ").append(ia.getHostAddress());
            }
            b.append("not probed: ").append(rest).append(r.settings().probeAllAddresses() ? " (deadline reached)"
                    : " (a client stops at the first address that connects)").append('\n');
        }
        String disagreement = disagreement(r.attempts());
        if (disagreement != null) {
            b.append("the addresses disagree: ").append(disagreement).append('\n');
        }
        b.append("outcome: ").append(r.outcome()).append(" at the ").append(r.outcome().step().label())
                .append(" step: ").append(r.outcome().message()).append('\n');
        b.append("predicted client error: ").append(prediction.isError() ? prediction.codeText() : "none")
                .append(prediction.scenario() > 0 ? " (KB947031 scenario " + prediction.scenario() + ")" : "")
                .append(": ").append(prediction.cause()).append('\n');
        if (!prediction.tellApart().isEmpty()) {
            b.append("evidence to look at:\n");
            for (String t : prediction.tellApart()) {
                b.append("  - ").append(t).append('\n');
            }
        }
        return b.toString();
    }

    private static void step(StringBuilder b, ProbeStep st) {
        b.append(String.format("+%9s  %-12s %-7s %9s  ", Durations.timing(st.start()), st.kind().label(),
                st.status(), Durations.timing(st.duration()))).append(st.summary()).append('\n');
        if (!st.detail().isEmpty()) {
            for (String line : st.detail().split("\n")) {
                b.append(INDENT).append(line).append('\n');
            }
        }
    }

    private static void chain(StringBuilder b, TlsInfo tls) {
        X509Certificate[] chain = tls.presentedChain();
        if (chain.length == 0) {
            b.append(INDENT).append("no certificate presented\n");
            return;
        }
        b.append(INDENT).append("certificate chain as presented (captured, not validated by the probe):\n");
        b.append(chainText(chain).indent(INDENT.length() + 2));
    }

    /** One line per certificate: subject, issuer, validity, SHA-256 thumbprint. */
    public static String chainText(X509Certificate[] chain) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < chain.length; i++) {
            X509Certificate c = chain[i];
            b.append('[').append(i).append("] subject ").append(c.getSubjectX500Principal().getName())
                    .append("; issuer ").append(c.getIssuerX500Principal().getName()).append("; valid ")
                    .append(c.getNotBefore().toInstant()).append(" to ").append(c.getNotAfter().toInstant())
                    .append("; SHA-256 ").append(thumbprint(c)).append('\n');
        }
        return b.toString();
    }

    /** The SHA-256 thumbprint in upper-case hexadecimal, as Windows shows certificate hashes. */
    public static String thumbprint(X509Certificate c) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "(unavailable: " + e.getMessage() + ")";
        }
    }

    /** Bytes as hexadecimal, 16 to a line. */
    public static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length * 3);
        HexFormat h = HexFormat.ofDelimiter(" ");
        for (int i = 0; i < bytes.length; i += 16) {
            if (i > 0) {
                b.append('\n');
            }
            b.append(h.formatHex(bytes, i, Math.min(bytes.length, i + 16)));
        }
        return b.toString();
    }

    /**
     * How the addresses probed differ (outcome, or server certificate), or null when they agree
     * or fewer than two were probed to the end.
     */
    public static String disagreement(List<AddressProbe> attempts) {
        if (attempts.size() < 2) {
            return null;
        }
        AddressProbe first = attempts.get(0);
        for (AddressProbe a : attempts.subList(1, attempts.size())) {
            if (a.outcome().kind() != first.outcome().kind() || a.outcome().code() != first.outcome().code()) {
                return first.address().getAddress().getHostAddress() + " gave " + first.outcome() + ", "
                        + a.address().getAddress().getHostAddress() + " gave " + a.outcome();
            }
            X509Certificate l1 = first.tls() == null ? null : first.tls().leaf();
            X509Certificate l2 = a.tls() == null ? null : a.tls().leaf();
            if (!Objects.equals(l1, l2)) {
                return first.address().getAddress().getHostAddress() + " presents "
                        + (l1 == null ? "no certificate" : "certificate " + thumbprint(l1)) + ", "
                        + a.address().getAddress().getHostAddress() + " presents "
                        + (l2 == null ? "no certificate" : "certificate " + thumbprint(l2))
                        + " (different http.sys bindings for IPv4 and IPv6?)";
            }
        }
        return null;
    }
}
