package org.sstpdoctor.remote.winrm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.sstpdoctor.remote.winrm.WinRmException.Step;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Runs commands on a Windows server over WinRM: for each command a remote shell is created (no profile, code page
 * 65001), the command started, its output received until it is done, and the shell deleted. One command at a time;
 * the connection (and with NTLM its security context) is kept between commands until {@link #close()}.
 */
public final class WinRmClient implements AutoCloseable {

    /** cmd.exe refuses command lines longer than 8191 characters. */
    static final int MAX_COMMAND_LINE = 8191;

    private final WinRmSettings settings;
    private final WsmanTransport transport;

    public WinRmClient(WinRmSettings settings) throws WinRmException {
        this.settings = Objects.requireNonNull(settings);
        this.transport = new WsmanTransport(settings);
    }

    public WinRmSettings settings() {
        return settings;
    }

    /**
     * Runs a PowerShell script as common WinRM clients do:
     * {@code powershell.exe -NoProfile -NonInteractive -EncodedCommand <base64 of UTF-16LE>}. Errors PowerShell
     * writes as CLIXML come back as their text, without progress records.
     */
    public ShellResult runPowerShell(String script, Duration timeout, IProgressMonitor monitor)
            throws WinRmException {
        ShellResult r = run("powershell.exe", List.of("-NoProfile", "-NonInteractive", "-EncodedCommand",
                encodePowerShell(script)), timeout, monitor);
        return new ShellResult(r.exitCode(), r.stdout(), PowerShellErrors.decode(r.stderr()), r.truncated());
    }

    /** The {@code -EncodedCommand} form of a script: base64 of its UTF-16LE bytes. */
    public static String encodePowerShell(String script) {
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }

    /**
     * Runs one command in a new remote shell and waits for it to end.
     *
     * @param command the program, e.g. {@code ipconfig} or {@code netsh}
     * @param args    its arguments, passed as separate Arguments elements; Windows joins program and arguments
     *                with spaces into one command line, so quote an argument that holds spaces as cmd.exe expects
     * @param timeout the most the whole run may take; on expiry the command is terminated and TIMEOUT raised
     * @param monitor cancellation (may be null); on cancel the command is terminated and CANCELLED raised
     * @return exit code and output; when the output reaches the cap the command is terminated and the result is marked
     *         truncated (exit code -1 unless the command had already ended)
     */
    public synchronized ShellResult run(String command, List<String> args, Duration timeout,
            IProgressMonitor monitor) throws WinRmException {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(args, "args");
        int length = command.length() + args.stream().mapToInt(a -> a.length() + 1).sum();
        if (length > MAX_COMMAND_LINE) {
            throw new IllegalArgumentException("the command line is " + length + " characters; Windows allows "
                    + MAX_COMMAND_LINE);
        }
        IProgressMonitor m = monitor == null ? new NullProgressMonitor() : monitor;
        long deadline = System.nanoTime() + timeout.toNanos();
        String shellId = createShell(deadline, m);
        String commandId = null;
        boolean ended = false;
        try {
            commandId = startCommand(shellId, command, args, deadline, m);
            Output out = receive(shellId, commandId, deadline, m);
            ended = out.ended;
            return out.result();
        } finally {
            cleanUp(shellId, commandId, ended);
        }
    }

    private String createShell(long deadline, IProgressMonitor m) throws WinRmException {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("WINRS_NOPROFILE", "TRUE");
        options.put("WINRS_CODEPAGE", "65001");
        Wsman.Request r = Wsman.request(settings.endpoint().toString(), Wsman.ACTION_CREATE, null, options,
                settings.operationTimeout());
        Element shell = Wsman.child(r.body(), Wsman.SHELL, "rsp:Shell");
        Wsman.text(Wsman.child(shell, Wsman.SHELL, "rsp:InputStreams"), "stdin");
        Wsman.text(Wsman.child(shell, Wsman.SHELL, "rsp:OutputStreams"), "stdout stderr");
        Document response = send(r, deadline, m, "creating the shell");
        for (Element selector : Wsman.all(response.getDocumentElement(), Wsman.WSMAN, "Selector")) {
            if ("ShellId".equals(selector.getAttribute("Name")) && !selector.getTextContent().isBlank()) {
                return selector.getTextContent().strip();
            }
        }
        Element id = Wsman.first(response, Wsman.SHELL, "ShellId");
        if (id == null || id.getTextContent().isBlank()) {
            throw new WinRmException(settings.endpoint(), Step.PROTOCOL, "the Create response has no ShellId");
        }
        return id.getTextContent().strip();
    }

    private String startCommand(String shellId, String command, List<String> args, long deadline,
            IProgressMonitor m) throws WinRmException {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("WINRS_CONSOLEMODE_STDIN", "TRUE");
        options.put("WINRS_SKIP_CMD_SHELL", "FALSE");
        Wsman.Request r = Wsman.request(settings.endpoint().toString(), Wsman.ACTION_COMMAND, shellId, options,
                settings.operationTimeout());
        Element line = Wsman.child(r.body(), Wsman.SHELL, "rsp:CommandLine");
        Wsman.text(Wsman.child(line, Wsman.SHELL, "rsp:Command"), command);
        for (String a : args) {
            Wsman.text(Wsman.child(line, Wsman.SHELL, "rsp:Arguments"), a);
        }
        Document response = send(r, deadline, m, "starting the command");
        Element id = Wsman.first(response, Wsman.SHELL, "CommandId");
        if (id == null || id.getTextContent().isBlank()) {
            throw new WinRmException(settings.endpoint(), Step.PROTOCOL, "the Command response has no CommandId");
        }
        return id.getTextContent().strip();
    }

    /** The output gathered so far. */
    private final class Output {
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        boolean ended;
        boolean truncated;
        int exitCode = -1;

        /** Adds bytes up to the cap; returns false when the cap was reached. */
        boolean add(ByteArrayOutputStream to, byte[] data) {
            long room = settings.maxOutputBytes() - stdout.size() - stderr.size();
            if (data.length > room) {
                to.write(data, 0, (int) Math.max(0, room));
                truncated = true;
                return false;
            }
            to.writeBytes(data);
            return true;
        }

        ShellResult result() {
            return new ShellResult(exitCode, stdout.toString(StandardCharsets.UTF_8),
                    stderr.toString(StandardCharsets.UTF_8), truncated);
        }
    }

    private Output receive(String shellId, String commandId, long deadline, IProgressMonitor m)
            throws WinRmException {
        Output out = new Output();
        while (true) {
            Wsman.Request r = Wsman.request(settings.endpoint().toString(), Wsman.ACTION_RECEIVE, shellId, Map.of(),
                    pollTimeout(deadline));
            Element receive = Wsman.child(r.body(), Wsman.SHELL, "rsp:Receive");
            Element desired = Wsman.text(Wsman.child(receive, Wsman.SHELL, "rsp:DesiredStream"), "stdout stderr");
            desired.setAttribute("CommandId", commandId);
            Document response = send(r, deadline, m, "receiving output");
            if (response == null) {
                continue; // no output within the operation timeout: poll again
            }
            for (Element stream : Wsman.all(response.getDocumentElement(), Wsman.SHELL, "Stream")) {
                if (stream.hasAttribute("CommandId") && !commandId.equalsIgnoreCase(stream.getAttribute("CommandId"))) {
                    continue;
                }
                String text = stream.getTextContent().strip();
                if (text.isEmpty()) {
                    continue;
                }
                byte[] data;
                try {
                    data = Base64.getMimeDecoder().decode(text);
                } catch (IllegalArgumentException e) {
                    throw new WinRmException(settings.endpoint(), Step.PROTOCOL,
                            "a " + stream.getAttribute("Name") + " stream is not base64");
                }
                boolean room = out.add("stderr".equals(stream.getAttribute("Name")) ? out.stderr : out.stdout, data);
                if (!room) {
                    return out;
                }
            }
            Element state = Wsman.first(response, Wsman.SHELL, "CommandState");
            if (state != null && Wsman.STATE_DONE.equals(state.getAttribute("State"))) {
                Element exit = Wsman.first(state, Wsman.SHELL, "ExitCode");
                if (exit != null) {
                    try {
                        out.exitCode = (int) Long.parseLong(exit.getTextContent().strip());
                    } catch (NumberFormatException e) {
                        throw new WinRmException(settings.endpoint(), Step.PROTOCOL,
                                "the exit code is not a number");
                    }
                }
                out.ended = true;
                return out;
            }
        }
    }

    /** The OperationTimeout of a Receive: the configured one, shortened to what is left before the deadline. */
    private Duration pollTimeout(long deadline) {
        long leftSeconds = (deadline - System.nanoTime()) / 1_000_000_000L;
        return Duration.ofSeconds(Math.max(1, Math.min(settings.operationTimeout().toSeconds(), leftSeconds)));
    }

    /** Sends a request and returns the answer; null only for the "no output yet" fault of a Receive. */
    private Document send(Wsman.Request r, long deadline, IProgressMonitor m, String what) throws WinRmException {
        WsmanTransport.Reply reply = transport.exchange(r.bytes(), deadline, m);
        Document d;
        try {
            d = Wsman.parse(reply.soap());
        } catch (SAXException e) {
            throw new WinRmException(settings.endpoint(), Step.PROTOCOL,
                    "the answer to " + what + " is not a valid SOAP envelope: " + e.getMessage(), e);
        }
        Wsman.Fault fault = Wsman.fault(d);
        if (fault != null) {
            if (Wsman.OPERATION_TIMEOUT_CODE.equals(fault.wsmanCode())
                    && Wsman.ACTION_RECEIVE.equals(action(r))) {
                return null; // "no output yet": the caller polls again
            }
            boolean denied = fault.subcode() != null && Wsman.localName(fault.subcode()).equals("AccessDenied");
            throw new WinRmException(settings.endpoint(), denied ? Step.AUTH : Step.COMMAND,
                    what + " failed: " + fault.describe());
        }
        if (reply.status() != 200) {
            throw new WinRmException(settings.endpoint(), Step.PROTOCOL,
                    "HTTP " + reply.status() + " without a SOAP fault while " + what);
        }
        Element relatesTo = Wsman.first(d, Wsman.ADDRESSING, "RelatesTo");
        if (relatesTo != null && !relatesTo.getTextContent().strip().equalsIgnoreCase(r.messageId())) {
            throw new WinRmException(settings.endpoint(), Step.PROTOCOL,
                    "the answer to " + what + " relates to another message");
        }
        return d;
    }

    private static String action(Wsman.Request r) {
        Element a = Wsman.first(r.document(), Wsman.ADDRESSING, "Action");
        return a == null ? null : a.getTextContent();
    }

    /** Terminates an unfinished command and deletes the shell, best effort, within a short time of its own. */
    private void cleanUp(String shellId, String commandId, boolean ended) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        IProgressMonitor none = new NullProgressMonitor();
        if (commandId != null && !ended) {
            Wsman.Request r = Wsman.request(settings.endpoint().toString(), Wsman.ACTION_SIGNAL, shellId, Map.of(),
                    Duration.ofSeconds(5));
            Element signal = Wsman.child(r.body(), Wsman.SHELL, "rsp:Signal");
            signal.setAttribute("CommandId", commandId);
            Wsman.text(Wsman.child(signal, Wsman.SHELL, "rsp:Code"), Wsman.SIGNAL_TERMINATE);
            try {
                send(r, deadline, none, "terminating the command");
            } catch (WinRmException e) {
                // the shell is deleted next, which ends the command too
            }
        }
        Wsman.Request r = Wsman.request(settings.endpoint().toString(), Wsman.ACTION_DELETE, shellId, Map.of(),
                Duration.ofSeconds(5));
        try {
            send(r, deadline, none, "deleting the shell");
        } catch (WinRmException e) {
            // the server removes idle shells itself (IdleTimeout); nothing more to do
        }
    }

    /**
     * Closes the connection; the client may be used again and then opens a new one. Called from another thread while a
     * command runs, it breaks that run's connection first (the run fails and deletes its shell on a new connection).
     */
    @Override
    public void close() {
        transport.abort();
        synchronized (this) {
            transport.close();
        }
    }
}
