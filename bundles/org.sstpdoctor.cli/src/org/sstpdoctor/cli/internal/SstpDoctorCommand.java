package org.sstpdoctor.cli.internal;

import picocli.CommandLine.Command;

/** {@code sstpdoctor}: the command line of SSTP Doctor. */
@Command(name = "sstpdoctor", mixinStandardHelpOptions = true, version = "SSTP Doctor 0.1.0",
        description = "Diagnoses SSTP VPN failures on Windows RRAS servers, headless.",
        subcommands = { CheckCommand.class, ProbeCommand.class, ExplainCommand.class, CredentialsCommand.class, LabCommand.class },
        footer = { "", "Exit status: 0 healthy, 1 problems found, 2 usage or runtime error.",
                "Credentials come only from Eclipse Secure Storage; for unattended runs give the platform",
                "option -eclipse.password FILE (the master password of the storage, read from FILE)",
                "and optionally -eclipse.keyring FILE (another storage file)." })
final class SstpDoctorCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is missing: check, probe or explain");
    }
}
