package org.sstpdoctor.probe.tests;

import org.sstpdoctor.core.tests.contract.CheckerContractTest;
import org.sstpdoctor.core.tests.contract.EvidenceContext;
import org.sstpdoctor.probe.tests.Evidences.Case;

/** The address families checker keeps the checker contract, on the evidence of real servers on loopback. */
class AddressFamiliesContractTest extends CheckerContractTest {

    @Override
    protected String checkerId() {
        return "org.sstpdoctor.probe.addressFamilies";
    }

    @Override
    protected EvidenceContext healthy() {
        return Evidences.context(Case.HEALTHY);
    }

    @Override
    protected EvidenceContext broken() {
        return Evidences.context(Case.FAMILIES_DIFFER);
    }
}
