package org.sstpdoctor.pki;

/**
 * One problem found in a chain, at one certificate.
 *
 * @param problem the kind
 * @param index   the position in {@link ChainResult#elements()} (0 = leaf), -1 for the chain as a whole
 * @param subject the subject of that certificate, or empty
 * @param message one sentence for the person
 */
public record ChainIssue(ChainProblem problem, int index, String subject, String message) {
}
