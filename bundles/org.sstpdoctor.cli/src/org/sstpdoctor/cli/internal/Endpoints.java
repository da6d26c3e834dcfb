package org.sstpdoctor.cli.internal;

import org.sstpdoctor.probe.ProbeTarget;

/** Reads {@code HOST}, {@code HOST:PORT}, {@code [IPv6]:PORT} and bare IPv6 literals. */
final class Endpoints {

    record HostPort(String host, int port) {
    }

    private Endpoints() {
    }

    static HostPort parse(String text, int defaultPort) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new CliException("an empty host name");
        }
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new CliException("\"" + text + "\": a ']' is missing after the IPv6 address");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new CliException("\"" + text + "\": expected :PORT after the IPv6 address");
                }
                port = rest.substring(1);
            }
        } else if (s.indexOf(':') != s.lastIndexOf(':')) {
            host = s; // a bare IPv6 literal
        } else if (s.indexOf(':') >= 0) {
            host = s.substring(0, s.indexOf(':'));
            port = s.substring(s.indexOf(':') + 1);
        } else {
            host = s;
        }
        int p = defaultPort;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new CliException("\"" + text + "\": the port \"" + port + "\" is not a number");
            }
            if (p < 1 || p > 65535) {
                throw new CliException("\"" + text + "\": the port must be 1-65535");
            }
        }
        if (host.isEmpty()) {
            throw new CliException("\"" + text + "\": the host name is missing");
        }
        return new HostPort(host, p);
    }

    static ProbeTarget target(String text, String proxy) {
        HostPort hp = parse(text, ProbeTarget.DEFAULT_PORT);
        ProbeTarget t;
        try {
            t = ProbeTarget.of(hp.host(), hp.port());
        } catch (IllegalArgumentException e) {
            throw new CliException("\"" + text + "\": " + e.getMessage());
        }
        if (proxy != null) {
            HostPort px = parse(proxy, 8080);
            try {
                t = t.viaProxy(px.host(), px.port());
            } catch (IllegalArgumentException e) {
                throw new CliException("proxy \"" + proxy + "\": " + e.getMessage());
            }
        }
        return t;
    }
}
