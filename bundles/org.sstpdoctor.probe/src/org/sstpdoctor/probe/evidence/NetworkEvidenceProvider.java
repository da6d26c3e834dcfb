package org.sstpdoctor.probe.evidence;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.evidence.IEvidenceProvider;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;
import org.sstpdoctor.pki.CertificateFormatException;
import org.sstpdoctor.pki.TrustStore;
import org.sstpdoctor.probe.ClientFetchers;
import org.sstpdoctor.probe.ClientTrust;
import org.sstpdoctor.probe.PkiCertificateAssessor;
import org.sstpdoctor.probe.ProbeOutcome;
import org.sstpdoctor.probe.ProbeResult;
import org.sstpdoctor.probe.ProbeSettings;
import org.sstpdoctor.probe.ProbeTarget;
import org.sstpdoctor.probe.Prober;

/**
 * Gathers the {@link NetworkEvidence} of a server: probes the host and SSTP port of its server
 * file as a client would (DNS, TCP, TLS, {@code SSTP_DUPLEX_POST}, Call Connect) and judges the
 * presented chain with a {@link PkiCertificateAssessor} against the clients' trust store, with the
 * {@link ProbeEvidenceSettings#current() current settings}; a server whose channel has the option
 * {@value ProbeEvidenceSettings#SERVER_OPTION_TRUST} is judged against the trust it names instead
 * (the practice lab's servers name the lab's roots).
 * <p>
 * Whatever the network does is evidence, not a failure: a name that does not resolve or a
 * refused connection is gathered like a healthy answer, for the checkers to report. Gathering
 * fails only when the probe cannot be made at all (a host name the server file spells wrongly,
 * a trust store that cannot be read). Cancelling the monitor ends the probe at once.
 * <p>
 * One instance serves a whole check run: the probes of many servers run on its prober's threads
 * at once, and the downloads share its HTTP clients.
 */
public final class NetworkEvidenceProvider implements IEvidenceProvider {

    /** The id under which the evidence is contributed. */
    public static final String ID = "org.sstpdoctor.probe.network";

    private static final Duration POLL = Duration.ofMillis(50);

    private final Map<ProbeSettings, Prober> probers = new HashMap<>();
    private final Map<List<Duration>, ClientFetchers> fetchers = new HashMap<>();

    @Override
    public Object gather(ICheckContext context, IProgressMonitor monitor) throws CoreException {
        cancelled(monitor);
        Server server = context.server();
        ServerConfig config = server.config();
        if (config == null) {
            throw new CoreException(Status.error("The server file of " + server + " could not be read: "
                    + server.problem()));
        }
        ProbeEvidenceSettings settings = ProbeEvidenceSettings.current();
        ProbeTarget target;
        try {
            target = settings.target(config.host(), config.sstpPort());
        } catch (IllegalArgumentException e) {
            throw new CoreException(Status.error("The host '" + config.host() + "' of " + server
                    + " cannot be probed: " + e.getMessage()));
        }
        ClientTrust clientTrust = settings.trust();
        String option = config.channel().options().get(ProbeEvidenceSettings.SERVER_OPTION_TRUST);
        if (option != null && !option.isBlank()) {
            clientTrust = ProbeEvidenceSettings.parseTrust(option).orElseThrow(() -> new CoreException(Status.error(
                    "The option " + ProbeEvidenceSettings.SERVER_OPTION_TRUST + " of " + server + " ('" + option
                            + "') names no trust store: write jdk, file:<path> or folder:<path>")));
        }
        TrustStore trust;
        try {
            trust = clientTrust.load();
        } catch (CertificateFormatException e) {
            throw new CoreException(Status.error("The clients' trust store (" + clientTrust
                    + ") cannot be read: " + e.getMessage(), e));
        }
        ProbeResult result = probe(target, settings.probeSettings(), monitor);
        cancelled(monitor);
        if (result.outcome().kind() == ProbeOutcome.Kind.CANCELLED) {
            throw new OperationCanceledException();
        }
        if (result.outcome().kind() == ProbeOutcome.Kind.ERROR) {
            throw new CoreException(Status.error("The probe of " + target + " could not run here: "
                    + result.outcome().message()));
        }
        PkiCertificateAssessor assessor = new PkiCertificateAssessor(trust, fetchers(settings))
                .withExpiryWarningDays(settings.expiryWarningDays())
                .withRevocationChecking(settings.checkRevocation())
                .withFetchBudget(settings.fetchBudget());
        return NetworkEvidence.of(result, assessor);
    }

    /** Probes on the prober's threads, so that a cancelled monitor can end the probe at once. */
    private ProbeResult probe(ProbeTarget target, ProbeSettings settings, IProgressMonitor monitor)
            throws CoreException {
        Prober.Batch batch = prober(settings).start(List.of(target), null);
        try {
            while (!batch.await(POLL)) {
                if (monitor != null && monitor.isCanceled()) {
                    batch.cancel();
                    throw new OperationCanceledException();
                }
            }
            return batch.await().get(0);
        } catch (InterruptedException e) {
            batch.cancel();
            Thread.currentThread().interrupt();
            throw new CoreException(Status.error("The probe of " + target + " was interrupted"));
        }
    }

    private synchronized Prober prober(ProbeSettings settings) {
        return probers.computeIfAbsent(settings, s -> new Prober(s, Prober.DEFAULT_CONCURRENCY));
    }

    private synchronized ClientFetchers fetchers(ProbeEvidenceSettings settings) {
        return fetchers.computeIfAbsent(List.of(settings.fetchConnectTimeout(), settings.fetchTimeout()),
                k -> ClientFetchers.create(k.get(0), k.get(1)));
    }

    private static void cancelled(IProgressMonitor monitor) {
        if (monitor != null && monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}
