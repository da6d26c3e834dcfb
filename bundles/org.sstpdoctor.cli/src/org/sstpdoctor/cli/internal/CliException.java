package org.sstpdoctor.cli.internal;

/** A failure the user can act on; its message is printed without a stack trace and the status is 2. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
