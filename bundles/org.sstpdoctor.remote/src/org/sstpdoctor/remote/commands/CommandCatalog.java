package org.sstpdoctor.remote.commands;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.sstpdoctor.remote.CommandIds;

/**
 * The read-only diagnostic commands SSTP Doctor runs on an RRAS server, each with its PowerShell
 * form, the text form of KB947031 where the KB gives one, and the parser of each.
 * <p>
 * Every command only reads. The scripts are fixed texts shipped with the bundle; the only
 * parameters (the time window of the event query, whether to name processes) are typed and
 * formatted here, so no text from a user or a server ever becomes part of a command.
 * </p>
 * <p>
 * What is read where:
 * </p>
 * <ul>
 * <li>{@value #SERVICES}: {@code Get-Service}; {@code sc.exe query remoteaccess},
 * {@code sc.exe query sstpsvc}.</li>
 * <li>{@value #LISTENERS}: {@code Get-NetTCPConnection -State Listen}; {@code netstat.exe -aon}.</li>
 * <li>{@value #SSLCERT}: {@code netsh.exe http show sslcert} (no cmdlet exists; the PowerShell form
 * carries netsh's text in JSON).</li>
 * <li>{@value #SSTP_REGISTRY}: the values of the key with their types; {@code reg.exe query}.</li>
 * <li>{@value #CERT_STORE}: {@code Cert:\LocalMachine\My} with each certificate's bytes; no text
 * form (the KB uses the Certificates snap-in).</li>
 * <li>{@value #REMOTE_ACCESS}: {@code Get-RemoteAccess} and {@code Get-VpnServerConfiguration},
 * whose {@code SstpPorts} is the port count of WAN Miniport (SSTP); no text form (the KB uses
 * the Routing and Remote Access snap-in).</li>
 * <li>{@value #FIREWALL}: {@code Get-NetFirewallRule -Group @sstpsvc.dll,-35001} with the port
 * filters; no text form (the KB uses the Windows Firewall control panel).</li>
 * <li>{@value #RRAS_FILTERS}: {@code netsh.exe routing ip dump} (no cmdlet exists; see
 * {@link RrasFiltersParser} for why the dump and not {@code show filter}).</li>
 * <li>{@value #EVENTS}: {@code Get-WinEvent} on the System and Application logs; no text form (the
 * KB uses Event Viewer).</li>
 * </ul>
 */
public final class CommandCatalog {

    public static final String SERVICES = CommandIds.SERVICES;
    public static final String LISTENERS = CommandIds.LISTENERS;
    public static final String SSLCERT = CommandIds.SSLCERT;
    public static final String SSTP_REGISTRY = CommandIds.SSTP_REGISTRY;
    public static final String CERT_STORE = CommandIds.CERTIFICATES;
    public static final String REMOTE_ACCESS = CommandIds.REMOTE_ACCESS;
    public static final String FIREWALL = CommandIds.FIREWALL;
    public static final String RRAS_FILTERS = CommandIds.RRAS_FILTERS;
    public static final String EVENTS = CommandIds.EVENTS;

    /** The ids of every entry, in the order {@link #entries()} lists them. */
    public static final List<String> IDS = List.of(SERVICES, LISTENERS, SSLCERT, SSTP_REGISTRY, CERT_STORE,
            REMOTE_ACCESS, FIREWALL, RRAS_FILTERS, EVENTS);

    /** The time window of {@link #entries()}'s event query, in hours. */
    public static final int DEFAULT_EVENT_HOURS = 24;
    /** How many events {@link #entries()}'s event query reads at most from each log. */
    public static final int DEFAULT_MAX_EVENTS = 200;
    public static final int MAX_EVENT_HOURS = 24 * 366;
    public static final int MAX_EVENTS = 5000;

    private CommandCatalog() {
    }

