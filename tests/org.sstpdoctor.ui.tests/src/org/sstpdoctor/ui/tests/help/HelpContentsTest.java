package org.sstpdoctor.ui.tests.help;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The user guide's table of contents is contributed to the help system, parses, has a page per
 * KB947031 scenario and per view, and every page it and the pages link to exists.
 */
class HelpContentsTest {

    private static final String DOC = "org.sstpdoctor.doc";

    @Test
    void tableOfContentsIsContributedAndEveryLinkResolves() throws Exception {
        IConfigurationElement toc = null;
        for (IConfigurationElement e : Platform.getExtensionRegistry().getConfigurationElementsFor("org.eclipse.help.toc")) {
            if (DOC.equals(e.getContributor().getName())) {
                toc = e;
            }
        }
        assertNotNull(toc, "the user guide contributes no table of contents");
        assertEquals("true", toc.getAttribute("primary"));
        Bundle bundle = Platform.getBundle(DOC);
        URL tocFile = bundle.getEntry(toc.getAttribute("file"));
        assertNotNull(tocFile, "no " + toc.getAttribute("file"));

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document;
        try (InputStream in = tocFile.openStream()) {
            document = factory.newDocumentBuilder().parse(in);
        }
        Element root = document.getDocumentElement();
        assertEquals("toc", root.getTagName());
        assertEquals("SSTP Doctor User Guide", root.getAttribute("label"));

        Set<String> hrefs = new LinkedHashSet<>();
        hrefs.add(root.getAttribute("topic"));
        List<String> labels = new ArrayList<>();
        NodeList topics = document.getElementsByTagName("topic");
        for (int i = 0; i < topics.getLength(); i++) {
            Element t = (Element) topics.item(i);
            assertTrue(!t.getAttribute("label").isBlank(), "a topic without a label");
            labels.add(t.getAttribute("label"));
            hrefs.add(t.getAttribute("href"));
        }
        for (int n = 1; n <= 8; n++) {
            assertTrue(hrefs.contains("html/scenarios/scenario" + n + ".html"), "no page for scenario " + n);
        }
        for (String view : List.of("Server Inventory", "Certificate Explorer", "Problems and Quick Fixes",
                "Server Editor", "Explain Error Code", "Preferences")) {
            assertTrue(labels.contains(view), "no page for " + view);
        }

        // Every page of the table exists, and so does every page or style sheet a page refers to.
        Pattern link = Pattern.compile("(?:href|src)=\"([^\"#:]+)(?:#[^\"]*)?\"");
        Set<String> checked = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(hrefs);
        while (!todo.isEmpty()) {
            String path = todo.remove(0);
            if (!checked.add(path)) {
                continue;
            }
            URL entry = bundle.getEntry(path);
            assertNotNull(entry, "missing " + path);
            if (!path.endsWith(".html")) {
                continue;
            }
            String html;
            try (InputStream in = entry.openStream()) {
                html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(html.contains("<title>") && html.contains("<h1>"), path + " has no title");
            Matcher m = link.matcher(html);
            String folder = path.substring(0, path.lastIndexOf('/') + 1);
            while (m.find()) {
                todo.add(java.net.URI.create(folder).resolve(m.group(1)).normalize().toString());
            }
        }
        assertTrue(checked.contains("html/book.css"), "the pages do not use the style sheet");
        assertEquals(18, checked.size(), "17 pages and the style sheet: " + checked);
    }

    @Test
    void helpContentsServesTheGuideOnTheLoopbackAddress() throws Exception {
        org.eclipse.help.IToc guide = java.util.Arrays.stream(org.eclipse.help.HelpSystem.getTocs())
                .filter(t -> "SSTP Doctor User Guide".equals(t.getLabel())).findFirst().orElse(null);
        assertNotNull(guide, "the help system does not know the user guide");
        assertEquals(3, guide.getTopics().length);
        assertTrue(Platform.getExtensionRegistry().getConfigurationElementsFor("org.eclipse.ui.helpSupport").length > 0,
                "no help viewer is installed for Help > Help Contents");

        org.eclipse.help.internal.server.WebappManager.start("help");
        String host = org.eclipse.help.internal.server.WebappManager.getHost();
        int port = org.eclipse.help.internal.server.WebappManager.getPort();
        assertEquals("127.0.0.1", host, "the help server listens beyond the loopback address");
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .connectTimeout(java.time.Duration.ofSeconds(10)).build();
        java.net.http.HttpResponse<String> page = client.send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://" + host + ":" + port
                        + "/help/topic/" + DOC + "/html/scenarios/scenario5.html"))
                .timeout(java.time.Duration.ofSeconds(20)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("Scenario 5: The root is not trusted") && page.body().contains("0x800B0109"),
                page.body());
    }
}
