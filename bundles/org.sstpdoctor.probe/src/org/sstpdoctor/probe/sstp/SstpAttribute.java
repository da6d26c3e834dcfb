package org.sstpdoctor.probe.sstp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An attribute of an SSTP control message, [MS-SSTP] section 2.2.4: a 4-byte header (Reserved,
 * Attribute ID, 4 reserved bits and a 12-bit Length that counts the header) and a value whose
 * layout the attribute ID fixes. The four attributes the specification defines are the four
 * records here; anything else is rejected by {@link SstpPacket#parse(byte[])}.
 */
public sealed interface SstpAttribute {

    /** SSTP_ATTRIB_ENCAPSULATED_PROTOCOL_ID. */
    int ENCAPSULATED_PROTOCOL_ID = 0x01;
    /** SSTP_ATTRIB_STATUS_INFO. */
    int STATUS_INFO = 0x02;
    /** SSTP_ATTRIB_CRYPTO_BINDING. */
    int CRYPTO_BINDING = 0x03;
    /** SSTP_ATTRIB_CRYPTO_BINDING_REQ. */
    int CRYPTO_BINDING_REQ = 0x04;

    /** SSTP_ENCAPSULATED_PROTOCOL_PPP, the only encapsulated protocol. */
    int PROTOCOL_PPP = 0x0001;
    /** CERT_HASH_PROTOCOL_SHA1 in a hash protocol (bitmask). */
    int HASH_SHA1 = 0x01;
    /** CERT_HASH_PROTOCOL_SHA256 in a hash protocol (bitmask). */
    int HASH_SHA256 = 0x02;
    /** The length of a nonce, a certificate hash and a compound MAC. */
    int NONCE_LENGTH = 32;

    /** The Attribute ID. */
    int id();

    /** The whole attribute's length on the wire, header included. */
    int length();

    /** A one-line description for transcripts. */
    String describe();

    /** The name the specification uses for attribute ID {@code id}, or its hexadecimal value. */
    static String idName(int id) {
        return switch (id) {
            case 0 -> "SSTP_ATTRIB_NO_ERROR";
            case ENCAPSULATED_PROTOCOL_ID -> "SSTP_ATTRIB_ENCAPSULATED_PROTOCOL_ID";
            case STATUS_INFO -> "SSTP_ATTRIB_STATUS_INFO";
            case CRYPTO_BINDING -> "SSTP_ATTRIB_CRYPTO_BINDING";
            case CRYPTO_BINDING_REQ -> "SSTP_ATTRIB_CRYPTO_BINDING_REQ";
            default -> String.format("attribute 0x%02X", id);
        };
    }

    /** The names of the hash protocols set in {@code bitmask}, e.g. {@code SHA1+SHA256}. */
    static String hashNames(int bitmask) {
        StringBuilder b = new StringBuilder();
        if ((bitmask & HASH_SHA1) != 0) {
            b.append("SHA1");
        }
        if ((bitmask & HASH_SHA256) != 0) {
            b.append(b.isEmpty() ? "" : "+").append("SHA256");
        }
        int unknown = bitmask & ~(HASH_SHA1 | HASH_SHA256);
        if (unknown != 0) {
            b.append(b.isEmpty() ? "" : "+").append(String.format("unknown bits 0x%02X", unknown));
        }
        return b.isEmpty() ? "none" : b.toString();
    }

    /**
     * SSTP_ATTRIB_ENCAPSULATED_PROTOCOL_ID (section 2.2.5): length 6, a 16-bit protocol id.
     *
     * @param protocolId the protocol, {@link #PROTOCOL_PPP} for PPP
     */
    record EncapsulatedProtocolId(int protocolId) implements SstpAttribute {

        /** The attribute of a Call Connect Request: PPP. */
        public static final EncapsulatedProtocolId PPP = new EncapsulatedProtocolId(PROTOCOL_PPP);

        public EncapsulatedProtocolId {
            if (protocolId < 0 || protocolId > 0xFFFF) {
                throw new IllegalArgumentException("protocol id is 16 bits: " + protocolId);
            }
        }

        @Override
        public int id() {
            return ENCAPSULATED_PROTOCOL_ID;
        }

        @Override
        public int length() {
            return 6;
        }

        @Override
        public String describe() {
            return "Encapsulated Protocol ID " + (protocolId == PROTOCOL_PPP ? "PPP" : String.format("0x%04X", protocolId));
        }
    }

    /**
     * SSTP_ATTRIB_STATUS_INFO (section 2.2.8): why a message was refused. Length 12 plus the value.
     *
     * @param attribId    the attribute the status is about (0 for none)
     * @param status      the 32-bit status, see {@link SstpStatus}
     * @param attribValue the offending attribute's value, possibly empty
     */
    record StatusInfo(int attribId, long status, byte[] attribValue) implements SstpAttribute {

        public StatusInfo {
            if (attribId < 0 || attribId > 0xFF) {
                throw new IllegalArgumentException("AttribID is 8 bits: " + attribId);
            }
            if (status < 0 || status > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("Status is 32 bits: " + status);
            }
            attribValue = attribValue == null ? new byte[0] : attribValue.clone();
        }

        public StatusInfo(int attribId, SstpStatus status) {
            this(attribId, status.code(), new byte[0]);
        }

        @Override
        public byte[] attribValue() {
            return attribValue.clone();
        }

        @Override
        public int id() {
            return STATUS_INFO;
        }

        @Override
        public int length() {
            return 12 + attribValue.length;
        }

        @Override
        public String describe() {
            return "Status Info: " + SstpStatus.describe(status) + " about " + idName(attribId)
                    + (attribValue.length == 0 ? "" : ", value " + HexFormat.ofDelimiter(" ").formatHex(attribValue));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StatusInfo s && s.attribId == attribId && s.status == status
                    && Arrays.equals(s.attribValue, attribValue);
        }

        @Override
        public int hashCode() {
            return (attribId * 31 + Long.hashCode(status)) * 31 + Arrays.hashCode(attribValue);
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * SSTP_ATTRIB_CRYPTO_BINDING_REQ (section 2.2.7), sent by the server in its Call Connect Ack:
     * length 40, 3 reserved bytes, the hash protocols it accepts and a 32-byte nonce.
     *
     * @param hashProtocolBitmask {@link #HASH_SHA1} and/or {@link #HASH_SHA256}
     * @param nonce               32 bytes
     */
    record CryptoBindingRequest(int hashProtocolBitmask, byte[] nonce) implements SstpAttribute {

        public CryptoBindingRequest {
            if (hashProtocolBitmask < 0 || hashProtocolBitmask > 0xFF) {
                throw new IllegalArgumentException("Hash Protocol Bitmask is 8 bits: " + hashProtocolBitmask);
            }
            if (nonce == null || nonce.length != NONCE_LENGTH) {
                throw new IllegalArgumentException("the nonce is 32 bytes");
            }
            nonce = nonce.clone();
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        @Override
        public int id() {
            return CRYPTO_BINDING_REQ;
        }

        @Override
        public int length() {
            return 40;
        }

        @Override
        public String describe() {
            return "Crypto Binding Request: hash " + hashNames(hashProtocolBitmask) + String.format(" (bitmask 0x%02X)",
                    hashProtocolBitmask) + ", nonce " + HexFormat.of().formatHex(nonce);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CryptoBindingRequest r && r.hashProtocolBitmask == hashProtocolBitmask
                    && Arrays.equals(r.nonce, nonce);
        }

        @Override
        public int hashCode() {
            return hashProtocolBitmask * 31 + Arrays.hashCode(nonce);
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * SSTP_ATTRIB_CRYPTO_BINDING (section 2.2.6), sent by the client in Call Connected: length
     * 104, 3 reserved bytes, the hash protocol, the server's nonce, the certificate hash and the
     * compound MAC (32 bytes each; SHA-1 values are padded with zeros).
     */
    record CryptoBinding(int hashProtocol, byte[] nonce, byte[] certHash, byte[] compoundMac) implements SstpAttribute {

        public CryptoBinding {
            if (hashProtocol < 0 || hashProtocol > 0xFF) {
                throw new IllegalArgumentException("Hash Protocol is 8 bits: " + hashProtocol);
            }
            for (byte[] b : new byte[][] { nonce, certHash, compoundMac }) {
                if (b == null || b.length != NONCE_LENGTH) {
                    throw new IllegalArgumentException("nonce, certificate hash and compound MAC are 32 bytes each");
                }
            }
            nonce = nonce.clone();
            certHash = certHash.clone();
            compoundMac = compoundMac.clone();
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        @Override
        public byte[] certHash() {
            return certHash.clone();
        }

        @Override
        public byte[] compoundMac() {
            return compoundMac.clone();
        }

        @Override
        public int id() {
            return CRYPTO_BINDING;
        }

        @Override
        public int length() {
            return 104;
        }

        @Override
        public String describe() {
            return "Crypto Binding: hash " + hashNames(hashProtocol) + ", certificate hash "
                    + HexFormat.of().formatHex(certHash);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CryptoBinding c && c.hashProtocol == hashProtocol && Arrays.equals(c.nonce, nonce)
                    && Arrays.equals(c.certHash, certHash) && Arrays.equals(c.compoundMac, compoundMac);
        }

        @Override
        public int hashCode() {
            return ((hashProtocol * 31 + Arrays.hashCode(nonce)) * 31 + Arrays.hashCode(certHash)) * 31
                    + Arrays.hashCode(compoundMac);
        }

        @Override
        public String toString() {
            return describe();
        }
    }
}
