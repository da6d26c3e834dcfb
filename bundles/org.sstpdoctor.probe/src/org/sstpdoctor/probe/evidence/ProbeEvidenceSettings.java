package org.sstpdoctor.probe.evidence;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.sstpdoctor.probe.ClientTrust;
import org.sstpdoctor.probe.PkiCertificateAssessor;
import org.sstpdoctor.probe.ProbeSettings;
import org.sstpdoctor.probe.ProbeTarget;

/**
 * How the network evidence is gathered: the probe's limits, the clients' trust store, the
 * certificate warning window, the HTTP proxy the clients go through, and the limits of the
 * downloads a client makes while checking a certificate.
 * <p>
 * The defaults keep one server's evidence within the check engine's default 30 s per checker:
 * at most 15 s for the probe (5 s to connect, 8 s per answer) and 8 s plus one download (5 s)
 * for AIA, CRL and OCSP downloads.
 * <p>
 * {@link #current()} reads the instance preferences of {@value #PREFERENCES_NODE} (keys below),
 * each missing or unreadable value falling back on its default, so that a preference page can
 * change them without touching this bundle.
 *
 * @param connectTimeout      the longest a name resolution or TCP connection may take
 * @param readTimeout         the longest the server may take for one answer
 * @param deadline            the longest the probe of one server may take, all addresses included
 * @param trust               the roots the clients trust
 * @param expiryWarningDays   warn of certificates that expire within this many days (0: never)
 * @param proxy               the HTTP proxy the clients reach the servers (and CRL, OCSP, AIA
 *                            URLs) through, or null for none
 * @param checkRevocation     whether revocation is checked, as a Windows client does by default
 * @param fetchConnectTimeout the longest a connection to a CRL, OCSP or AIA server may take
 * @param fetchTimeout        the longest one such download may take
 * @param fetchBudget         the longest all downloads for one server may take together, beyond
 *                            the last one started
 * @param probeAllAddresses   whether every address of the name is probed (to compare IPv4 and
 *                            IPv6), rather than only the first that connects
 */
