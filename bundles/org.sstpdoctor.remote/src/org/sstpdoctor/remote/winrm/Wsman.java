package org.sstpdoctor.remote.winrm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * WS-Management envelopes of the Windows remote shell (MS-WSMV 3.1.4, the cmd shell resource), built and read with
 * the DOM. The parser refuses DTDs and external entities.
 */
final class Wsman {

    static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    static final String ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    static final String MS_WSMAN = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";
    static final String SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    static final String FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";
    static final String CMD_RESOURCE = SHELL + "/cmd";
    static final String ANONYMOUS = ADDRESSING + "/role/anonymous";
    static final String ACTION_CREATE = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Create";
    static final String ACTION_DELETE = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete";
    static final String ACTION_COMMAND = SHELL + "/Command";
    static final String ACTION_RECEIVE = SHELL + "/Receive";
    static final String ACTION_SIGNAL = SHELL + "/Signal";
    static final String SIGNAL_TERMINATE = SHELL + "/signal/terminate";
    static final String STATE_DONE = SHELL + "/CommandState/Done";
    /** The WSManFault code of an OperationTimeout: no output yet, poll again (MS-WSMV 3.1.4.14). */
    static final String OPERATION_TIMEOUT_CODE = "2150858793";
    /** The MaxEnvelopeSize this client asks for, as common clients do. */
    static final int MAX_ENVELOPE = 153600;

    private static final DocumentBuilderFactory PARSERS = parsers();

    private Wsman() {
    }

    /** A SOAP fault: code and subcode values, the reason text, the WSManFault code and message when present. */
    record Fault(String code, String subcode, String reason, String wsmanCode, String message) {
        String describe() {
            StringBuilder b = new StringBuilder();
            b.append(message != null && !message.isBlank() ? message.strip()
                    : reason != null ? reason.strip() : "a SOAP fault");
            if (subcode != null) {
                b.append(" (").append(localName(subcode));
                if (wsmanCode != null) {
                    b.append(", code ").append(wsmanCode);
                }
                b.append(')');
            } else if (wsmanCode != null) {
                b.append(" (code ").append(wsmanCode).append(')');
            }
            return b.toString();
        }
    }

    /** One outgoing request: its envelope, its MessageID and its body element to fill. */
    record Request(Document document, String messageId, Element body) {
        byte[] bytes() {
            return serialize(document);
        }
    }

    private static DocumentBuilderFactory parsers() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be hardened: " + e.getMessage(), e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    static DocumentBuilder builder() {
        try {
            DocumentBuilder b = PARSERS.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a response envelope; a DTD, an entity or malformed XML is an error. */
    static Document parse(byte[] xml) throws SAXException {
        try {
            Document d = builder().parse(new ByteArrayInputStream(xml));
            Element root = d.getDocumentElement();
            if (!SOAP.equals(root.getNamespaceURI()) || !"Envelope".equals(root.getLocalName())) {
                throw new SAXException("the response is not a SOAP 1.2 envelope");
            }
            return d;
        } catch (IOException e) {
            throw new SAXException(e);
        }
    }

    static byte[] serialize(Document d) {
        try {
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "no");
            t.setOutputProperty(OutputKeys.INDENT, "no");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(d), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write a SOAP envelope: " + e.getMessage(), e);
        }
    }

