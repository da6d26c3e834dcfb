package org.sstpdoctor.core.remediation;

import java.nio.file.Path;
import java.util.List;

/**
 * What applying a plan did.
 *
 * @param succeeded whether every step succeeded
 * @param output    what the commands printed, or what the files are for
 * @param files     the files written
 */
public record RemediationOutcome(boolean succeeded, String output, List<Path> files) {

    public RemediationOutcome {
        output = output == null ? "" : output;
        files = List.copyOf(files);
    }

    public static RemediationOutcome success(String output) {
        return new RemediationOutcome(true, output, List.of());
    }

    public static RemediationOutcome failure(String output) {
        return new RemediationOutcome(false, output, List.of());
    }
}
