package org.sstpdoctor.lab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sstpdoctor.lab.CommandAnswer;
import org.sstpdoctor.lab.SimulatedServer;
import org.sstpdoctor.lab.WindowsState;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.pki.KeyPurpose;
import org.sstpdoctor.pki.LabPki;
import org.sstpdoctor.remote.commands.CertStoreEvidence;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.commands.ServicesEvidence;

/** The simulated state on its own: what Windows derives from it, and the events it logs. */
class WindowsStateTest {

    private static IssuedCertificate server() {
        return LabPki.selfSigned("vpn.lab.test").dnsNames("vpn.lab.test")
                .extendedKeyUsage(KeyPurpose.SERVER_AUTHENTICATION).build();
    }

    @Test
    void aBoundCertificateWithoutItsPrivateKeyIsNoCertificateToHttpSys() {
        WindowsState state = new WindowsState();
        IssuedCertificate issued = server();
        state.addCertificate(new WindowsState.StoreCertificate(issued.certificate(), null, List.of(), "no key"));
        state.bindSstpCertificate(state.certificates().get(0).sha1());
        assertEquals(WindowsState.Reach.NO_CERTIFICATE, state.reach(false));
        assertTrue(state.events().stream().anyMatch(e -> e.id() == 11), state.events().toString());

        SimulatedServer server = new SimulatedServer("key-less (simulated)", state);
        CommandAnswer answer = server.run(CommandCatalog.certStore().powerShell().toCommand(CommandCatalog.CERT_STORE)
                .commandLine(), Duration.ofSeconds(5));
        var parsed = CommandCatalog.certStore().powerShell().parse(answer.stdout());
        assertTrue(parsed.isClean(), parsed.problems().toString());
        CertStoreEvidence.Certificate c = ((CertStoreEvidence) parsed.value()).certificates().get(0);
        assertFalse(c.hasPrivateKey());
        assertEquals(state.certificates().get(0).sha1(), c.sha1Thumbprint());
    }

    @Test
    void startingRemoteAccessStartsSstpSvcAndADisabledServiceDoesNotStart() {
        WindowsState state = new WindowsState();
        state.setService(WindowsState.SSTP_SVC, ServicesEvidence.State.STOPPED, null);
        state.setService(WindowsState.REMOTE_ACCESS, ServicesEvidence.State.STOPPED, null);
        assertTrue(state.startService(WindowsState.REMOTE_ACCESS).isEmpty());
        assertTrue(state.service(WindowsState.SSTP_SVC).orElseThrow().running());
        state.setService(WindowsState.SSTP_SVC, ServicesEvidence.State.STOPPED, ServicesEvidence.StartType.DISABLED);
        assertTrue(state.startService(WindowsState.SSTP_SVC).orElseThrow().contains("cannot be started"));
        assertFalse(state.service(WindowsState.SSTP_SVC).orElseThrow().running());
        assertTrue(state.startService("NoSuchService").orElseThrow().contains("Cannot find any service"));
    }

    @Test
    void withoutRegistryHashesSstpDoesNotListenAndSaysSo() {
        WindowsState state = new WindowsState();
        state.logStartupEvents();
        assertFalse(state.sstpListening());
        assertEquals(WindowsState.Reach.REFUSED, state.reach(false));
        List<Integer> ids = state.events().stream().map(WindowsState.LabEvent::id).toList();
        assertTrue(ids.containsAll(List.of(18, 19, 11, 12, 13)), ids.toString());
        state.setFirewallGroupEnabled(false);
        assertEquals(WindowsState.Reach.DROPPED, state.reach(false), "the firewall drops before anything listens");
    }
}
