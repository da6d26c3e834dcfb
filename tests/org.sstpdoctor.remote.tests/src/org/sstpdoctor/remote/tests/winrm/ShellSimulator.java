package org.sstpdoctor.remote.tests.winrm;

import static org.sstpdoctor.lab.winrm.WsmanEnvelope.A;
import static org.sstpdoctor.lab.winrm.WsmanEnvelope.RSP;
import static org.sstpdoctor.lab.winrm.WsmanEnvelope.W;
import static org.sstpdoctor.lab.winrm.WsmanEnvelope.all;
import static org.sstpdoctor.lab.winrm.WsmanEnvelope.envelope;
import static org.sstpdoctor.lab.winrm.WsmanEnvelope.first;
import static org.sstpdoctor.lab.winrm.WsmanEnvelope.parse;
import static org.sstpdoctor.lab.winrm.WsmanEnvelope.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.sstpdoctor.lab.winrm.WsmanEnvelope;
import org.sstpdoctor.lab.winrm.WsmanEnvelope.Answer;
import org.sstpdoctor.lab.winrm.WsmanEnvelope.Reply;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The Windows remote shell (MS-WSMV, cmd resource) as the test endpoint simulates it: Create, Command, Receive (with
 * the OperationTimeout fault when a command has no output yet), Signal and Delete, with a few simulated commands.
 */
final class ShellSimulator {

    static final String IPCONFIG = "\r\nWindows IP Configuration\r\n\r\n   Host Name . . . . . . . . . . . . : WINRMLAB\r\n";

    /** One simulated command: chunks of output handed out one per Receive, then the exit code. */
    static final class Command {
        final List<String> line;
        final List<Object[]> chunks = new ArrayList<>(); // {stream name, bytes}
        int exitCode;
        int timeoutsFirst; // Receive polls answered with the OperationTimeout fault before output
        boolean hangs;
        volatile boolean terminated;

        Command(List<String> line) {
            this.line = line;
        }
    }

    final Map<String, Map<String, Command>> shells = new ConcurrentHashMap<>();
    final List<Map<String, String>> createOptions = new CopyOnWriteArrayList<>();
    final List<List<String>> commandLines = new CopyOnWriteArrayList<>();
    final AtomicInteger signals = new AtomicInteger();
    final AtomicInteger deletes = new AtomicInteger();
    final AtomicInteger operationTimeouts = new AtomicInteger();

