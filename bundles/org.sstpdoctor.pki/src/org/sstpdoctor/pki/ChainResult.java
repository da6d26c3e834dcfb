package org.sstpdoctor.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A chain built from what a server presented, validated against a chosen trust store at a given
 * moment, with every problem found (not only the first).
 *
 * @param elements     the chain, leaf first, up to the trust anchor or as far as issuers were found
 * @param problems     the kinds of problems found; empty when the chain is good
 * @param issues       each problem where it occurs, with a message
 * @param trusted      whether the chain ends at a certificate of the trust store
 * @param unused       presented (or fetched) certificates that are not part of the chain
 * @param aiaFetches   the AIA caIssuers fetches made, in order
 * @param validatedAt  the moment validity was judged at
 * @param trustStore   the trust store's description
 */
public record ChainResult(List<ChainElement> elements, Set<ChainProblem> problems, List<ChainIssue> issues,
        boolean trusted, List<X509Certificate> unused, List<AiaFetch> aiaFetches, Instant validatedAt,
        String trustStore) {

    public ChainResult {
        elements = List.copyOf(elements);
        problems = problems.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(problems));
        issues = List.copyOf(issues);
        unused = List.copyOf(unused);
        aiaFetches = List.copyOf(aiaFetches);
    }

    /** Whether the chain is trusted and has no problem at all. */
    public boolean valid() {
        return problems.isEmpty();
    }

    public boolean has(ChainProblem problem) {
        return problems.contains(problem);
    }

    /** The certificates of the chain, leaf first. */
    public List<X509Certificate> certificates() {
        return elements.stream().map(ChainElement::certificate).toList();
    }

    public X509Certificate leaf() {
        return elements.get(0).certificate();
    }

    /** The last certificate of the chain: the trust anchor, an untrusted root, or where the chain stops. */
    public X509Certificate last() {
        return elements.get(elements.size() - 1).certificate();
    }

    /** The issues of the certificate at {@code index}. */
    public List<ChainIssue> issuesAt(int index) {
        return issues.stream().filter(i -> i.index() == index).toList();
    }

    /** A multi-line text of the chain and its issues, for evidence. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("Chain validated at ").append(validatedAt).append(" against ").append(trustStore).append('\n');
        for (int i = 0; i < elements.size(); i++) {
            ChainElement e = elements.get(i);
            sb.append("  [").append(i).append("] ").append(e.subject()).append(" (")
                    .append(e.origin().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append(e.trustAnchor() ? ", trusted root" : "").append(")\n");
        }
        if (issues.isEmpty()) {
            sb.append("  No problems.\n");
        }
        for (ChainIssue issue : issues) {
            sb.append("  ").append(issue.problem()).append(issue.index() >= 0 ? " at [" + issue.index() + "]" : "")
                    .append(": ").append(issue.message()).append('\n');
        }
        for (AiaFetch f : aiaFetches) {
            sb.append("  AIA ").append(f.url()).append(": ").append(f.detail()).append('\n');
        }
        return sb.toString();
    }
}
