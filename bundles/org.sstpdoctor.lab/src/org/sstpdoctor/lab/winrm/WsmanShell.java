package org.sstpdoctor.lab.winrm;

import static org.sstpdoctor.lab.winrm.WsmanEnvelope.A;
import static org.sstpdoctor.lab.winrm.WsmanEnvelope.CMD;
import static org.sstpdoctor.lab.winrm.WsmanEnvelope.RSP;
import static org.sstpdoctor.lab.winrm.WsmanEnvelope.S;
import static org.sstpdoctor.lab.winrm.WsmanEnvelope.W;
import static org.sstpdoctor.lab.winrm.WsmanEnvelope.all;
import static org.sstpdoctor.lab.winrm.WsmanEnvelope.envelope;
import static org.sstpdoctor.lab.winrm.WsmanEnvelope.first;
import static org.sstpdoctor.lab.winrm.WsmanEnvelope.parse;
import static org.sstpdoctor.lab.winrm.WsmanEnvelope.text;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sstpdoctor.lab.CommandAnswer;
import org.sstpdoctor.lab.ICommandHost;
import org.sstpdoctor.lab.winrm.WsmanEnvelope.Answer;
import org.sstpdoctor.lab.winrm.WsmanEnvelope.Reply;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The Windows remote shell (MS-WSMV, the cmd resource) of the lab's WinRM endpoint: Create, Command, Receive (with
 * the OperationTimeout fault while a command has no output yet), Signal and Delete, as Windows answers them, with each
 * command's output and exit code from an {@link ICommandHost}. Thread-safe.
 */
final class WsmanShell {

    static final String MACHINE = "winrmlab.lab.example";

    /** WSManFault codes Windows sends (winerror.h ERROR_WSMAN_*). */
    static final String OPERATION_TIMEDOUT = "2150858793", // ERROR_WSMAN_OPERATION_TIMEDOUT
            SHELL_NOT_FOUND = "2150858843", // what Windows sends for an unknown ShellId
            INVALID_SELECTORS = "2150858813", // ERROR_WSMAN_INVALID_SELECTORS
            ACTION_NOT_SUPPORTED = "2150858771", // ERROR_WSMAN_ACTION_NOT_SUPPORTED
            DESTINATION_UNREACHABLE = "2150858770", // ERROR_WSMAN_DESTINATION_UNREACHABLE
            QUOTA_MAX_SHELLS = "2150859173", // ERROR_WSMAN_QUOTA_MAX_SHELLS
            QUOTA_MAX_OPERATIONS = "2150859174", // ERROR_WSMAN_QUOTA_MAX_OPERATIONS
            INVALID_XML = "2150858819", // ERROR_WSMAN_INVALID_XML
            INVALID_PARAMETER = "2150858810"; // ERROR_WSMAN_INVALID_PARAMETER

    /** Shells one user may have open (Windows' MaxShellsPerUser default). */
    static final int MAX_SHELLS = 30;
    /** Commands one shell may have (Windows' MaxProcessesPerShell default). */
    static final int MAX_COMMANDS = 25;
    /** A shell nobody used for this long is dropped (Windows' IdleTimeout default is 2 hours). */
    static final Duration SHELL_IDLE = Duration.ofMinutes(30);
    /** The longest OperationTimeout honoured; longer ones are cut to this. */
    static final Duration MAX_OPERATION_TIMEOUT = Duration.ofSeconds(60);
    /** How long a command may run on the host. */
    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
    /** Raw output bytes sent in one ReceiveResponse, well within the client's MaxEnvelopeSize once in base64. */
    static final int CHUNK = 64 * 1024;

    private static final class Shell {
        final Map<String, Command> commands = new ConcurrentHashMap<>();
        final Charset charset;
        volatile long lastUsed = System.nanoTime();

        Shell(Charset charset) {
            this.charset = charset;
        }
    }

    private static final class Command {
        final CompletableFuture<CommandAnswer> answer;
        final Thread worker;
        byte[] stdout;
        byte[] stderr;
        int outAt;
        int errAt;
        volatile boolean terminated;

        Command(CompletableFuture<CommandAnswer> answer, Thread worker) {
            this.answer = answer;
            this.worker = worker;
        }
    }

