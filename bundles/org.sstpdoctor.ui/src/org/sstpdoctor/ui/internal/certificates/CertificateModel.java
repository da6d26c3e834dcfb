package org.sstpdoctor.ui.internal.certificates;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.sstpdoctor.pki.CertificateFormat;
import org.sstpdoctor.pki.CertificateFormatException;
import org.sstpdoctor.pki.CertificateReader;
import org.sstpdoctor.pki.LoadedCertificates;
import org.sstpdoctor.pki.Thumbprints;
import org.sstpdoctor.probe.AddressProbe;
import org.sstpdoctor.probe.CertificateAssessment;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.evidence.NetworkEvidence;
import org.sstpdoctor.remote.commands.CertStoreEvidence;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.SslCertEvidence;
import org.sstpdoctor.remote.commands.SstpRegistryEvidence;
import org.sstpdoctor.remote.evidence.ServerState;
import org.sstpdoctor.ui.internal.certificates.CertificateEntry.RegistryHashes;
import org.sstpdoctor.ui.internal.certificates.CertificateGroup.Message;
import org.sstpdoctor.ui.internal.check.LastEvidence;

/**
 * Makes the Certificate Explorer's groups from a server's last evidence: the chain the server
 * presented (network evidence), the certificate bound to the SSTP listener and the certificates
 * of {@code LocalMachine\My} (server state), or from a file.
 */
public final class CertificateModel {

    public static final String PRESENTED = "Presented chain";
    public static final String BOUND = "Bound to SSTP";
    public static final String STORE = "Server store (LocalMachine\\My)";

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private CertificateModel() {
    }

    /** The three groups of a server, from the evidence of its last check (null: never checked here). */
    public static List<CertificateGroup> of(LastEvidence.Snapshot snapshot) {
        NetworkEvidence network = snapshot == null ? null : snapshot.network();
        ServerState state = snapshot == null ? null : snapshot.state();
        RegistryHashes hashes = registryHashes(state);
        List<CertificateEntry> store = store(state, hashes);
        return List.of(presented(snapshot, network, hashes), bound(snapshot, state, hashes, store),
                new CertificateGroup(STORE, storeChildren(snapshot, state, store)));
    }

    /** The group of the certificates read from a file. */
    public static CertificateGroup of(LoadedCertificates loaded) {
        List<Object> children = new ArrayList<>();
        int n = loaded.certificates().size();
        for (int i = 0; i < n; i++) {
            List<String> notes = new ArrayList<>();
            notes.add("Read from " + loaded.source() + " as " + loaded.format().displayName()
                    + (n > 1 ? ", certificate " + (i + 1) + " of " + n : ""));
            if (loaded.containsPrivateKey()) {
                notes.add("The file also holds a private key.");
            }
            if (!loaded.ignored().isEmpty()) {
                notes.add("Not certificates, left out: " + String.join(", ", loaded.ignored()));
            }
            children.add(new CertificateEntry(loaded.certificates().get(i), fileName(loaded.source()), notes, null));
        }
        return new CertificateGroup("File " + fileName(loaded.source()), children);
    }

    private static String fileName(String source) {
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return slash < 0 ? source : source.substring(slash + 1);
    }

    private static CertificateGroup presented(LastEvidence.Snapshot snapshot, NetworkEvidence network,
            RegistryHashes hashes) {
        if (snapshot == null) {
            return new CertificateGroup(PRESENTED, List.of(new Message("Not checked in this session: check the server (F9).")));
        }
        if (network == null) {
            return new CertificateGroup(PRESENTED, List.of(new Message("The last check did not probe the network.")));
        }
        ProbeResult probe = network.probe();
        X509Certificate[] chain = probe.presentedChain();
        if (chain.length == 0) {
            return new CertificateGroup(PRESENTED, List.of(new Message("No certificate was presented: "
                    + probe.outcome().message())));
        }
        AddressProbe primary = probe.primary();
        String where = primary == null ? probe.target().toString() : primary.address().getAddress().getHostAddress()
                + ":" + primary.address().getPort();
        CertificateAssessment verdict = network.certificates();
        List<Object> children = new ArrayList<>();
        if (snapshot.networkFromEarlierCheck()) {
            children.add(new Message("As presented at the check of " + shown(snapshot.networkAt())
                    + ": the re-check after the quick fix did not probe the network. Check the server (F9) to see"
                    + " what it presents now."));
        }
        for (int i = 0; i < chain.length; i++) {
            List<String> notes = new ArrayList<>();
            notes.add("Presented by " + where + " for " + probe.target().host() + ", certificate " + (i + 1) + " of "
                    + chain.length + " (" + (probe.tls().handshakeCompleted() ? probe.tls().protocol() + " "
                            + probe.tls().cipherSuite() : "handshake not completed") + ")");
            if (i == 0 && verdict != null) {
                notes.add("Windows clients: " + verdict.summary());
                notes.add("Judged against " + verdict.trustStore());
            }
            children.add(new CertificateEntry(chain[i], "presented, " + (i + 1) + " of " + chain.length, notes, hashes));
        }
        return new CertificateGroup(PRESENTED, children);
    }