    /** Every entry, with the default parameters (process names, the last 24 hours of events). */
    public static List<CatalogEntry<?>> entries() {
        return List.of(services(), listeners(true), sslcert(), sstpRegistry(), certStore(), remoteAccess(), firewall(),
                rrasFilters(), events(DEFAULT_EVENT_HOURS, DEFAULT_MAX_EVENTS));
    }

    /** The entry with this id, with the default parameters. */
    public static Optional<CatalogEntry<?>> entry(String id) {
        return entries().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    public static CatalogEntry<ServicesEvidence> services() {
        List<String> names = ServicesEvidence.SSTP_SERVICES;
        return new CatalogEntry<>(SERVICES, "Whether the Routing and Remote Access and the SSTP services run",
                "KB947031 Scenario 2 step 1, Scenario 8 steps 1 and 2", ServicesEvidence.class,
                powerShell("services", "JSON: Name, DisplayName, Status, StartType per service",
                        output -> ServicesParser.parseJson(output, names)),
                Optional.of(new CommandForm<>(FormKind.LEGACY_TEXT,
                        names.stream().map(n -> "sc.exe query " + n.toLowerCase(Locale.ROOT)).toList(),
                        "sc query's entry (or error) per service, in the order asked",
                        output -> ServicesParser.parseScQuery(output, names))));
    }

    /**
     * The listening sockets.
     *
     * @param withProcessNames whether the PowerShell form also names the process that owns each
     *                         socket (it lists the processes to do so)
     */
    public static CatalogEntry<ListenersEvidence> listeners(boolean withProcessNames) {
        return new CatalogEntry<>(LISTENERS, "Which addresses and ports the server listens on, and which process owns them",
                "KB947031 Scenario 2 step 2, Scenario 8 step 3", ListenersEvidence.class,
                new CommandForm<>(FormKind.POWERSHELL,
                        List.of(script("listeners").replace("{{WITH_PROCESS_NAMES}}", withProcessNames ? "$true" : "$false")),
                        "JSON: LocalAddress, LocalPort, State, OwningProcess, ProcessName per listening socket",
                        ListenersParser::parseJson),
                Optional.of(new CommandForm<>(FormKind.LEGACY_TEXT, List.of("netstat.exe -aon"),
                        "netstat's table of every socket with its process id", ListenersParser::parseNetstat)));
    }

    public static CatalogEntry<SslCertEvidence> sslcert() {
        return new CatalogEntry<>(SSLCERT, "The certificates http.sys binds to addresses and ports",
                "KB947031 Scenario 8 steps 4 and 5", SslCertEvidence.class,
                powerShell("sslcert", "JSON: ExitCode and Output of netsh http show sslcert", SslCertParser::parseJson),
                Optional.of(new CommandForm<>(FormKind.LEGACY_TEXT, List.of("netsh.exe http show sslcert"),
                        "netsh's list of bindings", SslCertParser::parseText)));
    }

    public static CatalogEntry<SstpRegistryEvidence> sstpRegistry() {
        return new CatalogEntry<>(SSTP_REGISTRY,
                "The SSTP service's parameters: listener port, certificate hashes, HTTPS",
                "KB947031 Scenario 8 steps 7 and 9; RasSstp events 18 and 19", SstpRegistryEvidence.class,
                powerShell("sstpregistry", "JSON: whether the key exists, and Name, Kind, Value per value",
                        SstpRegistryParser::parseJson),
                Optional.of(new CommandForm<>(FormKind.LEGACY_TEXT,
                        List.of("reg.exe query \"HKLM\\SYSTEM\\CurrentControlSet\\Services\\SstpSvc\\Parameters\""),
                        "reg's list of the key's values", SstpRegistryParser::parseRegQuery)));
    }

    public static CatalogEntry<CertStoreEvidence> certStore() {
        return new CatalogEntry<>(CERT_STORE,
                "The certificates of the computer's Personal store: names, key usage, validity, hashes, private key",
                "KB947031 Scenarios 2, 3, 4, 6 and 8", CertStoreEvidence.class,
                powerShell("certstore", "JSON: per certificate what Windows reports and its bytes",
                        CertStoreParser::parseJson),
                Optional.empty());
    }

    public static CatalogEntry<RemoteAccessEvidence> remoteAccess() {
        return new CatalogEntry<>(REMOTE_ACCESS,
                "Whether remote access is enabled, and how many SSTP ports WAN Miniport (SSTP) has",
                "KB947031 Scenario 1, Scenario 2", RemoteAccessEvidence.class,
                powerShell("remoteaccess", "JSON: the states of Get-RemoteAccess and the port counts of"
                        + " Get-VpnServerConfiguration", RemoteAccessParser::parseJson),
                Optional.empty());
    }

    public static CatalogEntry<FirewallEvidence> firewall() {
        return new CatalogEntry<>(FIREWALL, "The Windows Firewall rules of the Secure Socket Tunneling Protocol group",
                "KB947031 Scenario 8 step 10", FirewallEvidence.class,
                powerShell("firewall", "JSON: per rule its state, direction, action, profiles, protocol and ports",
                        FirewallParser::parseJson),
                Optional.empty());
    }

    public static CatalogEntry<RrasFiltersEvidence> rrasFilters() {
        return new CatalogEntry<>(RRAS_FILTERS, "The inbound and outbound IPv4 packet filters of the RRAS interfaces",
                "KB947031 Scenario 8 step 8", RrasFiltersEvidence.class,
                powerShell("rrasfilters", "JSON: ExitCode and Output of netsh routing ip dump", RrasFiltersParser::parseJson),
                Optional.of(new CommandForm<>(FormKind.LEGACY_TEXT, List.of("netsh.exe routing ip dump"),
                        "the RRAS IPv4 configuration as netsh commands", RrasFiltersParser::parseDump)));
    }

    /**
     * Recent events of the RemoteAccess, RasSstp and Schannel sources.
     *
     * @param hours     how far back, 1 to {@value #MAX_EVENT_HOURS}
     * @param maxEvents how many events at most from each of the System and Application logs, 1 to
     *                  {@value #MAX_EVENTS}
     * @throws IllegalArgumentException when a parameter is out of range
     */
    public static CatalogEntry<EventsEvidence> events(int hours, int maxEvents) {
        if (hours < 1 || hours > MAX_EVENT_HOURS) {
            throw new IllegalArgumentException("hours " + hours + " is not within 1 to " + MAX_EVENT_HOURS);
        }
        if (maxEvents < 1 || maxEvents > MAX_EVENTS) {
            throw new IllegalArgumentException("maxEvents " + maxEvents + " is not within 1 to " + MAX_EVENTS);
        }
        String script = script("events").replace("{{MILLISECONDS}}", Long.toString(hours * 3_600_000L))
                .replace("{{MAX_EVENTS}}", Integer.toString(maxEvents));
        return new CatalogEntry<>(EVENTS, "Events of the RemoteAccess, RasSstp and Schannel sources of the last "
                + hours + " hours", "KB947031 Scenario 8 step 12; RasSstp events", EventsEvidence.class,
                new CommandForm<>(FormKind.POWERSHELL, List.of(script),
                        "JSON: TimeCreated, Id, Level, ProviderName, LogName, RecordId, Message per event",
                        EventsParser::parseJson),
                Optional.empty());
    }

    private static <T> CommandForm<T> powerShell(String name, String output, CommandParser<T> parser) {
        return new CommandForm<>(FormKind.POWERSHELL, List.of(script(name)), output, parser);
    }

    /** The prologue and the script {@code scripts/<name>.ps1} of the bundle. */
    private static String script(String name) {
        return resource("prologue") + "\n" + resource(name);
    }

    private static String resource(String name) {
        String path = "scripts/" + name + ".ps1";
        try (InputStream in = CommandCatalog.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + path, unreadable);
        }
    }
}
