package org.sstpdoctor.cli.internal;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lab}: the practice lab is not part of this build yet; says so, status 2. */
@Command(name = "lab", description = "Start the practice lab (not available in this build).")
final class LabCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", hidden = true)
    List<String> ignored;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("error: the practice lab is not available in this build of SSTP Doctor.");
        return Exit.ERROR;
    }
}
