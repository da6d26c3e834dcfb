package org.sstpdoctor.core.checks;

import java.util.Objects;

/**
 * What a checker found on one server: the kind (which remediations match), how bad, the client
 * error code it explains and the KB947031 scenario, a one-line cause, and the evidence that
 * proves it (a short summary and the full text: a handshake transcript, command output, a
 * certificate dump).
 * <p>
 * A checker creates findings with {@link #of(String, Severity, String)} and the {@code with}
 * methods; the check engine stamps the checker's id.
 *
 * @param kind            a permanent id of what was found, e.g.
 *                        {@code org.sstpdoctor.kb947031.certificateExpired}
 * @param severity        how bad
 * @param errorCode       the client error code (a 32-bit value, see the error catalog), or null
 * @param scenario        the KB947031 scenario 1-8, or 0 for none
 * @param message         the cause, in one line
 * @param evidenceSummary the evidence in one line, or empty
 * @param evidence        the full evidence text, or empty
 * @param checkerId       the checker that reported it (set by the engine), or empty
 */
public record Finding(String kind, Severity severity, Integer errorCode, int scenario, String message,
        String evidenceSummary, String evidence, String checkerId) {

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (scenario < 0 || scenario > 8) {
            throw new IllegalArgumentException("KB947031 scenarios are 1-8: " + scenario);
        }
        evidenceSummary = evidenceSummary == null ? "" : evidenceSummary;
        evidence = evidence == null ? "" : evidence;
        checkerId = checkerId == null ? "" : checkerId;
    }

    /** A finding of {@code kind} with a one-line cause, no code, scenario or evidence yet. */
    public static Finding of(String kind, Severity severity, String message) {
        return new Finding(kind, severity, null, 0, message, "", "", "");
    }

    /** This finding, explaining the client error {@code code}. */
    public Finding withErrorCode(int code) {
        return new Finding(kind, severity, code, scenario, message, evidenceSummary, evidence, checkerId);
    }

    /** This finding, covered by KB947031 scenario {@code number}. */
    public Finding withScenario(int number) {
        return new Finding(kind, severity, errorCode, number, message, evidenceSummary, evidence, checkerId);
    }

    /** This finding, with its evidence. */
    public Finding withEvidence(String summary, String fullText) {
        return new Finding(kind, severity, errorCode, scenario, message, summary, fullText, checkerId);
    }

    /** This finding, reported by {@code id}. */
    public Finding withChecker(String id) {
        return new Finding(kind, severity, errorCode, scenario, message, evidenceSummary, evidence, id);
    }

    /** The error code as the catalog shows it: {@code 0x800B0109}, or {@code 809} for small codes. */
    public String errorCodeText() {
        if (errorCode == null) {
            return "";
        }
        int v = errorCode;
        return v >= 0 && v < 0x10000 ? Integer.toString(v) : String.format("0x%08X", v);
    }
}