    Answer handle(byte[] request) throws Exception {
        Document in = parse(request);
        String action = text(in, A, "Action");
        String messageId = text(in, A, "MessageID");
        String resource = text(in, W, "ResourceURI");
        if (!"http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd".equals(resource)) {
            return fault(messageId, "s:Sender", "w:InvalidParameter", "2150858770", "unknown resource " + resource);
        }
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
                if (shellId == null || shells.remove(shellId) == null) {
                    return noShell(messageId);
                }
                deletes.incrementAndGet();
                return ok(messageId, "http://schemas.xmlsoap.org/ws/2004/09/transfer/DeleteResponse").answer();
            default:
                return fault(messageId, "s:Sender", "a:ActionNotSupported", "2150858771", "unknown action " + action);
        }
    }

    private Answer create(Document in, String messageId) throws Exception {
        Map<String, String> options = new ConcurrentHashMap<>();
        for (Element o : all(in.getDocumentElement(), W, "Option")) {
            options.put(o.getAttribute("Name"), o.getTextContent().strip());
        }
        createOptions.add(options);
        String id = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        shells.put(id, new ConcurrentHashMap<>());
        Reply r = ok(messageId, "http://schemas.xmlsoap.org/ws/2004/09/transfer/CreateResponse");
        Element created = r.add(r.body, W, "w:ResourceCreated");
        r.add(created, A, "a:Address").setTextContent("http://127.0.0.1/wsman");
        Element params = r.add(created, A, "a:ReferenceParameters");
        r.add(params, W, "w:ResourceURI").setTextContent("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd");
        Element sel = r.add(r.add(params, W, "w:SelectorSet"), W, "w:Selector");
        sel.setAttribute("Name", "ShellId");
        sel.setTextContent(id);
        Element shell = r.add(r.body, RSP, "rsp:Shell");
        r.add(shell, RSP, "rsp:ShellId").setTextContent(id);
        return r.answer();
    }

    private Answer command(Document in, String messageId, String shellId) throws Exception {
        Map<String, Command> commands = shellId == null ? null : shells.get(shellId);
        if (commands == null) {
            return noShell(messageId);
        }
        List<String> line = new ArrayList<>();
        line.addAll(Arrays.asList(text(in, RSP, "Command").strip().split("\\s+")));
        for (Element a : all(in.getDocumentElement(), RSP, "Arguments")) {
            line.addAll(Arrays.asList(a.getTextContent().strip().split("\\s+"))); // cmd.exe joins them
        }
        commandLines.add(List.copyOf(line));
        Command c = simulate(line);
        String id = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        commands.put(id, c);
        Reply r = ok(messageId, "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandResponse");
        r.add(r.add(r.body, RSP, "rsp:CommandResponse"), RSP, "rsp:CommandId").setTextContent(id);
        return r.answer();
    }

    /** What the simulated Windows box does for a command line. */
    static Command simulate(List<String> line) {
        Command c = new Command(line);
        String program = line.get(0).toLowerCase(Locale.ROOT);
        switch (program) {
            case "ipconfig" -> out(c, "stdout", IPCONFIG);
            case "echo" -> out(c, "stdout", String.join(" ", line.subList(1, line.size())) + "\r\n");
            case "fail" -> {
                out(c, "stdout", "partial\r\n");
                out(c, "stderr", "fail: the service did not respond\r\n");
                c.exitCode = 3;
            }
            case "slowecho" -> {
                c.timeoutsFirst = Integer.parseInt(line.get(1));
                out(c, "stdout", String.join(" ", line.subList(2, line.size())) + "\r\n");
            }
            case "sleep" -> c.hangs = true;
            case "big" -> {
                int n = Integer.parseInt(line.get(1));
                for (int at = 0; at < n; at += 65536) {
                    out(c, "stdout", "x".repeat(Math.min(65536, n - at)));
                }
            }
            case "unicode" -> {
                byte[] b = "Grüße – 日本語\r\n".getBytes(StandardCharsets.UTF_8);
                c.chunks.add(new Object[] { "stdout", Arrays.copyOf(b, 3) }); // splits the ü
                c.chunks.add(new Object[] { "stdout", Arrays.copyOfRange(b, 3, b.length) });
            }
            case "powershell", "powershell.exe" -> {
                int i = 1;
                while (i < line.size() && !line.get(i).equalsIgnoreCase("-encodedcommand")) {
                    i++;
                }
                if (i + 1 >= line.size()) {
                    out(c, "stderr", "powershell: no -EncodedCommand\r\n");
                    c.exitCode = 1;
                } else {
                    String script = new String(Base64.getDecoder().decode(line.get(i + 1)),
                            StandardCharsets.UTF_16LE);
                    out(c, "stdout", "ran: " + script + "\r\n");
                    if (script.startsWith("Write-Error ")) { // how PowerShell without a console reports errors
                        out(c, "stderr", "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/"
                                + "powershell/2004/04\"><Obj S=\"progress\" RefId=\"0\"><TN RefId=\"0\">"
                                + "<T>System.Management.Automation.PSCustomObject</T></TN><MS><I64 N=\"SourceId\">1</I64>"
                                + "</MS></Obj><S S=\"Error\">" + script.substring(12) + " : "
                                + script.substring(12) + "_x000D__x000A_</S><S S=\"Error\">    + CategoryInfo"
                                + "          : NotSpecified: (:) [Write-Error], WriteErrorException_x000D__x000A_"
                                + "</S></Objs>");
                        c.exitCode = 1;
                    }
                }
            }
            default -> {
                out(c, "stderr", "'" + line.get(0) + "' is not recognized as an internal or external command,\r\n"
                        + "operable program or batch file.\r\n");
                c.exitCode = 1;
            }
        }
        return c;
    }

    private static void out(Command c, String stream, String text) {
        c.chunks.add(new Object[] { stream, text.getBytes(StandardCharsets.UTF_8) });
    }

    private Answer receive(Document in, String messageId, String shellId) throws Exception {
        Map<String, Command> commands = shellId == null ? null : shells.get(shellId);
        Element desired = first(in, RSP, "DesiredStream");
        String commandId = desired == null ? null : desired.getAttribute("CommandId");
        Command c = commands == null || commandId == null ? null : commands.get(commandId);
        if (c == null) {
            return noShell(messageId);
        }
        if (c.hangs || c.timeoutsFirst > 0) {
            c.timeoutsFirst--;
            if (c.hangs) {
                Thread.sleep(300);
            }
            operationTimeouts.incrementAndGet();
            return fault(messageId, "s:Receiver", "w:TimedOut", "2150858793",
                    "The WS-Management service cannot complete the operation within the time specified in"
                            + " OperationTimeout.");
        }
        Reply r = ok(messageId, "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/ReceiveResponse");
        Element response = r.add(r.body, RSP, "rsp:ReceiveResponse");
        boolean last = c.chunks.size() <= 1;
        if (!c.chunks.isEmpty()) {
            Object[] chunk = c.chunks.remove(0);
            Element s = r.add(response, RSP, "rsp:Stream");
            s.setAttribute("Name", (String) chunk[0]);
            s.setAttribute("CommandId", commandId);
            s.setTextContent(Base64.getEncoder().encodeToString((byte[]) chunk[1]));
        }
        Element state = r.add(response, RSP, "rsp:CommandState");
        state.setAttribute("CommandId", commandId);
        if (last) {
            for (String name : new String[] { "stdout", "stderr" }) {
                Element end = r.add(response, RSP, "rsp:Stream");
                end.setAttribute("Name", name);
                end.setAttribute("CommandId", commandId);
                end.setAttribute("End", "true");
            }
            response.appendChild(state); // after the end markers, as Windows orders them
            state.setAttribute("State", RSP + "/CommandState/Done");
            r.add(state, RSP, "rsp:ExitCode").setTextContent(Integer.toString(c.exitCode));
        } else {
            state.setAttribute("State", RSP + "/CommandState/Running");
        }
        return r.answer();
    }

    private Answer signal(Document in, String messageId, String shellId) throws Exception {
        Map<String, Command> commands = shellId == null ? null : shells.get(shellId);
        Element sig = first(in, RSP, "Signal");
        Command c = commands == null || sig == null ? null : commands.get(sig.getAttribute("CommandId"));
        if (c == null) {
            return noShell(messageId);
        }
        c.terminated = true;
        c.hangs = false;
        signals.incrementAndGet();
        Reply r = ok(messageId, "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/SignalResponse");
        r.add(r.body, RSP, "rsp:SignalResponse");
        return r.answer();
    }

    private Answer noShell(String messageId) throws Exception {
        return fault(messageId, "s:Sender", "w:InvalidSelectors", "2150858843",
                "The request for the Windows Remote Shell with ShellId failed because the shell was not found on"
                        + " the server.");
    }

    /** A SOAP fault with a WSManFault detail from the test machine, sent with HTTP 500 as Windows does. */
    static Answer fault(String messageId, String code, String subcode, String wsmanCode, String message) {
        return WsmanEnvelope.fault(messageId, code, subcode, wsmanCode, "winrmlab.lab.example", message);
    }

    private static Reply ok(String messageId, String action) {
        return envelope(messageId, action);
    }
}
