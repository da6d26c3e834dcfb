package org.sstpdoctor.kb947031.tests;

import java.nio.file.Path;

import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ServerResult;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.probe.tests.SstpResponder;

/** Findings of the scenarios that need the network, made by a real probe and the engine. */
final class Scenarios {

    private Scenarios() {
    }

    /** The findings of a server presenting {@code cert} (with its chain and root) on a responder. */
    static ServerResult presenting(Path folder, IssuedCertificate cert, SstpResponder.Mode mode) throws Exception {
        try (SstpResponder responder = SstpResponder.start(mode, Identities.withRoot(cert))) {
            WindowsOutputs outputs = new WindowsOutputs().bind(cert.certificate()).listenerPort(responder.port());
            Server server = TestServers.bundled(Pki.HOST, responder.port(), TestServers.archive(folder, outputs.outputs()));
            return TestServers.check(server, TestServers.KB);
        }
    }

    /** The one finding of kind {@code kind}. */
    static Finding finding(ServerResult result, String kind) {
        return result.findings().stream().filter(f -> f.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + result.findings()));
    }
}
