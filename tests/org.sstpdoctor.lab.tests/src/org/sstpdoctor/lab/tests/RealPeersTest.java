package org.sstpdoctor.lab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.lab.Lab;
import org.sstpdoctor.lab.LabHost;
import org.sstpdoctor.lab.LabScenario;

/**
 * The lab held to third-party peers: Debian's {@code sstpc} gets past the SSTP stage against a lab
 * host's endpoint (it logs the Call Connect Ack and starts PPP negotiation), OpenSSH's {@code ssh}
 * runs a command on a lab host's SSH server with key authentication, and python3-winrm runs a
 * command on a lab host's WinRM endpoint (NTLM with message encryption).
 */
class RealPeersTest {

    @TempDir
    static Path dir;
    static Lab lab;
    static Path identity;

    @BeforeAll
    static void startLab() throws Exception {
        identity = dir.resolve("id_ed25519");
        Run keygen = run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "lab-test", "-f",
                identity.toString()), 30);
        assertEquals(0, keygen.code(), keygen.toString());
        PublicKey key = AuthorizedKeyEntry.readAuthorizedKeys(dir.resolve("id_ed25519.pub")).get(0)
                .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
        lab = Lab.start(dir.resolve("lab"), List.of(key));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    record Run(int code, String stdout, String stderr) {
    }

    private static Run run(List<String> command, int seconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().remove("PYTHONPATH");
        pb.environment().remove("PYTHONHOME");
        Process p = pb.start();
        boolean ended = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!ended) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
        return new Run(ended ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void openSshRunsACommandOnALabHost() throws Exception {
        for (LabScenario scenario : List.of(LabScenario.HEALTHY, LabScenario.SSTPSVC_STOPPED)) {
            LabHost host = lab.host(scenario);
            Path knownHosts = dir.resolve("known_hosts-" + host.name());
            Files.writeString(knownHosts, "[127.0.0.1]:" + host.sshPort() + " "
                    + PublicKeyEntry.toString(host.sshHostKey()) + "\n");
            Run r = run(List.of("ssh", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                    "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null", "-o",
                    "IdentitiesOnly=yes", "-o", "ConnectTimeout=10", "-i", identity.toString(), "-p",
                    Integer.toString(host.sshPort()), "-l", Lab.USER, "127.0.0.1", "sc query sstpsvc"), 60);
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.stdout().contains("SERVICE_NAME: sstpsvc"), r.toString());
            assertTrue(r.stdout().contains(scenario == LabScenario.HEALTHY ? "STATE              : 4  RUNNING"
                    : "STATE              : 1  STOPPED"), r.toString());
        }
    }

    @Test
    void pythonWinRmRunsACommandOnALabHost() throws Exception {
        Path conf = dir.resolve("openssl-legacy.cnf");
        // ntlm-auth needs MD4, which OpenSSL 3 only has in its legacy provider
        Files.writeString(conf, """
                openssl_conf = openssl_init
                [openssl_init]
                providers = provider_sect
                [provider_sect]
                default = default_sect
                legacy = legacy_sect
                [default_sect]
                activate = 1
                [legacy_sect]
                activate = 1
                """);
        Path script = dir.resolve("winrm_run.py");
        Files.writeString(script, """
                import sys
                import winrm
                url, user, password = sys.argv[1:4]
                session = winrm.Session(url, auth=(user, password), transport='ntlm', message_encryption='always')
                r = session.run_cmd('sc', ['query', 'remoteaccess'])
                sys.stdout.write(r.std_out.decode('utf-8'))
                sys.exit(r.status_code)
                """);
        LabHost host = lab.host(LabScenario.REMOTE_ACCESS_NOT_ENABLED);
        List<String> command = new ArrayList<>(List.of("env", "OPENSSL_CONF=" + conf, "/usr/bin/python3",
                script.toString(), host.winRmEndpoint().toString(), Lab.USER, new String(lab.password())));
        Run r = run(command, 120);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.stdout().contains("SERVICE_NAME: remoteaccess"), r.toString());
        assertTrue(r.stdout().contains("STATE              : 1  STOPPED"), r.toString());
    }

    @Test
    void sstpcGetsPastTheSstpStage() throws Exception {
        LabHost host = lab.host(LabScenario.HEALTHY);
        Path root = lab.rootsFolder().resolve("practice-lab-root.pem");
        Run last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            // without /dev/ppp, pppd fails after the SSTP stage; a loopback run sometimes ends at once
            last = run(List.of("sstpc", "--log-stderr", "--log-level", "4", "--ca-cert", root.toString(), "--user",
                    Lab.USER, "--password", "not-checked-by-sstp", "127.0.0.1:" + host.sstpPort()), 20);
            String log = last.stdout() + last.stderr();
            if (log.contains("CONNECT ACK") && log.contains("Started PPP Link Negotiation")) {
                return;
            }
        }
        throw new AssertionError("sstpc did not get past the SSTP stage: " + last);
    }
}
