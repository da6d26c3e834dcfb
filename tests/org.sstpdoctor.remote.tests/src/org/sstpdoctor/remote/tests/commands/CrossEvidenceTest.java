package org.sstpdoctor.remote.tests.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.sstpdoctor.remote.commands.CertStoreEvidence;
import org.sstpdoctor.remote.commands.CertStoreParser;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.commands.IpFamily;
import org.sstpdoctor.remote.commands.ListenersEvidence;
import org.sstpdoctor.remote.commands.ListenersParser;
import org.sstpdoctor.remote.commands.RemoteAccessParser;
import org.sstpdoctor.remote.commands.SslCertEvidence;
import org.sstpdoctor.remote.commands.SslCertParser;
import org.sstpdoctor.remote.commands.SstpRegistryEvidence;
import org.sstpdoctor.remote.commands.SstpRegistryParser;
import org.sstpdoctor.remote.commands.Verdict;

/**
 * The evidence of several commands read together, as the KB's Scenario 8 and the renewed-certificate
 * failure need it: the hash bound in http.sys, the hashes in the registry, the certificate in the
 * store and the listener port must agree.
 */
class CrossEvidenceTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void aHealthyServerAgreesWithItself() {
        SslCertEvidence bindings = SslCertParser.parseText(Fixtures.read("sslcert/healthy.txt")).value();
        SstpRegistryEvidence registry = SstpRegistryParser.parseRegQuery(Fixtures.read("sstpRegistry/reg-healthy.txt")).value();
        CertStoreEvidence store = CertStoreParser.parseJson(Fixtures.read("certStore/ps7.json")).value();
        String bound = bindings.wildcardBinding(IpFamily.IPV4, 443).orElseThrow().certificateHash();

        assertEquals(bound, bindings.wildcardBinding(IpFamily.IPV6, 443).orElseThrow().certificateHash());
        assertEquals(bound, registry.sha1CertificateHash().orElseThrow());
        assertEquals(bound, store.bySha256(registry.sha256CertificateHash().orElseThrow()).orElseThrow().sha1Thumbprint());
        assertEquals(Verdict.YES, Verdict.of(store.byThumbprint(bound).orElseThrow().isValidAt(NOW), true));
        assertEquals(bound, RemoteAccessParser.parseJson(Fixtures.read("remoteAccess/healthy.json")).value()
                .sslCertificateThumbprint().orElseThrow());
        int port = registry.effectiveListenerPort().orElseThrow();
        ListenersEvidence listeners = ListenersParser.parseNetstat(Fixtures.read("listeners/netstat-healthy.txt")).value();
        assertEquals(Verdict.YES, listeners.listening(port, IpFamily.IPV4));
        assertEquals(Verdict.YES, listeners.listening(port, IpFamily.IPV6));
    }

    @Test
    void aRenewedCertificateLeftTheOldHashInTheRegistry() {
        SslCertEvidence bindings = SslCertParser.parseText(Fixtures.read("sslcert/healthy.txt")).value();
        SstpRegistryEvidence registry = SstpRegistryParser.parseRegQuery(Fixtures.read("sstpRegistry/reg-old-hash.txt"))
                .value();
        CertStoreEvidence store = CertStoreParser.parseJson(Fixtures.read("certStore/ps51.json")).value();
        String bound = bindings.wildcardBinding(IpFamily.IPV4, 443).orElseThrow().certificateHash();

        assertNotEquals(bound, registry.sha1CertificateHash().orElseThrow());
        assertEquals(Fixtures.OLD_SHA1, store.bySha256(registry.sha256CertificateHash().orElseThrow()).orElseThrow()
                .sha1Thumbprint());
        assertEquals(false, store.bySha256(registry.sha256CertificateHash().orElseThrow()).orElseThrow().isValidAt(NOW));
    }

    @Test
    void aChangedListenerPortNeedsItsListener() {
        SstpRegistryEvidence registry = SstpRegistryParser.parseRegQuery(
                Fixtures.read("sstpRegistry/reg-listener-8443.txt")).value();
        assertEquals(OptionalInt.of(8443), registry.effectiveListenerPort());
        assertEquals(Verdict.NO, ListenersParser.parseNetstat(Fixtures.read("listeners/netstat-healthy.txt")).value()
                .listening(8443, IpFamily.IPV4));
        assertEquals(Verdict.YES, ListenersParser.parseNetstat(Fixtures.read("listeners/netstat-8443.txt")).value()
                .listening(8443, IpFamily.IPV4));
    }

    @Test
    void theCatalogsFormsReadTheFixturesOfTheirCommand() {
        assertEquals(Verdict.YES, CommandCatalog.listeners(true).legacyText().orElseThrow()
                .parse(Fixtures.read("listeners/netstat-healthy.txt")).value().listening(443, IpFamily.IPV6));
        assertEquals(Verdict.YES, CommandCatalog.sslcert().powerShell().parse(Fixtures.read("sslcert/ps.json")).value()
                .hasWildcardBinding(IpFamily.IPV6, 443));
        assertEquals(true, CommandCatalog.services().legacyText().orElseThrow()
                .parse(Fixtures.read("services/sc-query-running.txt")).value().service("SstpSvc").isRunning());
    }
}
