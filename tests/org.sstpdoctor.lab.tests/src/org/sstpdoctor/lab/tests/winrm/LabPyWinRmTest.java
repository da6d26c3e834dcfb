package org.sstpdoctor.lab.tests.winrm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstpdoctor.lab.tests.ssh.EchoHost;
import org.sstpdoctor.lab.winrm.LabWinRmServer;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Holds the lab's WinRM endpoint to a third-party client, Debian's python3-winrm (pywinrm 0.3.0), with NTLM and
 * message encryption over HTTP as on a stock Windows server: commands, exit codes, standard error, PowerShell, large
 * output; a wrong password; and, inside an encrypted session, garbage XML, an unknown shell id and one shell too
 * many, each answered with the WS-Management fault Windows sends, after which the same session keeps working; and an
 * unencrypted request, refused as AllowUnencrypted=false refuses it. If the client is not installed the test fails
 * and says how to install it.
 */
class LabPyWinRmTest {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final String USER = "labadmin";
    static final String PASSWORD = "Lab-Pa55-" + UUID.randomUUID();

    static final String SCRIPT = """
            import json
            import sys

            import winrm
            from winrm.exceptions import WinRMError

            url, user, password = sys.argv[1:4]
            session = winrm.Session(url, auth=(user, password), transport='ntlm', message_encryption='always')


            def result(r):
                return {'code': r.status_code, 'stdout': r.std_out.decode('utf-8'), 'stderr': r.std_err.decode('utf-8')}


            def fault(call):
                try:
                    call()
                    return {'error': None}
                except WinRMError as e:
                    return {'error': type(e).__name__, 'message': str(e)}


            try:
                out = {
                    'echo': result(session.run_cmd('echo', ['from', 'pywinrm'])),
                    'fail': result(session.run_cmd('fail', ['5', 'access is denied'])),
                    'ps': result(session.run_ps('echo from PowerShell')),
                    'big': len(session.run_cmd('big', ['300000']).std_out),
                }
                p = session.protocol
                out['garbage'] = fault(lambda: p.send_message('<this is not xml'))
                unknown = '6A3C8F4D-0000-4000-8000-000000000000'
                out['unknown_shell'] = fault(lambda: p.run_command(unknown, 'echo', ['x']))
                shells = []
                try:
                    for i in range(40):
                        shells.append(p.open_shell())
                    out['quota'] = {'error': None, 'opened': len(shells)}
                except WinRMError as e:
                    out['quota'] = {'error': type(e).__name__, 'message': str(e), 'opened': len(shells)}
                for s in shells:
                    p.close_shell(s)
                out['after'] = result(session.run_cmd('echo', ['still', 'serving']))
                t = p.transport
                plain = t.session.post(t.endpoint, data=b'<s:Envelope/>',
                                       headers={'Content-Type': 'application/soap+xml;charset=UTF-8'})
                out['plaintext'] = plain.status_code
            except Exception as e:  # reported to the Java test, which asserts on it
                out = {'error': type(e).__name__, 'message': str(e)}
            print(json.dumps(out))
            """;

    @TempDir
    static Path dir;
    static Path script;
    static Path conf;

    private final EchoHost host = new EchoHost();
    private LabWinRmServer server;

    @BeforeAll
    static void needPyWinRm() throws Exception {
        assertTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is missing: install python3-winrm"
                + " (./sstpdoctor test installs it as root on Debian)");
        Run probe = python(List.of("-c", "import winrm"));
        assertEquals(0, probe.code, () -> "python3-winrm is not installed (apt-get install python3-winrm;"
                + " ./sstpdoctor test installs it as root on Debian): " + probe.output);
        script = dir.resolve("lab_pywinrm.py");
        Files.writeString(script, SCRIPT);
        // ntlm-auth needs MD4, which OpenSSL 3 only has in its legacy provider
        conf = dir.resolve("openssl-legacy.cnf");
        Files.writeString(conf, """
                openssl_conf = openssl_init
                [openssl_init]
                providers = provider_sect
                [provider_sect]
                default = default_sect
                legacy = legacy_sect
                [default_sect]
                activate = 1
                [legacy_sect]
                activate = 1
                """);
    }

    @BeforeEach
    void start() throws Exception {
        server = LabWinRmServer.start(host, USER, PASSWORD.toCharArray());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    record Run(int code, String output) {
    }

    static Run python(List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(PYTHON.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().remove("PYTHONPATH");
        pb.environment().remove("PYTHONHOME");
        if (conf != null) {
            pb.environment().put("OPENSSL_CONF", conf.toString());
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("pywinrm did not finish in 120 s");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private JsonObject check(String password) throws Exception {
        Run r = python(List.of(script.toString(), server.endpoint().toString(), USER, password));
        assertEquals(0, r.code, () -> "pywinrm check failed: " + r.output);
        String last = r.output.strip().lines().reduce((a, b) -> b).orElse("");
        return JsonParser.parseString(last).getAsJsonObject();
    }

    @Test
    void pyWinRmRunsCommandsWithMessageEncryption() throws Exception {
        JsonObject out = check(PASSWORD);

        assertTrue(!out.has("error"), out::toString);
        JsonObject echo = out.getAsJsonObject("echo");
        assertEquals(0, echo.get("code").getAsInt());
        assertEquals("from pywinrm\r\n", echo.get("stdout").getAsString());
        JsonObject failed = out.getAsJsonObject("fail");
        assertEquals(5, failed.get("code").getAsInt());
        assertEquals("partial\r\n", failed.get("stdout").getAsString());
        assertEquals("access is denied\r\n", failed.get("stderr").getAsString());
        assertEquals("from PowerShell\r\n", out.getAsJsonObject("ps").get("stdout").getAsString());
        assertEquals(300000, out.get("big").getAsInt());
        assertEquals("echo from pywinrm", host.commandLines.get(0), "the command and its arguments, joined");
        assertTrue(host.commandLines.get(2).startsWith("powershell -encodedcommand "), host.commandLines.get(2));

        JsonObject garbage = out.getAsJsonObject("garbage");
        assertEquals("WinRMError", garbage.get("error").getAsString(), garbage::toString);
        assertTrue(garbage.get("message").getAsString().contains("'wsmanfault_code': '2150858819'"),
                garbage::toString);
        assertTrue(garbage.get("message").getAsString().contains("'http_status_code': 500"), garbage::toString);
        JsonObject unknown = out.getAsJsonObject("unknown_shell");
        assertEquals("WinRMError", unknown.get("error").getAsString(), unknown::toString);
        String message = unknown.get("message").getAsString();
        assertTrue(message.contains("'wsmanfault_code': '2150858843'"), message);
        assertTrue(message.contains("'fault_subcode': 'w:InvalidSelectors'"), message);
        assertTrue(message.contains("the shell was not found on the server"), message);
        JsonObject quota = out.getAsJsonObject("quota");
        assertEquals(30, quota.get("opened").getAsInt(), quota::toString);
        assertTrue(quota.get("message").getAsString().contains("'wsmanfault_code': '2150859173'"), quota::toString);
        assertEquals("still serving\r\n", out.getAsJsonObject("after").get("stdout").getAsString(),
                "the same encrypted session keeps working after the faults");
        assertEquals(400, out.get("plaintext").getAsInt(), "an unencrypted request after the logon is refused");
        assertEquals(0, server.openShells(), "pywinrm deleted every shell");
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        JsonObject wrong = check("wrong-" + PASSWORD);
        assertEquals("InvalidCredentialsError", wrong.get("error").getAsString(), wrong::toString);
        assertEquals(List.of(), host.commandLines);
    }
}
