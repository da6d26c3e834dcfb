package org.sstpdoctor.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.sstpdoctor.lab.Lab;
import org.sstpdoctor.lab.LabHost;
import org.sstpdoctor.lab.LabInventory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lab}: starts the practice lab in the foreground, prints each simulated host's endpoints,
 * optionally writes the lab's server files for {@code check --inventory}, and runs until the
 * process is interrupted (Ctrl-C, SIGTERM), then stops every host.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = { "Start the practice lab: simulated RRAS servers on loopback, one healthy and one per "
                + "KB947031 scenario and cause, each with an SSTP endpoint (TLS + MS-SSTP), an SSH server and a "
                + "WinRM endpoint answering from its simulated Windows state. Everything it serves is simulated.",
                "Runs until interrupted (Ctrl-C or SIGTERM)." },
        footer = { "Example:", "  ./sstpdoctor lab --inventory /tmp/lab-inventory &",
                "  ./sstpdoctor check --inventory /tmp/lab-inventory",
                "Exit status: 0 when stopped, 2 when the lab cannot start." })
final class LabCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "the lab's folder: trusted roots, SSH host keys, lab.json (default ~/.sstpdoctor/"
                    + Lab.DEFAULT_FOLDER + ")")
    Path dir;

    @Option(names = "--inventory", paramLabel = "DIR",
            description = "write one .server file per lab host into DIR/\"" + LabInventory.SITE + "\"")
    Path inventory;

    /** Counted down to stop the lab; tests and the shutdown hook use it. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path folder = dir != null ? dir : Path.of(System.getProperty("user.home"), ".sstpdoctor", Lab.DEFAULT_FOLDER);
        PrintWriter out = spec.commandLine().getOut();
        Lab lab;
        try {
            lab = Lab.start(folder.toAbsolutePath().normalize(), List.of());
        } catch (IOException e) {
            throw new CliException("the practice lab cannot start: " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "SSTP Doctor lab shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.println("Practice lab (simulated) started in " + lab.directory());
            out.println("Clients trust the lab root in " + lab.rootsFolder() + " (trust folder:" + lab.rootsFolder()
                    + "); SSH and WinRM user " + Lab.USER + " (its password is new at each start and shown"
                    + " nowhere; the workbench stores it in Secure Storage)");
            for (LabHost host : lab.hosts()) {
                out.println(host.name() + " (simulated)");
                out.println("  scenario  " + (host.scenario().kbScenario() == 0 ? "healthy"
                        : "KB947031 scenario " + host.scenario().kbScenario()) + ": " + host.scenario().fault());
                out.println("  SSTP      127.0.0.1:" + host.sstpPort()
                        + (host.sstpPortIpv6().isPresent() ? ", [::1]:" + host.sstpPortIpv6().getAsInt() : ""));
                out.println("  SSH       127.0.0.1:" + host.sshPort());
                out.println("  WinRM     " + host.winRmEndpoint());
            }
            if (inventory != null) {
                List<Path> files = LabInventory.writeFiles(lab, inventory.toAbsolutePath().normalize());
                out.println("Wrote " + files.size() + " server files to " + inventory.toAbsolutePath().normalize()
                        .resolve(LabInventory.SITE));
            }
            out.println("Running; press Ctrl-C to stop.");
            out.flush();
            stop.await();
            out.println("Stopping the practice lab.");
            out.flush();
            return Exit.HEALTHY;
        } finally {
            lab.close();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it ends once the lab is closed
            }
        }
    }
}
