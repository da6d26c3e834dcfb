package org.sstpdoctor.core.tests.checks;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.IChecker;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.core.evidence.IEvidenceProvider;
import org.sstpdoctor.core.remediation.IRemediation;
import org.sstpdoctor.core.remediation.IRemediationContext;
import org.sstpdoctor.core.remediation.PlanStep;
import org.sstpdoctor.core.remediation.RemediationOutcome;
import org.sstpdoctor.core.remediation.RemediationPlan;

/**
 * The checkers, evidence providers and remediations the test bundle contributes in its
 * plugin.xml. Their behaviour depends on the host name: "hang" hangs, "throw" throws,
 * "sleep" sleeps briefly; hosts in {@link #BROKEN} have a finding of kind "test.broken".
 */
public final class TestContributions {

    /** Hosts that "test.finds" reports as broken, until "test.fix" repairs them. */
    public static final Set<String> BROKEN = ConcurrentHashMap.newKeySet();

    /** How often "test.counting" was gathered per host. */
    public static final Map<String, AtomicInteger> GATHERED = new ConcurrentHashMap<>();

    /** The finding kind of broken hosts. */
    public static final String BROKEN_KIND = "test.broken";

    private TestContributions() {
    }

    public static final class CountingEvidence implements IEvidenceProvider {
        @Override
        public Object gather(ICheckContext context, IProgressMonitor monitor) {
            GATHERED.computeIfAbsent(context.server().host(), h -> new AtomicInteger()).incrementAndGet();
            return "evidence of " + context.server().host();
        }
    }

    public static final class DerivedEvidence implements IEvidenceProvider {
        @Override
        public Object gather(ICheckContext context, IProgressMonitor monitor) throws CoreException {
            return context.evidence("test.counting", String.class).toUpperCase();
        }
    }

    public static final class FailingEvidence implements IEvidenceProvider {
        @Override
        public Object gather(ICheckContext context, IProgressMonitor monitor) throws CoreException {
            throw new CoreException(Status.error(context.server().host() + ": authentication failed (step: auth)"));
        }
    }

    public static final class HealthyChecker implements IChecker {
        @Override
        public List<Finding> check(ICheckContext context, IProgressMonitor monitor) throws CoreException {
            context.evidence("test.counting", String.class);
            return List.of();
        }
    }

    public static final class BrokenHostChecker implements IChecker {
        @Override
        public List<Finding> check(ICheckContext context, IProgressMonitor monitor) throws CoreException {
            String evidence = context.evidence("test.derived", String.class);
            if (!BROKEN.contains(context.server().host())) {
                return List.of();
            }
            return List.of(Finding.of(BROKEN_KIND, Severity.ERROR, "The root CA is not trusted by clients")
                    .withErrorCode(0x800B0109).withScenario(5).withEvidence("evidence: " + evidence, evidence));
        }
    }

    public static final class MisbehavingChecker implements IChecker {
        @Override
        public List<Finding> check(ICheckContext context, IProgressMonitor monitor) {
            String host = context.server().host();
            if (host.contains("throw")) {
                throw new IllegalStateException("simulated checker bug on " + host);
            }
            if (host.contains("stuck")) {
                while (!releaseStuck) { // ignores interrupts and cancellation, as a buggy checker might
                    Thread.onSpinWait();
                    sleepIgnoringInterrupts(5);
                }
            } else if (host.contains("hang")) {
                sleep(60_000);
            } else if (host.contains("sleep")) {
                sleep(20);
            }
            return List.of();
        }
    }

    public static final class NeedsFailingChecker implements IChecker {
        @Override
        public List<Finding> check(ICheckContext context, IProgressMonitor monitor) throws CoreException {
            context.evidence("test.failing", String.class);
            return List.of();
        }
    }

    public static final class ConstructorThrows implements IChecker {
        public ConstructorThrows() {
            throw new IllegalStateException("simulated constructor failure");
        }

        @Override
        public List<Finding> check(ICheckContext context, IProgressMonitor monitor) {
            return List.of();
        }
    }

    public static final class RepairRemediation implements IRemediation {
        @Override
        public RemediationPlan plan(IRemediationContext context, IProgressMonitor monitor) {
            String host = context.server().host();
            return new RemediationPlan("Repair " + host, List.of(PlanStep.command(host, "Repair-Host -Name '" + host + "'")));
        }

        @Override
        public RemediationOutcome apply(RemediationPlan plan, IRemediationContext context, IProgressMonitor monitor) {
            BROKEN.remove(context.server().host());
            return RemediationOutcome.success("repaired " + context.server().host());
        }
    }

    /** Writes a note about the host on this machine: changes nothing on the server. */
    public static final class NoteRemediation implements IRemediation {
        @Override
        public RemediationPlan plan(IRemediationContext context, IProgressMonitor monitor) {
            String host = context.server().host();
            return new RemediationPlan("Note about " + host,
                    List.of(PlanStep.file(context.outputFolder().resolve("note.txt").toString(), host + " is broken")));
        }

        @Override
        public RemediationOutcome apply(RemediationPlan plan, IRemediationContext context, IProgressMonitor monitor) {
            return RemediationOutcome.success("wrote a note about " + context.server().host());
        }
    }

    /** Releases the checkers stuck on "stuck" hosts. */
    public static volatile boolean releaseStuck;

    private static void sleepIgnoringInterrupts(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                // deliberately ignored
            }
        }
    }

    /** Sleeps, returning early when interrupted (as a well-behaved blocking call does). */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
