package org.sstpdoctor.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The practice lab: one simulated RRAS host per {@link LabScenario}, all started in this process
 * on loopback ports, each with its SSTP endpoint, SSH server and WinRM endpoint.
 * <p>
 * The lab keeps its files in one folder: {@code roots/} holds the root certificate the lab's
 * clients trust (point a client's trust at it: {@code folder:<roots>}), {@code host-keys/} the SSH
 * host keys (kept across restarts, so known_hosts entries stay valid), {@value #CLIENT_KEY_FILE}
 * the lab's own SSH client key (owner-only; the lab's inventory entries log in with it), and
 * {@code lab.json} the endpoints of the running lab (no secrets). The one user of every host is
 * {@value #USER}; it logs in with the client key, or with a password that is new at every start
 * and only in memory ({@link #password()}), for clients such as python3-winrm.
 *
 * <pre>
 * Lab lab = Lab.startDefault(stateDir);                  // well under 2 s; stop with lab.close()
 * LabInventory.populate(lab, Inventory.getDefault(),
 *         RemoteSettings.defaults().knownHostsFile());     // again after every start: ports change
 * lab.describe();                                         // every host's endpoints, for people
 * </pre>
 */
public final class Lab implements AutoCloseable {

    /** The account of every lab host. */
    public static final String USER = "labadmin";
    /** The folder below a state directory that {@link #startDefault(Path)} uses. */
    public static final String DEFAULT_FOLDER = "practice-lab";
    /**
     * The lab's SSH client key in the lab's folder (OpenSSH format, no passphrase, owner-only): the
     * simulated servers accept it, and the lab's inventory entries log in with it.
     */
    public static final String CLIENT_KEY_FILE = "lab-client-key";

    private final Path directory;
    private final LabCertificates pki;
    private final List<LabHost> hosts;
    private final char[] password;

    private Lab(Path directory, LabCertificates pki, List<LabHost> hosts, char[] password) {
        this.directory = directory;
        this.pki = pki;
        this.hosts = List.copyOf(hosts);
        this.password = password;
    }

    /** The lab's SSH client key file, see {@link #CLIENT_KEY_FILE}. */
    public Path clientKeyFile() {
        return directory.resolve(CLIENT_KEY_FILE);
    }

    /** Starts the lab in {@code stateDir}/{@value #DEFAULT_FOLDER}, with its own client key and password logins. */
    public static Lab startDefault(Path stateDir) throws IOException {
        return start(stateDir.resolve(DEFAULT_FOLDER), List.of());
    }

    /**
     * Starts every lab host, in parallel.
     *
     * @param directory      the lab's folder (created when missing)
     * @param authorizedKeys public keys that may log in over SSH as {@value #USER} besides the
     *                       password; may be empty
     * @throws IOException when a port cannot be bound or the folder cannot be written
     */
    public static Lab start(Path directory, Collection<PublicKey> authorizedKeys) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Path hostKeys = directory.resolve("host-keys");
        Files.createDirectories(hostKeys);
        // the lab's own client key: its servers log in with it, so no secret goes to Secure Storage
        Path clientKey = directory.resolve(CLIENT_KEY_FILE);
        List<PublicKey> keys = new ArrayList<>(authorizedKeys);
        keys.add(org.sstpdoctor.lab.ssh.LabSshServer.loadOrCreateKey(clientKey).getPublic());
        LabCertificates pki = LabCertificates.create(directory.resolve("roots"));
        char[] password = newPassword();
        List<LabHost> hosts = new ArrayList<>();
        try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<LabHost>> started = new ArrayList<>();
            for (LabScenario scenario : LabScenario.values()) {
                started.add(starters.submit(() -> LabHost.start(scenario, pki, hostKeys, USER, password, keys)));
            }
            IOException failure = null;
            for (Future<LabHost> f : started) {
                try {
                    hosts.add(f.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof IOException io ? io
                                : new IOException("a lab host could not start: " + e.getCause(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new IOException("interrupted while starting the lab", e);
                }
            }
            if (failure != null) {
                hosts.forEach(LabHost::close);
                pki.close();
                throw failure;
            }
        }
        Lab lab = new Lab(directory, pki, hosts, password);
        try {
            lab.writeState();
        } catch (IOException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private static char[] newPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        char[] p = new char[24];
        for (int i = 0; i < p.length; i++) {
            p[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return p;
    }

    /** Writes {@code lab.json}: every host's endpoints and fault. */
    private void writeState() throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("simulated", true);
        root.addProperty("user", USER);
        root.addProperty("roots", rootsFolder().toString());
        JsonArray list = new JsonArray();
        for (LabHost h : hosts) {
            JsonObject o = new JsonObject();
            o.addProperty("name", h.name());
            o.addProperty("scenario", h.scenario().kbScenario());
            o.addProperty("fault", h.scenario().fault() + " (simulated)");
            o.addProperty("sstp", "127.0.0.1:" + h.sstpPort());
            h.sstpPortIpv6().ifPresent(p -> o.addProperty("sstpIpv6", "[::1]:" + p));
            o.addProperty("ssh", "127.0.0.1:" + h.sshPort());
            o.addProperty("winrm", h.winRmEndpoint().toString());
            list.add(o);
        }
        root.add("hosts", list);
        LabFiles.write(directory.resolve("lab.json"), new GsonBuilder().setPrettyPrinting().create().toJson(root)
                + "\n");
    }

    /** The lab's folder. */
    public Path directory() {
        return directory;
    }

    /** The folder with the root certificate the lab's clients trust. */
    public Path rootsFolder() {
        return directory.resolve("roots");
    }

    /** The hosts, in {@link LabScenario} order. */
    public List<LabHost> hosts() {
        return hosts;
    }

    /** The host of {@code scenario}. */
    public LabHost host(LabScenario scenario) {
        return hosts.stream().filter(h -> h.scenario() == scenario).findFirst().orElseThrow();
    }

    /** The host named {@code name}. */
    public Optional<LabHost> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** The password of {@value #USER} on every host (a copy; clear it after use). */
    public char[] password() {
        return password.clone();
    }

    /** Every host's endpoints and fault, one line each, for people. */
    public String describe() {
        StringBuilder out = new StringBuilder("Practice lab (simulated) in " + directory + ", user " + USER
                + "; clients trust the roots in " + rootsFolder() + "\n");
        for (LabHost h : hosts) {
            out.append("  ").append(h.describe()).append('\n');
        }
        return out.toString();
    }

    /** Stops every host and the lab's CRL server. */
    @Override
    public void close() {
        hosts.forEach(LabHost::close);
        pki.close();
        Arrays.fill(password, '\0');
    }
}
