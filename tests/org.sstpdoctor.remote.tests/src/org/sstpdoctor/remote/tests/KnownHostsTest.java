package org.sstpdoctor.remote.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.remote.ssh.KnownHosts;
import org.sstpdoctor.remote.ssh.KnownHosts.Status;

/**
 * SSTP Doctor's known-hosts file, held to OpenSSH's own tools: keys and fingerprints come from
 * ssh-keygen, a hashed file from {@code ssh-keygen -H}.
 */
class KnownHostsTest {

    @TempDir
    Path temp;

    private Path file;
    private KnownHosts knownHosts;
    private Path keyA;
    private Path keyB;

    @BeforeEach
    void keys() throws Exception {
        file = temp.resolve("state/known_hosts");
        knownHosts = new KnownHosts(file);
        keyA = Processes.keygen(temp, "a", "ecdsa", "");
        keyB = Processes.keygen(temp, "b", "ecdsa", "");
    }

    @Test
    void aMissingFileKnowsNothing() throws Exception {
        assertEquals(Status.UNKNOWN, knownHosts.check("vpn1.contoso.com", 22, publicKey(keyA)).status());
        assertFalse(Files.exists(file));
    }

    @Test
    void anAddedKeyIsTrustedForItsHostAndPortOnly() throws Exception {
        knownHosts.add("VPN1.contoso.com", 2222, publicKey(keyA));
        knownHosts.add("vpn2.contoso.com", 22, publicKey(keyA));

        String[] lines = Files.readString(file).split("\n");
        String[] pub = Files.readString(pub(keyA)).strip().split(" ");
        assertEquals("[vpn1.contoso.com]:2222 " + pub[0] + " " + pub[1], lines[0]);
        assertEquals("vpn2.contoso.com " + pub[0] + " " + pub[1], lines[1]);
        assertEquals(Status.TRUSTED, knownHosts.check("vpn1.contoso.com", 2222, publicKey(keyA)).status());
        assertEquals(Status.TRUSTED, knownHosts.check("Vpn1.Contoso.Com", 2222, publicKey(keyA)).status());
        assertEquals(Status.UNKNOWN, knownHosts.check("vpn1.contoso.com", 22, publicKey(keyA)).status());
        assertEquals(Status.UNKNOWN, knownHosts.check("vpn3.contoso.com", 2222, publicKey(keyA)).status());
        assertEquals(Status.TRUSTED, knownHosts.check("vpn2.contoso.com", 22, publicKey(keyA)).status());
    }

    @Test
    void anotherKeyForAKnownHostIsAChangeThatNamesTheKnownKey() throws Exception {
        knownHosts.add("10.0.0.1", 22, publicKey(keyA));

        KnownHosts.Verdict verdict = knownHosts.check("10.0.0.1", 22, publicKey(keyB));

        assertEquals(Status.CHANGED, verdict.status());
        assertEquals(1, verdict.knownKeys().size());
        assertEquals(Processes.fingerprint(pub(keyA)), KnownHosts.fingerprint(verdict.knownKeys().get(0)));
    }

    @Test
    void fingerprintsAreThoseSshKeygenPrints() throws Exception {
        assertEquals(Processes.fingerprint(pub(keyA)), KnownHosts.fingerprint(publicKey(keyA)));
        Path rsa = Processes.keygen(temp, "rsa", "rsa", "");
        assertEquals(Processes.fingerprint(pub(rsa)), KnownHosts.fingerprint(publicKey(rsa)));
        assertEquals("ssh-rsa", KnownHosts.keyType(publicKey(rsa)));
    }

