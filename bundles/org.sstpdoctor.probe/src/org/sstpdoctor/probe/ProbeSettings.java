package org.sstpdoctor.probe;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.sstpdoctor.probe.sstp.SstpPacket;

/**
 * The limits of one probe. Every network wait is bounded twice: by the limit of the step and by
 * the overall deadline, whichever comes first.
 *
 * @param connectTimeout    the longest a name resolution, a TCP connection or a proxy's answer to
 *                          {@code CONNECT} may take
 * @param readTimeout       the longest the server may take to deliver one complete answer: the
 *                          TLS handshake, the HTTP response head, one SSTP packet. A server that
 *                          trickles bytes does not extend it.
 * @param deadline          the longest the whole probe of a target may take, all its addresses
 *                          included
 * @param maxHeaderBytes    the largest HTTP response head read (status line and headers); a
 *                          larger one is reported as malformed and not read further
 * @param maxPacketLength   the largest SSTP packet accepted, at most 4095 (the 12-bit Length field)
 * @param addressFamilies   which resolved addresses are probed
 * @param probeAllAddresses true to probe every resolved address to the end (IPv4 and IPv6 may be
 *                          served by different listeners and certificates); false to stop, as a
 *                          client does, at the first address that accepts the TCP connection
 * @param headCheck         whether to also send, on a second connection, the {@code HEAD} request
 *                          an SSTP-aware load-balancer monitor sends (a healthy listener answers 401)
 * @param tlsProtocols      the TLS versions offered, as JSSE names them ({@code TLSv1.3},
 *                          {@code TLSv1.2}); by default those a current Windows client offers
 */
public record ProbeSettings(Duration connectTimeout, Duration readTimeout, Duration deadline, int maxHeaderBytes,
        int maxPacketLength, AddressFamilies addressFamilies, boolean probeAllAddresses, boolean headCheck,
        List<String> tlsProtocols) {

    /** 16 KiB, ample for any HTTP response an SSTP listener or a proxy sends. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;

    /** 5 s to connect, 10 s per answer, 30 s in all; 16 KiB of headers; packets up to 4095 bytes. */
    public static final ProbeSettings DEFAULT = new ProbeSettings(Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), DEFAULT_MAX_HEADER_BYTES, SstpPacket.MAX_LENGTH, AddressFamilies.ANY, false, false,
            List.of("TLSv1.3", "TLSv1.2"));

    public ProbeSettings {
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        positive(deadline, "deadline");
        if (maxHeaderBytes < 256 || maxHeaderBytes > 1024 * 1024) {
            throw new IllegalArgumentException("maxHeaderBytes must be 256 bytes to 1 MiB: " + maxHeaderBytes);
        }
        if (maxPacketLength < SstpPacket.CONTROL_HEADER_LENGTH || maxPacketLength > SstpPacket.MAX_LENGTH) {
            throw new IllegalArgumentException("maxPacketLength must be 8-4095: " + maxPacketLength);
        }
        Objects.requireNonNull(addressFamilies, "addressFamilies");
        tlsProtocols = List.copyOf(tlsProtocols);
        if (tlsProtocols.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS protocol must be offered");
        }
    }

    public ProbeSettings withTimeouts(Duration connect, Duration read, Duration overall) {
        return new ProbeSettings(connect, read, overall, maxHeaderBytes, maxPacketLength, addressFamilies,
                probeAllAddresses, headCheck, tlsProtocols);
    }

    public ProbeSettings withLimits(int headerBytes, int packetLength) {
        return new ProbeSettings(connectTimeout, readTimeout, deadline, headerBytes, packetLength, addressFamilies,
                probeAllAddresses, headCheck, tlsProtocols);
    }

    public ProbeSettings withAddresses(AddressFamilies families, boolean all) {
        return new ProbeSettings(connectTimeout, readTimeout, deadline, maxHeaderBytes, maxPacketLength, families, all,
                headCheck, tlsProtocols);
    }

    public ProbeSettings withHeadCheck(boolean head) {
        return new ProbeSettings(connectTimeout, readTimeout, deadline, maxHeaderBytes, maxPacketLength,
                addressFamilies, probeAllAddresses, head, tlsProtocols);
    }

    public ProbeSettings withTlsProtocols(String... protocols) {
        return new ProbeSettings(connectTimeout, readTimeout, deadline, maxHeaderBytes, maxPacketLength,
                addressFamilies, probeAllAddresses, headCheck, List.of(protocols));
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be positive and below 24 days: " + d);
        }
    }
}
