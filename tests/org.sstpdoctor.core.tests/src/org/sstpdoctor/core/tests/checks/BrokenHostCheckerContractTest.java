package org.sstpdoctor.core.tests.checks;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.BeforeEach;
import org.sstpdoctor.core.tests.contract.CheckerContractTest;
import org.sstpdoctor.core.tests.contract.EvidenceContext;

/** The test bundle's own checker keeps the checker contract. */
class BrokenHostCheckerContractTest extends CheckerContractTest {

    @BeforeEach
    void setUp() {
        TestContributions.BROKEN.add("broken.example.test");
    }

    @Override
    protected String checkerId() {
        return "test.finds";
    }

    @Override
    protected EvidenceContext healthy() {
        return context("healthy.example.test");
    }

    @Override
    protected EvidenceContext broken() {
        return context("broken.example.test");
    }

    private static EvidenceContext context(String host) {
        try {
            return new EvidenceContext(TestServers.server(TestServers.project("ContractTest"), host))
                    .with("test.derived", "EVIDENCE OF " + host.toUpperCase());
        } catch (CoreException e) {
            throw new IllegalStateException(e);
        }
    }
}
