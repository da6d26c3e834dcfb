package org.sstpdoctor.remote.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.sstpdoctor.remote.PowerShell;

/**
 * Debian's OpenSSH server, started by a test on 127.0.0.1 with a configuration, host key and
 * authorized keys of its own in a temporary folder; it logs in the user running the tests (root,
 * as the test run is). No Linux server has powershell.exe, so sshd's ForceCommand runs
 * {@value #FAKE_POWERSHELL}, which stands in for it: it records the exec request as received,
 * refuses anything but SSTP Doctor's PowerShell command line, decodes the -EncodedCommand as
 * powershell.exe does (base64, then UTF-16LE, with base64 and iconv), checks that the script starts
 * with SSTP Doctor's preamble line, and runs the rest of the script with /bin/sh. Each request
 * works in a folder of its own; the last one's request and script are copied beside the
 * configuration for the tests to read.
 */
final class OpenSshServer implements AutoCloseable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");
    static final String FAKE_POWERSHELL = "fake-powershell.sh";

    final Path dir;
    final int port;
    final String user;
    final Path hostKey;
    final Path authorizedKeys;
    private final Process process;

    private OpenSshServer(Path dir, int port, String user, Path hostKey, Path authorizedKeys, Process process) {
        this.dir = dir;
        this.port = port;
        this.user = user;
        this.hostKey = hostKey;
        this.authorizedKeys = authorizedKeys;
        this.process = process;
    }

    /** Starts a server in {@code dir} that accepts the public keys {@code authorized}. */
    static OpenSshServer start(Path dir, List<Path> authorized) throws Exception {
        if (!Files.isExecutable(SSHD)) {
            fail("Debian's OpenSSH server is missing: " + SSHD + " does not exist. './sstpdoctor test' installs it as "
                    + "root (package openssh-server); otherwise run: apt-get install --no-install-recommends "
                    + "openssh-server");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path privsep = Path.of("/run/sshd");
        if (root && !Files.isDirectory(privsep)) {
            // sshd's privilege separation directory; the ssh service creates it at boot, and no
            // service runs here. Creating it is all sshd needs.
            Files.createDirectories(privsep);
        }
        Path hostKey = Processes.keygen(dir, "ssh_host_ecdsa_key", "ecdsa", "");
        Path authorizedKeys = dir.resolve("authorized_keys");
        StringBuilder keys = new StringBuilder();
        for (Path key : authorized) {
            keys.append(Files.readString(KnownHostsTest.pub(key)).strip()).append('\n');
        }
        Files.writeString(authorizedKeys, keys);
        Files.writeString(dir.resolve("expected-preamble.txt"), PowerShell.PREAMBLE + "\n", StandardCharsets.UTF_8);
        Path fake = dir.resolve(FAKE_POWERSHELL);
        Files.writeString(fake, String.join("\n",
                "#!/bin/sh",
                "dir='" + dir + "'",
                "run=$(mktemp -d \"$dir/run.XXXXXX\") || exit 124 # one folder per request: they may run at once",
                "printf '%s' \"$SSH_ORIGINAL_COMMAND\" > \"$run/exec.txt\"",
                "cp \"$run/exec.txt\" \"$dir/last-exec.txt\"",
                "set -f",
                "set -- $SSH_ORIGINAL_COMMAND",
                "if [ \"$#\" -ne 7 ] || [ \"$1 $2 $3 $4 $5 $6\" != "
                        + "'powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand' ]; then",
                "  echo 'fake powershell: not the expected command line' >&2",
                "  exit 127",
                "fi",
                "printf '%s' \"$7\" | base64 -d | iconv -f UTF-16LE -t UTF-8 > \"$run/script.txt\" || exit 126",
                "head -n 1 \"$run/script.txt\" > \"$run/preamble.txt\"",
                "if ! cmp -s \"$run/preamble.txt\" \"$dir/expected-preamble.txt\"; then",
                "  echo 'fake powershell: the script does not start with the preamble' >&2",
                "  exit 125",
                "fi",
                "tail -n +2 \"$run/script.txt\" > \"$run/body.sh\"",
                "cp \"$run/body.sh\" \"$dir/last-body.sh\"",
                "exec /bin/sh \"$run/body.sh\"",
                ""), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        String user = System.getProperty("user.name");

        for (int attempt = 1;; attempt++) {
            int port = freePort();
            Path config = dir.resolve("sshd_config");
            Files.writeString(config, String.join("\n",
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + hostKey,
                    "PidFile " + dir.resolve("sshd.pid"),
                    "AuthorizedKeysFile " + authorizedKeys,
                    "UsePAM no",
                    "StrictModes no",
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PermitRootLogin prohibit-password",
                    "AllowUsers " + user,
                    "ForceCommand " + fake,
                    "PrintMotd no",
                    "MaxStartups 50",
                    "LogLevel VERBOSE",
                    ""));
            Path log = dir.resolve("sshd.log");
            Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (awaitBanner(port, process)) {
                return new OpenSshServer(dir, port, user, hostKey, authorizedKeys, process);
            }
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
            String output = Files.readString(log);
            if (attempt == 3 || !output.contains("Address already in use")) {
                fail("sshd did not start: " + output);
            }
        }
    }

    /** The exec request text the server received last. */
    String lastExec() throws IOException {
        return Files.readString(dir.resolve("last-exec.txt"), StandardCharsets.UTF_8);
    }

    /** The script the fake powershell.exe decoded last, without the preamble line. */
    String lastBody() throws IOException {
        return Files.readString(dir.resolve("last-body.sh"), StandardCharsets.UTF_8);
    }

    /** The server's log. */
    String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"), StandardCharsets.UTF_8);
    }

    /** The host key's public half, as a known_hosts line for this server. */
    String knownHostsLine() throws IOException {
        String[] pub = Files.readString(KnownHostsTest.pub(hostKey)).strip().split(" ");
        return "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1];
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    /** Waits until the server greets a connection with its SSH identification, or dies. */
    private static boolean awaitBanner(int port, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket.setSoTimeout(2000);
                InputStream in = socket.getInputStream();
                byte[] greeting = new byte[4];
                if (in.readNBytes(greeting, 0, 4) == 4 && new String(greeting, StandardCharsets.US_ASCII).equals("SSH-")) {
                    return true;
                }
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        return false;
    }
}
