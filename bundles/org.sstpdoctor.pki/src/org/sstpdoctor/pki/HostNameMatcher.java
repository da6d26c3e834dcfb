package org.sstpdoctor.pki;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.util.IPAddress;
import org.sstpdoctor.pki.NameMatch.HostKind;
import org.sstpdoctor.pki.NameMatch.Rule;
import org.sstpdoctor.pki.internal.Certificates;

/**
 * Matches the host name of a VPN connection against the server certificate the way the Windows
 * SSTP client does (its failure is 0x800B010F, KB947031 scenario 6).
 * <p>
 * <b>DNS names.</b> The DNS names of the Subject Alternative Name take precedence: when there is at
 * least one, the subject CN is not looked at. Only when there is none is the subject CN (every CN
 * of the subject) compared. Comparison is case-insensitive and ignores one trailing dot on either
 * side. Internationalised names are compared in their A-label ({@code xn--}) form as written; a
 * host given with Unicode labels is converted to A-labels first. A wildcard is accepted only as
 * the whole left-most label ({@code *.contoso.com}) followed by at least two labels, and matches
 * exactly one label: {@code vpn.contoso.com} but not {@code a.b.contoso.com}, not
 * {@code contoso.com}; partial wildcards ({@code vp*.contoso.com}), wildcards in other labels and
 * {@code *.com} never match.
 * <p>
 * <b>IP addresses.</b> KB947031 scenario 6 says: "if the VPN client uses an IP address to connect
 * to the server, the certificate must specify that IP address in the subject name." Both places a
 * certificate can carry an address are accepted, by the same precedence as for DNS names: an
 * iPAddress entry of the Subject Alternative Name always counts (compared as an address, so
 * {@code ::1} equals {@code 0:0:0:0:0:0:0:1}); the subject CN holding the address as text counts
 * only when the certificate has no SAN DNS name. A wildcard never matches an address, nor does a
 * DNS SAN that happens to spell the address.
 * <p>
 * No name resolution happens here: the host is compared as given.
 */
public final class HostNameMatcher {

    private HostNameMatcher() {
    }

    /** Whether {@code certificate} is issued to {@code host}, and why. */
    public static NameMatch match(X509Certificate certificate, String host) {
        List<byte[]> ips = Certificates.sanIpAddresses(certificate);
        return match(Certificates.sanDnsNames(certificate), ips, Certificates.commonNames(certificate), host);
    }

    /** Whether a certificate with these names is issued to {@code host}, and why. */
    public static NameMatch match(CertificateReport report, String host) {
        return match(report.certificate(), host);
    }

