package org.sstpdoctor.remote;

import java.util.Objects;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

/**
 * A remote channel failed. The message names the server and the step that failed, then says
 * what happened, for example {@code vpn1 (vpn1.contoso.com:22): authentication failed: the
 * server refused the password of user "admin"}. It never holds a password, a passphrase or a
 * key: those are not passed to the code that builds messages.
 *
 * <p>It is a {@link CoreException}, so that evidence providers and remediations can let it
 * through as the {@code CoreException} their contracts declare.
 */
public final class RemoteException extends CoreException {

    private static final long serialVersionUID = 1L;

    /** The bundle whose status this exception carries. */
    public static final String PLUGIN_ID = "org.sstpdoctor.remote";

    /** The step of talking to a server that failed. */
    public enum Step {
        /** The host name could not be resolved. */
        DNS("host name lookup failed"),
        /** No connection: refused, unreachable, no answer, or not the protocol expected. */
        CONNECT("connection failed"),
        /** The TLS handshake failed or the certificate was not trusted (WinRM over HTTPS). */
        TLS("TLS handshake failed"),
        /** The SSH host key is unknown and was not confirmed, or changed. */
        HOST_KEY("host key not trusted"),
        /** The server refused the credentials, or none could be used. */
        AUTH("authentication failed"),
        /** The command could not be started or its answer could not be read. */
        COMMAND("command failed"),
        /** The command did not finish within its timeout. */
        TIMEOUT("command timed out"),
        /** The user cancelled. */
        CANCELLED("cancelled"),
        /** The command's output exceeded its cap where complete output was required. */
        OUTPUT_LIMIT("output limit exceeded");

        private final String failure;

        Step(String failure) {
            this.failure = failure;
        }

        /** How a failure of this step reads in a message ("authentication failed"). */
        public String failure() {
            return failure;
        }
    }

    private final String server;
    private final Step step;
    private final String detail;

    /**
     * @param server how the server is named in messages, e.g. {@code vpn1 (vpn1.contoso.com:22)}
     * @param step   the step that failed
     * @param detail what happened, without any secret
     */
    public RemoteException(String server, Step step, String detail) {
        this(server, step, detail, null);
    }

    /**
     * @param cause the underlying failure, for the log; its message is not repeated in this
     *              exception's message unless the caller put it in {@code detail}
     */
    public RemoteException(String server, Step step, String detail, Throwable cause) {
        super(new Status(IStatus.ERROR, PLUGIN_ID, message(server, step, detail), cause));
        this.server = server;
        this.step = step;
        this.detail = detail;
    }

    private static String message(String server, Step step, String detail) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(detail, "detail");
        return server + ": " + step.failure() + ": " + detail;
    }

    /** How the server is named in the message. */
    public String server() {
        return server;
    }

    /** The step that failed. */
    public Step step() {
        return step;
    }

    /** What happened, without the server and the step. */
    public String detail() {
        return detail;
    }

    @Override
    public String getMessage() {
        return getStatus().getMessage();
    }
}
