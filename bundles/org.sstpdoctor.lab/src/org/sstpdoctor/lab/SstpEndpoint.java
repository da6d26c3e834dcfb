package org.sstpdoctor.lab;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.eclipse.core.runtime.ILog;
import org.sstpdoctor.lab.WindowsState.Reach;
import org.sstpdoctor.lab.WindowsState.StoreCertificate;
import org.sstpdoctor.probe.sstp.SstpAttribute;
import org.sstpdoctor.probe.sstp.SstpAttribute.StatusInfo;
import org.sstpdoctor.probe.sstp.SstpMessageType;
import org.sstpdoctor.probe.sstp.SstpServerPackets;
import org.sstpdoctor.probe.sstp.SstpStatus;
import org.sstpdoctor.probe.sstp.SstpWire;

/**
 * A lab host's port 443 on one loopback address: what a client meets there follows the host's
 * {@link WindowsState} at every moment ({@link WindowsState#reach(boolean)}).
 * <ul>
 * <li>Nothing listens (a service stopped, remote access not installed, ListenerPort moved): the
 * port is closed, so the connection is refused.</li>
 * <li>The firewall group is disabled or an RRAS filter drops TCP 443: the packets are dropped, so
 * the client's connection attempt times out. The lab makes the kernel drop the SYNs: a listening
 * socket whose accept queue (of one) is kept full and never accepted from.</li>
 * <li>http.sys listens but has no usable certificate for the address: it reads the ClientHello
 * and resets the connection, as Schannel does.</li>
 * <li>Otherwise TLS with the bound certificate, then MS-SSTP: {@code SSTP_DUPLEX_POST
 * /sra_{BA195980-CD49-458b-9E23-C84EE0ADCD75}/} answered with 200, a Call Connect Request with a
 * Call Connect Ack (crypto binding request, SHA-256), or a Nak when every SSTP port is in use;
 * {@code HEAD} of that path with 401.</li>
 * </ul>
 * Every read has a timeout and every request a size limit.
 */
final class SstpEndpoint implements AutoCloseable {

    static final String SSTP_PATH = "/sra_{BA195980-CD49-458b-9E23-C84EE0ADCD75}/";
    private static final ILog LOG = ILog.of(SstpEndpoint.class);
    private static final int MAX_HEAD = 16 * 1024;
    private static final int HANDSHAKE_TIMEOUT_MS = 10_000;
    private static final int IDLE_TIMEOUT_MS = 60_000;
    /** Call Connect Nak (2.2.11): Status Info (2.2.8) naming no attribute, no error: no port is free. */
    private static final byte[] NAK = SstpServerPackets.callConnectNak(new StatusInfo(0, SstpStatus.NO_ERROR));

    private enum Mode {
        CLOSED, DROPPING, OPEN
    }

    private final WindowsState state;
    private final InetAddress address;
    private final boolean ipv6;
    private final int port;
    private final String label;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<String, SSLContext> contexts = new ConcurrentHashMap<>();
    private final List<Socket> fillers = new ArrayList<>();
    private Mode mode = Mode.CLOSED;
    private ServerSocket server;
    private boolean closed;

    private SstpEndpoint(WindowsState state, InetAddress address, int port, String label) {
        this.state = state;
        this.address = address;
        this.ipv6 = address.getAddress().length == 16;
        this.port = port;
        this.label = label;
    }

