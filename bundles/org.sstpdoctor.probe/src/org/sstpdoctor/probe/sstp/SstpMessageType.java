package org.sstpdoctor.probe.sstp;

/** The control message types of [MS-SSTP] section 2.2.2, with their wire values. */
public enum SstpMessageType {
    CALL_CONNECT_REQUEST(0x0001),
    CALL_CONNECT_ACK(0x0002),
    CALL_CONNECT_NAK(0x0003),
    CALL_CONNECTED(0x0004),
    CALL_ABORT(0x0005),
    CALL_DISCONNECT(0x0006),
    CALL_DISCONNECT_ACK(0x0007),
    ECHO_REQUEST(0x0008),
    ECHO_RESPONSE(0x0009);

    private static final SstpMessageType[] BY_CODE = values();

    private final int code;

    SstpMessageType(int code) {
        this.code = code;
    }

    /** The 16-bit wire value. */
    public int code() {
        return code;
    }

    /** The name the specification uses, e.g. {@code SSTP_MSG_CALL_CONNECT_ACK}. */
    public String specName() {
        return "SSTP_MSG_" + name();
    }

    /** The type with wire value {@code code}, or null when [MS-SSTP] defines none. */
    public static SstpMessageType of(int code) {
        return code >= 1 && code <= BY_CODE.length ? BY_CODE[code - 1] : null;
    }
}
