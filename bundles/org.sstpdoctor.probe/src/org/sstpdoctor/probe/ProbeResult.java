package org.sstpdoctor.probe;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.sstpdoctor.probe.internal.Transcripts;

/**
 * The probe of one target: the name resolution, then one {@link AddressProbe} per address
 * connected to, and the outcome that decides what a client would see.
 *
 * @param target    what was probed
 * @param settings  the limits it was probed with
 * @param startedAt when the probe started
 * @param duration  how long it took
 * @param dns       the name resolution step (of the proxy's name when there is a proxy)
 * @param addresses the addresses the name resolved to, of the families probed
 * @param attempts  the addresses probed, in order
 * @param outcome   the outcome of the {@link #primary()} attempt, or the DNS failure
 */
public record ProbeResult(ProbeTarget target, ProbeSettings settings, Instant startedAt, Duration duration,
        ProbeStep dns, List<InetAddress> addresses, List<AddressProbe> attempts, ProbeOutcome outcome) {

    public ProbeResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(dns, "dns");
        addresses = List.copyOf(addresses);
        attempts = List.copyOf(attempts);
        Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * The attempt a client's connection would have followed: the first address that accepted the
     * TCP connection, or, when none did, the last one tried. Null when the name did not resolve.
     */
    public AddressProbe primary() {
        return primaryOf(attempts);
    }

    /** The attempt {@link #primary()} picks among {@code attempts}. */
    public static AddressProbe primaryOf(List<AddressProbe> attempts) {
        for (AddressProbe a : attempts) {
            if (a.outcome().connected()) {
                return a;
            }
        }
        return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
    }

    /** The TLS handshake of the primary attempt, or null when it got no certificate. */
    public TlsInfo tls() {
        AddressProbe p = primary();
        return p == null ? null : p.tls();
    }

    /** The chain the primary address presented, as presented (not validated); empty when none. */
    public X509Certificate[] presentedChain() {
        TlsInfo t = tls();
        return t == null ? new X509Certificate[0] : t.presentedChain();
    }

    /** Every step, name resolution first, then each address's in order. */
    public List<ProbeStep> steps() {
        List<ProbeStep> all = new ArrayList<>();
        all.add(dns);
        for (AddressProbe a : attempts) {
            all.addAll(a.steps());
        }
        return all;
    }

    /**
     * Whether the addresses probed disagree: different outcomes, or different server
     * certificates (an IPv4 and an IPv6 binding holding different certificates, say). Only
     * meaningful when every address was probed.
     */
    public boolean addressesDisagree() {
        return Transcripts.disagreement(attempts) != null;
    }

    /** The error a client would show, judged from the network alone (the chain not assessed). */
    public PredictedError predictedError() {
        return ErrorPredictor.predict(this, null);
    }

    /**
     * The error a client would show, with the presented chain judged by {@code certificates}
     * (a certificate error comes first: the client checks the chain before it speaks HTTP).
     */
    public PredictedError predictedError(CertificateAssessor certificates) {
        return ErrorPredictor.predict(this, Objects.requireNonNull(certificates, "certificates"));
    }

    /** The transcript an administrator reads: every step with its timing and what was seen. */
    public String transcript() {
        return Transcripts.format(this, predictedError());
    }

    /** The transcript, with the prediction made with {@code certificates}. */
    public String transcript(CertificateAssessor certificates) {
        return Transcripts.format(this, predictedError(certificates));
    }
}
