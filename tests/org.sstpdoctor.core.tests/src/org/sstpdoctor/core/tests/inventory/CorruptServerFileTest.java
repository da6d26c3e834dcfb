package org.sstpdoctor.core.tests.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.eclipse.core.resources.IMarker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sstpdoctor.core.inventory.InventoryProblems;
import org.sstpdoctor.core.inventory.Server;

/**
 * Every kind of corrupt or hand-mangled server file becomes a server with a problem that names
 * the file and the field at fault, and a problem marker on the file, never an exception.
 */
class CorruptServerFileTest {

    @TempDir
    Path temp;

    private InventoryFixture fixture;

    @BeforeEach
    void createInventory() throws Exception {
        fixture = InventoryFixture.create(temp);
        fixture.inventory.createSite("lab");
    }

    @AfterEach
    void deleteInventory() throws Exception {
        fixture.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON at all          | hello                                                                                   | not JSON
            ends too early           | {"format":"sstpdoctor-server","version":1                                               | not JSON: the file ends too early
            truncated                | {"format":"sstpdoctor-server","version":1,"host":"vpn                                   | not JSON: a string is not closed (line 1, column
            comment                  | {"format":"sstpdoctor-server",/* x */"version":1,"host":"a.example"}                    | not JSON: this is not strict JSON
            single quotes            | {'format':'sstpdoctor-server','version':1,'host':'a.example'}                           | not strict JSON
            trailing comma           | {"format":"sstpdoctor-server","version":1,"host":"a.example",}                          | not JSON: a field name is missing (a trailing comma?)
            missing comma            | {"format":"sstpdoctor-server" "version":1,"host":"a.example"}                           | not JSON: a ',' or '}' is missing
            text after the object    | {"format":"sstpdoctor-server","version":1,"host":"a.example"} {}                        | more after the closing '}'
            top level array          | ["sstpdoctor-server"]                                                                   | its top level is an array, not a JSON object
            format missing           | {"version":1,"host":"a.example"}                                                        | field "format" is missing
            other format             | {"format":"putty-session","version":1,"host":"a.example"}                               | field "format" is "putty-session", expected "sstpdoctor-server"
            version missing          | {"format":"sstpdoctor-server","host":"a.example"}                                       | field "version" is missing
            newer version            | {"format":"sstpdoctor-server","version":2,"host":"a.example","hostV2":{}}               | field "version" is 2: a newer file format than this SSTP Doctor reads
            version zero             | {"format":"sstpdoctor-server","version":0,"host":"a.example"}                           | field "version" is 0: an unknown file format version
            version as text          | {"format":"sstpdoctor-server","version":"1","host":"a.example"}                         | field "version" must be a number, not a string
            host missing             | {"format":"sstpdoctor-server","version":1,"sstpPort":443}                               | field "host" is missing
            host a number            | {"format":"sstpdoctor-server","version":1,"host":10}                                    | field "host" must be a string, not a number
            host null                | {"format":"sstpdoctor-server","version":1,"host":null}                                  | field "host" must be a string, not null
            host empty               | {"format":"sstpdoctor-server","version":1,"host":""}                                    | field "host": "" is not a valid host name: it is empty
            host leading hyphen      | {"format":"sstpdoctor-server","version":1,"host":"-vpn.contoso.com"}                    | label "-vpn" starts with a hyphen
            host underscore          | {"format":"sstpdoctor-server","version":1,"host":"vpn_1.contoso.com"}                   | label "vpn_1" contains '_'
            host with space          | {"format":"sstpdoctor-server","version":1,"host":"vpn contoso.com"}                     | it contains white space
            host with URL            | {"format":"sstpdoctor-server","version":1,"host":"https://vpn.contoso.com/"}            | field "host": "https://vpn.contoso.com/" is not a valid host name
            host double dot          | {"format":"sstpdoctor-server","version":1,"host":"vpn..contoso.com"}                    | empty label
            host label too long      | {"format":"sstpdoctor-server","version":1,"host":"a234567890123456789012345678901234567890123456789012345678901234.example"} | is longer than 63 characters
            IPv4 octet over 255      | {"format":"sstpdoctor-server","version":1,"host":"300.1.1.1"}                           | IPv4 address: 300 is greater than 255
            IPv4 three octets        | {"format":"sstpdoctor-server","version":1,"host":"10.0.1"}                              | not an IPv4 address
            IPv4 leading zero        | {"format":"sstpdoctor-server","version":1,"host":"10.0.01.1"}                           | 01 has a leading zero
            IPv6 two double colons   | {"format":"sstpdoctor-server","version":1,"host":"2001:db8::1::2"}                      | "::" appears twice
            IPv6 bad group           | {"format":"sstpdoctor-server","version":1,"host":"2001:db8::g1"}                        | "g1" is not 1-4 hexadecimal digits
            IPv6 in brackets         | {"format":"sstpdoctor-server","version":1,"host":"[2001:db8::1]"}                       | without brackets
            port too high            | {"format":"sstpdoctor-server","version":1,"host":"a.example","sstpPort":70000}          | field "sstpPort" is 70000: out of range 1-65535
            port zero                | {"format":"sstpdoctor-server","version":1,"host":"a.example","sstpPort":0}              | field "sstpPort" is 0: out of range 1-65535
            port negative            | {"format":"sstpdoctor-server","version":1,"host":"a.example","sstpPort":-443}           | field "sstpPort" is -443: out of range 1-65535
            port fraction            | {"format":"sstpdoctor-server","version":1,"host":"a.example","sstpPort":443.5}          | field "sstpPort" is 443.5: it must be a whole number
            port as text             | {"format":"sstpdoctor-server","version":1,"host":"a.example","sstpPort":"443"}          | field "sstpPort" must be a number, not a string
            channel not an object    | {"format":"sstpdoctor-server","version":1,"host":"a.example","channel":"ssh"}           | field "channel" must be an object, not a string
            channel kind missing     | {"format":"sstpdoctor-server","version":1,"host":"a.example","channel":{"port":22}}     | field "channel.kind" is missing
            channel kind unknown     | {"format":"sstpdoctor-server","version":1,"host":"a.example","channel":{"kind":"telnet"}} | field "channel.kind" is "telnet", an unknown channel kind (known: none, ssh, winrm, bundle)
            channel port too high    | {"format":"sstpdoctor-server","version":1,"host":"a.example","channel":{"kind":"ssh","port":65536}} | field "channel.port" is 65536: out of range 1-65535
            ssh without a port       | {"format":"sstpdoctor-server","version":1,"host":"a.example","channel":{"kind":"ssh","port":0}} | field "channel.port" is 0: out of range 1-65535
            channel user a number    | {"format":"sstpdoctor-server","version":1,"host":"a.example","channel":{"kind":"ssh","user":7}} | field "channel.user" must be a string, not a number
            option not text          | {"format":"sstpdoctor-server","version":1,"host":"a.example","channel":{"kind":"winrm","options":{"https":true}}} | field "channel.options.https" must be a string, not true or false
            tags not an array        | {"format":"sstpdoctor-server","version":1,"host":"a.example","tags":"prod"}             | field "tags" must be an array of strings, not a string
            tag a number             | {"format":"sstpdoctor-server","version":1,"host":"a.example","tags":["prod",7]}         | field "tags[1]" must be a string, not a number
            tag blank                | {"format":"sstpdoctor-server","version":1,"host":"a.example","tags":[" "]}              | field "tags[0]" is empty
            notes an object          | {"format":"sstpdoctor-server","version":1,"host":"a.example","notes":{}}                | field "notes" must be a string, not an object
            credential ref not UUID  | {"format":"sstpdoctor-server","version":1,"host":"a.example","credentialRef":"../x"}    | field "credentialRef" is not a UUID
            host twice               | {"format":"sstpdoctor-server","version":1,"host":"a.example","host":"b.example"}        | field "host" appears twice
            """)
    void corruptFileBecomesAProblemNamingFileAndField(String label, String content, String expected) throws Exception {
        fixture.handEdit("lab/broken.server", content);

        Server server = fixture.inventory.find("lab", "broken").orElseThrow();

        assertFalse(server.isReadable(), label);
        assertNull(server.config());
        String problem = server.problem();
        assertTrue(problem.startsWith("/" + fixture.project.getName() + "/lab/broken.server: "),
                "names the file: " + problem);
        assertTrue(problem.contains(expected), "says \"" + expected + "\": " + problem);
        IMarker[] markers = InventoryProblems.of(server.file());
        assertEquals(1, markers.length);
        assertEquals(problem, markers[0].getAttribute(IMarker.MESSAGE, ""));
        assertEquals(IMarker.SEVERITY_ERROR, markers[0].getAttribute(IMarker.SEVERITY, -1));
        assertTrue(markers[0].isSubtypeOf(IMarker.PROBLEM) && markers[0].isSubtypeOf(IMarker.TEXT),
                "a problem marker and a text marker");
    }
}
