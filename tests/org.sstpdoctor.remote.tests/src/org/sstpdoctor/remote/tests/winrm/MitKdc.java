package org.sstpdoctor.remote.tests.winrm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real MIT Kerberos KDC (Debian's krb5-kdc) for one test class: a new realm database in a temporary folder the test
 * owns, a user with a password, service principals with their keys in a keytab in that folder, and {@code krb5kdc -n}
 * listening on loopback on a free port. Everything it reads and writes is in that folder (KRB5_CONFIG and
 * KRB5_KDC_PROFILE point there); the KDC process is stopped by {@link #close()}. When the KDC programs are missing the
 * test fails and says how to install them.
 */
final class MitKdc implements AutoCloseable {

    static final String REALM = "SSTP.TEST";
    private static final Path KRB5KDC = Path.of("/usr/sbin/krb5kdc");
    private static final Path KDB5_UTIL = Path.of("/usr/sbin/kdb5_util");
    private static final Path KADMIN_LOCAL = Path.of("/usr/sbin/kadmin.local");

    final Path dir;
    final int port;
    /** The client configuration: this realm and this KDC, no DNS. */
    final Path krb5Conf;
    /** The keys of the service principals. */
    final Path keytab;
    private final Map<String, String> env;
    private final Process process;

    private MitKdc(Path dir, int port, Path krb5Conf, Path keytab, Map<String, String> env, Process process) {
        this.dir = dir;
        this.port = port;
        this.krb5Conf = krb5Conf;
        this.keytab = keytab;
        this.env = env;
        this.process = process;
    }

    /** The KDC as a WinRM channel option or builder argument: {@code 127.0.0.1:port}. */
    String kdc() {
        return "127.0.0.1:" + port;
    }

    /**
     * Creates the realm and starts the KDC.
     *
     * @param users    user name, password pairs
     * @param services service principals (without realm) whose keys go into {@link #keytab}
     */
    static MitKdc start(Path dir, List<String[]> users, List<String> services) throws Exception {
        for (Path p : List.of(KRB5KDC, KDB5_UTIL, KADMIN_LOCAL)) {
            assertTrue(Files.isExecutable(p), p + " is missing: the Kerberos tests need a real MIT KDC; install it"
                    + " with apt-get install -y --no-install-recommends krb5-kdc krb5-admin-server krb5-user"
                    + " (./sstpdoctor test installs them as root on Debian)");
        }
        int port = freePort();
        Path db = dir.resolve("principal");
        Path kdcConf = dir.resolve("kdc.conf");
        Files.writeString(kdcConf, "[kdcdefaults]\n kdc_listen = 127.0.0.1:" + port + "\n kdc_tcp_listen = 127.0.0.1:"
                + port + "\n[realms]\n " + REALM + " = {\n  database_name = " + db + "\n  key_stash_file = "
                + dir.resolve("stash") + "\n  acl_file = " + dir.resolve("kadm5.acl") + "\n  kdc_listen = 127.0.0.1:"
                + port + "\n  kdc_tcp_listen = 127.0.0.1:" + port + "\n  max_life = 1h\n }\n[logging]\n kdc = FILE:"
                + dir.resolve("kdc.log") + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("kadm5.acl"), "", StandardCharsets.UTF_8);
        Path krb5Conf = dir.resolve("krb5.conf");
        Files.writeString(krb5Conf, "[libdefaults]\n default_realm = " + REALM + "\n dns_lookup_kdc = false\n"
                + " dns_lookup_realm = false\n dns_canonicalize_hostname = false\n rdns = false\n"
                + " udp_preference_limit = 1\n[realms]\n " + REALM + " = {\n  kdc = 127.0.0.1:" + port + "\n }\n",
                StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("KRB5_CONFIG", krb5Conf.toString(), "KRB5_KDC_PROFILE", kdcConf.toString());
        byte[] master = new byte[16];
        new SecureRandom().nextBytes(master);
        run(dir, env, KDB5_UTIL.toString(), "create", "-s", "-W", "-r", REALM, "-P", HexFormat.of().formatHex(master));
        for (String[] user : users) {
            run(dir, env, KADMIN_LOCAL.toString(), "-r", REALM, "-q", "addprinc -pw " + user[1] + " " + user[0]);
        }
        Path keytab = dir.resolve("service.keytab");
        for (String service : services) {
            run(dir, env, KADMIN_LOCAL.toString(), "-r", REALM, "-q", "addprinc -randkey " + service);
            run(dir, env, KADMIN_LOCAL.toString(), "-r", REALM, "-q", "ktadd -k " + keytab + " " + service);
        }
        ProcessBuilder pb = new ProcessBuilder(KRB5KDC.toString(), "-n", "-r", REALM).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("krb5kdc.out").toFile());
        pb.environment().putAll(env);
        Process process = pb.start();
        MitKdc kdc = new MitKdc(dir, port, krb5Conf, keytab, env, process);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return kdc;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() - until > 0) {
                    kdc.close();
                    fail("krb5kdc did not start: " + read(dir.resolve("krb5kdc.out")) + read(dir.resolve("kdc.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    /** A port free for both TCP and UDP on loopback (the KDC listens on both). */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            try (DatagramSocket u = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no port free for both TCP and UDP on loopback");
    }

    /** Runs a Kerberos tool with this realm's configuration; returns its output. */
    String tool(String stdin, String... command) throws Exception {
        return exec(dir, env, stdin, command);
    }

    private static String run(Path dir, Map<String, String> env, String... command) throws Exception {
        return exec(dir, env, null, command);
    }

    private static String exec(Path dir, Map<String, String> env, String stdin, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command[0] + " did not finish in 60 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> command[0] + " " + command[1] + " failed: " + text);
        return text;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
