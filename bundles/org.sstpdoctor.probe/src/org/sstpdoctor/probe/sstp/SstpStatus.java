package org.sstpdoctor.probe.sstp;

/** The Status values of the Status Info attribute, [MS-SSTP] section 2.2.8. */
public enum SstpStatus {
    NO_ERROR(0x00),
    DUPLICATE_ATTRIBUTE(0x01),
    UNRECOGNIZED_ATTRIBUTE(0x02),
    INVALID_ATTRIB_VALUE_LENGTH(0x03),
    VALUE_NOT_SUPPORTED(0x04),
    UNACCEPTED_FRAME_RECEIVED(0x05),
    RETRY_COUNT_EXCEEDED(0x06),
    INVALID_FRAME_RECEIVED(0x07),
    NEGOTIATION_TIMEOUT(0x08),
    ATTRIB_NOT_SUPPORTED_IN_MSG(0x09),
    REQUIRED_ATTRIBUTE_MISSING(0x0A),
    STATUS_INFO_NOT_SUPPORTED_IN_MSG(0x0B);

    private static final SstpStatus[] BY_CODE = values();

    private final int code;

    SstpStatus(int code) {
        this.code = code;
    }

    /** The 32-bit wire value. */
    public int code() {
        return code;
    }

    /** The status with wire value {@code code}, or null when [MS-SSTP] defines none. */
    public static SstpStatus of(long code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[(int) code] : null;
    }

    /** {@code ATTRIB_STATUS_<name> (0x..)} for a known value, the hexadecimal value otherwise. */
    public static String describe(long code) {
        SstpStatus s = of(code);
        String hex = String.format("0x%08X", code);
        return s == null ? hex + " (not defined by [MS-SSTP])" : "ATTRIB_STATUS_" + s.name() + " (" + hex + ")";
    }
}
