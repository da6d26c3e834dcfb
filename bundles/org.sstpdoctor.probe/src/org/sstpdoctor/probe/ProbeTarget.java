package org.sstpdoctor.probe;

import java.net.IDN;
import java.util.Objects;

/**
 * What to probe: the host name (or address) a VPN connection names, the port (443 unless the
 * server's ListenerPort was changed), and optionally the HTTP proxy the client goes through.
 *
 * @param host  a DNS name (internationalised names are kept in their ASCII form) or an IP address
 *              literal (IPv6 with or without brackets)
 * @param port  1-65535
 * @param proxy the HTTP proxy to tunnel through with {@code CONNECT}, or null for a direct connection
 */
public record ProbeTarget(String host, int port, HttpProxy proxy) {

    /** The port SSTP listens on by default. */
    public static final int DEFAULT_PORT = 443;

    /**
     * An HTTP proxy that the client reaches first and asks, with {@code CONNECT host:port}, for a
     * tunnel to the server. The proxy, not the client, resolves the server's name.
     */
    public record HttpProxy(String host, int port) {
        public HttpProxy {
            host = normaliseHost(host);
            checkPort(port);
        }

        @Override
        public String toString() {
            return authority(host, port);
        }
    }

    public ProbeTarget {
        host = normaliseHost(host);
        checkPort(port);
    }

    /** {@code host} on port 443, direct. */
    public static ProbeTarget of(String host) {
        return new ProbeTarget(host, DEFAULT_PORT, null);
    }

    /** {@code host} on {@code port}, direct. */
    public static ProbeTarget of(String host, int port) {
        return new ProbeTarget(host, port, null);
    }

    /** This target, reached through the HTTP proxy {@code proxyHost:proxyPort}. */
    public ProbeTarget viaProxy(String proxyHost, int proxyPort) {
        return new ProbeTarget(host, port, new HttpProxy(proxyHost, proxyPort));
    }

    /** Whether the host is an IP address literal rather than a DNS name. */
    public boolean hostIsAddress() {
        return isAddressLiteral(host);
    }

    /** The value of an HTTP Host header for this target: the host, and {@code :port} unless 443. */
    public String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == DEFAULT_PORT ? h : h + ":" + port;
    }

    /** {@code host:port}, IPv6 literals in brackets: the request target of a proxy CONNECT. */
    public String authority() {
        return authority(host, port);
    }

    @Override
    public String toString() {
        return proxy == null ? authority() : authority() + " via proxy " + proxy;
    }

    /** Whether {@code host} is an IPv4 dotted quad or an IPv6 literal. */
    public static boolean isAddressLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        int dots = 0;
        int digits = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                if (digits == 0) {
                    return false;
                }
                dots++;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                digits++;
            } else {
                return false;
            }
        }
        return dots == 3 && digits > 0;
    }

    private static String authority(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static String normaliseHost(String host) {
        Objects.requireNonNull(host, "host");
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        if (h.indexOf(':') >= 0 && h.indexOf(':') == h.lastIndexOf(':')) {
            throw new IllegalArgumentException("not a host name or address (a port goes separately): " + host);
        }
        if (!h.chars().allMatch(c -> c < 0x80)) {
            h = IDN.toASCII(h); // an internationalised name, in the form DNS and certificates use
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c <= ' ' || c == '/' || c == '@' || c == '[' || c == ']' || c > '~') {
                throw new IllegalArgumentException("not a host name or address: " + host);
            }
        }
        return h;
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a TCP port is 1-65535: " + port);
        }
    }
}
