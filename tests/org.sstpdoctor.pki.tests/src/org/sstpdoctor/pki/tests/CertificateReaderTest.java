package org.sstpdoctor.pki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sstpdoctor.pki.CertificateFormat;
import org.sstpdoctor.pki.CertificateFormatException;
import org.sstpdoctor.pki.CertificateFormatException.Reason;
import org.sstpdoctor.pki.CertificateReader;
import org.sstpdoctor.pki.CertificateWriter;
import org.sstpdoctor.pki.CsrBuilder;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.pki.KeyType;
import org.sstpdoctor.pki.LoadedCertificates;
import org.sstpdoctor.pki.PasswordProvider;

/** Reading every format the reader knows, and refusing everything else with a clear reason. */
class CertificateReaderTest {

    private static final IssuedCertificate SERVER = TestPki.ISSUING.issue("vpn.contoso.com")
            .dnsNames("vpn.contoso.com").build();
    private static final List<X509Certificate> CHAIN = SERVER.chain();
    private static final char[] PASSWORD = "Pa55word!".toCharArray();

    private final CertificateReader reader = new CertificateReader();

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static Stream<Arguments> goodInputs() throws Exception {
        byte[] der = CertificateWriter.der(SERVER.certificate());
        String pemChain = CertificateWriter.pem(CHAIN);
        String key = CertificateWriter.privateKeyPem(SERVER.privateKey());
        byte[] concatenated = concat(CertificateWriter.der(CHAIN.get(0)), CertificateWriter.der(CHAIN.get(1)),
                CertificateWriter.der(CHAIN.get(2)));
        return Stream.of(
                Arguments.of("one PEM certificate", ascii(CertificateWriter.pem(SERVER.certificate())),
                        CertificateFormat.PEM, 1),
                Arguments.of("a PEM chain", ascii(pemChain), CertificateFormat.PEM, 3),
                Arguments.of("PEM with CRLF line ends", ascii(pemChain.replace("\n", "\r\n")), CertificateFormat.PEM, 3),
                Arguments.of("PEM in text with a key block", ascii("Subject: vpn\nIssuer: lab\n\n" + key + pemChain
                        + "\n-- \nsent from my phone\n"), CertificateFormat.PEM, 3),
                Arguments.of("PEM with a UTF-8 BOM", concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF },
                        ascii(pemChain)), CertificateFormat.PEM, 3),
                Arguments.of("OpenSSL X509 CERTIFICATE label",
                        ascii(CertificateWriter.pem(SERVER.certificate()).replace("CERTIFICATE", "X509 CERTIFICATE")),
                        CertificateFormat.PEM, 1),
                Arguments.of("one DER certificate", der, CertificateFormat.DER, 1),
                Arguments.of("DER with a trailing newline", concat(der, ascii("\r\n")), CertificateFormat.DER, 1),
                Arguments.of("concatenated DER certificates", concatenated, CertificateFormat.DER, 3),
                Arguments.of("base 64 without armour", ascii(java.util.Base64.getMimeEncoder().encodeToString(der)),
                        CertificateFormat.DER, 1),
                Arguments.of("PKCS#7 DER (.p7b)", CertificateWriter.pkcs7(CHAIN), CertificateFormat.PKCS7_DER, 3),
                Arguments.of("PKCS#7 PEM", ascii(CertificateWriter.pkcs7Pem(CHAIN)), CertificateFormat.PKCS7_PEM, 3),
                Arguments.of("PKCS#12 with an empty password",
                        CertificateWriter.pkcs12(SERVER.privateKey(), CHAIN, "vpn", new char[0]),
                        CertificateFormat.PKCS12, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodInputs")
    void readsEveryFormatAndDetectsIt(String name, byte[] input, CertificateFormat format, int count) throws Exception {
        LoadedCertificates loaded = reader.read(input, name);
        assertEquals(format, loaded.format(), name);
        assertEquals(count, loaded.certificates().size(), name);
        assertTrue(loaded.certificates().contains(SERVER.certificate()), name);
        if (count == 3 && (format == CertificateFormat.PEM || format == CertificateFormat.DER)) {
            assertEquals(CHAIN, loaded.certificates(), "order kept: " + name);
        } else if (count == 3) {
            // PKCS#7 keeps its certificates in a DER SET OF: sorted, not in chain order.
            assertEquals(Set.copyOf(CHAIN), Set.copyOf(loaded.certificates()), name);
        }
    }

    @Test
    void pemKeepsWhatItIgnored() throws Exception {
        String text = CertificateWriter.privateKeyPem(SERVER.privateKey())
                + CertificateWriter.pem(SERVER.certificate()) + CsrBuilder.forSubject("CN=x").keyType(KeyType.EC_P256)
                        .build().pem();
        LoadedCertificates loaded = reader.read(ascii(text), "mixed.pem");
        assertEquals(1, loaded.certificates().size());
        assertEquals(2, loaded.ignored().size(), loaded.ignored().toString());
        assertTrue(loaded.ignored().get(0).contains("PRIVATE KEY"), loaded.ignored().toString());
        assertTrue(loaded.ignored().get(1).contains("CERTIFICATE REQUEST"), loaded.ignored().toString());
    }

    @Test
    void pfxAsksForItsPasswordAndReportsTheKey() throws Exception {
        byte[] pfx = CertificateWriter.pkcs12(SERVER.privateKey(), CHAIN, "vpn", PASSWORD);
        AtomicInteger asked = new AtomicInteger();
        CertificateReader withPassword = new CertificateReader((source, format) -> {
            asked.incrementAndGet();
            assertEquals("server.pfx", source);
            assertEquals(CertificateFormat.PKCS12, format);
            return PASSWORD.clone();
        });
        LoadedCertificates loaded = withPassword.read(pfx, "server.pfx");
        assertEquals(CertificateFormat.PKCS12, loaded.format());
        assertEquals(CHAIN, loaded.certificates(), "the key entry's chain, leaf first");
        assertTrue(loaded.containsPrivateKey());
        assertEquals(1, asked.get());
    }

    @Test
    void pfxWithTheWrongPasswordSaysSo() {
        byte[] pfx = CertificateWriter.pkcs12(SERVER.privateKey(), CHAIN, "vpn", PASSWORD);
        CertificateFormatException e = assertThrows(CertificateFormatException.class,
                () -> new CertificateReader(PasswordProvider.of("wrong".toCharArray())).read(pfx, "server.pfx"));
        assertEquals(Reason.WRONG_PASSWORD, e.reason());
        assertEquals(CertificateFormat.PKCS12, e.format());
        assertTrue(e.getMessage().contains("server.pfx") && e.getMessage().contains("PKCS#12")
                && e.getMessage().contains("password is wrong"), e.getMessage());
    }

    @Test
    void pfxWithoutAPasswordProviderNeedsOne() {
        byte[] pfx = CertificateWriter.pkcs12(SERVER.privateKey(), CHAIN, "vpn", PASSWORD);
        CertificateFormatException e = assertThrows(CertificateFormatException.class, () -> reader.read(pfx, "s.pfx"));
        assertEquals(Reason.PASSWORD_REQUIRED, e.reason());
        CertificateFormatException cancelled = assertThrows(CertificateFormatException.class,
                () -> new CertificateReader((s, f) -> null).read(pfx, "s.pfx"));
        assertEquals(Reason.PASSWORD_REQUIRED, cancelled.reason());
    }

    @Test
    void passwordArrayIsClearedAfterUse() throws Exception {
        byte[] pfx = CertificateWriter.pkcs12(SERVER.privateKey(), CHAIN, "vpn", PASSWORD);
        char[][] given = new char[1][];
        new CertificateReader((s, f) -> given[0] = PASSWORD.clone()).read(pfx, "s.pfx");
        char[] zeros = new char[PASSWORD.length];
        assertTrue(Arrays.equals(zeros, given[0]), "the reader wipes the password it was given");
    }

    @Test
    void javaKeystoreIsReadWithoutItsPassword() throws Exception {
        KeyStore jks = KeyStore.getInstance("JKS");
        jks.load(null, null);
        jks.setCertificateEntry("root", TestPki.ROOT.certificate());
        jks.setCertificateEntry("issuing", TestPki.ISSUING.certificate());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        jks.store(out, "changeit".toCharArray());
        LoadedCertificates loaded = reader.read(out.toByteArray(), "trust.jks");
        assertEquals(CertificateFormat.JAVA_KEYSTORE, loaded.format());
        assertEquals(2, loaded.certificates().size());
        assertFalse(loaded.containsPrivateKey());
    }

    @Test
    void readsFilesAndStreams(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chain.p7b");
        Files.write(file, CertificateWriter.pkcs7(CHAIN));
        assertEquals(3, reader.read(file).certificates().size());
        assertEquals(3, reader.read(new ByteArrayInputStream(Files.readAllBytes(file)), "stream").certificates().size());
        CertificateFormatException missing = assertThrows(CertificateFormatException.class,
                () -> reader.read(dir.resolve("nope.cer")));
        assertEquals(Reason.UNREADABLE, missing.reason());
        assertTrue(missing.getMessage().contains("nope.cer"), missing.getMessage());
    }

    static Stream<Arguments> badInputs() throws Exception {
        byte[] der = CertificateWriter.der(SERVER.certificate());
        String pem = CertificateWriter.pem(SERVER.certificate());
        byte[] p7 = CertificateWriter.pkcs7(CHAIN);
        byte[] pfx = CertificateWriter.pkcs12(SERVER.privateKey(), CHAIN, "vpn", new char[0]);
        byte[] random = new byte[2000];
        new Random(42).nextBytes(random);
        random[0] = 0x17;
        byte[] sequenceGarbage = der.clone();
        for (int i = 20; i < sequenceGarbage.length; i++) {
            sequenceGarbage[i] = (byte) (i * 31);
        }
        byte[] crl = TestPki.ISSUING.crl().build().getEncoded();
        byte[] csr = CsrBuilder.forSubject("CN=vpn").keyType(KeyType.EC_P256).build().der();
        return Stream.of(
                Arguments.of("empty", new byte[0], Reason.EMPTY, CertificateFormat.UNKNOWN, "empty"),
                Arguments.of("white space", ascii(" \r\n\t "), Reason.EMPTY, CertificateFormat.UNKNOWN, "empty"),
                Arguments.of("random bytes", random, Reason.UNRECOGNIZED, CertificateFormat.UNKNOWN, "starts with 17"),
                Arguments.of("plain text", ascii("hello, this is not a certificate"), Reason.UNRECOGNIZED,
                        CertificateFormat.UNKNOWN, "not a certificate"),
                Arguments.of("truncated DER", Arrays.copyOf(der, der.length / 2), Reason.TRUNCATED,
                        CertificateFormat.DER, "truncated"),
                Arguments.of("DER with garbage inside", sequenceGarbage, Reason.MALFORMED, CertificateFormat.DER,
                        "not a valid X.509 certificate"),
                Arguments.of("DER followed by junk", concat(der, ascii("JUNK")), Reason.MALFORMED,
                        CertificateFormat.DER, "unexpected bytes"),
                Arguments.of("a CRL", crl, Reason.NO_CERTIFICATES, CertificateFormat.DER, "revocation list"),
                Arguments.of("a CSR", csr, Reason.NO_CERTIFICATES, CertificateFormat.DER, "certificate request"),
                Arguments.of("PEM without END", ascii(pem.substring(0, pem.indexOf("-----END"))), Reason.TRUNCATED,
                        CertificateFormat.PEM, "no END line"),
                Arguments.of("PEM cut in the middle", ascii(pem.substring(0, pem.length() / 2)), Reason.TRUNCATED,
                        CertificateFormat.PEM, "truncated"),
                Arguments.of("PEM with a bad character", ascii(pem.replaceFirst("\n(.)", "\n!")), Reason.MALFORMED,
                        CertificateFormat.PEM, "not valid base 64"),
                Arguments.of("PEM with lines missing", ascii(dropLine(pem, 3)), Reason.TRUNCATED,
                        CertificateFormat.PEM, "declares"),
                Arguments.of("PEM of a key only", ascii(CertificateWriter.privateKeyPem(SERVER.privateKey())),
                        Reason.NO_CERTIFICATES, CertificateFormat.PEM, "PRIVATE KEY"),
                Arguments.of("PEM END of another label",
                        ascii(pem.replace("END CERTIFICATE", "END PRIVATE KEY")), Reason.TRUNCATED,
                        CertificateFormat.PEM, "ends with"),
                Arguments.of("truncated PKCS#7", Arrays.copyOf(p7, p7.length - 40), Reason.TRUNCATED,
                        CertificateFormat.PKCS7_DER, "truncated"),
                Arguments.of("PKCS#7 of data, not SignedData", pkcs7Data(), Reason.MALFORMED,
                        CertificateFormat.PKCS7_DER, "PKCS#7"),
                Arguments.of("truncated PKCS#12", Arrays.copyOf(pfx, pfx.length - 100), Reason.TRUNCATED,
                        CertificateFormat.PKCS12, "truncated"),
                Arguments.of("PKCS#12 with a tampered MAC", flipLast(pfx), Reason.PASSWORD_REQUIRED,
                        CertificateFormat.PKCS12, "password"),
                Arguments.of("PKCS#12 of garbage", new byte[] { 0x30, 0x08, 0x02, 0x01, 0x03, 0x30, 0x03, 0x02, 0x01,
                        0x00 }, Reason.MALFORMED, CertificateFormat.PKCS12, "cannot be opened"),
                Arguments.of("a JKS magic and nothing else", new byte[] { (byte) 0xFE, (byte) 0xED, (byte) 0xFE,
                        (byte) 0xED, 0, 0, 0, 2 }, Reason.MALFORMED, CertificateFormat.JAVA_KEYSTORE, "cannot be opened"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void refusesBadInputWithAClearReason(String name, byte[] input, Reason reason, CertificateFormat format,
            String fragment) {
        CertificateFormatException e = assertThrows(CertificateFormatException.class, () -> reader.read(input, name));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(format, e.format(), e.getMessage());
        assertTrue(e.getMessage().startsWith(name + ": "), "names the source: " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "says why (" + fragment + "): " + e.getMessage());
        if (format != CertificateFormat.UNKNOWN) {
            assertTrue(e.getMessage().contains(format.displayName()), "names the format: " + e.getMessage());
        }
    }

    static Stream<Arguments> mutationSeeds() {
        return Stream.of(Arguments.of("DER", 400), Arguments.of("PEM", 400), Arguments.of("P7B", 400),
                Arguments.of("PFX", 40));
    }

    /** Flipped, dropped, duplicated and cut bytes: the reader reads or refuses, it never throws anything else. */
    @ParameterizedTest(name = "{1} mutations of {0}")
    @MethodSource("mutationSeeds")
    void mutatedInputNeverCrashesTheReader(String kind, int rounds) {
        byte[] original = switch (kind) {
        case "DER" -> CertificateWriter.der(SERVER.certificate());
        case "PEM" -> ascii(CertificateWriter.pem(CHAIN));
        case "P7B" -> CertificateWriter.pkcs7(CHAIN);
        default -> CertificateWriter.pkcs12(SERVER.privateKey(), CHAIN, "vpn", new char[0]);
        };
        Random random = new Random(kind.hashCode());
        int refused = 0;
        for (int round = 0; round < rounds; round++) {
            byte[] data = original.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(data.length);
                switch (random.nextInt(4)) {
                case 0 -> data[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> data[at] = (byte) random.nextInt(256);
                case 2 -> data = Arrays.copyOf(data, Math.max(1, at));
                default -> data = concat(Arrays.copyOf(data, at), Arrays.copyOfRange(data, Math.max(0, at - 7), data.length));
                }
            }
            try {
                reader.read(data, "mutant " + round);
            } catch (CertificateFormatException expected) {
                refused++;
                assertTrue(expected.getMessage().startsWith("mutant " + round + ": "), expected.getMessage());
            }
        }
        assertTrue(refused > rounds / 4, "most mutants are refused: " + refused + " of " + rounds);
    }

    @Test
    void refusesInputOverTheLimitBeforeParsing(@TempDir Path dir) throws Exception {
        CertificateReader small = reader.withMaxInputBytes(1000);
        byte[] big = ascii(CertificateWriter.pem(CHAIN));
        CertificateFormatException e = assertThrows(CertificateFormatException.class, () -> small.read(big, "big"));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("limit of 1000 bytes"), e.getMessage());
        Path file = dir.resolve("big.pem");
        Files.write(file, big);
        assertEquals(Reason.TOO_LARGE, assertThrows(CertificateFormatException.class, () -> small.read(file)).reason());
        assertEquals(Reason.TOO_LARGE, assertThrows(CertificateFormatException.class,
                () -> small.read(new ByteArrayInputStream(new byte[50_000_000]), "endless")).reason());
        assertEquals(10L * 1024 * 1024, reader.maxInputBytes());
    }

    @Test
    void readsTheChainATlsServerPresents() throws Exception {
        IssuedCertificate server = TestPki.ISSUING.issue("localhost").dnsNames("localhost").build();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", server.privateKey(), PASSWORD,
                server.presentedChain().toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", TestPki.ROOT.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread accept = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.startHandshake();
                    s.getOutputStream().write(1);
                } catch (Exception e) {
                    // the test fails on the client side
                }
            });
            accept.start();
            try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory().createSocket("127.0.0.1",
                    listener.getLocalPort())) {
                client.setSoTimeout(10_000);
                client.startHandshake();
                List<X509Certificate> presented = CertificateReader.fromSession(client.getSession());
                assertEquals(server.presentedChain(), presented);
                client.getInputStream().read();
            }
            accept.join(10_000);
        }
    }

    @Test
    void handshakeWithoutCertificatesIsAnError() {
        CertificateFormatException e = assertThrows(CertificateFormatException.class,
                () -> CertificateReader.fromHandshake(new java.security.cert.Certificate[0]));
        assertEquals(CertificateFormat.TLS_HANDSHAKE, e.format());
        assertEquals(Reason.NO_CERTIFICATES, e.reason());
        assertThrows(CertificateFormatException.class, () -> CertificateReader.fromHandshake(null));
    }

    @Test
    void detectsFormatsFromTheFirstBytes() throws Exception {
        assertEquals(CertificateFormat.DER, CertificateReader.detect(CertificateWriter.der(SERVER.certificate())));
        assertEquals(CertificateFormat.PKCS7_DER, CertificateReader.detect(CertificateWriter.pkcs7(CHAIN)));
        assertEquals(CertificateFormat.PKCS12,
                CertificateReader.detect(CertificateWriter.pkcs12(SERVER.privateKey(), CHAIN, "a", PASSWORD)));
        assertEquals(CertificateFormat.PEM, CertificateReader.detect(ascii(CertificateWriter.pem(CHAIN))));
        assertEquals(CertificateFormat.UNKNOWN, CertificateReader.detect(ascii("nothing")));
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    private static String dropLine(String pem, int line) {
        List<String> lines = new java.util.ArrayList<>(List.of(pem.split("\n")));
        lines.remove(line);
        return String.join("\n", lines) + "\n";
    }

    /** The PFX with a byte of its MAC (at the end) changed: it no longer opens with its password. */
    private static byte[] flipLast(byte[] data) {
        byte[] out = data.clone();
        out[out.length - 5] ^= 0x5A;
        return out;
    }

    /** A ContentInfo of type data (1.2.840.113549.1.7.1): a PKCS#7 that is not SignedData. */
    private static byte[] pkcs7Data() throws Exception {
        return new org.bouncycastle.asn1.cms.ContentInfo(org.bouncycastle.asn1.cms.CMSObjectIdentifiers.data,
                new org.bouncycastle.asn1.DEROctetString(new byte[] { 1, 2, 3 })).getEncoded("DER");
    }
}
