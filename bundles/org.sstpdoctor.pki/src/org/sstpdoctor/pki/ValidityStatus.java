package org.sstpdoctor.pki;

/** Where a moment falls in a certificate's validity period. */
public enum ValidityStatus {
    /** Within the period, and not within the warning window before its end. */
    VALID,
    /** Within the period, but it ends within the warning window (renew now). */
    EXPIRING_SOON,
    /** After notAfter: Windows clients fail with 0x800B0101 CERT_E_EXPIRED. */
    EXPIRED,
    /** Before notBefore: also 0x800B0101 CERT_E_EXPIRED ("not within its validity period"). */
    NOT_YET_VALID;

    /** Whether a client accepts the certificate's dates. */
    public boolean isTimeValid() {
        return this == VALID || this == EXPIRING_SOON;
    }
}
