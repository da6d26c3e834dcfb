package org.sstpdoctor.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * {@code lab} in-process: it prints every simulated host's endpoints, writes the server files,
 * the healthy host's SSTP endpoint answers {@code probe} with an Ack, and it stops when told to.
 */
class LabCommandTest {

    @TempDir
    Path dir;

    @Test
    void labPrintsEndpointsAndAProbeOfItsHealthyHostIsClean() throws Exception {
        LabCommand command = new LabCommand();
        StringWriter text = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(text, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        // on a thread of its own: the lab runs until stopped, and must not hold the common pool,
        // which the HTTP client of the certificate checks completes its work on
        java.util.concurrent.ExecutorService labThread = java.util.concurrent.Executors.newSingleThreadExecutor();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cl.execute("--dir",
                dir.resolve("lab").toString(), "--inventory", dir.resolve("inventory").toString()), labThread);
        labThread.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!text.toString().contains("Running; press Ctrl-C to stop.")) {
            if (run.isDone() || System.nanoTime() > deadline) {
                fail("the lab did not start: " + text + (run.isDone() ? " exit " + run.get() : ""));
            }
            Thread.sleep(50);
        }
        String out = text.toString();
        try {
            assertTrue(out.contains("lab-s1-no-free-ports (simulated)"), out);
            assertTrue(out.contains("KB947031 scenario 4"), out);
            Matcher healthy = Pattern.compile("lab-healthy \\(simulated\\)\\R.*\\R  SSTP      127\\.0\\.0\\.1:(\\d+)")
                    .matcher(out);
            assertTrue(healthy.find(), out);
            assertTrue(Files.isRegularFile(dir.resolve("inventory/Practice lab (simulated)/lab-healthy.server")));

            StringWriter probeOut = new StringWriter();
            // judged as the lab's clients judge it: against the lab's root
            int status = CliApplication.run(new String[] { "probe", "127.0.0.1:" + healthy.group(1), "--trust",
                    "folder:" + dir.resolve("lab").resolve("roots") },
                    new PrintWriter(probeOut), new PrintWriter(new StringWriter()));
            assertTrue(probeOut.toString().contains("SSTP_ACK"), probeOut.toString());
            assertEquals(Exit.HEALTHY, status, probeOut.toString());
        } finally {
            command.stop.countDown();
        }
        assertEquals(Exit.HEALTHY, run.get(30, TimeUnit.SECONDS));
        assertTrue(text.toString().contains("Stopping the practice lab."), text.toString());
    }
}
