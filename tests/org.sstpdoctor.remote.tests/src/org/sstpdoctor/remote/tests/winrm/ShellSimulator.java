package org.sstpdoctor.remote.tests.winrm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Windows remote shell (MS-WSMV, cmd resource) as the test endpoint simulates it: Create, Command, Receive (with
 * the OperationTimeout fault when a command has no output yet), Signal and Delete, with a few simulated commands.
 */
final class ShellSimulator {

    static final String S = "http://www.w3.org/2003/05/soap-envelope";
    static final String A = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    static final String W = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    static final String RSP = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    static final String F = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";
    static final String IPCONFIG = "\r\nWindows IP Configuration\r\n\r\n   Host Name . . . . . . . . . . . . : WINRMLAB\r\n";

    /** A response: HTTP status and envelope. */
    record Answer(int status, byte[] soap) {
    }

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

    Answer fault(String messageId, String code, String subcode, String wsmanCode, String message) throws Exception {
        Reply r = envelope(messageId, "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault");
        Element fault = r.add(r.body, S, "s:Fault");
        Element c = r.add(fault, S, "s:Code");
        r.add(c, S, "s:Value").setTextContent(code);
        r.add(r.add(c, S, "s:Subcode"), S, "s:Value").setTextContent(subcode);
        Element text = r.add(r.add(fault, S, "s:Reason"), S, "s:Text");
        text.setAttributeNS(XMLConstants.XML_NS_URI, "xml:lang", "en-US");
        text.setTextContent(message);
        Element wsman = r.add(r.add(fault, S, "s:Detail"), F, "f:WSManFault");
        wsman.setAttribute("Code", wsmanCode);
        wsman.setAttribute("Machine", "winrmlab.lab.example");
        r.add(wsman, F, "f:Message").setTextContent(message);
        return new Answer(500, r.bytes());
    }

    /** A response envelope under construction. */
    static final class Reply {
        final Document doc;
        final Element body;

        Reply(Document doc, Element body) {
            this.doc = doc;
            this.body = body;
        }

        Element add(Element parent, String ns, String qname) {
            Element e = doc.createElementNS(ns, qname);
            parent.appendChild(e);
            return e;
        }

        byte[] bytes() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        }

        Answer answer() throws Exception {
            return new Answer(200, bytes());
        }
    }

    private Reply ok(String messageId, String action) throws Exception {
        return envelope(messageId, action);
    }

    private static Reply envelope(String relatesTo, String action) throws Exception {
        Document d = builder().newDocument();
        Element env = d.createElementNS(S, "s:Envelope");
        env.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:a", A);
        env.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:w", W);
        env.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:rsp", RSP);
        d.appendChild(env);
        Reply r = new Reply(d, null);
        Element header = r.add(env, S, "s:Header");
        r.add(header, A, "a:Action").setTextContent(action);
        r.add(header, A, "a:MessageID").setTextContent("uuid:" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT));
        r.add(header, A, "a:To").setTextContent("http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous");
        if (relatesTo != null) {
            r.add(header, A, "a:RelatesTo").setTextContent(relatesTo);
        }
        return new Reply(d, r.add(env, S, "s:Body"));
    }

    static DocumentBuilder builder() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder();
    }

    static Document parse(byte[] xml) throws Exception {
        return builder().parse(new ByteArrayInputStream(xml));
    }

    private static Element first(Document d, String ns, String local) {
        NodeList l = d.getElementsByTagNameNS(ns, local);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    private static String text(Document d, String ns, String local) {
        Element e = first(d, ns, local);
        return e == null ? null : e.getTextContent().strip();
    }

    private static List<Element> all(Element root, String ns, String local) {
        NodeList l = root.getElementsByTagNameNS(ns, local);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < l.getLength(); i++) {
            out.add((Element) l.item(i));
        }
        return out;
    }
}
