package org.sstpdoctor.probe.sstp;

/**
 * Names the PPP frame an SSTP data packet carries, enough for a transcript: the protocol and,
 * for the control protocols, the code ([RFC 1661] section 5). SSTP carries PPP frames without
 * HDLC framing; a frame may or may not start with the address and control bytes FF 03.
 */
public final class Ppp {

    private Ppp() {
    }

    /** E.g. {@code PPP LCP Configure-Request id 1} or {@code PPP protocol 0x0021}. */
    public static String describe(byte[] frame) {
        int p = frame.length >= 2 && (frame[0] & 0xFF) == 0xFF && (frame[1] & 0xFF) == 0x03 ? 2 : 0;
        if (frame.length < p + 2) {
            return "too short for a PPP frame";
        }
        int protocol = ((frame[p] & 0xFF) << 8) | (frame[p + 1] & 0xFF);
        String name = switch (protocol) {
            case 0xC021 -> "LCP";
            case 0xC023 -> "PAP";
            case 0xC223 -> "CHAP";
            case 0xC227 -> "EAP";
            case 0x8021 -> "IPCP";
            case 0x8057 -> "IPv6CP";
            case 0x80FD -> "CCP";
            default -> null;
        };
        if (name == null) {
            return String.format("PPP protocol 0x%04X", protocol);
        }
        if (frame.length < p + 4 || (protocol != 0xC021 && protocol != 0x8021 && protocol != 0x8057 && protocol != 0x80FD)) {
            return "PPP " + name;
        }
        int code = frame[p + 2] & 0xFF;
        String codeName = switch (code) {
            case 1 -> "Configure-Request";
            case 2 -> "Configure-Ack";
            case 3 -> "Configure-Nak";
            case 4 -> "Configure-Reject";
            case 5 -> "Terminate-Request";
            case 6 -> "Terminate-Ack";
            case 7 -> "Code-Reject";
            case 8 -> "Protocol-Reject";
            case 9 -> "Echo-Request";
            case 10 -> "Echo-Reply";
            case 11 -> "Discard-Request";
            default -> "code " + code;
        };
        return "PPP " + name + " " + codeName + " id " + (frame[p + 3] & 0xFF);
    }
}