    /**
     * A request envelope with the WS-Addressing and WS-Management headers.
     *
     * @param shellId the ShellId selector, or null (Create)
     * @param options WS-Management options (name, value), or an empty map
     */
    static Request request(String to, String action, String shellId, Map<String, String> options,
            Duration operationTimeout) {
        Document d = builder().newDocument();
        Element envelope = d.createElementNS(SOAP, "s:Envelope");
        envelope.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:s", SOAP);
        envelope.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:a", ADDRESSING);
        envelope.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:w", WSMAN);
        envelope.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:p", MS_WSMAN);
        envelope.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:rsp", SHELL);
        d.appendChild(envelope);
        Element header = child(envelope, SOAP, "s:Header");
        text(child(header, ADDRESSING, "a:To"), to);
        Element replyTo = child(header, ADDRESSING, "a:ReplyTo");
        mustUnderstand(text(child(replyTo, ADDRESSING, "a:Address"), ANONYMOUS), "true");
        mustUnderstand(text(child(header, WSMAN, "w:MaxEnvelopeSize"), Integer.toString(MAX_ENVELOPE)), "true");
        String messageId = "uuid:" + UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
        text(child(header, ADDRESSING, "a:MessageID"), messageId);
        Element locale = mustUnderstand(child(header, WSMAN, "w:Locale"), "false");
        locale.setAttributeNS(XMLConstants.XML_NS_URI, "xml:lang", "en-US");
        Element dataLocale = mustUnderstand(child(header, MS_WSMAN, "p:DataLocale"), "false");
        dataLocale.setAttributeNS(XMLConstants.XML_NS_URI, "xml:lang", "en-US");
        text(child(header, WSMAN, "w:OperationTimeout"), "PT" + Math.max(1, operationTimeout.toSeconds()) + ".000S");
        mustUnderstand(text(child(header, WSMAN, "w:ResourceURI"), CMD_RESOURCE), "true");
        mustUnderstand(text(child(header, ADDRESSING, "a:Action"), action), "true");
        if (shellId != null) {
            Element selector = child(child(header, WSMAN, "w:SelectorSet"), WSMAN, "w:Selector");
            selector.setAttribute("Name", "ShellId");
            text(selector, shellId);
        }
        if (!options.isEmpty()) {
            Element set = child(header, WSMAN, "w:OptionSet");
            for (Map.Entry<String, String> o : options.entrySet()) {
                Element option = text(child(set, WSMAN, "w:Option"), o.getValue());
                option.setAttribute("Name", o.getKey());
            }
        }
        Element body = child(envelope, SOAP, "s:Body");
        return new Request(d, messageId, body);
    }

    static Element child(Element parent, String ns, String qname) {
        Element e = parent.getOwnerDocument().createElementNS(ns, qname);
        parent.appendChild(e);
        return e;
    }

    static Element text(Element e, String value) {
        e.setTextContent(value);
        return e;
    }

    private static Element mustUnderstand(Element e, String value) {
        if (value != null) {
            e.setAttributeNS(SOAP, "s:mustUnderstand", value);
        }
        return e;
    }

    /** The body of a response envelope, or null. */
    static Element body(Document d) {
        return first(d.getDocumentElement(), SOAP, "Body");
    }

    static Element first(Node root, String ns, String localName) {
        NodeList l = root instanceof Document doc ? doc.getElementsByTagNameNS(ns, localName)
                : ((Element) root).getElementsByTagNameNS(ns, localName);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    static List<Element> all(Element root, String ns, String localName) {
        NodeList l = root.getElementsByTagNameNS(ns, localName);
        List<Element> out = new ArrayList<>(l.getLength());
        for (int i = 0; i < l.getLength(); i++) {
            out.add((Element) l.item(i));
        }
        return out;
    }

    /** The fault in a response, or null. */
    static Fault fault(Document d) {
        Element body = body(d);
        Element fault = body == null ? null : first(body, SOAP, "Fault");
        if (fault == null) {
            return null;
        }
        Element code = first(fault, SOAP, "Code");
        Element codeValue = code == null ? null : directChild(code, SOAP, "Value");
        Element subcode = code == null ? null : first(code, SOAP, "Subcode");
        Element subValue = subcode == null ? null : first(subcode, SOAP, "Value");
        Element reason = first(fault, SOAP, "Text");
        Element wsman = first(fault, FAULT, "WSManFault");
        Element message = wsman == null ? null : first(wsman, FAULT, "Message");
        return new Fault(trim(codeValue), trim(subValue), trim(reason),
                wsman == null || !wsman.hasAttribute("Code") ? null : wsman.getAttribute("Code").strip(),
                trim(message));
    }

    private static Element directChild(Element parent, String ns, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static String trim(Element e) {
        return e == null ? null : e.getTextContent().strip();
    }

    static String localName(String qname) {
        int colon = qname.lastIndexOf(':');
        return colon < 0 ? qname : qname.substring(colon + 1);
    }
}