    /**
     * The endpoint of {@code state} on {@code address} (a loopback address), on a free port chosen
     * now that it keeps while it exists.
     */
    static SstpEndpoint start(WindowsState state, InetAddress address, String label) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(address, 0));
            port = probe.getLocalPort();
        }
        SstpEndpoint endpoint = new SstpEndpoint(state, address, port, label);
        state.onChange(endpoint::update);
        endpoint.update();
        return endpoint;
    }

    /** The endpoint's port (standing for the server's 443). */
    int port() {
        return port;
    }

    InetAddress address() {
        return address;
    }

    /** Opens, closes or blocks the port as the state now says. */
    synchronized void update() {
        if (closed) {
            return;
        }
        Reach reach = state.reach(ipv6);
        Mode wanted = switch (reach) {
        case REFUSED -> Mode.CLOSED;
        case DROPPED -> Mode.DROPPING;
        case NO_CERTIFICATE, SSTP -> Mode.OPEN;
        };
        if (wanted == mode) {
            return;
        }
        shut();
        try {
            if (wanted == Mode.OPEN) {
                ServerSocket listening = bind(1024);
                server = listening;
                Thread acceptor = new Thread(() -> acceptLoop(listening), "lab-sstp-" + label);
                acceptor.setDaemon(true);
                acceptor.start();
            } else if (wanted == Mode.DROPPING) {
                server = bind(1);
                fill(server);
            }
            mode = wanted;
        } catch (IOException e) {
            LOG.warn("The simulated SSTP endpoint " + label + " could not take its port " + port + " again: "
                    + e.getMessage());
            mode = Mode.CLOSED;
        }
    }

    private ServerSocket bind(int backlog) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(address, port), backlog);
        return s;
    }

    /** Fills the accept queue of {@code s}, so that the kernel drops further SYNs. */
    private void fill(ServerSocket s) {
        for (int i = 0; i < 8; i++) {
            Socket filler = new Socket();
            try {
                filler.connect(new InetSocketAddress(address, port), 250);
                fillers.add(filler);
            } catch (IOException full) {
                closeQuietly(filler);
                return;
            }
        }
    }

    private void shut() {
        if (server != null) {
            closeQuietly(server);
            server = null;
        }
        for (Socket f : fillers) {
            closeQuietly(f);
        }
        fillers.clear();
    }

    @Override
    public synchronized void close() {
        closed = true;
        shut();
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                open.add(c);
                Thread.ofVirtual().name("lab-sstp-call-" + label).start(() -> serve(c));
            } catch (IOException e) {
                // closed: the state changed or the lab stopped
            }
        }
    }

    private void serve(Socket plain) {
        try (plain) {
            plain.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
            plain.setTcpNoDelay(true);
            Reach reach = state.reach(ipv6);
            StoreCertificate certificate = state.boundCertificate(ipv6).orElse(null);
            if (reach != Reach.SSTP || certificate == null || !certificate.hasPrivateKey()) {
                // no certificate for this address: Schannel reads the ClientHello and resets
                plain.getInputStream().read(new byte[5]);
                plain.setSoLinger(true, 0);
                return;
            }
            SSLSocket tls = (SSLSocket) context(certificate).getSocketFactory().createSocket(plain,
                    plain.getInetAddress().getHostAddress(), plain.getPort(), false);
            tls.setUseClientMode(false);
            tls.startHandshake();
            serveHttp(tls);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // the client hung up or sent nonsense: what a server does then is close
        } finally {
            open.remove(plain);
        }
    }

    private void serveHttp(SSLSocket tls) throws IOException {
        InputStream in = new BufferedInputStream(tls.getInputStream());
        OutputStream out = tls.getOutputStream();
        String head = SstpWire.readHttpHead(in, MAX_HEAD);
        String requestLine = head.substring(0, Math.max(0, head.indexOf("\r\n")));
        String[] parts = requestLine.split(" ");
        String server = "Server: Microsoft-HTTPAPI/2.0\r\n";
        if (parts.length != 3 || !parts[1].equalsIgnoreCase(SSTP_PATH)) {
            write(out, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n" + server + "\r\n");
            return;
        }
        if (parts[0].equals("HEAD")) {
            write(out, "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n" + server + "\r\n");
            return;
        }
        if (!parts[0].equals("SSTP_DUPLEX_POST")) {
            write(out, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n" + server + "\r\n");
            return;
        }
        write(out, "HTTP/1.1 200\r\nContent-Length: 18446744073709551615\r\n" + server + "\r\n");
        byte[] request = SstpWire.readPacket(in);
        if (SstpWire.controlMessageType(request) != SstpMessageType.CALL_CONNECT_REQUEST) {
            return;
        }
        if (!state.takePort()) {
            out.write(NAK);
            out.flush();
            return;
        }
        try {
            // a Crypto Binding Request for SHA-256 only, a fresh nonce
            out.write(SstpServerPackets.callConnectAck(SstpAttribute.HASH_SHA256, SstpServerPackets.newNonce()));
            out.flush();
            tls.setSoTimeout(IDLE_TIMEOUT_MS);
            for (byte[] p; (p = SstpWire.nextPacket(in)) != null;) {
                SstpMessageType type = SstpWire.controlMessageType(p);
                if (type == SstpMessageType.CALL_DISCONNECT) {
                    out.write(SstpServerPackets.callDisconnectAck());
                    out.flush();
                    return;
                }
                if (type == SstpMessageType.CALL_ABORT) {
                    return;
                }
                if (type == SstpMessageType.ECHO_REQUEST) {
                    out.write(SstpServerPackets.echoResponse());
                    out.flush();
                }
                // data packets (PPP) and Call Connected: a lab host has no PPP to speak
            }
        } catch (SocketTimeoutException idle) {
            // the client said nothing for the idle timeout: the call ends
        } finally {
            state.releasePort();
        }
    }

    private SSLContext context(StoreCertificate c) throws GeneralSecurityException, IOException {
        SSLContext cached = contexts.get(c.sha1());
        if (cached != null) {
            return cached;
        }
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(c.certificate());
        chain.addAll(c.issuers()); // the whole chain the server's store builds, up to its root
        char[] password = "lab".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("sstp", c.privateKey(), password, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        contexts.put(c.sha1(), context);
        return context;
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing
        }
    }
}
