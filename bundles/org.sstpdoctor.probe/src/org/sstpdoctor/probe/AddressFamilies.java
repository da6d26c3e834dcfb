package org.sstpdoctor.probe;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Which of a name's addresses a probe connects to. */
public enum AddressFamilies {
    /** IPv4 and IPv6, in the order the resolver returns them. */
    ANY,
    /** A records only. */
    IPV4,
    /** AAAA records only. */
    IPV6;

    /** Whether {@code address} belongs to these families. */
    public boolean accepts(InetAddress address) {
        return switch (this) {
            case ANY -> true;
            case IPV4 -> address instanceof Inet4Address;
            case IPV6 -> address instanceof Inet6Address;
        };
    }
}
