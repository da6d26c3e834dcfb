package org.sstpdoctor.pki;

/**
 * Asks for the password of a protected file (a PKCS#12/PFX, a Java keystore). The UI answers with a
 * dialog; headless callers pass a stored secret or {@link #NONE}. The reader clears the returned
 * array after use.
 */
@FunctionalInterface
public interface PasswordProvider {

    /** Gives no password: protected files fail with {@code PASSWORD_REQUIRED}. */
    PasswordProvider NONE = (source, format) -> null;

    /**
     * @param source the file being read, as the person would recognise it
     * @param format its format
     * @return the password, or null when there is none (the person cancelled)
     */
    char[] password(String source, CertificateFormat format);

    /** A provider that always answers {@code password} (a copy each time). */
    static PasswordProvider of(char[] password) {
        char[] kept = password.clone();
        return (source, format) -> kept.clone();
    }
}
