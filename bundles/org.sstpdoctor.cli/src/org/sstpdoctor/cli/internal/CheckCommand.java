package org.sstpdoctor.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

import javax.xml.stream.XMLStreamException;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.security.storage.StorageException;
import org.sstpdoctor.core.checks.CheckEngine;
import org.sstpdoctor.core.checks.CheckPreferences;
import org.sstpdoctor.core.checks.CheckRun;
import org.sstpdoctor.core.checks.CheckSettings;
import org.sstpdoctor.core.checks.CheckerDescriptor;
import org.sstpdoctor.core.checks.CheckerRegistry;
import org.sstpdoctor.core.checks.Finding;
import org.sstpdoctor.core.checks.ICheckListener;
import org.sstpdoctor.core.checks.ServerResult;
import org.sstpdoctor.core.checks.Severity;
import org.sstpdoctor.core.inventory.CredentialStore;
import org.sstpdoctor.core.inventory.Credentials;
import org.sstpdoctor.core.inventory.CsvImport;
import org.sstpdoctor.core.inventory.ImportResult;
import org.sstpdoctor.core.inventory.Inventory;
import org.sstpdoctor.core.inventory.ChannelKind;
import org.sstpdoctor.core.inventory.ManagementChannel;
import org.sstpdoctor.core.inventory.Server;
import org.sstpdoctor.core.inventory.ServerConfig;
import org.sstpdoctor.probe.evidence.NetworkEvidence;
import org.sstpdoctor.probe.evidence.NetworkEvidenceProvider;
import org.sstpdoctor.probe.evidence.ProbeEvidenceSettings;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code check}: probes every server of an inventory from the network and runs the contributed
 * checkers over it, then writes the report. The probe is made once per server, by the check
 * engine's network evidence, which the checkers read and the report's probe summary is made of.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = { "Check the servers of an inventory, or the hosts given, and report what a Windows SSTP "
                + "client would meet. Every server is probed once from the network (the checker 'probe') and "
                + "checked by every contributed checker, which read that same probe.",
                "The inventory is the workbench's workspace (-data DIR or --workspace DIR, default "
                        + "~/.sstpdoctor/workspace), a folder of .server files (--inventory DIR), a CSV file "
                        + "(--csv FILE, columns host,port,site,channel,name,tags), or HOST[:PORT] arguments." },
        footer = { "", "Exit status: 0 every server healthy, 1 problems found (an error or warning finding, an "
                + "unreadable server file), 2 usage or runtime error.",
                "Credentials are read only from Eclipse Secure Storage, never from the command line; for unattended "
                        + "runs give the platform option -eclipse.password FILE." })
final class CheckCommand implements Callable<Integer> {

    enum Format { text, json, junit, html }

    static final class Source {
        @Option(names = "--workspace", paramLabel = "DIR", description = "the workbench workspace holding the inventory")
        Path workspace;

        @Option(names = "--inventory", paramLabel = "DIR", description = "a folder of .server files; sub-folders are sites")
        Path inventory;

        @Option(names = "--csv", paramLabel = "FILE", description = "a CSV inventory")
        Path csv;
    }

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source = new Source();

    @Parameters(arity = "0..*", paramLabel = "HOST[:PORT]", description = "hosts to check instead of an inventory")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--site", paramLabel = "SITE", description = "only servers of this site or below it; repeatable (any)")
    List<String> sites = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG", description = "only servers with this tag; repeatable (any)")
    List<String> tags = new ArrayList<>();

    @Option(names = "--checker", paramLabel = "ID", description = "only this checker ('probe' for the network probe); repeatable")
    List<String> checkers = new ArrayList<>();

    @Option(names = "--trust", paramLabel = "TRUST", description = "the roots the VPN clients trust, for every server: "
            + "jdk (the Java runtime's public roots), file:PEM-FILE or folder:DIR (default: each server's own "
            + "clientTrust option, else the preference, jdk)")
    String trust;

    @Option(names = "--concurrency", paramLabel = "N", description = "servers checked at once (default: the preference, 16)")
    Integer concurrency;

    @Option(names = "--timeout", paramLabel = "S", description = "seconds one checker, the probe included, may take on one server (default: the preference, 30)")
    Integer timeout;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, junit or html")
    Format format = Format.text;

    @Option(names = { "-o", "--output" }, paramLabel = "FILE", description = "write the report to FILE instead of standard output")
    Path output;