    private final ICommandHost host;
    private final Map<String, Shell> shells = new ConcurrentHashMap<>();

    WsmanShell(ICommandHost host) {
        this.host = host;
    }

    /** Shells open now. */
    int openShells() {
        return shells.size();
    }

    Answer handle(byte[] request) {
        Document in;
        try {
            in = parse(request);
        } catch (Exception e) {
            return fault(null, "s:Sender", "w:SchemaValidationError", INVALID_XML,
                    "The WS-Management service cannot process the request because the XML is invalid.");
        }
        String messageId = text(in, A, "MessageID");
        try {
            return dispatch(in, messageId);
        } catch (RuntimeException e) {
            return fault(messageId, "s:Sender", "w:InvalidParameter", INVALID_PARAMETER,
                    "The WS-Management service cannot process the request because the request is not valid.");
        }
    }

    private Answer dispatch(Document in, String messageId) {
        String action = text(in, A, "Action");
        String resource = text(in, W, "ResourceURI");
        if (!CMD.equals(resource)) {
            return fault(messageId, "s:Sender", "w:DestinationUnreachable", DESTINATION_UNREACHABLE,
                    "The WS-Management service cannot process the request. The resource URI is not valid or the"
                            + " resource is not supported by this lab server: " + resource);
        }
        expireIdleShells();
        String shellId = null;
        for (Element sel : all(in.getDocumentElement(), W, "Selector")) {
            if ("ShellId".equals(sel.getAttribute("Name"))) {
                shellId = sel.getTextContent().strip();
            }
        }
        switch (action == null ? "" : action) {
            case "http://schemas.xmlsoap.org/ws/2004/09/transfer/Create":
                return create(in, messageId);
            case "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Command":
                return command(in, messageId, shellId);
            case "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Receive":
                return receive(in, messageId, shellId);
            case "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Signal":
                return signal(in, messageId, shellId);
            case "http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete":
                return delete(messageId, shellId);
            default:
                return fault(messageId, "s:Sender", "a:ActionNotSupported", ACTION_NOT_SUPPORTED,
                        "The WS-Management service cannot process the request because the action is not supported: "
                                + action);
        }
    }

    private void expireIdleShells() {
        long now = System.nanoTime();
        for (Iterator<Map.Entry<String, Shell>> it = shells.entrySet().iterator(); it.hasNext();) {
            Shell s = it.next().getValue();
            if (now - s.lastUsed > SHELL_IDLE.toNanos()) {
                it.remove();
                s.commands.values().forEach(c -> c.worker.interrupt());
            }
        }
    }

    private Answer create(Document in, String messageId) {
        if (shells.size() >= MAX_SHELLS) {
            return fault(messageId, "s:Receiver", "w:QuotaLimit", QUOTA_MAX_SHELLS,
                    "The WS-Management service cannot process the request. This user is allowed a maximum number of "
                            + MAX_SHELLS + " concurrent shells, which has been exceeded. Close existing shells or"
                            + " raise the quota for this user.");
        }
        String codepage = null;
        for (Element o : all(in.getDocumentElement(), W, "Option")) {
            if ("WINRS_CODEPAGE".equals(o.getAttribute("Name"))) {
                codepage = o.getTextContent().strip();
            }
        }
        String id = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        shells.put(id, new Shell(charset(codepage)));
        Reply r = envelope(messageId, "http://schemas.xmlsoap.org/ws/2004/09/transfer/CreateResponse");
        Element created = r.add(r.body, W, "w:ResourceCreated");
        r.add(created, A, "a:Address").setTextContent("http://" + MACHINE + ":5985/wsman");
        Element params = r.add(created, A, "a:ReferenceParameters");
        r.add(params, W, "w:ResourceURI").setTextContent(CMD);
        Element sel = r.add(r.add(params, W, "w:SelectorSet"), W, "w:Selector");
        sel.setAttribute("Name", "ShellId");
        sel.setTextContent(id);
        Element shell = r.add(r.body, RSP, "rsp:Shell");
        r.add(shell, RSP, "rsp:ShellId").setTextContent(id);
        r.add(shell, RSP, "rsp:ResourceUri").setTextContent(CMD);
        r.add(shell, RSP, "rsp:InputStreams").setTextContent("stdin");
        r.add(shell, RSP, "rsp:OutputStreams").setTextContent("stdout stderr");
        return r.answer();
    }

