package org.sstpdoctor.ui.tests.remediation;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.IChecker;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.core.remediation.IRemediation;
import org.sstpdoctor.core.remediation.IRemediationContext;
import org.sstpdoctor.core.remediation.PlanStep;
import org.sstpdoctor.core.remediation.RemediationOutcome;
import org.sstpdoctor.core.remediation.RemediationPlan;

/** A checker that reports flagged hosts, and the remediation that clears the flag. */
public final class FlagContributions {

    public static final Set<String> FLAGGED = ConcurrentHashMap.newKeySet();

    private FlagContributions() {
    }

    public static final class FlagChecker implements IChecker {
        @Override
        public List<Finding> check(ICheckContext context, IProgressMonitor monitor) {
            if (!FLAGGED.contains(context.server().host())) {
                return List.of();
            }
            return List.of(Finding.of("uitest.flagged", Severity.ERROR, "The SstpSvc service is stopped")
                    .withErrorCode(809).withScenario(2));
        }
    }

    public static final class Unflag implements IRemediation {
        @Override
        public RemediationPlan plan(IRemediationContext context, IProgressMonitor monitor) {
            return new RemediationPlan("Start SstpSvc", List.of(PlanStep.command(context.server().host(),
                    "Start-Service -Name 'SstpSvc'")));
        }

        @Override
        public RemediationOutcome apply(RemediationPlan plan, IRemediationContext context, IProgressMonitor monitor) {
            FLAGGED.remove(context.server().host());
            return RemediationOutcome.success("SstpSvc is running");
        }
    }
}
