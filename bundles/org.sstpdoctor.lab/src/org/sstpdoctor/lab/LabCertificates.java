package org.sstpdoctor.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.sstpdoctor.pki.CertificateAuthority;
import org.sstpdoctor.pki.CertificateBuilder;
import org.sstpdoctor.pki.CertificateWriter;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.pki.KeyPurpose;
import org.sstpdoctor.pki.LabPki;
import org.sstpdoctor.lab.WindowsState.StoreCertificate;

import com.sun.net.httpserver.HttpServer;

/**
 * The lab's PKI, minted at each start: the lab root that the lab's clients trust (written to the
 * roots folder), a second root they do not trust, the CRLs of both served over HTTP on loopback,
 * and a port where nothing listens (for a CRL that cannot be fetched).
 */
final class LabCertificates implements AutoCloseable {

    static final String ROOT_FILE = "practice-lab-root.pem";

    private final CertificateAuthority root;
    private final CertificateAuthority otherRoot;
    private final HttpServer crlServer;
    private final ExecutorService crlThreads;
    private final java.net.Socket closedPort;

    private LabCertificates(CertificateAuthority root, CertificateAuthority otherRoot, HttpServer crlServer,
            ExecutorService crlThreads, java.net.Socket closedPort) {
        this.root = root;
        this.otherRoot = otherRoot;
        this.crlServer = crlServer;
        this.crlThreads = crlThreads;
        this.closedPort = closedPort;
    }

    /** Mints the roots, serves their CRLs, and writes the trusted root to {@code rootsFolder}. */
    static LabCertificates create(Path rootsFolder) throws IOException {
        CertificateAuthority root = LabPki.rootCa("CN=SSTP Doctor Practice Lab Root (simulated), O=SSTP Doctor Lab")
                .build();
        CertificateAuthority other = LabPki
                .rootCa("CN=Practice Lab Root Nobody Trusts (simulated), O=SSTP Doctor Lab").build();
        byte[] rootCrl;
        byte[] otherCrl;
        try {
            rootCrl = root.crl().build().getEncoded();
            otherCrl = other.crl().build().getEncoded();
        } catch (CRLException e) {
            throw new IOException("the lab's CRLs cannot be encoded", e);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
        Map<String, byte[]> crls = Map.of("/root.crl", rootCrl, "/other-root.crl", otherCrl);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = crls.get(exchange.getRequestURI().getPath());
                if (body == null || !exchange.getRequestMethod().equals("GET")) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/pkix-crl");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(threads);
        server.start();
        // a port held by a socket that is bound and never listens: connections to it are refused,
        // and nothing else can take it while the lab runs
        java.net.Socket closed = new java.net.Socket();
        closed.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        Files.createDirectories(rootsFolder);
        LabFiles.write(rootsFolder.resolve(ROOT_FILE), CertificateWriter.pem(root.certificate()));
        return new LabCertificates(root, other, server, threads, closed);
    }

    private String crlUrl(String path) {
        return "http://127.0.0.1:" + crlServer.getAddress().getPort() + path;
    }

    /** A server certificate of the lab root for {@code 127.0.0.1}, {@code ::1} and {@code localhost}. */
    CertificateBuilder server(String commonName) {
        return server(commonName, crlUrl("/root.crl"));
    }

    /** A server certificate like {@link #server(String)} whose only CRL distribution point is {@code crlUrl}. */
    CertificateBuilder server(String commonName, String crlUrl) {
        return root.issue(commonName).dnsNames("localhost").ipAddresses("127.0.0.1", "::1")
                .extendedKeyUsage(KeyPurpose.SERVER_AUTHENTICATION).crlDistributionPoints(crlUrl);
    }

    /** A server certificate like {@link #server} from the root the lab's clients do not trust. */
    CertificateBuilder untrusted(String commonName) {
        return otherRoot.issue(commonName).dnsNames("localhost").ipAddresses("127.0.0.1", "::1")
                .extendedKeyUsage(KeyPurpose.SERVER_AUTHENTICATION).crlDistributionPoints(crlUrl("/other-root.crl"));
    }

    /** A certificate URL on loopback where nothing listens. */
    String unreachableCrlUrl() {
        return "http://127.0.0.1:" + closedPort.getLocalPort() + "/root.crl";
    }

    /** {@code issued} as the store holds it, with its private key. */
    static StoreCertificate withKey(IssuedCertificate issued, String friendlyName) {
        return new StoreCertificate(issued.certificate(), issued.privateKey(), issued.issuers(), friendlyName);
    }

    static Instant daysFromNow(long days) {
        return Instant.now().plus(Duration.ofDays(days));
    }

    /** The root the lab's clients trust. */
    CertificateAuthority root() {
        return root;
    }

    List<String> crlUrls() {
        return List.of(crlUrl("/root.crl"), crlUrl("/other-root.crl"));
    }

    @Override
    public void close() {
        crlServer.stop(0);
        try {
            closedPort.close();
        } catch (IOException e) {
            // closing
        }
        crlThreads.shutdownNow();
    }
}
