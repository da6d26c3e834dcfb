package org.sstpdoctor.remote.winrm;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.security.auth.Subject;
import javax.security.auth.login.LoginException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.ietf.jgss.ChannelBinding;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;
import org.sstpdoctor.remote.winrm.WinRmException.Step;

/**
 * Carries SOAP envelopes to one WinRM endpoint over one kept-alive connection: TCP, TLS with the endpoint's trust,
 * Basic, NTLM or Kerberos authentication, and MS-WSMV message encryption when NTLM or Kerberos runs over HTTP. The
 * NTLM or Kerberos context is bound to the connection; a new connection means a new handshake.
 */
final class WsmanTransport implements Closeable {

    /** A SOAP answer: the HTTP status (200, or 500 with a fault) and the plaintext envelope. */
    record Reply(int status, byte[] soap) {
    }

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "WinRM watchdog");
        t.setDaemon(true);
        return t;
    });

    private final WinRmSettings settings;
    private final URI endpoint;
    private final String path;
    private final EndpointTrust trust;
    private volatile HttpConnection connection;
    private MessageSealing session;
    /** The Kerberos login (its ticket-granting ticket), kept for the next connections while the ticket is valid. */
    private Subject kerberosSubject;
    private volatile boolean cancelled;
    private volatile boolean timedOut;

    WsmanTransport(WinRmSettings settings) throws WinRmException {
        this.settings = settings;
        this.endpoint = settings.endpoint();
        String p = endpoint.getRawPath();
        this.path = (p == null || p.isEmpty() ? "/wsman" : p)
                + (endpoint.getRawQuery() == null ? "" : "?" + endpoint.getRawQuery());
        try {
            this.trust = new EndpointTrust(settings.trustManager(), endpoint.getHost(),
                    settings.trustedCertificates(), settings.pinnedCertificate());
        } catch (GeneralSecurityException e) {
            throw new WinRmException(endpoint, Step.TLS, "no trust for HTTPS: " + e.getMessage(), e);
        }
    }

    /**
     * Posts one envelope and returns the answer.
     *
     * @param deadline the instant (System.nanoTime) after which the exchange is aborted as a TIMEOUT
     */
    Reply exchange(byte[] soap, long deadline, IProgressMonitor monitor) throws WinRmException {
        cancelled = false;
        timedOut = false;
        ScheduledFuture<?> watch = WATCHDOG.scheduleWithFixedDelay(() -> {
            if (monitor != null && monitor.isCanceled()) {
                cancelled = true;
                abort();
            } else if (System.nanoTime() - deadline > 0) {
                timedOut = true;
                abort();
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
        try {
            checkStop(monitor, deadline);
            return exchangeOnce(soap, deadline, true);
        } catch (WinRmException e) {
            if (cancelled) {
                throw new WinRmException(endpoint, Step.CANCELLED, "cancelled", e);
            }
            if (timedOut) {
                throw new WinRmException(endpoint, Step.TIMEOUT, "no answer in time", e);
            }
            throw e;
        } finally {
            watch.cancel(false);
        }
    }

    private void checkStop(IProgressMonitor monitor, long deadline) throws WinRmException {
        if (monitor != null && monitor.isCanceled()) {
            throw new WinRmException(endpoint, Step.CANCELLED, "cancelled");
        }
        if (System.nanoTime() - deadline > 0) {
            throw new WinRmException(endpoint, Step.TIMEOUT, "no answer in time");
        }
    }

    private Reply exchangeOnce(byte[] soap, long deadline, boolean mayRetry) throws WinRmException {
        boolean wasReused = ensureConnected(deadline);
        List<String[]> headers = new ArrayList<>();
        byte[] body;
        if (session != null && settings.transport() == WinRmSettings.Transport.HTTP) {
            try {
                body = EncryptedMessage.encode(session, soap);
            } catch (GeneralSecurityException e) {
                throw new WinRmException(endpoint, Step.PROTOCOL, "cannot encrypt: " + e.getMessage(), e);
            }
            headers.add(new String[] { "Content-Type", EncryptedMessage.contentType(session.protocol()) });
        } else {
            body = soap;
            headers.add(new String[] { "Content-Type", "application/soap+xml;charset=UTF-8" });
        }
        if (settings.auth() == WinRmSettings.Auth.BASIC) {
            headers.add(new String[] { "Authorization", basic() });
        }
        HttpConnection.Response r;
        try {
            r = connection.post(path, headers, body, settings.maxResponseBytes(), readTimeout(deadline));
        } catch (EOFException | java.net.SocketException e) {
            drop();
            if (wasReused && mayRetry && !cancelled && !timedOut) {
                // the server closed the kept-alive connection between the stale check and the request
                return exchangeOnce(soap, deadline, false);
            }
            throw io(e, "the server closed the connection");
        } catch (IOException e) {
            drop();
            throw io(e, "the exchange failed");
        }
        if (!r.keepAlive()) {
            drop();
        }
        if (r.status() == 401) {
            drop();
            throw new WinRmException(endpoint, Step.AUTH, settings.auth() == WinRmSettings.Auth.BASIC
                    ? "the server refused the user name or password (HTTP 401)"
                    : "the server no longer accepts the " + settings.auth().label() + " security context (HTTP 401)");
        }
        if (r.status() != 200 && r.status() != 500) {
            throw new WinRmException(endpoint, Step.PROTOCOL, "HTTP " + r.status() + " " + r.reason()
                    + (r.status() == 404 ? ": no WS-Management service at " + path : ""));
        }
        String type = r.header("content-type");
        if (session != null && settings.transport() == WinRmSettings.Transport.HTTP) {
            if (!EncryptedMessage.isEncrypted(type, session)) {
                drop();
                throw new WinRmException(endpoint, Step.PROTOCOL,
                        "the server answered without message encryption (HTTP " + r.status() + ")");
            }
            try {
                return new Reply(r.status(), EncryptedMessage.decode(session, r.body()));
            } catch (EncryptedMessage.FormatException e) {
                drop();
                throw new WinRmException(endpoint, Step.PROTOCOL, e.getMessage(), e);
            }
        }
        if (type == null || !type.toLowerCase(Locale.ROOT).contains("soap+xml")) {
            throw new WinRmException(endpoint, Step.PROTOCOL, "HTTP " + r.status() + " without a SOAP envelope");
        }
        return new Reply(r.status(), r.body());
    }

    private int readTimeout(long deadline) {
        long slackMs = settings.operationTimeout().toMillis() + 15_000;
        long leftMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000 + 1000);
        return (int) Math.min(Integer.MAX_VALUE, Math.min(slackMs, leftMs));
    }

    private String basic() {
        char[] pw = settings.password();
        char[] joined = new char[settings.user().length() + 1 + pw.length];
        settings.user().getChars(0, settings.user().length(), joined, 0);
        joined[settings.user().length()] = ':';
        System.arraycopy(pw, 0, joined, settings.user().length() + 1, pw.length);
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(joined));
        byte[] raw = Arrays.copyOf(bytes.array(), bytes.limit());
        String header = "Basic " + Base64.getEncoder().encodeToString(raw);
        Arrays.fill(pw, '\0');
        Arrays.fill(joined, '\0');
        Arrays.fill(raw, (byte) 0);
        Arrays.fill(bytes.array(), (byte) 0);
        return header;
    }

    /** Opens and authenticates a connection when there is none; returns whether an open one was reused. */
    private boolean ensureConnected(long deadline) throws WinRmException {
        if (connection != null && connection.isOpen() && !connection.isStale()) {
            return true;
        }
        drop();
        connection = connect(deadline);
        if (settings.auth() == WinRmSettings.Auth.NTLM) {
            ntlmHandshake(deadline);
        } else if (settings.auth() == WinRmSettings.Auth.KERBEROS) {
            kerberosHandshake(deadline);
        }
        return false;
    }

    private HttpConnection connect(long deadline) throws WinRmException {
        String host = endpoint.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new WinRmException(endpoint, Step.DNS, "the host name " + host + " does not resolve", e);
        }
        IOException last = null;
        for (InetAddress a : addresses) {
            Socket s = new Socket();
            try {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                s.connect(new InetSocketAddress(a, settings.port()),
                        (int) Math.min(left, settings.connectTimeout().toMillis()));
                s.setTcpNoDelay(true);
                if (settings.transport() == WinRmSettings.Transport.HTTPS) {
                    return new HttpConnection(tls(s, deadline), host + ":" + settings.port());
                }
                return new HttpConnection(s, host + ":" + settings.port());
            } catch (TlsFailure e) {
                closeQuietly(s);
                throw io(e, "TLS failed");
            } catch (IOException e) {
                closeQuietly(s);
                last = e;
            }
        }
        if (cancelled || timedOut) {
            throw new WinRmException(endpoint, Step.CONNECT, "connection aborted", last);
        }
        if (last instanceof SocketTimeoutException) {
            throw new WinRmException(endpoint, Step.CONNECT, "no TCP connection to port " + settings.port()
                    + " within " + settings.connectTimeout().toSeconds() + " s", last);
        }
        if (last instanceof ConnectException || last instanceof NoRouteToHostException) {
            throw new WinRmException(endpoint, Step.CONNECT, "no TCP connection to port " + settings.port() + " ("
                    + last.getMessage() + ")", last);
        }
        throw new WinRmException(endpoint, Step.CONNECT, "connecting failed: " + last, last);
    }

    private Socket tls(Socket plain, long deadline) throws IOException {
        for (int attempt = 0;; attempt++) {
            Socket raw = plain;
            if (attempt > 0) { // a new TCP connection for the second handshake
                raw = new Socket();
                raw.connect(plain.getRemoteSocketAddress(), (int) settings.connectTimeout().toMillis());
            }
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new javax.net.ssl.TrustManager[] { trust }, null);
                SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(raw, endpoint.getHost(),
                        settings.port(), true);
                ssl.setSoTimeout((int) Math.min(settings.connectTimeout().toMillis() * 2,
                        Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                ssl.startHandshake();
                return ssl;
            } catch (GeneralSecurityException e) {
                closeQuietly(raw);
                throw new TlsFailure("TLS is not available: " + e.getMessage(), e);
            } catch (SSLHandshakeException e) {
                closeQuietly(raw);
                String problem = trust.lastProblem();
                List<java.security.cert.X509Certificate> chain = trust.lastChain();
                if (problem == null || chain.isEmpty()) {
                    throw new TlsFailure("the TLS handshake failed: " + e.getMessage(), e);
                }
                if (trust.changed()) { // never offered: a replaced certificate may be an attacker's
                    throw new TlsFailure("refused: " + problem + "; if the server's certificate was replaced on"
                            + " purpose, remove its line from the trusted WinRM certificates ("
                            + TrustedCertificates.FILE_NAME + ") and connect again to be asked", e);
                }
                if (attempt == 0 && askTrust(chain, problem)) {
                    trust.trustLeaf(chain.get(0));
                    continue;
                }
                throw new TlsFailure("the server's certificate is not trusted: " + problem + " (it was not confirmed;"
                        + " trust it when asked, or make the Java runtime trust its CA)", e);
            } catch (SSLException e) {
                closeQuietly(raw);
                throw new TlsFailure("TLS failed: " + e.getMessage(), e);
            }
        }
    }

    private boolean askTrust(List<java.security.cert.X509Certificate> chain, String problem) {
        try {
            return settings.trustCallback().trust(endpoint, chain, problem);
        } catch (RuntimeException e) {
            return false; // a failing callback trusts nothing
        }
    }

    /** A TLS failure inside connect, turned into a TLS step by {@link #io}. */
    private static final class TlsFailure extends IOException {
        private static final long serialVersionUID = 1L;

        TlsFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private void ntlmHandshake(long deadline) throws WinRmException {
        char[] pw = settings.password();
        try {
            NtlmClient ntlm = new NtlmClient(settings.user(), pw);
            HttpConnection.Response challenge = connection.post(path,
                    List.<String[]>of(new String[] { "Authorization",
                            "Negotiate " + Base64.getEncoder().encodeToString(ntlm.negotiate()) }),
                    new byte[0], 65536, readTimeout(deadline));
            byte[] token = token(challenge);
            if (token == null) {
                throw new WinRmException(endpoint, Step.AUTH, challenge.status() == 401
                        ? "the server does not offer NTLM (Negotiate) authentication"
                        : "the server answered HTTP " + challenge.status() + " to NTLM negotiation");
            }
            if (!challenge.keepAlive()) {
                throw new WinRmException(endpoint, Step.PROTOCOL,
                        "the server closed the connection inside the NTLM handshake");
            }
            byte[] authenticate;
            try {
                java.security.cert.X509Certificate peer = connection.peerCertificate();
                authenticate = ntlm.authenticate(token, peer == null ? null : NtlmClient.channelBindings(peer));
            } catch (NtlmClient.NtlmException e) {
                throw new WinRmException(endpoint, Step.AUTH, e.getMessage(), e);
            }
            HttpConnection.Response done = connection.post(path,
                    List.<String[]>of(new String[] { "Authorization",
                            "Negotiate " + Base64.getEncoder().encodeToString(authenticate) }),
                    new byte[0], 65536, readTimeout(deadline));
            if (done.status() == 401) {
                throw new WinRmException(endpoint, Step.AUTH, "the server refused the user name or password (NTLM)");
            }
            if (done.status() != 200) {
                throw new WinRmException(endpoint, Step.AUTH,
                        "the server answered HTTP " + done.status() + " to NTLM authentication");
            }
            if (!done.keepAlive()) {
                throw new WinRmException(endpoint, Step.PROTOCOL,
                        "the server closed the connection that holds the NTLM context");
            }
            session = ntlm.session();
        } catch (IOException e) {
            drop();
            throw io(e, "the NTLM handshake failed");
        } catch (GeneralSecurityException e) {
            drop();
            throw new WinRmException(endpoint, Step.AUTH, "NTLM cryptography failed: " + e.getMessage(), e);
        } catch (WinRmException e) {
            drop();
            throw e;
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    /**
     * Kerberos under {@code Authorization: Negotiate}: a JAAS login with the password, a service ticket for
     * {@code HTTP/host}, mutual authentication, and over HTTP a GSS context that seals every message. The tokens are
     * raw Kerberos (not wrapped in SPNEGO), with the Kerberos message encryption protocol, the combination common
     * WinRM clients (pywinrm with requests-kerberos) use with Windows.
     */
    private void kerberosHandshake(long deadline) throws WinRmException {
        GSSContext context = null;
        boolean done = false;
        try {
            byte[] token;
            long waitMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (!KerberosLogin.LOCK.tryLock(waitMs, TimeUnit.MILLISECONDS)) {
                throw new WinRmException(endpoint, Step.TIMEOUT, "another Kerberos login did not end in time");
            }
            try {
                KerberosLogin.configure(settings.realm(), settings.kdc());
                Subject subject = kerberosSubject;
                if (subject == null || !KerberosLogin.hasTicketGrantingTicket(subject)) {
                    String principal = KerberosLogin.principal(settings.user(), settings.realm());
                    char[] pw = settings.password();
                    try {
                        subject = KerberosLogin.login(principal, pw);
                    } catch (LoginException e) {
                        throw new WinRmException(endpoint, Step.AUTH, KerberosLogin.describe(e), e);
                    } finally {
                        Arrays.fill(pw, '\0');
                    }
                    kerberosSubject = subject;
                }
                GSSManager manager = GSSManager.getInstance();
                Oid krb5 = new Oid(KRB5);
                GSSName service = settings.servicePrincipal() != null
                        ? manager.createName(settings.servicePrincipal(), new Oid(KRB5_PRINCIPAL_NAME))
                        : manager.createName("HTTP@" + bareHost(), GSSName.NT_HOSTBASED_SERVICE);
                GSSCredential credential;
                try {
                    credential = Subject.callAs(subject, () -> manager.createCredential(null,
                            GSSCredential.DEFAULT_LIFETIME, krb5, GSSCredential.INITIATE_ONLY));
                } catch (java.util.concurrent.CompletionException e) {
                    throw e.getCause() instanceof GSSException g ? g
                            : new GSSException(GSSException.NO_CRED, 0, String.valueOf(e.getCause()));
                }
                context = manager.createContext(service, krb5, credential, GSSContext.DEFAULT_LIFETIME);
                context.requestMutualAuth(true);
                context.requestConf(true);
                context.requestInteg(true);
                context.requestSequenceDet(true);
                context.requestReplayDet(true);
                context.requestCredDeleg(false);
                java.security.cert.X509Certificate peer = connection.peerCertificate();
                if (peer != null) { // inside TLS: bind the authentication to this TLS server (RFC 5929)
                    try {
                        context.setChannelBinding(new ChannelBinding(NtlmClient.tlsServerEndPoint(peer)));
                    } catch (GeneralSecurityException e) {
                        throw new WinRmException(endpoint, Step.TLS, "the server's certificate cannot be hashed: "
                                + e.getMessage(), e);
                    }
                }
                token = context.initSecContext(new byte[0], 0, 0); // asks the KDC for the service ticket
            } finally {
                KerberosLogin.LOCK.unlock();
            }
            for (int round = 0; round < 4; round++) {
                HttpConnection.Response r = connection.post(path, List.<String[]>of(new String[] { "Authorization",
                        "Negotiate " + Base64.getEncoder().encodeToString(token) }), new byte[0], 65536,
                        readTimeout(deadline));
                byte[] answer = negotiateToken(r);
                if (r.status() == 401 && answer == null) {
                    throw new WinRmException(endpoint, Step.AUTH, "the server refused the Kerberos ticket (HTTP 401):"
                            + " check the service principal HTTP/" + bareHost() + " and the clocks");
                }
                if (r.status() != 200 && r.status() != 401) {
                    throw new WinRmException(endpoint, Step.AUTH,
                            "the server answered HTTP " + r.status() + " to Kerberos authentication");
                }
                if (!r.keepAlive()) {
                    throw new WinRmException(endpoint, Step.PROTOCOL,
                            "the server closed the connection that holds the Kerberos context");
                }
                if (answer != null && !context.isEstablished()) {
                    token = context.initSecContext(answer, 0, answer.length);
                }
                if (r.status() == 200) {
                    if (!context.isEstablished()) {
                        throw new WinRmException(endpoint, Step.AUTH,
                                "the server did not prove its identity (no Kerberos mutual authentication)");
                    }
                    if (settings.transport() == WinRmSettings.Transport.HTTP && !context.getConfState()) {
                        throw new WinRmException(endpoint, Step.AUTH,
                                "the Kerberos context offers no encryption, which WinRM over HTTP needs");
                    }
                    session = new KerberosSession(context);
                    done = true;
                    return;
                }
                if (token == null || token.length == 0) {
                    throw new WinRmException(endpoint, Step.AUTH, "the Kerberos exchange ended without success");
                }
            }
            throw new WinRmException(endpoint, Step.AUTH, "the Kerberos exchange did not end after four rounds");
        } catch (GSSException e) {
            drop();
            throw new WinRmException(endpoint, Step.AUTH, "Kerberos: " + gssMessage(e), e);
        } catch (IOException e) {
            drop();
            throw io(e, "the Kerberos handshake failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drop();
            throw new WinRmException(endpoint, Step.CANCELLED, "interrupted", e);
        } catch (WinRmException e) {
            drop();
            throw e;
        } finally {
            if (!done && context != null) {
                try {
                    context.dispose();
                } catch (GSSException ignored) {
                    // nothing more to release
                }
            }
        }
    }

    private static final String KRB5 = "1.2.840.113554.1.2.2";
    private static final String KRB5_PRINCIPAL_NAME = "1.2.840.113554.1.2.2.1";

    private String bareHost() {
        String host = endpoint.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private static String gssMessage(GSSException e) {
        String minor = e.getMinorString();
        String text = e.getMajorString() + (minor == null || minor.isBlank() ? "" : " (" + minor + ")");
        if (e.getMajor() == GSSException.NO_CRED || String.valueOf(minor).contains("Server not found")
                || String.valueOf(minor).contains("(7)")) {
            return text + ": check that the KDC knows the service principal of the server";
        }
        return text;
    }

    private static byte[] negotiateToken(HttpConnection.Response r) {
        for (String value : r.headers("www-authenticate")) {
            if (value.regionMatches(true, 0, "Negotiate ", 0, 10)) {
                try {
                    return Base64.getDecoder().decode(value.substring(10).trim());
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static byte[] token(HttpConnection.Response r) {
        if (r.status() != 401) {
            return null;
        }
        for (String value : r.headers("www-authenticate")) {
            for (String scheme : new String[] { "Negotiate ", "NTLM " }) {
                if (value.regionMatches(true, 0, scheme, 0, scheme.length())) {
                    try {
                        return Base64.getDecoder().decode(value.substring(scheme.length()).trim());
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    private WinRmException io(IOException e, String what) {
        if (e instanceof TlsFailure) {
            return new WinRmException(endpoint, Step.TLS, e.getMessage(), e.getCause());
        }
        if (cancelled) {
            return new WinRmException(endpoint, Step.CANCELLED, "cancelled", e);
        }
        if (e instanceof SocketTimeoutException || timedOut) {
            return new WinRmException(endpoint, Step.TIMEOUT, "the server did not answer in time", e);
        }
        if (e instanceof HttpConnection.HttpProtocolException) {
            return new WinRmException(endpoint, Step.PROTOCOL, e.getMessage(), e);
        }
        return new WinRmException(endpoint, Step.CONNECT, what + ": " + e.getMessage(), e);
    }

    /** Closes the connection now (from any thread); the next exchange opens a new one. */
    void abort() {
        HttpConnection c = connection;
        if (c != null) {
            c.close();
        }
    }

    private void drop() {
        if (connection != null) {
            connection.close();
        }
        connection = null;
        if (session instanceof KerberosSession k) {
            k.dispose();
        }
        session = null;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to clean up further
        }
    }

    @Override
    public void close() {
        drop();
    }
}
