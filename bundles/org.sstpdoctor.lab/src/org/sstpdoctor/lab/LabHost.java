package org.sstpdoctor.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;
import java.util.Objects;
import java.util.OptionalInt;

import org.sstpdoctor.lab.ssh.LabSshServer;
import org.sstpdoctor.lab.winrm.LabWinRmServer;

/**
 * One running lab host: a simulated Windows RRAS server with one fault injected (or none), its
 * SSTP endpoint on 127.0.0.1 (and {@code ::1} where the machine has IPv6) standing for port 443,
 * its SSH server and its WinRM endpoint, all on loopback ports. Everything it answers comes from
 * its {@link #state()}, which remediations sent over SSH or WinRM change.
 */
public final class LabHost implements AutoCloseable {

    private final LabScenario scenario;
    private final WindowsState state;
    private final SimulatedServer server;
    private final SstpEndpoint sstp;
    private final SstpEndpoint sstp6;
    private final LabSshServer ssh;
    private final LabWinRmServer winrm;

    private LabHost(LabScenario scenario, WindowsState state, SimulatedServer server, SstpEndpoint sstp,
            SstpEndpoint sstp6, LabSshServer ssh, LabWinRmServer winrm) {
        this.scenario = scenario;
        this.state = state;
        this.server = server;
        this.sstp = sstp;
        this.sstp6 = sstp6;
        this.ssh = ssh;
        this.winrm = winrm;
    }

    static LabHost start(LabScenario scenario, LabCertificates pki, Path hostKeys, String user, char[] password,
            Collection<PublicKey> authorizedKeys) throws IOException {
        WindowsState state = new WindowsState();
        scenario.configure(state, pki);
        SimulatedServer server = new SimulatedServer(scenario.hostName() + " (simulated)", state);
        SstpEndpoint sstp = null;
        SstpEndpoint sstp6 = null;
        LabSshServer ssh = null;
        try {
            sstp = SstpEndpoint.start(state, InetAddress.getByName("127.0.0.1"), scenario.hostName());
            sstp6 = ipv6(state, scenario);
            ssh = LabSshServer.start(server, hostKeys.resolve(scenario.hostName() + ".key"), user, password,
                    authorizedKeys);
            LabWinRmServer winrm = LabWinRmServer.start(server, user, password);
            return new LabHost(scenario, state, server, sstp, sstp6, ssh, winrm);
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable c : new AutoCloseable[] { sstp, sstp6, ssh }) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // already failing
                    }
                }
            }
            throw e;
        }
    }

    private static SstpEndpoint ipv6(WindowsState state, LabScenario scenario) {
        try {
            return SstpEndpoint.start(state, InetAddress.getByName("::1"), scenario.hostName() + "-ipv6");
        } catch (IOException noIpv6) {
            return null; // a machine without IPv6 loopback: the host is reachable on IPv4 only
        }
    }

    /** The host's name, e.g. {@code lab-s4-expired-cert}. */
    public String name() {
        return scenario.hostName();
    }

    /** Its fault. */
    public LabScenario scenario() {
        return scenario;
    }

    /** Its simulated Windows state. */
    public WindowsState state() {
        return state;
    }

    /** What answers its commands. */
    public ICommandHost commandHost() {
        return server;
    }

    /** The host clients connect to: {@code 127.0.0.1}. */
    public String address() {
        return "127.0.0.1";
    }

    /** The port on 127.0.0.1 that stands for the server's 443. */
    public int sstpPort() {
        return sstp.port();
    }

    /** The port on {@code ::1} that stands for the server's 443, when the machine has IPv6 loopback. */
    public OptionalInt sstpPortIpv6() {
        return sstp6 == null ? OptionalInt.empty() : OptionalInt.of(sstp6.port());
    }

    /** The SSH server's port on 127.0.0.1. */
    public int sshPort() {
        return ssh.port();
    }

    /** The SSH server's host key, for a known_hosts entry. */
    public PublicKey sshHostKey() {
        return ssh.hostKey();
    }

    /** The WinRM endpoint, {@code http://127.0.0.1:<port>/wsman}. */
    public URI winRmEndpoint() {
        return winrm.endpoint();
    }

    /** One line for people: name, endpoints, fault, "(simulated)". */
    public String describe() {
        return name() + " (simulated): SSTP https://127.0.0.1:" + sstpPort() + "/"
                + (sstp6 == null ? "" : " and https://[::1]:" + sstp6.port() + "/") + ", SSH 127.0.0.1:" + sshPort()
                + ", WinRM " + winRmEndpoint() + " - " + (scenario.kbScenario() == 0 ? "" : "KB947031 scenario "
                        + scenario.kbScenario() + ": ") + scenario.fault();
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] { sstp, sstp6, ssh, winrm }) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing the rest anyway
                }
            }
        }
    }

    @Override
    public String toString() {
        return Objects.toString(server.name());
    }
}
