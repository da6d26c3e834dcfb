package org.sstpdoctor.ui.tests.certificates;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A JSSE TLS server on loopback presenting a given chain: it completes the handshake, reads what
 * the client sends (at most 4 KiB, 2 s) and closes. Enough for the probe to capture the chain.
 */
public final class TlsEndpoint implements AutoCloseable {

    private final SSLServerSocket socket;
    private final Thread acceptor;

    public TlsEndpoint(PrivateKey key, List<X509Certificate> chain) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "endpoint".toCharArray();
        ks.setKeyEntry("server", key, pw, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 16,
                InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "TLS endpoint " + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (SSLSocket s = (SSLSocket) socket.accept()) {
                s.setSoTimeout(2_000);
                s.startHandshake();
                InputStream in = s.getInputStream();
                in.readNBytes(new byte[4096], 0, 1);
            } catch (IOException e) {
                // a client that goes away, or the socket closed: next connection
            }
        }
    }

    /** A loopback port nothing listens on (bound, then closed). */
    public static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        socket.close();
        acceptor.join(5_000);
    }
}
