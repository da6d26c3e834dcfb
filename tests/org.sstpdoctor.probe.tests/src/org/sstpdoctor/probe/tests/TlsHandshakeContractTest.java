package org.sstpdoctor.probe.tests;

import org.sstpdoctor.core.tests.contract.CheckerContractTest;
import org.sstpdoctor.core.tests.contract.EvidenceContext;
import org.sstpdoctor.probe.tests.Evidences.Case;

/** The TLS handshake checker keeps the checker contract, on the evidence of real servers on loopback. */
class TlsHandshakeContractTest extends CheckerContractTest {

    @Override
    protected String checkerId() {
        return "org.sstpdoctor.probe.tlsHandshake";
    }

    @Override
    protected EvidenceContext healthy() {
        return Evidences.context(Case.HEALTHY);
    }

    @Override
    protected EvidenceContext broken() {
        return Evidences.context(Case.NO_CERTIFICATE);
    }
}
