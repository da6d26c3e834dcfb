package org.sstpdoctor.core.remediation;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.osgi.framework.FrameworkUtil;
import org.sstpdoctor.core.checks.CheckEngine;
import org.sstpdoctor.core.checks.CheckSettings;
import org.sstpdoctor.core.checks.CheckerDescriptor;
import org.sstpdoctor.core.checks.CheckerRegistry;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ICheckListener;
import org.sstpdoctor.core.checks.ServerResult;
import org.sstpdoctor.core.internal.Contributions;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.markers.FindingMarkers;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Finds the remediations for a finding and carries one out: plan, confirm, apply, audit,
 * re-check. Nothing changes unless the confirmer says yes; every attempt, declined or not, is
 * recorded in the audit log.
 */
public final class RemediationService {

    private final RemediationRegistry registry;
    private final CheckEngine engine;
    private final AuditLog audit;

    public RemediationService(RemediationRegistry registry, CheckEngine engine, AuditLog audit) {
        this.registry = Objects.requireNonNull(registry);
        this.engine = Objects.requireNonNull(engine);
        this.audit = Objects.requireNonNull(audit);
    }

    /** The service of the running platform, re-checking with {@code settings}. */
    public static RemediationService create(CheckSettings settings) {
        return new RemediationService(RemediationRegistry.getDefault(),
                new CheckEngine(CheckerRegistry.getDefault(), settings), AuditLog.getDefault());
    }

    /**
     * The remediations that fix {@code finding}: those declaring its kind and whose
     * {@link IRemediation#appliesTo} agrees. A remediation that cannot be created or that throws
     * is logged with its contributor and left out.
     */
    public List<RemediationDescriptor> remediationsFor(Server server, Finding finding) {
        List<RemediationDescriptor> result = new ArrayList<>();
        for (RemediationDescriptor d : registry.forKind(finding.kind())) {
            boolean[] applies = { false };
            Throwable failure = Contributions.runSafely(d.contributor(), "Remediation " + d.id(),
                    () -> applies[0] = d.createRemediation().appliesTo(finding, server));
            if (failure == null && applies[0]) {
                result.add(d);
            }
        }
        return result;
    }

    /**
     * Plans {@code remediation} for {@code finding}, asks {@code confirmer}, and when confirmed
     * applies it, records it in the audit log, and re-checks the server (see the other
     * {@code execute} for which checkers run). Nobody but the result hears of the re-check; see
     * {@link #execute(RemediationDescriptor, Server, Finding, IRemediationConfirmer, ICheckListener, IProgressMonitor)}.
     */
    public RemediationResult execute(RemediationDescriptor remediation, Server server, Finding finding,
            IRemediationConfirmer confirmer, IProgressMonitor monitor) {
        return execute(remediation, server, finding, confirmer, null, monitor);
    }

    /**
     * Plans {@code remediation} for {@code finding}, asks {@code confirmer}, and when confirmed
     * applies it, records it in the audit log, and re-checks the server, telling
     * {@code recheckListener} of the re-check as the check engine tells the listener of any check
     * run: the evidence it gathers and the server done. A plan that changed the server is followed
     * by a check of the server with every checker, as the Check command runs it: a change made
     * for one finding can change what any checker sees (binding the renewed certificate also
     * changes what the network probe is presented), and markers of findings the change cured
     * must not stay until the next check. A plan that only wrote files on this machine re-runs
     * the checker that reported the finding alone. A plan that fails or is declined runs no
     * re-check and tells the listener nothing.
     *
     * @param recheckListener told of the re-check, from worker threads; may be null
     */
    public RemediationResult execute(RemediationDescriptor remediation, Server server, Finding finding,
            IRemediationConfirmer confirmer, ICheckListener recheckListener, IProgressMonitor monitor) {
        SubMonitor progress = SubMonitor.convert(monitor, remediation.label(), 10);
        Context context = new Context(server, finding, outputFolder(server));
        IRemediation executable;
        RemediationPlan plan;
        try {
            executable = remediation.createRemediation();
            plan = plan(remediation, executable, context, progress.split(2));
        } catch (CoreException e) {
            record(entry(remediation, server, finding, null, "failed", e.getStatus().getMessage()));
            return new RemediationResult(RemediationResult.Status.FAILED, null, null, null, e.getStatus().getMessage());
        }
        if (!confirmer.confirm(server, remediation, plan)) {
            record(entry(remediation, server, finding, plan, "declined", ""));
            return new RemediationResult(RemediationResult.Status.DECLINED, plan, null, null, "");
        }
        boolean wholeServer = plan.changesServer();
        List<Finding> before = currentFindings(server, finding, wholeServer);
        RemediationOutcome outcome;
        try {
            outcome = executable.apply(plan, context, progress.split(5));
            if (outcome == null) {
                outcome = RemediationOutcome.failure("The remediation reported no outcome.");
            }
        } catch (CoreException e) {
            outcome = RemediationOutcome.failure(e.getStatus().getMessage());
        } catch (RuntimeException e) {
            Contributions.logFailure(remediation.contributor(), "Remediation " + remediation.id(), e);
            outcome = RemediationOutcome.failure(e.toString());
        }
        Predicate<CheckerDescriptor> recheckers = wholeServer ? d -> true : reporterOf(finding);
        ServerResult recheck = engine.check(List.of(server), recheckers, recheckListener, progress.split(3))
                .results().get(0);
        JsonObject entry = entry(remediation, server, finding, plan, outcome.succeeded() ? "applied" : "apply failed", "");
        entry.addProperty("output", cut(outcome.output()));
        JsonArray files = new JsonArray();
        outcome.files().forEach(f -> files.add(f.toString()));
        entry.add("files", files);
        entry.add("before", findings(before));
        entry.add("after", findings(recheck.findings()));
        entry.addProperty("recheck", recheck.status().name());
        record(entry);
        return new RemediationResult(RemediationResult.Status.APPLIED, plan, outcome, recheck, "");
    }

