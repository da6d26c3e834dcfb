package org.sstpdoctor.probe;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.sstpdoctor.probe.sstp.SstpAttribute.CryptoBindingRequest;
import org.sstpdoctor.probe.sstp.SstpAttribute.StatusInfo;
import org.sstpdoctor.probe.sstp.SstpMessageType;
import org.sstpdoctor.probe.sstp.SstpPacket;

/**
 * The probe of one address of a target (one of its A or AAAA records, or the proxy's address):
 * its steps and what each showed.
 *
 * @param address       the address connected to (the proxy's when the target is reached through one)
 * @param steps         the steps, in order
 * @param outcome       how the conversation ended
 * @param tls           what the TLS handshake showed, or null when it did not get as far as a
 *                      certificate
 * @param http          the answer to {@code SSTP_DUPLEX_POST}, or null when none was received
 * @param proxyAnswer   the proxy's answer to {@code CONNECT}, or null (no proxy, or no answer)
 * @param headCheck     the answer to the load-balancer monitor's {@code HEAD} request, or null
 *                      when not checked or not answered
 * @param sent          the SSTP packets sent, in order
 * @param received      the SSTP packets received, in order (control and data)
 * @param bytesSent     the bytes written to the TCP connection (TLS records included)
 * @param bytesReceived the bytes read from the TCP connection (TLS records included): never more
 *                      than the configured limits plus one TLS record
 */
public record AddressProbe(InetSocketAddress address, List<ProbeStep> steps, ProbeOutcome outcome, TlsInfo tls,
        HttpResponseHead http, HttpResponseHead proxyAnswer, HttpResponseHead headCheck, List<SstpPacket> sent,
        List<SstpPacket> received, long bytesSent, long bytesReceived) {

    public AddressProbe {
        Objects.requireNonNull(address, "address");
        steps = List.copyOf(steps);
        Objects.requireNonNull(outcome, "outcome");
        sent = List.copyOf(sent);
        received = List.copyOf(received);
    }

    /** The server's answer to the Call Connect Request, if one arrived. */
    public Optional<SstpPacket> callConnectAnswer() {
        for (SstpPacket p : received) {
            if (p.is(SstpMessageType.CALL_CONNECT_ACK) || p.is(SstpMessageType.CALL_CONNECT_NAK)
                    || p.is(SstpMessageType.CALL_ABORT) || p.is(SstpMessageType.CALL_DISCONNECT)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The Crypto Binding Request of the server's Call Connect Ack, if it sent one. */
    public Optional<CryptoBindingRequest> cryptoBindingRequest() {
        return callConnectAnswer().flatMap(p -> p.attribute(CryptoBindingRequest.class));
    }

    /** The Status Info attributes of the server's Nak, Abort or Disconnect. */
    public List<StatusInfo> statusInfos() {
        return callConnectAnswer().map(p -> p.attributes(StatusInfo.class)).orElse(List.of());
    }

    /** The data packets (PPP frames) the server sent after its Ack. */
    public List<SstpPacket> dataPackets() {
        return received.stream().filter(p -> !p.isControl()).toList();
    }

    /** The step of {@code kind}, if it was taken. */
    public Optional<ProbeStep> step(StepKind kind) {
        for (ProbeStep s : steps) {
            if (s.kind() == kind) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
