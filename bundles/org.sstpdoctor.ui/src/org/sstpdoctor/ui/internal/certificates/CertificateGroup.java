package org.sstpdoctor.ui.internal.certificates;

import java.util.List;
import java.util.Objects;

/**
 * A group of the Certificate Explorer's tree: the chain a server presented, the certificate bound
 * to its SSTP listener, its store, or a file opened. Children are {@link CertificateEntry}s, and
 * {@link Message}s where there is nothing to show and the reason matters.
 *
 * @param name     the group's name, e.g. "Presented chain"
 * @param children entries and messages, in display order
 */
public record CertificateGroup(String name, List<Object> children) {

    public CertificateGroup {
        Objects.requireNonNull(name, "name");
        children = List.copyOf(children);
    }

    /** The certificate entries of the group, messages left out. */
    public List<CertificateEntry> entries() {
        return children.stream().filter(CertificateEntry.class::isInstance).map(CertificateEntry.class::cast).toList();
    }

    /**
     * A line of the tree that is not a certificate: why a group is empty. Each is its own tree
     * element, even when two groups say the same.
     */
    public static final class Message {
        private final String text;

        public Message(String text) {
            this.text = Objects.requireNonNull(text, "text");
        }

        public String text() {
            return text;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
