package org.sstpdoctor.remote.ssh;

/**
 * Asks a person whether to trust a server's SSH host key seen for the first time (trust on first
 * use). It is called on the thread that opens the channel, after the SSH handshake and before
 * any credential is sent; the connection waits for the answer, so a dialog may take its time.
 * A key that differs from the one on file is never offered: it is refused without asking.
 *
 * <p>Headless code uses {@link #REFUSE}; the UI supplies a dialog that shows the fingerprint.
 */
@FunctionalInterface
public interface IHostKeyConfirmer {

    /** Trusts no new host key: what headless code and tests get unless they choose otherwise. */
    IHostKeyConfirmer REFUSE = key -> false;

    /**
     * @param key the new host key and where it will be kept
     * @return whether to trust it; it is then added to SSTP Doctor's known-hosts file
     */
    boolean trustNewHostKey(HostKeyInfo key);
}
