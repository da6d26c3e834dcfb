package org.sstpdoctor.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.core.runtime.IExtensionPoint;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.framework.Bundle;
import org.sstpdoctor.core.SstpDoctorCore;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The core's extension points are registered, and each one's schema ships in the bundle,
 * is well-formed, and documents the point under the id the registry knows it by.
 */
class ExtensionPointSchemaTest {

    @ParameterizedTest
    @ValueSource(strings = { SstpDoctorCore.EXTENSION_POINT_CHECKERS, SstpDoctorCore.EXTENSION_POINT_REMEDIATIONS,
            SstpDoctorCore.EXTENSION_POINT_ERROR_CODES })
    void extensionPointHasItsSchema(String pointId) throws Exception {
        IExtensionPoint point = Platform.getExtensionRegistry().getExtensionPoint(pointId);
        assertNotNull(point, "extension point " + pointId + " is not registered");
        assertEquals(SstpDoctorCore.PLUGIN_ID, point.getContributor().getName());

        String schemaPath = point.getSchemaReference();
        assertEquals("schema/" + point.getSimpleIdentifier() + ".exsd", schemaPath);

        Bundle core = Platform.getBundle(SstpDoctorCore.PLUGIN_ID);
        URL schema = core.getEntry(schemaPath);
        assertNotNull(schema, schemaPath + " is not packaged in " + SstpDoctorCore.PLUGIN_ID);

        Element meta = metaSchema(schema);
        assertEquals(SstpDoctorCore.PLUGIN_ID, meta.getAttribute("plugin"));
        assertEquals(point.getSimpleIdentifier(), meta.getAttribute("id"));
        assertEquals(point.getLabel(), meta.getAttribute("name"));
        String text = read(schema);
        for (String section : new String[] { "since", "examples", "apiinfo" }) {
            assertTrue(text.contains("meta.section type=\"" + section + "\""),
                    schemaPath + " lacks its " + section + " section");
        }
    }

    private static Element metaSchema(URL schema) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = schema.openStream()) {
            Document doc = factory.newDocumentBuilder().parse(in);
            Element meta = (Element) doc.getElementsByTagName("meta.schema").item(0);
            assertNotNull(meta, schema + " has no meta.schema element");
            return meta;
        }
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
