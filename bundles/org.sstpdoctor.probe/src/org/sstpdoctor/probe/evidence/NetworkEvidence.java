package org.sstpdoctor.probe.evidence;

import java.util.Objects;
import java.util.Optional;

import org.sstpdoctor.probe.CertificateAssessment;
import org.sstpdoctor.probe.CertificateAssessor;
import org.sstpdoctor.probe.PkiCertificateAssessor;
import org.sstpdoctor.probe.PredictedError;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.TlsInfo;

/**
 * What the network alone tells about one server, as a Windows SSTP client meets it: the probe of
 * the server's host and SSTP port (every address, every step, the chain as presented) and the
 * verdict on the chain the primary address presented. The evidence of
 * {@value NetworkEvidenceProvider#ID}; checkers read it, never the network.
 *
 * @param probe        the probe
 * @param certificates the verdict on the chain of the primary address, or null when that address
 *                     presented none
 * @param prediction   the error a client would show, the certificate's verdict first
 * @param transcript   the probe's transcript, ending with that prediction
 */
public record NetworkEvidence(ProbeResult probe, CertificateAssessment certificates, PredictedError prediction,
        String transcript) {

    public NetworkEvidence {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(transcript, "transcript");
    }

    /**
     * The evidence of {@code probe}: the chain of its primary address assessed once by
     * {@code assessor} (null: not assessed), the prediction and the transcript made with that
     * one verdict.
     */
    public static NetworkEvidence of(ProbeResult probe, PkiCertificateAssessor assessor) {
        TlsInfo tls = probe.tls();
        if (assessor == null || tls == null || !tls.certificatePresented()) {
            return new NetworkEvidence(probe, null, probe.predictedError(), probe.transcript());
        }
        CertificateAssessment assessment = assessor.evaluate(probe.target(), tls);
        CertificateAssessor once = (target, presented) -> assessment.error();
        return new NetworkEvidence(probe, assessment, probe.predictedError(once), probe.transcript(once));
    }

    /** The verdict on the presented chain, when there was one. */
    public Optional<CertificateAssessment> certificate() {
        return Optional.ofNullable(certificates);
    }

    /** The whole evidence as text: the transcript, then the certificate assessment. */
    public String text() {
        return certificates == null ? transcript : transcript + "\n" + certificates.describe();
    }
}
