package org.sstpdoctor.lab.winrm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The server side of WS-Management's SOAP envelopes ([MS-WSMV]): reading a request with a parser
 * that refuses DTDs and external entities, and writing a response or a fault the way Windows'
 * WinRM service does. Used by the lab's WinRM endpoint and by the remote tests' endpoints.
 */
public final class WsmanEnvelope {

    /** SOAP 1.2 envelope. */
    public static final String S = "http://www.w3.org/2003/05/soap-envelope";
    /** WS-Addressing (2004/08). */
    public static final String A = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    /** WS-Management. */
    public static final String W = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    /** The Windows remote shell. */
    public static final String RSP = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    /** WSManFault details. */
    public static final String F = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";
    /** The resource URI of the cmd shell. */
    public static final String CMD = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd";

    private WsmanEnvelope() {
    }

    /** A response: HTTP status and envelope. */
    public record Answer(int status, byte[] soap) {
    }

    /** A response envelope under construction: its document and its (empty) SOAP body. */
    public static final class Reply {
        public final Document doc;
        public final Element body;

        private Reply(Document doc, Element body) {
            this.doc = doc;
            this.body = body;
        }

        /** Appends a new element {@code qname} in namespace {@code ns} to {@code parent}. */
        public Element add(Element parent, String ns, String qname) {
            Element e = doc.createElementNS(ns, qname);
            parent.appendChild(e);
            return e;
        }

        /** The envelope as UTF-8 XML. */
        public byte[] bytes() {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Transformer t = TransformerFactory.newInstance().newTransformer();
                t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
                t.transform(new DOMSource(doc), new StreamResult(out));
                return out.toByteArray();
            } catch (Exception e) {
                throw new IllegalStateException("could not write a WS-Management envelope", e);
            }
        }

        /** The envelope as a successful answer (HTTP 200). */
        public Answer answer() {
            return new Answer(200, bytes());
        }
    }

    /** A response envelope for {@code action}, relating to the request {@code relatesTo} (may be null). */
    public static Reply envelope(String relatesTo, String action) {
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

    /**
     * A SOAP fault with a WSManFault detail, sent with HTTP 500 as Windows does.
     *
     * @param messageId the request's MessageID (may be null)
     * @param code      the SOAP code, e.g. {@code s:Sender}
     * @param subcode   the SOAP subcode, e.g. {@code w:InvalidSelectors}
     * @param wsmanCode the WSManFault code (a Windows error number in decimal)
     * @param machine   the machine name the detail names
     * @param message   the text of the reason and of the detail
     */
    public static Answer fault(String messageId, String code, String subcode, String wsmanCode, String machine,
            String message) {
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
        wsman.setAttribute("Machine", machine);
        r.add(wsman, F, "f:Message").setTextContent(message);
        return new Answer(500, r.bytes());
    }

    /** A namespace-aware parser that refuses DTDs and external entities. */
    public static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return f.newDocumentBuilder();
        } catch (Exception e) {
            throw new IllegalStateException("no secure XML parser", e);
        }
    }

    /** Parses a request; the parser prints nothing on errors, it throws. */
    public static Document parse(byte[] xml) throws Exception {
        DocumentBuilder b = builder();
        b.setErrorHandler(null);
        return b.parse(new ByteArrayInputStream(xml));
    }

    /** The first element {@code ns}:{@code local} of the document, or null. */
    public static Element first(Document d, String ns, String local) {
        NodeList l = d.getElementsByTagNameNS(ns, local);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    /** The stripped text of the first element {@code ns}:{@code local}, or null. */
    public static String text(Document d, String ns, String local) {
        Element e = first(d, ns, local);
        return e == null ? null : e.getTextContent().strip();
    }

    /** Every element {@code ns}:{@code local} below {@code root}, in document order. */
    public static List<Element> all(Element root, String ns, String local) {
        NodeList l = root.getElementsByTagNameNS(ns, local);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < l.getLength(); i++) {
            out.add((Element) l.item(i));
        }
        return out;
    }
}