    /** The console code page the client asked for: UTF-8 for 65001, otherwise that OEM code page when known. */
    private static Charset charset(String codepage) {
        if (codepage == null || codepage.equals("65001")) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(codepage.equals("437") ? "IBM437" : "Cp" + codepage);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private Shell shell(String shellId) {
        Shell s = shellId == null ? null : shells.get(shellId);
        if (s != null) {
            s.lastUsed = System.nanoTime();
        }
        return s;
    }

    private Answer command(Document in, String messageId, String shellId) {
        Shell shell = shell(shellId);
        if (shell == null) {
            return noShell(messageId, shellId);
        }
        if (shell.commands.size() >= MAX_COMMANDS) {
            return fault(messageId, "s:Receiver", "w:QuotaLimit", QUOTA_MAX_OPERATIONS,
                    "The WS-Management service cannot process the request. The maximum number of concurrent"
                            + " operations for this user has been exceeded.");
        }
        Element command = first(in, RSP, "Command");
        if (command == null || command.getTextContent().isBlank()) {
            return fault(messageId, "s:Sender", "w:InvalidParameter", INVALID_PARAMETER,
                    "The WS-Management service cannot process the request because the command is missing.");
        }
        StringBuilder line = new StringBuilder(command.getTextContent().strip());
        for (Element a : all(in.getDocumentElement(), RSP, "Arguments")) {
            line.append(' ').append(a.getTextContent()); // cmd.exe sees them joined by spaces
        }
        String commandLine = line.toString();
        CompletableFuture<CommandAnswer> answer = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().name("lab winrm command").unstarted(() -> {
            try {
                answer.complete(host.run(commandLine, COMMAND_TIMEOUT));
            } catch (RuntimeException e) {
                answer.complete(CommandAnswer.failed(1, host.name() + ": the command failed: " + e + "\r\n"));
            }
        });
        String id = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        shell.commands.put(id, new Command(answer, worker));
        worker.start();
        Reply r = envelope(messageId, "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandResponse");
        r.add(r.add(r.body, RSP, "rsp:CommandResponse"), RSP, "rsp:CommandId").setTextContent(id);
        return r.answer();
    }

    private Answer receive(Document in, String messageId, String shellId) {
        Shell shell = shell(shellId);
        if (shell == null) {
            return noShell(messageId, shellId);
        }
        Element desired = first(in, RSP, "DesiredStream");
        String commandId = desired == null ? null : desired.getAttribute("CommandId");
        Command c = commandId == null ? null : shell.commands.get(commandId);
        if (c == null) {
            return noCommand(messageId);
        }
        CommandAnswer done;
        try {
            done = c.answer.get(operationTimeout(in).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fault(messageId, "s:Receiver", "w:TimedOut", OPERATION_TIMEDOUT,
                    "The WS-Management service cannot complete the operation within the time specified in"
                            + " OperationTimeout.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fault(messageId, "s:Receiver", "w:TimedOut", OPERATION_TIMEDOUT,
                    "The WS-Management service cannot complete the operation within the time specified in"
                            + " OperationTimeout.");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        Reply r = envelope(messageId, "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/ReceiveResponse");
        Element response = r.add(r.body, RSP, "rsp:ReceiveResponse");
        boolean last;
        synchronized (c) {
            if (c.stdout == null) {
                c.stdout = done.stdout().getBytes(shell.charset);
                c.stderr = done.stderr().getBytes(shell.charset);
            }
            int budget = CHUNK;
            int n = Math.min(budget, c.stdout.length - c.outAt);
            if (n > 0) {
                stream(r, response, "stdout", commandId, c.stdout, c.outAt, n);
                c.outAt += n;
                budget -= n;
            }
            n = Math.min(budget, c.stderr.length - c.errAt);
            if (n > 0) {
                stream(r, response, "stderr", commandId, c.stderr, c.errAt, n);
                c.errAt += n;
            }
            last = c.outAt == c.stdout.length && c.errAt == c.stderr.length;
        }
        if (last) {
            for (String name : new String[] { "stdout", "stderr" }) {
                Element end = r.add(response, RSP, "rsp:Stream");
                end.setAttribute("Name", name);
                end.setAttribute("CommandId", commandId);
                end.setAttribute("End", "true");
            }
        }
        Element state = r.add(response, RSP, "rsp:CommandState");
        state.setAttribute("CommandId", commandId);
        if (last) {
            state.setAttribute("State", RSP + "/CommandState/Done");
            r.add(state, RSP, "rsp:ExitCode").setTextContent(Integer.toString(c.terminated ? -1 : done.exitCode()));
        } else {
            state.setAttribute("State", RSP + "/CommandState/Running");
        }
        return r.answer();
    }

    private static void stream(Reply r, Element response, String name, String commandId, byte[] data, int at,
            int n) {
        Element s = r.add(response, RSP, "rsp:Stream");
        s.setAttribute("Name", name);
        s.setAttribute("CommandId", commandId);
        s.setTextContent(Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(data, at, at + n)));
    }

    private static final Pattern DURATION = Pattern.compile("PT(?:(\\d+)M)?(\\d+(?:\\.\\d+)?)S");

    /** The request's OperationTimeout (xs:duration such as PT20.000S), capped; 60 s when absent. */
    static Duration operationTimeout(Document in) {
        String value = text(in, W, "OperationTimeout");
        Matcher m = value == null ? null : DURATION.matcher(value);
        if (m == null || !m.matches()) {
            return MAX_OPERATION_TIMEOUT;
        }
        double seconds = Double.parseDouble(m.group(2)) + (m.group(1) == null ? 0 : 60 * Long.parseLong(m.group(1)));
        Duration d = Duration.ofMillis((long) Math.min(seconds * 1000, MAX_OPERATION_TIMEOUT.toMillis()));
        return d.isZero() ? Duration.ofMillis(1) : d;
    }

    private Answer signal(Document in, String messageId, String shellId) {
        Shell shell = shell(shellId);
        if (shell == null) {
            return noShell(messageId, shellId);
        }
        Element sig = first(in, RSP, "Signal");
        String commandId = sig == null ? null : sig.getAttribute("CommandId");
        Command c = commandId == null ? null : shell.commands.get(commandId);
        if (c == null) {
            return noCommand(messageId);
        }
        String code = text(in, RSP, "Code");
        if (code != null && code.endsWith("/terminate")) {
            c.terminated = true;
            c.worker.interrupt();
            shell.commands.remove(commandId);
        }
        Reply r = envelope(messageId, "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/SignalResponse");
        r.add(r.body, RSP, "rsp:SignalResponse");
        return r.answer();
    }

    private Answer delete(String messageId, String shellId) {
        Shell shell = shellId == null ? null : shells.remove(shellId);
        if (shell == null) {
            return noShell(messageId, shellId);
        }
        shell.commands.values().forEach(c -> c.worker.interrupt());
        return envelope(messageId, "http://schemas.xmlsoap.org/ws/2004/09/transfer/DeleteResponse").answer();
    }

    private Answer noShell(String messageId, String shellId) {
        if (shellId == null) {
            return fault(messageId, "s:Sender", "w:InvalidSelectors", INVALID_SELECTORS,
                    "The WS-Management service cannot process the request because the request contained invalid"
                            + " selectors for the resource.");
        }
        return fault(messageId, "s:Sender", "w:InvalidSelectors", SHELL_NOT_FOUND,
                "The request for the Windows Remote Shell with ShellId " + shellId + " failed because the shell was"
                        + " not found on the server. Possible causes are: the specified ShellId is incorrect or the"
                        + " shell no longer exists on the server. Provide the correct ShellId or create a new shell"
                        + " and retry the operation.");
    }

    private Answer noCommand(String messageId) {
        return fault(messageId, "s:Sender", "w:InvalidParameter", INVALID_PARAMETER,
                "The WS-Management service cannot process the request because the CommandId is not valid for this"
                        + " shell.");
    }

    /** A SOAP fault with a WSManFault detail from this machine, sent with HTTP 500 as Windows does. */
    static Answer fault(String messageId, String code, String subcode, String wsmanCode, String message) {
        return WsmanEnvelope.fault(messageId, code, subcode, wsmanCode, MACHINE, message);
    }
}
