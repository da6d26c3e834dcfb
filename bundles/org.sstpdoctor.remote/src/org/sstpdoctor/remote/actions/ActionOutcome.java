package org.sstpdoctor.remote.actions;

import java.util.Objects;

/**
 * How a server action ended, as the server reported it.
 *
 * @param ok      whether the server says the change was made
 * @param message what the server said, in one or a few lines
 */
public record ActionOutcome(boolean ok, String message) {

    public ActionOutcome {
        Objects.requireNonNull(message, "message");
    }
}