    @Override
    public Integer call() throws IOException, CoreException {
        if (!hosts.isEmpty() && (source.inventory != null || source.csv != null || source.workspace != null)) {
            throw new CliException("give host names or an inventory (--workspace, --inventory, --csv), not both");
        }
        CheckSettings settings = settings();
        String inventoryName;
        List<Server> servers;
        Inventory inventory = null;
        if (!hosts.isEmpty()) {
            Workspaces.temporary();
            servers = hostServers();
            inventoryName = "command line";
        } else if (source.inventory != null) {
            Path dir = source.inventory.toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new CliException("--inventory " + source.inventory + ": not a folder");
            }
            Path ws = Workspaces.temporary();
            copyServerFiles(dir, ws.resolve(Inventory.PROJECT_NAME));
            inventory = Inventory.getDefault();
            servers = inventory.servers();
            inventoryName = dir.toString();
        } else if (source.csv != null) {
            if (!Files.isRegularFile(source.csv)) {
                throw new CliException("--csv " + source.csv + ": no such file");
            }
            Workspaces.temporary();
            inventory = Inventory.getDefault();
            try (Reader in = Files.newBufferedReader(source.csv, StandardCharsets.UTF_8)) {
                ImportResult imported = CsvImport.importServers(inventory, in);
                for (ImportResult.Rejected r : imported.rejected()) {
                    spec.commandLine().getErr().println("warning: " + source.csv + ": " + r);
                }
            }
            servers = inventory.servers();
            inventoryName = source.csv.toAbsolutePath().toString();
        } else {
            Path ws = Workspaces.use(source.workspace);
            inventory = Inventory.getDefault();
            if (!inventory.project().exists()) {
                throw new CliException("the workspace " + ws + " holds no SSTP Doctor inventory (no project "
                        + Inventory.PROJECT_NAME + "); give --workspace DIR, --inventory DIR or --csv FILE");
            }
            servers = inventory.servers();
            inventoryName = ws.toString();
        }
        servers = servers.stream().filter(this::selected).map(this::withTrust).toList();

        CheckerRegistry registry = CheckerRegistry.getDefault();
        Set<String> wanted = checkerIds(registry);
        boolean runProbe = wanted == null || wanted.contains(Probes.CHECKER_ID);
        // Without --checker, the probe's summary and findings stand for the probe bundle's network
        // checkers (they report the same causes from the same probe); --checker selects them by id.
        Predicate<CheckerDescriptor> which = d -> wanted == null
                ? !d.id().startsWith(Probes.NETWORK_CHECKERS) : wanted.contains(d.id());
        List<CheckerDescriptor> descriptors = registry.checkers().stream().filter(which).toList();
        List<Report.Check> checks = new ArrayList<>();
        if (runProbe) {
            checks.add(new Report.Check(Probes.CHECKER_ID, Probes.CHECKER_NAME));
        }
        descriptors.forEach(d -> checks.add(new Report.Check(d.id(), d.name())));
        // The probe is the engine's network evidence, gathered once per server for the checkers and
        // the report alike. When no selected checker reads it for every server, a network checker
        // runs unreported to have it gathered.
        Optional<CheckerDescriptor> carrier = runProbe ? Probes.evidenceCarrier(registry, descriptors)
                : Optional.empty();
        String hidden = carrier.map(CheckerDescriptor::id).orElse(null);
        Predicate<CheckerDescriptor> run = carrier.isEmpty() ? which : which.or(d -> d.id().equals(hidden));

        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Progress progress = new Progress(servers, spec.commandLine().getErr());
        Probes.checkTrust(trust);
        Map<Server, NetworkEvidence> probes = new ConcurrentHashMap<>();
        CheckRun checked;
        try {
            checked = new CheckEngine(registry, settings).check(servers, run, new ICheckListener() {
                @Override
                public void evidenceGathered(Server server, String evidenceId, Object evidence) {
                    if (NetworkEvidenceProvider.ID.equals(evidenceId) && evidence instanceof NetworkEvidence n) {
                        probes.put(server, n);
                    }
                }

                @Override
                public void serverDone(ServerResult result) {
                    progress.checked(result.server());
                }
            }, new NullProgressMonitor());
        } finally {
            progress.done();
        }

