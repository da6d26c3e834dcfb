package org.sstpdoctor.core.inventory;

import java.util.Arrays;
import java.util.Objects;

/**
 * What SSTP Doctor logs in to a server with: a user name, a password and, for key-based SSH,
 * the passphrase of the private key. The secrets are kept as character arrays that
 * {@link #close()} wipes; they never appear in {@link #toString()}.
 */
public final class Credentials implements AutoCloseable {

    private final String user;
    private final char[] password;
    private final char[] passphrase;

    /**
     * @param user       the account, not a secret
     * @param password   the password (copied), or an empty array when there is none
     * @param passphrase the private key's passphrase (copied), or null when there is none
     */
    public Credentials(String user, char[] password, char[] passphrase) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password").clone();
        this.passphrase = passphrase == null ? null : passphrase.clone();
    }

    /** The account to log in as. */
    public String user() {
        return user;
    }

    /** A copy of the password, for the caller to wipe when done. */
    public char[] password() {
        return password.clone();
    }

    /** A copy of the private key's passphrase, for the caller to wipe when done, or null when there is none. */
    public char[] passphrase() {
        return passphrase == null ? null : passphrase.clone();
    }

    /** Whether a private key's passphrase is stored. */
    public boolean hasPassphrase() {
        return passphrase != null;
    }

    /** Overwrites the secrets held by this object. */
    @Override
    public void close() {
        Arrays.fill(password, '\0');
        if (passphrase != null) {
            Arrays.fill(passphrase, '\0');
        }
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=(hidden), passphrase=" + (passphrase == null ? "(none)"
                : "(hidden)") + "]";
    }
}