public record ProbeEvidenceSettings(Duration connectTimeout, Duration readTimeout, Duration deadline,
        ClientTrust trust, int expiryWarningDays, ProbeTarget.HttpProxy proxy, boolean checkRevocation,
        Duration fetchConnectTimeout, Duration fetchTimeout, Duration fetchBudget, boolean probeAllAddresses) {

    /** The preference node the settings are read from. */
    public static final String PREFERENCES_NODE = "org.sstpdoctor.probe";
    /** Milliseconds, see {@link #connectTimeout()}. */
    public static final String KEY_CONNECT_TIMEOUT = "probe.connectTimeoutMillis";
    /** Milliseconds, see {@link #readTimeout()}. */
    public static final String KEY_READ_TIMEOUT = "probe.readTimeoutMillis";
    /** Milliseconds, see {@link #deadline()}. */
    public static final String KEY_DEADLINE = "probe.deadlineMillis";
    /** {@code jdk}, {@code file:<path>} or {@code folder:<path>}, see {@link #trust()}. */
    public static final String KEY_TRUST = "certificates.trust";
    /**
     * The option of a server's management channel (in its server file) that names the clients'
     * trust for that server alone, in the syntax of {@link #KEY_TRUST}; it wins over the
     * preference. The practice lab sets it to its roots folder.
     */
    public static final String SERVER_OPTION_TRUST = "clientTrust";
    /** Days, see {@link #expiryWarningDays()}. */
    public static final String KEY_EXPIRY_WARNING_DAYS = "certificates.expiryWarningDays";
    /** {@code host:port}, or empty for none, see {@link #proxy()}. */
    public static final String KEY_PROXY = "probe.proxy";
    /** {@code true} or {@code false}, see {@link #checkRevocation()}. */
    public static final String KEY_CHECK_REVOCATION = "certificates.checkRevocation";
    /** {@code true} or {@code false}, see {@link #probeAllAddresses()}. */
    public static final String KEY_PROBE_ALL_ADDRESSES = "probe.allAddresses";

    /** 5 s to connect, 8 s per answer, 15 s a server; the JDK's roots; 30 days; no proxy; revocation on. */
    public static final ProbeEvidenceSettings DEFAULT = new ProbeEvidenceSettings(Duration.ofSeconds(5),
            Duration.ofSeconds(8), Duration.ofSeconds(15), ClientTrust.jdkCacerts(),
            PkiCertificateAssessor.DEFAULT_EXPIRY_WARNING_DAYS, null, true, Duration.ofSeconds(3),
            Duration.ofSeconds(5), PkiCertificateAssessor.DEFAULT_FETCH_BUDGET, true);

    public ProbeEvidenceSettings {
        Objects.requireNonNull(trust, "trust");
        if (expiryWarningDays < 0 || expiryWarningDays > 3650) {
            throw new IllegalArgumentException("the expiry warning window must be 0-3650 days: " + expiryWarningDays);
        }
        for (Duration d : new Duration[] { connectTimeout, readTimeout, deadline, fetchConnectTimeout, fetchTimeout,
                fetchBudget }) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: " + d);
            }
        }
        probeSettings(connectTimeout, readTimeout, deadline, probeAllAddresses); // validates the probe's limits
    }

    /** The settings in the instance preferences, defaults where a value is missing or unreadable. */
    public static ProbeEvidenceSettings current() {
        return fromPreferences(InstanceScope.INSTANCE.getNode(PREFERENCES_NODE));
    }

    /** The settings in {@code node}, defaults where a value is missing or unreadable. */
    public static ProbeEvidenceSettings fromPreferences(IEclipsePreferences node) {
        ProbeEvidenceSettings d = DEFAULT;
        Duration connect = millis(node.get(KEY_CONNECT_TIMEOUT, null), d.connectTimeout);
        Duration read = millis(node.get(KEY_READ_TIMEOUT, null), d.readTimeout);
        Duration deadline = millis(node.get(KEY_DEADLINE, null), d.deadline);
        ClientTrust trust = trust(node.get(KEY_TRUST, null), d.trust);
        int days = integer(node.get(KEY_EXPIRY_WARNING_DAYS, null), d.expiryWarningDays, 0, 3650);
        ProbeTarget.HttpProxy proxy = proxy(node.get(KEY_PROXY, null), d.proxy);
        boolean revocation = bool(node.get(KEY_CHECK_REVOCATION, null), d.checkRevocation);
        boolean all = bool(node.get(KEY_PROBE_ALL_ADDRESSES, null), d.probeAllAddresses);
        try {
            return new ProbeEvidenceSettings(connect, read, deadline, trust, days, proxy, revocation,
                    d.fetchConnectTimeout, d.fetchTimeout, d.fetchBudget, all);
        } catch (IllegalArgumentException e) {
            // timeouts that contradict each other (a deadline shorter than its steps): the defaults
            return new ProbeEvidenceSettings(d.connectTimeout, d.readTimeout, d.deadline, trust, days, proxy,
                    revocation, d.fetchConnectTimeout, d.fetchTimeout, d.fetchBudget, all);
        }
    }

    /** The limits of one probe. */
    public ProbeSettings probeSettings() {
        return probeSettings(connectTimeout, readTimeout, deadline, probeAllAddresses);
    }

    private static ProbeSettings probeSettings(Duration connect, Duration read, Duration deadline, boolean all) {
        return ProbeSettings.DEFAULT.withTimeouts(connect, read, deadline)
                .withAddresses(ProbeSettings.DEFAULT.addressFamilies(), all);
    }

    /** What the clients connect to for {@code host} on {@code port}, through the proxy if there is one. */
    public ProbeTarget target(String host, int port) {
        ProbeTarget t = ProbeTarget.of(host, port);
        return proxy == null ? t : t.viaProxy(proxy.host(), proxy.port());
    }

    public ProbeEvidenceSettings withTrust(ClientTrust t) {
        return new ProbeEvidenceSettings(connectTimeout, readTimeout, deadline, t, expiryWarningDays, proxy,
                checkRevocation, fetchConnectTimeout, fetchTimeout, fetchBudget, probeAllAddresses);
    }

    public ProbeEvidenceSettings withTimeouts(Duration connect, Duration read, Duration overall) {
        return new ProbeEvidenceSettings(connect, read, overall, trust, expiryWarningDays, proxy, checkRevocation,
                fetchConnectTimeout, fetchTimeout, fetchBudget, probeAllAddresses);
    }

    public ProbeEvidenceSettings withFetchLimits(Duration connect, Duration timeout, Duration budget) {
        return new ProbeEvidenceSettings(connectTimeout, readTimeout, deadline, trust, expiryWarningDays, proxy,
                checkRevocation, connect, timeout, budget, probeAllAddresses);
    }

    public ProbeEvidenceSettings withExpiryWarningDays(int days) {
        return new ProbeEvidenceSettings(connectTimeout, readTimeout, deadline, trust, days, proxy, checkRevocation,
                fetchConnectTimeout, fetchTimeout, fetchBudget, probeAllAddresses);
    }

    public ProbeEvidenceSettings withProxy(ProbeTarget.HttpProxy p) {
        return new ProbeEvidenceSettings(connectTimeout, readTimeout, deadline, trust, expiryWarningDays, p,
                checkRevocation, fetchConnectTimeout, fetchTimeout, fetchBudget, probeAllAddresses);
    }

    /** The values as preference strings, by key: what {@link #fromPreferences} reads back. */
    public java.util.Map<String, String> toPreferences() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put(KEY_CONNECT_TIMEOUT, Long.toString(connectTimeout.toMillis()));
        m.put(KEY_READ_TIMEOUT, Long.toString(readTimeout.toMillis()));
        m.put(KEY_DEADLINE, Long.toString(deadline.toMillis()));
        m.put(KEY_TRUST, switch (trust.kind()) {
            case JDK_CACERTS -> "jdk";
            case FILE -> "file:" + trust.path();
            case FOLDER -> "folder:" + trust.path();
        });
        m.put(KEY_EXPIRY_WARNING_DAYS, Integer.toString(expiryWarningDays));
        m.put(KEY_PROXY, proxy == null ? "" : proxy.toString());
        m.put(KEY_CHECK_REVOCATION, Boolean.toString(checkRevocation));
        m.put(KEY_PROBE_ALL_ADDRESSES, Boolean.toString(probeAllAddresses));
        return m;
    }

    private static Duration millis(String value, Duration fallback) {
        long v = integer(value, -1, 1, 600_000);
        return v < 0 ? fallback : Duration.ofMillis(v);
    }

    private static int integer(String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(value.strip());
            return v < min || v > max ? fallback : v;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static boolean bool(String value, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.equals("true") ? true : v.equals("false") ? false : fallback;
    }

    /**
     * The clients' trust that {@code value} names, in the syntax of {@link #KEY_TRUST} and of the
     * server option {@link #SERVER_OPTION_TRUST}: {@code jdk}, {@code file:<path>} or
     * {@code folder:<path>}; empty when it names none.
     */
    public static java.util.Optional<ClientTrust> parseTrust(String value) {
        return java.util.Optional.ofNullable(trust(value, null));
    }

    private static ClientTrust trust(String value, ClientTrust fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.strip();
        try {
            if (v.equalsIgnoreCase("jdk")) {
                return ClientTrust.jdkCacerts();
            }
            if (v.regionMatches(true, 0, "file:", 0, 5) && v.length() > 5) {
                return ClientTrust.file(Path.of(v.substring(5)));
            }
            if (v.regionMatches(true, 0, "folder:", 0, 7) && v.length() > 7) {
                return ClientTrust.folder(Path.of(v.substring(7)));
            }
        } catch (InvalidPathException e) {
            return fallback;
        }
        return fallback;
    }

    private static ProbeTarget.HttpProxy proxy(String value, ProbeTarget.HttpProxy fallback) {
        if (value == null) {
            return fallback;
        }
        String v = value.strip();
        if (v.isEmpty()) {
            return null;
        }
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1) {
            return fallback;
        }
        try {
            return new ProbeTarget.HttpProxy(v.substring(0, colon), Integer.parseInt(v.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