        CredentialStore credentialStore = null;
        List<Report.ServerReport> reports = new ArrayList<>();
        for (ServerResult result : checked.results()) {
            Server s = result.server();
            List<Report.CheckOutcome> outcomes = new ArrayList<>();
            Report.ProbeSummary summary = null;
            Map<String, List<Finding>> byChecker = new LinkedHashMap<>();
            descriptors.forEach(d -> byChecker.put(d.id(), new ArrayList<>()));
            List<String> noProbe = new ArrayList<>();
            for (Finding f : result.findings()) {
                String id = f.checkerId().isEmpty() ? "engine" : f.checkerId();
                if (runProbe && (id.equals(hidden) || id.equals(NetworkEvidenceProvider.ID))) {
                    // why the probe has no result: said in the probe's own outcome
                    noProbe.add(f.message());
                    continue;
                }
                byChecker.computeIfAbsent(id, k -> new ArrayList<>()).add(f);
            }
            if (runProbe && s.isReadable()) {
                NetworkEvidence probe = probes.get(s);
                List<Finding> found;
                if (probe != null) {
                    summary = Probes.summary(probe);
                    found = Probes.findings(probe, summary);
                } else {
                    if (result.status() == ServerResult.Status.CANCELLED) {
                        noProbe.add("the check was cancelled");
                    }
                    found = List.of(Probes.noEvidence(noProbe));
                }
                outcomes.add(new Report.CheckOutcome(Probes.CHECKER_ID, Probes.CHECKER_NAME, found));
            }
            if (s.isReadable()) {
                byChecker.forEach((id, fs) -> outcomes.add(new Report.CheckOutcome(id,
                        registry.checker(id).map(CheckerDescriptor::name).orElse(id), fs)));
            }
            String credentials = "none";
            if (s.isReadable() && !s.config().credentialRef().isEmpty()) {
                if (credentialStore == null && inventory != null) {
                    try {
                        credentialStore = inventory.credentials();
                    } catch (IllegalStateException e) {
                        credentials = "unavailable: " + e.getMessage();
                    }
                }
                if (credentialStore != null) {
                    credentials = credentials(credentialStore, s, outcomes);
                }
            }
            Duration elapsed = result.elapsed();
            if (summary != null && summary.duration().compareTo(elapsed) > 0) {
                elapsed = summary.duration();
            }
            reports.add(new Report.ServerReport(s.name(), s.site(), s.host(),
                    s.isReadable() ? s.config().sstpPort() : 0, result.status().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    s.problem(), credentials, elapsed, summary, outcomes));
        }
        Report report = new Report(started, Duration.ofNanos(System.nanoTime() - t0), inventoryName, checks, reports,
                checked.cancelled());
        write(report);
        return report.hasProblems() ? Exit.PROBLEMS : Exit.HEALTHY;
    }

    /** Whether the credentials the server names can be read; never puts a secret in the report. */
    private static String credentials(CredentialStore store, Server s, List<Report.CheckOutcome> outcomes) {
        String ref = s.config().credentialRef();
        String status;
        String problem = null;
        try {
            Optional<Credentials> read = store.read(ref);
            if (read.isPresent()) {
                try (Credentials c = read.get()) {
                    status = "stored for user " + c.user();
                }
            } else {
                status = "not stored";
                problem = "No credentials are stored in Secure Storage for this server";
            }
        } catch (StorageException | RuntimeException e) {
            status = "unreadable";
            problem = "Its credentials cannot be read from Secure Storage: " + e.getMessage()
                    + " (for unattended runs give -eclipse.password FILE)";
        }
        if (problem != null && s.config().channel() != null && s.config().channel().kind() != ChannelKind.NONE) {
            outcomes.add(new Report.CheckOutcome("credentials", "Credentials in Secure Storage",
                    List.of(Finding.of("org.sstpdoctor.cli.credentialsUnavailable", Severity.WARNING, problem)
                            .withChecker("credentials"))));
        }
        return status;
    }

    private void write(Report report) throws IOException {
        StringWriter buffer = new StringWriter();
        PrintWriter w = new PrintWriter(buffer);
        switch (format) {
            case json -> JsonReport.write(report, w);
            case junit -> {
                try {
                    JunitReport.write(report, w);
                } catch (XMLStreamException e) {
                    throw new IOException("cannot write the JUnit report: " + e.getMessage(), e);
                }
            }
            case html -> HtmlReport.write(report, w);
            default -> TextReport.write(report, w, output == null && Terminal.colour());
        }
        w.flush();
        if (output != null) {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, buffer.toString(), StandardCharsets.UTF_8);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(buffer);
            out.flush();
        }
    }

    private CheckSettings settings() {
        CheckSettings s = CheckPreferences.current().withMarkers(false);
        if (concurrency != null) {
            if (concurrency < CheckPreferences.MIN_CONCURRENCY || concurrency > CheckPreferences.MAX_CONCURRENCY) {
                throw new CliException("--concurrency must be " + CheckPreferences.MIN_CONCURRENCY + "-" + CheckPreferences.MAX_CONCURRENCY);
            }
            s = s.withConcurrency(concurrency);
        }
        if (timeout != null) {
            if (timeout < CheckPreferences.MIN_TIMEOUT_SECONDS || timeout > CheckPreferences.MAX_TIMEOUT_SECONDS) {
                throw new CliException("--timeout must be " + CheckPreferences.MIN_TIMEOUT_SECONDS + "-"
                        + CheckPreferences.MAX_TIMEOUT_SECONDS + " seconds");
            }
            Duration t = Duration.ofSeconds(timeout);
            s = s.withTimeouts(t, s.serverTimeout().compareTo(t) < 0 ? t.multipliedBy(4) : s.serverTimeout());
        }
        return s;
    }

    /** The checker ids asked for, or null for all; unknown ids are a usage error. */
    private Set<String> checkerIds(CheckerRegistry registry) {
        if (checkers.isEmpty()) {
            return null;
        }
        Set<String> known = new TreeSet<>();
        known.add(Probes.CHECKER_ID);
        registry.checkers().forEach(d -> known.add(d.id()));
        Set<String> wanted = new TreeSet<>();
        for (String id : checkers) {
            if (!known.contains(id)) {
                throw new CliException("--checker " + id + ": no such checker; known: " + String.join(", ", known));
            }
            wanted.add(id);
        }
        return wanted;
    }

    /**
     * {@code s} judged against the {@code --trust} roots by every checker of this run (the
     * network evidence reads the server option clientTrust), its file unchanged.
     */
    private Server withTrust(Server s) {
        if (trust == null || !s.isReadable()) {
            return s;
        }
        Probes.clientTrust(trust); // a usage error before anything runs
        ServerConfig c = s.config();
        java.util.Map<String, String> options = new java.util.TreeMap<>(c.channel().options());
        options.put(ProbeEvidenceSettings.SERVER_OPTION_TRUST, trust);
        ManagementChannel channel = new ManagementChannel(c.channel().kind(), c.channel().port(), c.channel().user(),
                options);
        return new Server(s.file(), s.name(), s.site(),
                new ServerConfig(c.host(), c.sstpPort(), channel, c.tags(), c.notes(), c.credentialRef()), s.problem());
    }

    private boolean selected(Server s) {
        if (!sites.isEmpty() && sites.stream().map(x -> x.replaceAll("^/+|/+$", "").toLowerCase(Locale.ROOT))
                .noneMatch(x -> x.isEmpty() || s.site().toLowerCase(Locale.ROOT).equals(x)
                        || s.site().toLowerCase(Locale.ROOT).startsWith(x + "/"))) {
            return false;
        }
        if (!tags.isEmpty()) {
            if (!s.isReadable()) {
                return false;
            }
            return s.config().tags().stream().anyMatch(t -> tags.stream().anyMatch(t::equalsIgnoreCase));
        }
        return true;
    }

    private List<Server> hostServers() {
        List<Server> list = new ArrayList<>();
        int n = 0;
        for (String h : hosts) {
            Endpoints.HostPort hp = Endpoints.parse(h, ServerConfig.DEFAULT_SSTP_PORT);
            IFile handle = ResourcesPlugin.getWorkspace().getRoot()
                    .getFile(org.eclipse.core.runtime.IPath.fromOSString("/command-line/" + (n++) + ".server"));
            try {
                list.add(new Server(handle, hp.host(), "", new ServerConfig(hp.host(), hp.port(), null, List.of(), "", ""), null));
            } catch (IllegalArgumentException e) {
                throw new CliException("\"" + h + "\": " + e.getMessage());
            }
        }
        return list;
    }

    /** Copies the .server files below {@code from}, keeping their folders (sites), into {@code to}. */
    private static void copyServerFiles(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path rel = from.relativize(p);
                if (rel.toString().isEmpty() || rel.getFileName().toString().startsWith(".")) {
                    continue;
                }
                if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".server")) {
                    Path dest = to.resolve(rel.toString());
                    Files.createDirectories(dest.getParent());
                    Files.copy(p, dest);
                }
            }
        }
    }

    /**
     * Servers done / total and the time elapsed, on standard error when it is a terminal; silent
     * otherwise. A server is done when its checkers ran (its probe among them).
     */
    static final class Progress {
        private final int total;
        private final PrintWriter err;
        private final boolean on = Terminal.interactive();
        private final Set<Server> remaining = ConcurrentHashMap.newKeySet();
        private final AtomicInteger done = new AtomicInteger();
        private final long start = System.nanoTime();

        Progress(List<Server> servers, PrintWriter err) {
            this.total = servers.size();
            this.err = err;
            remaining.addAll(servers);
            show();
        }

        void checked(Server s) {
            if (remaining.remove(s)) {
                done.incrementAndGet();
                show();
            }
        }

        private void show() {
            if (on && total > 0) {
                synchronized (this) {
                    err.print(String.format(Locale.ROOT, "\r%d/%d servers checked, %.1f s elapsed ", done.get(), total,
                            (System.nanoTime() - start) / 1e9));
                    err.flush();
                }
            }
        }

        void done() {
            if (on && total > 0) {
                synchronized (this) {
                    err.print("\r" + " ".repeat(60) + "\r");
                    err.flush();
                }
            }
        }
    }
}