    private static CertificateGroup bound(LastEvidence.Snapshot snapshot, ServerState state, RegistryHashes hashes,
            List<CertificateEntry> store) {
        Optional<Message> missing = stateMissing(snapshot, state);
        if (missing.isPresent()) {
            return new CertificateGroup(BOUND, List.of(missing.get()));
        }
        List<Object> children = new ArrayList<>(stateEarlier(snapshot));
        int preamble = children.size();
        Set<String> shown = new LinkedHashSet<>();
        Optional<ParseResult<SslCertEvidence>> sslcert = state.sslCertificates();
        if (sslcert.isPresent()) {
            for (SslCertEvidence.Binding b : sslcert.get().value().bindings()) {
                if (!b.isSstp()) {
                    continue;
                }
                String note = "Bound by http.sys on " + b.endpoint() + " for SSTP (certificate hash " + b.certificateHash()
                        + b.certificateStoreName().map(s -> ", store " + s).orElse("") + ")";
                Optional<CertificateEntry> cert = store.stream()
                        .filter(e -> Thumbprints.sha1(e.certificate()).equalsIgnoreCase(b.certificateHash())).findFirst();
                if (cert.isPresent()) {
                    shown.add(b.certificateHash().toUpperCase(java.util.Locale.ROOT));
                    children.add(withNote(cert.get(), note));
                } else {
                    children.add(new Message(note + ": no certificate of LocalMachine\\My has this hash"));
                }
            }
        }
        if (hashes != null) {
            for (String[] value : new String[][] { { "Sha256CertificateHash", hashes.sha256() },
                    { "Sha1CertificateHash", hashes.sha1() } }) {
                if (value[1] == null) {
                    continue;
                }
                Optional<CertificateEntry> cert = store.stream()
                        .filter(e -> Thumbprints.compare(e.certificate(), value[1]).matches()).findFirst();
                if (cert.isEmpty()) {
                    children.add(new Message(value[0] + " " + value[1] + " names no certificate of LocalMachine\\My"));
                } else if (shown.add(Thumbprints.sha1(cert.get().certificate()))) {
                    children.add(withNote(cert.get(), "Named by the SSTP registry value " + value[0]));
                }
            }
        }
        if (children.size() == preamble) {
            children.add(new Message("Neither http.sys nor the SSTP registry names a certificate for SSTP."));
        }
        return new CertificateGroup(BOUND, children);
    }

    private static CertificateEntry withNote(CertificateEntry e, String note) {
        List<String> notes = new ArrayList<>();
        notes.add(note);
        notes.addAll(e.notes());
        return new CertificateEntry(e.certificate(), "bound to SSTP", notes, e.registryHashes());
    }

    private static List<Object> storeChildren(LastEvidence.Snapshot snapshot, ServerState state,
            List<CertificateEntry> store) {
        Optional<Message> missing = stateMissing(snapshot, state);
        if (missing.isPresent()) {
            return List.of(missing.get());
        }
        List<Object> children = new ArrayList<>(stateEarlier(snapshot));
        if (state.certificateStore().isEmpty()) {
            children.add(new Message("The store could not be read" + state.failure(org.sstpdoctor.remote.commands.CommandCatalog.CERT_STORE)
                    .map(f -> ": " + f).orElse(".")));
        } else if (store.isEmpty()) {
            children.add(new Message("LocalMachine\\My holds no certificate."));
        } else {
            children.addAll(store);
        }
        return children;
    }

    /** The line saying the server state is older than the last check, or nothing. */
    private static List<Message> stateEarlier(LastEvidence.Snapshot snapshot) {
        return snapshot.stateFromEarlierCheck() ? List.of(new Message("As read at the check of "
                + shown(snapshot.stateAt()) + ": the re-check after the quick fix did not read the server."))
                : List.of();
    }

    /** {@code time} as the Certificate Explorer shows times. */
    public static String shown(Instant time) {
        return SHOWN.format(time.atZone(ZoneId.systemDefault()));
    }

    private static Optional<Message> stateMissing(LastEvidence.Snapshot snapshot, ServerState state) {
        if (snapshot == null) {
            return Optional.of(new Message("Not checked in this session: check the server (F9)."));
        }
        if (state == null) {
            return Optional.of(new Message("The server's own state was not read in the last check."));
        }
        if (!state.isAvailable()) {
            return Optional.of(new Message("The server's own state is not available: " + state.unavailableReason()));
        }
        return Optional.empty();
    }

    private static List<CertificateEntry> store(ServerState state, RegistryHashes hashes) {
        if (state == null || !state.isAvailable() || state.certificateStore().isEmpty()) {
            return List.of();
        }
        CertificateReader reader = new CertificateReader();
        List<CertificateEntry> out = new ArrayList<>();
        for (CertStoreEvidence.Certificate c : state.certificateStore().get().value().certificates()) {
            List<String> notes = new ArrayList<>();
            notes.add("In LocalMachine\\My on the server, " + (c.hasPrivateKey() ? "with its private key"
                    : "without a private key (SSTP cannot use it)"));
            c.friendlyName().ifPresent(f -> notes.add("Friendly name: " + f));
            try {
                X509Certificate x = reader.read(c.der(), "LocalMachine\\My " + c.sha1Thumbprint(), CertificateFormat.DER)
                        .first();
                out.add(new CertificateEntry(x, "LocalMachine\\My", notes, hashes));
            } catch (CertificateFormatException | IllegalArgumentException e) {
                // the store listed it but its bytes do not decode: the store's own text still says what it is
            }
        }
        return out;
    }

    private static RegistryHashes registryHashes(ServerState state) {
        if (state == null || !state.isAvailable()) {
            return null;
        }
        Optional<ParseResult<SstpRegistryEvidence>> registry = state.sstpRegistry();
        if (registry.isEmpty()) {
            return null;
        }
        SstpRegistryEvidence r = registry.get().value();
        return new RegistryHashes(r.sha256CertificateHash().orElse(null), r.sha1CertificateHash().orElse(null));
    }
}
