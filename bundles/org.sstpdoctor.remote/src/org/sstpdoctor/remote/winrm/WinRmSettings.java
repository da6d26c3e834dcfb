package org.sstpdoctor.remote.winrm;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.net.ssl.X509TrustManager;

/**
 * How to reach one WinRM endpoint: the URL, the transport, the authentication, the trust for HTTPS, time limits and
 * size caps. Immutable; {@link #toString()} never shows the password.
 */
public final class WinRmSettings {

    /** HTTP (port 5985 by default, needs message encryption) or HTTPS (port 5986). */
    public enum Transport {
        HTTP, HTTPS
    }

    /** How the client authenticates. */
    public enum Auth {
        /** User and password in the clear inside TLS: HTTPS only. */
        BASIC,
        /** NTLMv2 with sealing; over HTTP every message is encrypted (MS-WSMV message encryption). */
        NTLM,
        /**
         * Kerberos ({@code Authorization: Negotiate} with a Kerberos token), logged in with the password (JAAS, no
         * keytab, no ticket cache); over HTTP every message is encrypted with the Kerberos session (MS-WSMV).
         */
        KERBEROS;

        /** The name of the scheme in messages. */
        public String label() {
            return switch (this) {
                case BASIC -> "Basic";
                case NTLM -> "NTLM";
                case KERBEROS -> "Kerberos";
            };
        }
    }

    private final URI endpoint;
    private final Transport transport;
    private final Auth auth;
    private final String user;
    private final char[] password;
    private final Duration connectTimeout;
    private final Duration operationTimeout;
    private final long maxOutputBytes;
    private final int maxResponseBytes;
    private final X509TrustManager trustManager;
    private final List<X509Certificate> trustedCertificates;
    private final CertificateTrustCallback trustCallback;
    private final String realm;
    private final String kdc;
    private final String servicePrincipal;
    private final String pinnedCertificate;

    private WinRmSettings(Builder b) {
        this.pinnedCertificate = b.pinnedCertificate;
        this.realm = b.realm;
        this.kdc = b.kdc;
        this.servicePrincipal = b.servicePrincipal;
        this.endpoint = b.endpoint;
        this.transport = "https".equalsIgnoreCase(b.endpoint.getScheme()) ? Transport.HTTPS : Transport.HTTP;
        this.auth = b.auth;
        this.user = b.user;
        this.password = b.password.clone();
        this.connectTimeout = b.connectTimeout;
        this.operationTimeout = b.operationTimeout;
        this.maxOutputBytes = b.maxOutputBytes;
        this.maxResponseBytes = b.maxResponseBytes;
        this.trustManager = b.trustManager;
        this.trustedCertificates = List.copyOf(b.trustedCertificates);
        this.trustCallback = b.trustCallback;
    }

    /**
     * @param endpoint {@code http://host:5985/wsman} or {@code https://host:5986/wsman}; the scheme picks the
     *                 transport, a missing port means the WinRM default of that scheme
     */
    public static Builder builder(URI endpoint) {
        return new Builder(endpoint);
    }

