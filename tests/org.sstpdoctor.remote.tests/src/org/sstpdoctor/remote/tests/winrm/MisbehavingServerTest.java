package org.sstpdoctor.remote.tests.winrm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sstpdoctor.remote.winrm.WinRmClient;
import org.sstpdoctor.remote.winrm.WinRmException;
import org.sstpdoctor.remote.winrm.WinRmException.Step;
import org.sstpdoctor.remote.winrm.WinRmSettings;

/** What the client does when the endpoint answers badly: each case is a clear PROTOCOL error, or it copes. */
class MisbehavingServerTest {

    private static final Duration RUN = Duration.ofSeconds(30);
    private WsmanTestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private WinRmSettings.Builder https() throws Exception {
        server = WsmanTestServer.basicHttps(WinRmClientTest.SERVER, WinRmClientTest.USER, WinRmClientTest.PASSWORD);
        return WinRmSettings.builder(server.url())
                .credentials(WinRmClientTest.USER, WinRmClientTest.PASSWORD.toCharArray())
                .trustManager(WinRmClientTest.trust(WinRmClientTest.ROOT.certificate()));
    }

    private WinRmSettings.Builder ntlm() throws Exception {
        server = WsmanTestServer.ntlmHttp(WinRmClientTest.USER, WinRmClientTest.PASSWORD);
        return WinRmSettings.builder(server.url())
                .credentials(WinRmClientTest.USER, WinRmClientTest.PASSWORD.toCharArray());
    }

    private static WinRmException failure(WinRmSettings settings) throws WinRmException {
        try (WinRmClient client = new WinRmClient(settings)) {
            return assertThrows(WinRmException.class, () -> client.run("ipconfig", List.of(), RUN, null));
        }
    }

    private static byte[] replace(byte[] soap, String from, String to) {
        return new String(soap, StandardCharsets.UTF_8).replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDoctypeWithAnExternalEntityIsRefused() throws Exception {
        WinRmSettings s = https().build();
        server.rewrite = soap -> replace(soap, "?>",
                "?><!DOCTYPE s:Envelope [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>");
        WinRmException e = failure(s);
        assertEquals(Step.PROTOCOL, e.step());
        assertTrue(e.getMessage().contains("not a valid SOAP envelope"), e.getMessage());
        assertTrue(e.getMessage().toUpperCase(java.util.Locale.ROOT).contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void aResponseOverTheCapIsRefused() throws Exception {
        WinRmSettings s = https().maxResponseBytes(8192).build();
        server.rewrite = soap -> replace(soap, "</s:Body>", "<!--" + "x".repeat(20_000) + "--></s:Body>");
        WinRmException e = failure(s);
        assertEquals(Step.PROTOCOL, e.step());
        assertTrue(e.getMessage().contains("larger than the cap of 8192 bytes"), e.getMessage());
    }

    @Test
    void anAnswerToAnotherMessageIsRefused() throws Exception {
        WinRmSettings s = https().build();
        server.rewrite = soap -> replace(soap, "<a:RelatesTo>uuid:", "<a:RelatesTo>uuid:0");
        WinRmException e = failure(s);
        assertEquals(Step.PROTOCOL, e.step());
        assertTrue(e.getMessage().contains("relates to another message"), e.getMessage());
    }

    @Test
    void notSoapIsRefused() throws Exception {
        WinRmSettings s = https().build();
        server.rewrite = soap -> "<html><body>IIS</body></html>".getBytes(StandardCharsets.UTF_8);
        WinRmException e = failure(s);
        assertEquals(Step.PROTOCOL, e.step());
        assertTrue(e.getMessage().contains("not a SOAP 1.2 envelope"), e.getMessage());
    }

    @Test
    void aWrongEncryptedLengthIsRefused() throws Exception {
        WinRmSettings s = ntlm().build();
        server.wrongLength = true;
        WinRmException e = failure(s);
        assertEquals(Step.PROTOCOL, e.step());
        assertTrue(e.getMessage().contains("its header says"), e.getMessage());
    }

    @Test
    void aPlaintextAnswerOnAnEncryptedSessionIsRefused() throws Exception {
        WinRmSettings s = ntlm().build();
        server.plaintextAnswers = true;
        WinRmException e = failure(s);
        assertEquals(Step.PROTOCOL, e.step());
        assertTrue(e.getMessage().contains("without message encryption"), e.getMessage());
    }

    @Test
    void closedConnectionsAreReopenedForBasic() throws Exception {
        WinRmSettings s = https().build();
        server.closeEachConnection = true;
        try (WinRmClient client = new WinRmClient(s)) {
            assertEquals(ShellSimulator.IPCONFIG, client.run("ipconfig", List.of(), RUN, null).stdout());
        }
        assertEquals(4, server.connections.get(), "Create, Command, Receive, Delete each on a new connection");
    }

    @Test
    void ntlmRefusesAServerThatDropsTheContextConnection() throws Exception {
        WinRmSettings s = ntlm().build();
        server.closeEachConnection = true;
        WinRmException e = failure(s);
        assertEquals(Step.PROTOCOL, e.step());
        assertTrue(e.getMessage().contains("closed the connection that holds the NTLM context"), e.getMessage());
    }
}
