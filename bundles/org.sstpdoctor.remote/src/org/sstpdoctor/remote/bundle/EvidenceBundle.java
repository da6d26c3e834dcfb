package org.sstpdoctor.remote.bundle;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.remote.CommandForm;
import org.sstpdoctor.remote.CommandIds;
import org.sstpdoctor.remote.CommandResult;
import org.sstpdoctor.remote.IRemoteChannel;
import org.sstpdoctor.remote.RemoteCommand;
import org.sstpdoctor.remote.RemoteException;

/**
 * An imported evidence bundle: the outputs a collection script wrote on a server, by command id,
 * and what was missing or damaged in the archive.
 *
 * <p>The archive is a zip, its files either at its top or in one folder at its top (as Windows
 * zips a folder):
 * <ul>
 * <li>{@value #MANIFEST}: a JSON object with {@code format} ({@value #FORMAT}), {@code version}
 * ({@value #VERSION}), {@code tool} (the SSTP Doctor that wrote the script), {@code script}
 * ({@value #SCRIPT_POWERSHELL} or {@value #SCRIPT_CMD}), {@code host} (the computer name),
 * {@code time} (UTC ISO-8601 from PowerShell; the server's own date and time text from cmd),
 * {@code codePage} (cmd only: what {@code chcp} printed), and {@code commands}, an array of
 * objects with {@code id}, {@code form} ({@code powershell} or {@code legacy}), {@code exitCode}
 * (a number, or null when unknown), {@code file} and optionally {@code elapsedMs};</li>
 * <li>one file per command, {@code <id>.<form>.txt} ({@link #fileName}), holding what the command
 * printed, errors included: UTF-8 from the PowerShell script, the console code page from the cmd
 * script.</li>
 * </ul>
 */
public final class EvidenceBundle {

    /** The manifest's file name. */
    public static final String MANIFEST = "manifest.json";
    /** The manifest's {@code format}. */
    public static final String FORMAT = "sstpdoctor-evidence";
    /** The manifest's {@code version} this SSTP Doctor writes and reads. */
    public static final int VERSION = 1;
    /** The manifest's {@code script} when the PowerShell collection script wrote it. */
    public static final String SCRIPT_POWERSHELL = "powershell";
    /** The manifest's {@code script} when the cmd collection script wrote it. */
    public static final String SCRIPT_CMD = "cmd";

    /**
     * Something missing or wrong in an archive.
     *
     * @param part    the file of the archive it concerns ({@value EvidenceBundle#MANIFEST},
     *                {@code services.legacy.txt}), or the archive's name
     * @param message what is wrong, and what was done about it
     */
    public record Problem(String part, String message) {

        @Override
        public String toString() {
            return part + ": " + message;
        }
    }

    private final Path source;
    private final String tool;
    private final String script;
    private final String host;
    private final String time;
    private final Map<String, CommandResult> results;
    private final List<Problem> problems;

    EvidenceBundle(Path source, String tool, String script, String host, String time,
            Map<String, CommandResult> results, List<Problem> problems) {
        this.source = source;
        this.tool = tool;
        this.script = script;
        this.host = host;
        this.time = time;
        this.results = Collections.unmodifiableMap(new TreeMap<>(results));
        this.problems = List.copyOf(problems);
    }

    /** The name of a command's output file: {@code <id>.<form>.txt}. */
    public static String fileName(String id, CommandForm form) {
        return CommandIds.requireValid(id) + "." + form.id() + ".txt";
    }

    /** The archive it was read from. */
    public Path source() {
        return source;
    }

    /** The SSTP Doctor that wrote the collection script, or empty when the manifest does not say. */
    public String tool() {
        return tool;
    }

    /** {@value #SCRIPT_POWERSHELL}, {@value #SCRIPT_CMD}, or empty when the manifest does not say. */
    public String script() {
        return script;
    }

    /** The computer name of the server, or empty when the manifest does not say. */
    public String host() {
        return host;
    }

    /** When the evidence was collected, as the script wrote it, or empty. */
    public String time() {
        return time;
    }

    /** The outputs, by command id, in id order. */
    public Map<String, CommandResult> results() {
        return results;
    }

    /** The output of the command {@code id}, if the bundle has it. */
    public Optional<CommandResult> result(String id) {
        return Optional.ofNullable(results.get(id));
    }

    /** What was missing or wrong; each output that could be read was imported all the same. */
    public List<Problem> problems() {
        return problems;
    }

    /** Whether nothing was missing or wrong. */
    public boolean isComplete() {
        return problems.isEmpty();
    }

    /**
     * A channel that answers commands from this bundle: a command gets the output recorded under
     * its id, in whichever form the script ran it ({@link CommandResult#form()}), cut at the
     * command's output cap.
     *
     * @param serverName how the server is named in messages
     */
    public IRemoteChannel channel(String serverName) {
        return new IRemoteChannel() {
            @Override
            public String serverName() {
                return serverName;
            }

            @Override
            public ChannelKind kind() {
                return ChannelKind.BUNDLE;
            }

            @Override
            public CommandResult run(RemoteCommand command, IProgressMonitor monitor) throws RemoteException {
                if (monitor != null && monitor.isCanceled()) {
                    throw new RemoteException(serverName, RemoteException.Step.CANCELLED, command.id()
                            + " was cancelled");
                }
                CommandResult result = results.get(command.id());
                if (result == null) {
                    String why = problems.stream().filter(p -> p.part().startsWith(command.id() + "."))
                            .map(Problem::message).findFirst().orElse("the collection script did not run it");
                    throw new RemoteException(serverName, RemoteException.Step.COMMAND, "the evidence bundle "
                            + source.getFileName() + " has no output of " + command.id() + ": " + why);
                }
                return capped(result, command.outputCap());
            }

            @Override
            public void close() {
                // nothing to release: the bundle is in memory
            }
        };
    }

    /** {@code result} with its output cut at {@code cap} bytes, stdout first. */
    private static CommandResult capped(CommandResult result, long cap) {
        if (result.outputSize() <= cap) {
            return result;
        }
        byte[] stdout = result.stdoutBytes();
        byte[] stderr = result.stderrBytes();
        int out = (int) Math.min(stdout.length, cap);
        int err = (int) Math.min(stderr.length, cap - out);
        Integer exitCode = result.exitCode().isPresent() ? result.exitCode().getAsInt() : null;
        return new CommandResult(result.id(), result.form(), exitCode, Arrays.copyOf(stdout, out),
                Arrays.copyOf(stderr, err), result.charset(), true, result.elapsed());
    }

    @Override
    public String toString() {
        return "EvidenceBundle[" + source.getFileName() + ", " + results.keySet() + ", " + problems.size()
                + " problems]";
    }
}
