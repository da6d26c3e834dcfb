package org.sstpdoctor.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;
import org.sstpdoctor.core.inventory.ServerFileFormat;
import org.sstpdoctor.remote.RemoteChannels;
import org.sstpdoctor.remote.ssh.KnownHosts;

/**
 * Puts the practice lab into a workbench inventory: one server file per lab host in the site
 * {@value #SITE}, host 127.0.0.1 with the host's SSTP port, an SSH channel to its SSH server as
 * {@link Lab#USER} logging in with the lab's own client key ({@link Lab#clientKeyFile()}, channel
 * option {@code identityFile}; so nothing goes to Secure Storage and no master password is asked
 * for), the channel option {@value #OPTION_CLIENT_TRUST} naming the lab's
 * roots folder (so the network probe judges lab certificates against the lab root, not the JDK's
 * roots), the tag {@code simulated}, and notes that say the server is simulated and what its
 * fault is. Populating again after the lab restarted on new ports rewrites the files in place
 *
 * <pre>
 * Lab lab = Lab.startDefault(stateDir);
 * LabInventory.populate(lab, Inventory.getDefault(), RemoteSettings.defaults().knownHostsFile());
 * </pre>
 */
public final class LabInventory {

    /** The inventory site of the lab's servers. */
    public static final String SITE = "Practice lab (simulated)";
    /**
     * The server option of the network probe that names the clients' trust for that server; the
     * same syntax as the probe's trust preference ({@code jdk}, {@code file:<path>},
     * {@code folder:<path>}). Must equal {@code ProbeEvidenceSettings.SERVER_OPTION_TRUST}.
     */
    public static final String OPTION_CLIENT_TRUST = "clientTrust";
    /** The tag every lab server carries. */
    public static final String TAG = "simulated";

    private LabInventory() {
    }

    /**
     * Writes (or rewrites) one server file per lab host,
     * and, when {@code knownHostsFile} is given, trusts each host's SSH key for its current port
     * there (replacing what the file said of that port).
     *
     * @param knownHostsFile the SSH known-hosts file the workbench uses, or null to leave host keys
     *                       to be confirmed
     * @return the lab's servers, in {@link LabScenario} order
     * @throws CoreException when a file cannot be written
     * @throws IOException   when the known-hosts file cannot be written
     */
    public static List<Server> populate(Lab lab, Inventory inventory, Path knownHostsFile)
            throws CoreException, IOException {
        List<Server> servers = new ArrayList<>();
        for (LabHost host : lab.hosts()) {
            ServerConfig config = config(lab, host);
            Optional<Server> existing = inventory.find(SITE, host.name());
            Server server = existing.isPresent() ? inventory.update(existing.get(), config)
                    : inventory.add(SITE, host.name(), config);
            if (knownHostsFile != null) {
                KnownHosts known = new KnownHosts(knownHostsFile);
                known.remove(host.address(), host.sshPort());
                known.add(host.address(), host.sshPort(), host.sshHostKey());
            }
            servers.add(server);
        }
        return servers;
    }

    /**
     * Writes the lab's server files into {@code folder} (a folder of {@code .server} files whose
     * sub-folders are sites, as {@code sstpdoctor check --inventory} reads it), replacing those of
     * an earlier start. No credentials are written: a file inventory has none, so only the network
     * probe runs against it.
     *
     * @return the files written
     */
    public static List<Path> writeFiles(Lab lab, Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        Path site = folder.resolve(SITE);
        for (LabHost host : lab.hosts()) {
            Path file = site.resolve(host.name() + "." + ServerFileFormat.EXTENSION);
            LabFiles.write(file, ServerFileFormat.write(config(lab, host)));
            files.add(file);
        }
        return files;
    }

    /** The server file of {@code host}. */
    public static ServerConfig config(Lab lab, LabHost host) {
        ManagementChannel ssh = new ManagementChannel(ChannelKind.SSH, host.sshPort(), Lab.USER,
                Map.of(OPTION_CLIENT_TRUST, "folder:" + lab.rootsFolder().toAbsolutePath(),
                        RemoteChannels.OPTION_IDENTITY_FILE, lab.clientKeyFile().toAbsolutePath().toString(),
                        // clients reach the host's port 443 through a loopback port of its own
                        ManagementChannel.OPTION_SERVER_SSTP_PORT, "443"));
        String notes = "Simulated RRAS server of the practice lab (not a real Windows server). "
                + (host.scenario().kbScenario() == 0 ? "" : "KB947031 scenario " + host.scenario().kbScenario() + ": ")
                + host.scenario().fault() + ". WinRM: " + host.winRmEndpoint() + ".";
        return new ServerConfig(host.address(), host.sstpPort(), ssh, List.of(TAG), notes, "");
    }
}