    static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 5986 : 5985;
    }

    public URI endpoint() {
        return endpoint;
    }

    public Transport transport() {
        return transport;
    }

    public Auth auth() {
        return auth;
    }

    public String user() {
        return user;
    }

    /** A copy of the password; the caller should wipe it after use. */
    char[] password() {
        return password.clone();
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The WS-Management OperationTimeout of each request; a Receive poll waits at most this long for output. */
    public Duration operationTimeout() {
        return operationTimeout;
    }

    /** The cap on stdout and stderr together, in bytes. */
    public long maxOutputBytes() {
        return maxOutputBytes;
    }

    /** The cap on one HTTP response body, in bytes. */
    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    /** The trust for HTTPS, or {@code null} for the Java runtime's default trust. */
    public X509TrustManager trustManager() {
        return trustManager;
    }

    /** Leaf certificates a person has trusted for this endpoint (the stored answers of the trust callback). */
    public List<X509Certificate> trustedCertificates() {
        return trustedCertificates;
    }

    public CertificateTrustCallback trustCallback() {
        return trustCallback;
    }

    /** The SHA-256 (hex) of the one certificate trusted for this endpoint, or null. */
    public String pinnedCertificate() {
        return pinnedCertificate;
    }

    /** The Kerberos realm, or null for the default realm of the system's Kerberos configuration. */
    public String realm() {
        return realm;
    }

    /** The KDC ({@code host} or {@code host:port}) of {@link #realm()}, or null for the system's configuration. */
    public String kdc() {
        return kdc;
    }

    /** The Kerberos principal of the endpoint, or null for {@code HTTP/host} of the endpoint's host. */
    public String servicePrincipal() {
        return servicePrincipal;
    }

    int port() {
        return port(endpoint);
    }

    @Override
    public String toString() {
        return "WinRmSettings[" + endpoint + ", " + transport + ", " + auth + ", user " + user + "]";
    }

    /** Builds {@link WinRmSettings}; user and password are required. */
    public static final class Builder {
        private final URI endpoint;
        private Auth auth;
        private String user;
        private char[] password;
        private Duration connectTimeout = Duration.ofSeconds(15);
        private Duration operationTimeout = Duration.ofSeconds(20);
        private long maxOutputBytes = 16L * 1024 * 1024;
        private int maxResponseBytes = 8 * 1024 * 1024;
        private X509TrustManager trustManager;
        private final List<X509Certificate> trustedCertificates = new ArrayList<>();
        private CertificateTrustCallback trustCallback = CertificateTrustCallback.REFUSE;
        private String realm;
        private String kdc;
        private String servicePrincipal;
        private String pinnedCertificate;

        private Builder(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("a WinRM endpoint is an http or https URL: " + endpoint);
            }
            if (endpoint.getHost() == null || endpoint.getHost().isEmpty()) {
                throw new IllegalArgumentException("a WinRM endpoint needs a host: " + endpoint);
            }
            if (endpoint.getRawUserInfo() != null) {
                throw new IllegalArgumentException("give the user with credentials(), not in the URL");
            }
            this.endpoint = endpoint;
            this.auth = scheme.equals("https") ? Auth.BASIC : Auth.NTLM;
        }

        public Builder auth(Auth value) {
            this.auth = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param userName {@code user}, {@code DOMAIN\\user} or {@code user@domain}
         * @param secret   the password; copied, so the caller may wipe its array
         */
        public Builder credentials(String userName, char[] secret) {
            this.user = Objects.requireNonNull(userName, "user");
            this.password = Objects.requireNonNull(secret, "password").clone();
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connect timeout");
            return this;
        }

        public Builder operationTimeout(Duration value) {
            this.operationTimeout = positive(value, "operation timeout");
            if (value.toSeconds() < 1) {
                throw new IllegalArgumentException("the operation timeout is at least one second");
            }
            return this;
        }

        public Builder maxOutputBytes(long value) {
            if (value < 1) {
                throw new IllegalArgumentException("output cap must be positive");
            }
            this.maxOutputBytes = value;
            return this;
        }

        public Builder maxResponseBytes(int value) {
            if (value < 4096) {
                throw new IllegalArgumentException("response cap must be at least 4096 bytes");
            }
            this.maxResponseBytes = value;
            return this;
        }

        /** The trust for HTTPS; without it the Java runtime's default trust applies. Never a trust-all. */
        public Builder trustManager(X509TrustManager value) {
            this.trustManager = Objects.requireNonNull(value);
            return this;
        }

        /** A leaf certificate trusted for this endpoint as it is (the stored answer of a trust callback). */
        public Builder trustedCertificate(X509Certificate value) {
            this.trustedCertificates.add(Objects.requireNonNull(value));
            return this;
        }

        /**
         * The Kerberos realm and its KDC, for {@link Auth#KERBEROS}; both null (the default) means the system's
         * Kerberos configuration (krb5.conf) is used.
         *
         * @param realmName the realm, e.g. {@code CORP.EXAMPLE.COM}
         * @param kdcHost   the KDC as {@code host} or {@code host:port}
         */
        public Builder kerberos(String realmName, String kdcHost) {
            if ((realmName == null) != (kdcHost == null)) {
                throw new IllegalArgumentException("give both the Kerberos realm and its KDC, or neither");
            }
            if (realmName != null && !KerberosLogin.isRealm(realmName)) {
                throw new IllegalArgumentException("not a Kerberos realm name: " + realmName);
            }
            if (kdcHost != null && !KerberosLogin.isKdc(kdcHost)) {
                throw new IllegalArgumentException("not a KDC host or host:port: " + kdcHost);
            }
            this.realm = realmName == null ? null : realmName.toUpperCase(Locale.ROOT);
            this.kdc = kdcHost;
            return this;
        }

        /** The endpoint's Kerberos principal, e.g. {@code HTTP/server.corp.example.com@CORP.EXAMPLE.COM}. */
        public Builder servicePrincipal(String value) {
            if (value != null && (value.isBlank() || value.chars().anyMatch(c -> c <= ' '))) {
                throw new IllegalArgumentException("not a Kerberos principal name: " + value);
            }
            this.servicePrincipal = value;
            return this;
        }

        /**
         * The certificate a person trusted for this endpoint (see {@link TrustedCertificates}): then only a
         * certificate with this SHA-256 is accepted, and any other is refused without asking.
         *
         * @param sha256Hex the SHA-256 of the certificate's DER bytes, 64 hex digits
         */
        public Builder pinnedCertificate(String sha256Hex) {
            if (sha256Hex != null && !sha256Hex.matches("[0-9A-Fa-f]{64}")) {
                throw new IllegalArgumentException("a SHA-256 is 64 hex digits");
            }
            this.pinnedCertificate = sha256Hex == null ? null : sha256Hex.toLowerCase(Locale.ROOT);
            return this;
        }

        public Builder trustCallback(CertificateTrustCallback value) {
            this.trustCallback = Objects.requireNonNull(value);
            return this;
        }

        /** The settings; the builder's copy of the password is wiped, so a builder builds once. */
        public WinRmSettings build() {
            if (user == null || password == null) {
                throw new IllegalStateException("WinRM needs a user and a password (a builder builds once)");
            }
            boolean https = "https".equalsIgnoreCase(endpoint.getScheme());
            if (auth == Auth.BASIC && !https) {
                throw new IllegalStateException(
                        "Basic authentication sends the password in the clear: use it over HTTPS only");
            }
            WinRmSettings s = new WinRmSettings(this);
            Arrays.fill(password, '\0');
            password = null;
            return s;
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }
    }
}
