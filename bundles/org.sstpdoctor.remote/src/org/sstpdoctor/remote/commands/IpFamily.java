package org.sstpdoctor.remote.commands;

/** The address family of a listener or an http.sys binding. */
public enum IpFamily {
    IPV4, IPV6;

    /** The family of a literal address ({@code 0.0.0.0}, {@code ::}, {@code [::]}, {@code fe80::1%4}). */
    static IpFamily of(String address) {
        return address.indexOf(':') >= 0 ? IPV6 : IPV4;
    }
}