    static NameMatch match(List<String> sanDns, List<byte[]> sanIps, List<String> cns, String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("no host name to match");
        }
        String given = host.strip();
        byte[] address = parseAddress(given);
        if (address != null) {
            return matchAddress(given, address, sanDns, sanIps, cns);
        }
        String normalized = normalizeDns(given, false);
        if (normalized == null) {
            return new NameMatch(false, host, given, HostKind.DNS_NAME, Rule.NO_NAMES, null, List.of(),
                    "'" + given + "' is neither a valid DNS name nor an IP address");
        }
        List<String> compared = new ArrayList<>();
        Rule rule;
        List<String> candidates;
        if (!sanDns.isEmpty()) {
            rule = Rule.SAN_DNS_NAMES;
            candidates = sanDns;
            sanDns.forEach(n -> compared.add("DNS:" + n));
        } else if (!cns.isEmpty()) {
            rule = Rule.SUBJECT_CN;
            candidates = cns;
            cns.forEach(n -> compared.add("CN:" + n));
        } else {
            return new NameMatch(false, host, normalized, HostKind.DNS_NAME, Rule.NO_NAMES, null, List.of(),
                    "the certificate has neither a SAN DNS name nor a subject CN, so it matches no host name");
        }
        for (String candidate : candidates) {
            String why = dnsMatch(candidate, normalized);
            if (why != null) {
                String where = rule == Rule.SAN_DNS_NAMES ? "SAN DNS name" : "subject CN";
                return new NameMatch(true, host, normalized, HostKind.DNS_NAME, rule, candidate, compared,
                        normalized + " matches the " + where + " " + candidate + why
                                + (rule == Rule.SUBJECT_CN ? " (used because the certificate has no SAN DNS name)"
                                        : ""));
            }
        }
        String explanation = normalized + " matches none of " + String.join(", ", compared);
        if (rule == Rule.SAN_DNS_NAMES && !cns.isEmpty()) {
            boolean cnWouldMatch = cns.stream().anyMatch(cn -> dnsMatch(cn, normalized) != null);
            explanation += cnWouldMatch
                    ? "; the subject CN " + String.join(", ", cns)
                            + " would match, but a client ignores the CN when the SAN has DNS names"
                    : " (the subject CN is not used: the SAN has DNS names)";
        }
        return new NameMatch(false, host, normalized, HostKind.DNS_NAME, rule, null, compared, explanation);
    }

    private static NameMatch matchAddress(String host, byte[] address, List<String> sanDns, List<byte[]> sanIps,
            List<String> cns) {
        HostKind kind = address.length == 4 ? HostKind.IPV4_ADDRESS : HostKind.IPV6_ADDRESS;
        String text = Certificates.ipText(address);
        List<String> compared = new ArrayList<>();
        sanIps.forEach(ip -> compared.add("IP:" + Certificates.ipText(ip)));
        boolean cnCounts = sanDns.isEmpty();
        Rule rule = cnCounts ? Rule.SAN_IP_ADDRESSES_AND_CN : Rule.SAN_IP_ADDRESSES;
        if (cnCounts) {
            cns.forEach(cn -> compared.add("CN:" + cn));
        }
        for (byte[] ip : sanIps) {
            if (Arrays.equals(ip, address)) {
                return new NameMatch(true, host, text, kind, rule, Certificates.ipText(ip), compared,
                        text + " matches the SAN IP address " + Certificates.ipText(ip));
            }
        }
        if (cnCounts) {
            for (String cn : cns) {
                byte[] cnAddress = parseAddress(cn.strip());
                if (cnAddress != null && Arrays.equals(cnAddress, address)) {
                    return new NameMatch(true, host, text, kind, rule, cn, compared,
                            text + " matches the subject CN " + cn
                                    + " (KB947031: the IP address must appear in the subject)");
                }
            }
        }
        if (compared.isEmpty() && sanDns.isEmpty()) {
            return new NameMatch(false, host, text, kind, Rule.NO_NAMES, null, compared,
                    "the certificate names no IP address and no host, so it matches no address");
        }
        StringBuilder why = new StringBuilder("the IP address ").append(text).append(" is not in the certificate");
        why.append(compared.isEmpty() ? " (it has no SAN IP address" : " (compared: " + String.join(", ", compared));
        if (!cnCounts) {
            why.append("; the subject CN is not used because the SAN has DNS names ").append(String.join(", ", sanDns));
        }
        why.append("); connecting by address needs the address in the certificate's subject or SAN");
        return new NameMatch(false, host, text, kind, rule, null, compared, why.toString());
    }

    /**
     * Null when {@code pattern} does not match {@code host} (both normalised by the caller for
     * the host); else a short note on how it matched ("" for an exact match).
     */
    static String dnsMatch(String pattern, String host) {
        String p = normalizeDns(pattern.strip(), true);
        if (p == null) {
            return null;
        }
        if (!p.contains("*")) {
            return p.equals(host) ? "" : null;
        }
        String[] pl = p.split("\\.", -1);
        String[] hl = host.split("\\.", -1);
        if (!pl[0].equals("*")) {
            return null; // partial wildcard (vp*.contoso.com) or not left-most
        }
        for (int i = 1; i < pl.length; i++) {
            if (pl[i].contains("*")) {
                return null;
            }
        }
        if (pl.length < 3 || hl.length != pl.length || hl[0].isEmpty()) {
            return null; // *.com, or a different number of labels
        }
        for (int i = 1; i < pl.length; i++) {
            if (!pl[i].equals(hl[i])) {
                return null;
            }
        }
        return " (the wildcard stands for the one label '" + hl[0] + "')";
    }

    /**
     * Lower case, one trailing dot removed, Unicode labels as A-labels; null when not a DNS name
     * ({@code *} allowed only in a certificate's name, where the wildcard rules judge it).
     */
    static String normalizeDns(String name, boolean wildcards) {
        String n = name;
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || n.contains("..") || n.startsWith(".")) {
            return null;
        }
        boolean ascii = n.chars().allMatch(c -> c < 0x80);
        if (!ascii) {
            try {
                n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || wildcards && c == '*')) {
                return null;
            }
        }
        return n.toLowerCase(Locale.ROOT);
    }

    /** The bytes of an IPv4 or IPv6 literal (IPv6 optionally in brackets), or null. */
    static byte[] parseAddress(String s) {
        String a = s;
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        if (zone > 0 && a.contains(":")) {
            a = a.substring(0, zone);
        }
        if (!IPAddress.isValid(a)) {
            return null;
        }
        try {
            // A literal: no name lookup happens.
            return InetAddress.getByName(a).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
