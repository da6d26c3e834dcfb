package org.sstpdoctor.cli.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.eclipse.equinox.security.storage.StorageException;
import org.sstpdoctor.core.inventory.CredentialStore;
import org.sstpdoctor.core.inventory.ServerFileFormat;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code credentials set}: stores a server's credentials in Secure Storage for unattended runs.
 * The password is read from standard input, never from the command line.
 */
@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = "Store the credentials a server file names (its credentialRef) in Eclipse Secure Storage. "
                + "The password is read from the first line of standard input, never from the command line.",
        footer = { "", "Example, unattended: printf '%s\\n' \"$PW\" | sstpdoctor credentials --ref UUID --user admin "
                + "-eclipse.password master.txt" })
final class CredentialsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--ref", required = true, paramLabel = "UUID", description = "the server file's credentialRef")
    String ref;

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "the account name")
    String user;

    @Override
    public Integer call() throws IOException, StorageException {
        if (!ServerFileFormat.isCredentialRef(ref)) {
            throw new CliException("--ref " + ref + ": not a credential reference (a UUID)");
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null || line.isEmpty()) {
            throw new CliException("no password on standard input");
        }
        char[] password = line.toCharArray();
        try {
            CredentialStore.getDefault().store(ref, user, password, null);
        } finally {
            Arrays.fill(password, '\0');
        }
        spec.commandLine().getErr().println("Stored the credentials of " + ref + " for user " + user + ".");
        return Exit.HEALTHY;
    }
}
