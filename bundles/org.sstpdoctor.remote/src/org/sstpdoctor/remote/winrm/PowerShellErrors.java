package org.sstpdoctor.remote.winrm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * PowerShell run without a console writes its error stream as CLIXML ({@code #< CLIXML} and serialized objects). This
 * turns that into the error text a person reads, dropping progress records; anything it cannot read is kept as it came.
 */
final class PowerShellErrors {

    static final String MARKER = "#< CLIXML";
    private static final String PS_NS = "http://schemas.microsoft.com/powershell/2004/04";
    private static final Pattern ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");

    private PowerShellErrors() {
    }

    static String decode(String stderr) {
        if (!stderr.startsWith(MARKER)) {
            return stderr;
        }
        String xml = stderr.substring(MARKER.length()).strip();
        Document d;
        try {
            d = Wsman.builder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (SAXException | IOException e) {
            return stderr; // cut off by the output cap, or not CLIXML after all: keep the evidence as it is
        }
        StringBuilder out = new StringBuilder();
        for (Element s : Wsman.all(d.getDocumentElement(), PS_NS, "S")) {
            if ("Error".equals(s.getAttribute("S"))) {
                out.append(unescape(s.getTextContent()));
            }
        }
        return out.toString();
    }

    /** CLIXML writes control characters as {@code _xHHHH_}. */
    static String unescape(String s) {
        Matcher m = ESCAPE.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(b);
        return b.toString();
    }
}