    @Test
    void linesHashedBySshKeygenAreRead() throws Exception {
        knownHosts.add("vpn1.contoso.com", 2222, publicKey(keyA));
        knownHosts.add("vpn2.contoso.com", 22, publicKey(keyB));
        Processes.run(temp, "ssh-keygen", "-H", "-f", file.toString());
        assertTrue(Files.readString(file).startsWith("|1|"), Files.readString(file));

        assertEquals(Status.TRUSTED, knownHosts.check("vpn1.contoso.com", 2222, publicKey(keyA)).status());
        assertEquals(Status.CHANGED, knownHosts.check("vpn1.contoso.com", 2222, publicKey(keyB)).status());
        assertEquals(Status.TRUSTED, knownHosts.check("vpn2.contoso.com", 22, publicKey(keyB)).status());
        assertEquals(Status.UNKNOWN, knownHosts.check("vpn2.contoso.com", 2222, publicKey(keyB)).status());
    }

    @Test
    void aRevokedKeyIsRevokedEvenWhenAlsoListed() throws Exception {
        knownHosts.add("vpn1.contoso.com", 22, publicKey(keyA));
        String pub = Files.readString(pub(keyA)).strip();
        Files.writeString(file, Files.readString(file) + "@revoked * " + pub + "\n");

        assertEquals(Status.REVOKED, knownHosts.check("vpn1.contoso.com", 22, publicKey(keyA)).status());
        assertEquals(Status.REVOKED, knownHosts.check("other", 22, publicKey(keyA)).status());
    }

    @Test
    void linesThatCannotBeReadTrustNothing() throws Exception {
        String pubA = Files.readString(pub(keyA)).strip();
        String[] parts = pubA.split(" ");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n",
                "# a comment",
                "garbage",
                "vpn1.contoso.com",
                "vpn1.contoso.com " + parts[0] + " " + parts[1].substring(0, 40),
                "vpn1.contoso.com ssh-unknown AAAAB3NzaC1yc2E=",
                "vpn1.contoso.com " + parts[0] + " !!!notbase64!!!",
                "\u0000\u0001 binary") + "\n", StandardCharsets.UTF_8);

        assertEquals(Status.UNKNOWN, knownHosts.check("vpn1.contoso.com", 22, publicKey(keyA)).status());

        Files.writeString(file, Files.readString(file) + "vpn1.contoso.com " + pubA + "\n");
        assertEquals(Status.TRUSTED, knownHosts.check("vpn1.contoso.com", 22, publicKey(keyA)).status());
    }

    @Test
    void removingForgetsOnlyThatHostAndPort() throws Exception {
        knownHosts.add("vpn1.contoso.com", 22, publicKey(keyA));
        knownHosts.add("vpn1.contoso.com", 2222, publicKey(keyA));

        assertEquals(1, knownHosts.remove("vpn1.contoso.com", 22));

        assertEquals(Status.UNKNOWN, knownHosts.check("vpn1.contoso.com", 22, publicKey(keyB)).status());
        assertEquals(Status.TRUSTED, knownHosts.check("vpn1.contoso.com", 2222, publicKey(keyA)).status());
        assertEquals(0, knownHosts.remove("vpn1.contoso.com", 22));
    }

    @Test
    void concurrentAddsAreAllKept() throws Exception {
        PublicKey key = publicKey(keyA);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> adds = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int port = 10000 + i;
                adds.add(pool.submit(() -> {
                    new KnownHosts(file).add("127.0.0.1", port, key);
                    return null;
                }));
            }
            for (Future<?> add : adds) {
                add.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(40, Files.readAllLines(file).size());
        for (int i = 0; i < 40; i++) {
            assertEquals(Status.TRUSTED, knownHosts.check("127.0.0.1", 10000 + i, key).status());
        }
        try (var leftovers = Files.list(file.getParent())) {
            assertEquals(List.of(file), leftovers.toList(), "no temporary file is left behind");
        }
    }

    static Path pub(Path key) {
        return key.resolveSibling(key.getFileName() + ".pub");
    }

    /** The public key of an ssh-keygen key pair, read from its .pub file. */
    static PublicKey publicKey(Path key) throws Exception {
        String line = Files.readString(pub(key)).strip();
        return PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
    }
}