    private static RemediationPlan plan(RemediationDescriptor d, IRemediation executable, Context context,
            IProgressMonitor monitor) throws CoreException {
        RemediationPlan plan;
        try {
            plan = executable.plan(context, monitor);
        } catch (RuntimeException e) {
            Contributions.logFailure(d.contributor(), "Planning remediation " + d.id(), e);
            throw new CoreException(Status.error("Could not plan '" + d.label() + "': " + e, e));
        }
        if (plan == null) {
            throw new CoreException(Status.error("'" + d.label() + "' made no plan"));
        }
        if (plan.changesServer() && !d.changesServer()) {
            throw new CoreException(Status.error("'" + d.label() + "' (" + d.contributor()
                    + ") declares changesServer=\"false\" but plans commands on the server; refused"));
        }
        return plan;
    }

    /** The checker that reported {@code finding}, or the checkers needing the evidence that failed. */
    private Predicate<CheckerDescriptor> reporterOf(Finding finding) {
        String source = finding.checkerId();
        return d -> d.id().equals(source) || d.requiredEvidence().contains(source);
    }

    /** The server's findings before the change: all of them, or those of the finding's checker. */
    private static List<Finding> currentFindings(Server server, Finding finding, boolean all) {
        List<Finding> result = new ArrayList<>();
        try {
            for (IMarker m : FindingMarkers.markers(server.file())) {
                if (all || finding.checkerId().equals(m.getAttribute(FindingMarkers.SOURCE, ""))) {
                    result.add(FindingMarkers.toFinding(m));
                }
            }
        } catch (CoreException e) {
            ILog.of(RemediationService.class).log(e.getStatus());
        }
        return result.isEmpty() ? List.of(finding) : result;
    }

    private static JsonObject entry(RemediationDescriptor d, Server server, Finding finding, RemediationPlan plan,
            String result, String error) {
        JsonObject e = new JsonObject();
        e.addProperty("time", Instant.now().toString());
        e.addProperty("user", System.getProperty("user.name", ""));
        JsonObject s = new JsonObject();
        s.addProperty("name", server.name());
        s.addProperty("site", server.site());
        s.addProperty("host", server.host());
        s.addProperty("file", server.key());
        e.add("server", s);
        JsonObject r = new JsonObject();
        r.addProperty("id", d.id());
        r.addProperty("label", d.label());
        r.addProperty("contributor", d.contributor());
        r.addProperty("changesServer", d.changesServer());
        e.add("remediation", r);
        e.add("finding", finding(finding));
        if (plan != null) {
            JsonObject p = new JsonObject();
            p.addProperty("summary", plan.summary());
            JsonArray steps = new JsonArray();
            plan.steps().forEach(step -> {
                JsonObject j = new JsonObject();
                j.addProperty("kind", step.kind().name());
                j.addProperty("target", step.target());
                j.addProperty("text", cut(step.text()));
                steps.add(j);
            });
            p.add("steps", steps);
            e.add("plan", p);
        }
        e.addProperty("result", result);
        if (!error.isEmpty()) {
            e.addProperty("error", error);
        }
        return e;
    }

    private static JsonObject finding(Finding f) {
        JsonObject j = new JsonObject();
        j.addProperty("kind", f.kind());
        j.addProperty("severity", f.severity().name());
        j.addProperty("checker", f.checkerId());
        if (f.errorCode() != null) {
            j.addProperty("errorCode", f.errorCodeText());
        }
        if (f.scenario() > 0) {
            j.addProperty("scenario", f.scenario());
        }
        j.addProperty("message", f.message());
        return j;
    }

    private static JsonArray findings(List<Finding> list) {
        JsonArray a = new JsonArray();
        list.forEach(f -> a.add(finding(f)));
        return a;
    }

    private static String cut(String text) {
        return text.length() > AuditLog.MAX_OUTPUT ? text.substring(0, AuditLog.MAX_OUTPUT) + "\n[cut]" : text;
    }

    private void record(JsonObject entry) {
        try {
            audit.append(entry);
        } catch (IOException e) {
            ILog.of(RemediationService.class).log(Status.error("Could not write the audit log " + audit.file(), e));
        }
    }

    private static Path outputFolder(Server server) {
        Path state = Platform.getStateLocation(FrameworkUtil.getBundle(RemediationService.class)).toPath();
        return state.resolve("remediations").resolve(server.site().isEmpty() ? "_" : server.site()).resolve(server.name());
    }

    private record Context(Server server, Finding finding, Path outputFolder) implements IRemediationContext {
        @Override
        public <T> T getAdapter(Class<T> adapter) {
            return Platform.getAdapterManager().getAdapter(this, adapter);
        }
    }
}
