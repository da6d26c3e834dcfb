package org.sstpdoctor.lab;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.sstpdoctor.pki.Thumbprints;
import org.sstpdoctor.remote.commands.RasSstpEvent;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence;
import org.sstpdoctor.remote.commands.ServicesEvidence;
import org.sstpdoctor.remote.commands.SslCertEvidence;
import org.sstpdoctor.remote.commands.SstpRegistryEvidence.ValueKind;
import org.sstpdoctor.remote.commands.Verdict;

/**
 * The simulated Windows state of one lab host, as far as SSTP cares: the RemoteAccess and SstpSvc
 * services, whether remote access (VPN) is installed and its SSTP port count, the values of
 * {@code SstpSvc\Parameters}, the computer's Personal certificate store, the http.sys certificate
 * bindings, the "Secure Socket Tunneling Protocol" firewall rule group, the RRAS packet filters
 * and the event log. What listens, and whether SSTP accepts calls, is derived from it as Windows
 * would derive it.
 * <p>
 * Thread-safe: every method locks the state, and what it returns is a copy. Whenever SstpSvc
 * starts, the RasSstp events Windows writes for an inconsistent configuration are logged.
 * Observers ({@link #onChange(Runnable)}) hear of every change, outside the lock.
 */
public final class WindowsState {

    /** The services SSTP needs. */
    public static final String REMOTE_ACCESS = "RemoteAccess";
    public static final String SSTP_SVC = "SstpSvc";
    /** The display group of the SSTP firewall rules. */
    public static final String FIREWALL_GROUP = "Secure Socket Tunneling Protocol";
    /** The http.sys addresses SSTP binds on. */
    public static final String IPV4_ANY = "0.0.0.0";
    public static final String IPV6_ANY = "[::]";
    /** The port SSTP listens on by default. */
    public static final int HTTPS_PORT = 443;
    /** The process id of System, which owns http.sys listeners. */
    public static final int SYSTEM_PID = 4;

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** A service's state: running or stopped, and its start type. */
    public record ServiceState(String name, String displayName, ServicesEvidence.State status,
            ServicesEvidence.StartType startType) {

        public ServiceState {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(startType, "startType");
        }

        public boolean running() {
            return status == ServicesEvidence.State.RUNNING;
        }
    }

    /**
     * A certificate of {@code Cert:\LocalMachine\My}.
     *
     * @param certificate  the certificate
     * @param privateKey   its private key, or null when the store has none
     * @param issuers      the certificates above it up to its root, in order (what TLS presents
     *                     besides the root)
     * @param friendlyName its friendly name, or empty
     */
    public record StoreCertificate(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> issuers,
            String friendlyName) {

        public StoreCertificate {
            Objects.requireNonNull(certificate, "certificate");
            issuers = List.copyOf(issuers);
            friendlyName = friendlyName == null ? "" : friendlyName;
        }

        /** The SHA-1 thumbprint, upper case. */
        public String sha1() {
            return Thumbprints.sha1(certificate);
        }

        /** The SHA-256 hash of its bytes, upper case. */
        public String sha256() {
            return Thumbprints.sha256(certificate);
        }

        public boolean hasPrivateKey() {
            return privateKey != null;
        }
    }

    /**
     * An http.sys certificate binding of {@code address:port}.
     *
     * @param address       {@link #IPV4_ANY} or {@link #IPV6_ANY}
     * @param port          the port
     * @param thumbprint    the SHA-1 thumbprint of the bound certificate, upper case
     * @param applicationId the application id in braces, lower case
     */
    public record SslBinding(String address, int port, String thumbprint, String applicationId) {

        public SslBinding {
            Objects.requireNonNull(address, "address");
            thumbprint = thumbprint.toUpperCase(Locale.ROOT);
            applicationId = applicationId.toLowerCase(Locale.ROOT);
        }

        public String endpoint() {
            return address + ":" + port;
        }
    }

    /**
     * A registry value of {@code SstpSvc\Parameters}.
     *
     * @param name  its name
     * @param kind  DWORD, BINARY, EXPAND_SZ or SZ
     * @param value a {@link Long} for DWORD, a {@code byte[]} for BINARY, a {@link String} otherwise
     */
    public record RegistryValue(String name, ValueKind kind, Object value) {

        public RegistryValue {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
            if (value instanceof byte[] bytes) {
                value = bytes.clone();
            }
        }

        /** The bytes of a BINARY value (a copy). */
        public byte[] bytes() {
            return ((byte[]) value).clone();
        }
    }

    /**
     * One RRAS IPv4 packet filter, as {@code netsh routing ip add filter} takes it.
     *
     * @param interfaceName      the interface ({@code Internet})
     * @param type               input, output or demand-dial
     * @param sourceAddress      {@code srcaddr}
     * @param sourceMask         {@code srcmask}
     * @param destinationAddress {@code dstaddr}
     * @param destinationMask    {@code dstmask}
     * @param protocol           {@code proto} as written ({@code TCP}, {@code ANY}, ...)
     * @param sourcePort         {@code srcport}, 0 for any
     * @param destinationPort    {@code dstport}, 0 for any
     */
    public record RrasFilter(String interfaceName, RrasFiltersEvidence.Type type, String sourceAddress,
            String sourceMask, String destinationAddress, String destinationMask, String protocol, int sourcePort,
            int destinationPort) {

        public RrasFilter {
            Objects.requireNonNull(interfaceName, "interfaceName");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(sourceAddress, "sourceAddress");
            Objects.requireNonNull(sourceMask, "sourceMask");
            Objects.requireNonNull(destinationAddress, "destinationAddress");
            Objects.requireNonNull(destinationMask, "destinationMask");
            Objects.requireNonNull(protocol, "protocol");
        }

        /** The same filter as the parsers read it. */
        RrasFiltersEvidence.Filter toEvidence() {
            RrasFiltersEvidence.Protocol p = switch (protocol.toUpperCase(Locale.ROOT)) {
            case "ANY" -> RrasFiltersEvidence.Protocol.ANY;
            case "TCP" -> RrasFiltersEvidence.Protocol.TCP;
            case "TCP-EST" -> RrasFiltersEvidence.Protocol.TCP_ESTABLISHED;
            case "UDP" -> RrasFiltersEvidence.Protocol.UDP;
            case "ICMP" -> RrasFiltersEvidence.Protocol.ICMP;
            default -> RrasFiltersEvidence.Protocol.OTHER;
            };
            return new RrasFiltersEvidence.Filter(type, sourceAddress, sourceMask, destinationAddress, destinationMask,
                    p, protocol, sourcePort, destinationPort, 0);
        }
    }

    /** An event of the System log. */
    public record LabEvent(Instant timeCreated, int id, int level, String provider, String logName, long recordId,
            String message) {
    }

    /** A listening TCP socket. */
    public record Listener(String address, int port, int processId, String processName) {
    }

    private final Map<String, ServiceState> services = new LinkedHashMap<>();
    private boolean remoteAccessInstalled;
    private int sstpPorts;
    private int portsInUse;
    private final Map<String, RegistryValue> registry = new LinkedHashMap<>();
    private final List<StoreCertificate> store = new ArrayList<>();
    private final List<SslBinding> bindings = new ArrayList<>();
    private boolean firewallGroupEnabled;
    private final Map<String, Map<RrasFiltersEvidence.Type, RrasFiltersEvidence.Action>> filterActions =
            new LinkedHashMap<>();
    private final List<RrasFilter> filters = new ArrayList<>();
    private final List<LabEvent> events = new ArrayList<>();
    private long nextRecordId = 4800;
    private final List<Runnable> observers = new CopyOnWriteArrayList<>();

    /**
     * A server as RRAS leaves it after "Configure and Enable Routing and Remote Access" with a VPN:
     * both services running, 128 SSTP ports, ListenerPort absent (443), the firewall group
     * enabled, no filters, and no certificate yet (bind one with {@link #bindSstpCertificate}).
     */
    public WindowsState() {
        services.put(REMOTE_ACCESS.toLowerCase(Locale.ROOT), new ServiceState(REMOTE_ACCESS,
                "Routing and Remote Access", ServicesEvidence.State.RUNNING, ServicesEvidence.StartType.AUTOMATIC));
        services.put(SSTP_SVC.toLowerCase(Locale.ROOT), new ServiceState(SSTP_SVC,
                "Secure Socket Tunneling Protocol Service", ServicesEvidence.State.RUNNING,
                ServicesEvidence.StartType.MANUAL));
        remoteAccessInstalled = true;
        sstpPorts = 128;
        registry.put("servicedll", new RegistryValue("ServiceDll", ValueKind.EXPAND_SZ,
                "%SystemRoot%\\system32\\sstpsvc.dll"));
        registry.put("servicedllunloadonstop", new RegistryValue("ServiceDllUnloadOnStop", ValueKind.DWORD, 1L));
        registry.put("usehttps", new RegistryValue("UseHttps", ValueKind.DWORD, 1L));
        firewallGroupEnabled = true;
    }

    /** Calls {@code observer} after every change of the state (on the changing thread, outside the lock). */
    public void onChange(Runnable observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
    }

    private void changed() {
        for (Runnable observer : observers) {
            observer.run();
        }
    }

    // --- services

    /** The service {@code name} in any case, or empty when Windows has no such service. */
    public synchronized Optional<ServiceState> service(String name) {
        return Optional.ofNullable(services.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Both SSTP services, RemoteAccess first. */
    public synchronized List<ServiceState> services() {
        return List.copyOf(services.values());
    }

    /** Sets a service's state as a fault would (no events, no dependencies). */
    public void setService(String name, ServicesEvidence.State status, ServicesEvidence.StartType startType) {
        synchronized (this) {
            ServiceState old = services.get(name.toLowerCase(Locale.ROOT));
            if (old == null) {
                throw new IllegalArgumentException("no service " + name);
            }
            services.put(name.toLowerCase(Locale.ROOT), new ServiceState(old.name(), old.displayName(), status,
                    startType == null ? old.startType() : startType));
        }
        changed();
    }

    /**
     * Starts a service as {@code Start-Service} does: RemoteAccess starts SstpSvc first (it depends
     * on it through RasMan); a disabled service does not start.
     *
     * @return empty when it runs, else why not (the message Windows gives)
     */
    public Optional<String> startService(String name) {
        Optional<String> result;
        synchronized (this) {
            result = startLocked(name);
        }
        changed();
        return result;
    }

    /** Restarts a service as {@code Restart-Service -Force} does. */
    public Optional<String> restartService(String name) {
        Optional<String> result;
        synchronized (this) {
            ServiceState s = services.get(name.toLowerCase(Locale.ROOT));
            if (s == null) {
                return Optional.of(notFound(name));
            }
            put(s, ServicesEvidence.State.STOPPED);
            result = startLocked(name);
        }
        changed();
        return result;
    }

    private Optional<String> startLocked(String name) {
        ServiceState s = services.get(name.toLowerCase(Locale.ROOT));
        if (s == null) {
            return Optional.of(notFound(name));
        }
        if (s.startType() == ServicesEvidence.StartType.DISABLED) {
            return Optional.of("Service '" + s.displayName() + " (" + s.name() + ")' cannot be started due to the"
                    + " following error: Cannot start service " + s.name() + " on computer '.'.");
        }
        if (s.name().equals(REMOTE_ACCESS)) {
            Optional<String> sstp = startLocked(SSTP_SVC);
            if (sstp.isPresent()) {
                return sstp;
            }
        }
        boolean wasRunning = s.running();
        put(s, ServicesEvidence.State.RUNNING);
        if (s.name().equals(SSTP_SVC) && !wasRunning || s.name().equals(REMOTE_ACCESS)) {
            logStartupEventsLocked();
        }
        return Optional.empty();
    }

    private void put(ServiceState s, ServicesEvidence.State status) {
        services.put(s.name().toLowerCase(Locale.ROOT), new ServiceState(s.name(), s.displayName(), status,
                s.startType()));
    }

    private static String notFound(String name) {
        return "Cannot find any service with service name '" + name + "'.";
    }

    // --- remote access

    /** Whether remote access (VPN) is installed: {@code Get-RemoteAccess}'s VpnStatus. */
    public synchronized boolean remoteAccessInstalled() {
        return remoteAccessInstalled;
    }

    /** Installs or removes remote access (a fault: no service changes). */
    public void setRemoteAccessInstalled(boolean installed) {
        synchronized (this) {
            remoteAccessInstalled = installed;
        }
        changed();
    }

    /** {@code Install-RemoteAccess -VpnType Vpn}: installs the VPN and starts RemoteAccess. */
    public Optional<String> enableRemoteAccess() {
        Optional<String> result;
        synchronized (this) {
            remoteAccessInstalled = true;
            if (sstpPorts <= 0) {
                sstpPorts = 128;
            }
            ServiceState s = services.get(REMOTE_ACCESS.toLowerCase(Locale.ROOT));
            if (s.startType() == ServicesEvidence.StartType.DISABLED) {
                services.put(REMOTE_ACCESS.toLowerCase(Locale.ROOT), new ServiceState(s.name(), s.displayName(),
                        s.status(), ServicesEvidence.StartType.AUTOMATIC));
            }
            result = startLocked(REMOTE_ACCESS);
        }
        changed();
        return result;
    }

    /** The number of ports of WAN Miniport (SSTP). */
    public synchronized int sstpPorts() {
        return sstpPorts;
    }

    /** Sets the number of SSTP ports (the value takes effect at once in the lab). */
    public void setSstpPorts(int ports) {
        if (ports < 0 || ports > 16384) {
            throw new IllegalArgumentException("SSTP ports out of range: " + ports);
        }
        synchronized (this) {
            sstpPorts = ports;
        }
        changed();
    }

    /** How many SSTP ports are in use (by simulated clients and by the calls the endpoint holds). */
    public synchronized int portsInUse() {
        return portsInUse;
    }

    /** Sets how many SSTP ports simulated clients hold. */
    public void setPortsInUse(int ports) {
        synchronized (this) {
            portsInUse = Math.max(0, ports);
        }
        changed();
    }

    /** Takes a free SSTP port for a call; false when all are in use (the call is refused with a Nak). */
    public synchronized boolean takePort() {
        if (portsInUse >= sstpPorts) {
            return false;
        }
        portsInUse++;
        return true;
    }

    /** Gives back a port {@link #takePort()} took. */
    public synchronized void releasePort() {
        portsInUse = Math.max(0, portsInUse - 1);
    }

    // --- registry

    /** The values of {@code SstpSvc\Parameters}, in order. */
    public synchronized List<RegistryValue> registryValues() {
        return List.copyOf(registry.values());
    }

    /** A value of {@code SstpSvc\Parameters} by name in any case. */
    public synchronized Optional<RegistryValue> registryValue(String name) {
        return Optional.ofNullable(registry.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Sets (or with a null value removes) a value of {@code SstpSvc\Parameters}. */
    public void setRegistryValue(String name, ValueKind kind, Object value) {
        synchronized (this) {
            if (value == null) {
                registry.remove(name.toLowerCase(Locale.ROOT));
            } else {
                registry.put(name.toLowerCase(Locale.ROOT), new RegistryValue(name, kind, value));
            }
        }
        changed();
    }

    /** {@code ListenerPort}, 443 when absent or not a valid DWORD port. */
    public synchronized int listenerPort() {
        RegistryValue v = registry.get("listenerport");
        if (v != null && v.kind() == ValueKind.DWORD && v.value() instanceof Long n && n >= 1 && n <= 65535) {
            return n.intValue();
        }
        return HTTPS_PORT;
    }

    private Optional<String> registryHash(String name, int bytes) {
        RegistryValue v = registry.get(name.toLowerCase(Locale.ROOT));
        if (v == null || v.kind() != ValueKind.BINARY || ((byte[]) v.value()).length != bytes) {
            return Optional.empty();
        }
        return Optional.of(HEX.formatHex((byte[]) v.value()));
    }

    // --- certificates

    /** The certificates of {@code Cert:\LocalMachine\My}, in store order. */
    public synchronized List<StoreCertificate> certificates() {
        return List.copyOf(store);
    }

    /** Adds a certificate to the Personal store. */
    public void addCertificate(StoreCertificate certificate) {
        synchronized (this) {
            store.add(Objects.requireNonNull(certificate, "certificate"));
        }
        changed();
    }

    /** Deletes the certificate with this SHA-1 thumbprint from the store; false when it was not there. */
    public boolean removeCertificate(String sha1) {
        boolean removed;
        synchronized (this) {
            removed = store.removeIf(c -> c.sha1().equalsIgnoreCase(sha1));
        }
        if (removed) {
            changed();
        }
        return removed;
    }

    /** The certificate with this SHA-1 thumbprint. */
    public synchronized Optional<StoreCertificate> certificate(String sha1) {
        return store.stream().filter(c -> c.sha1().equalsIgnoreCase(sha1)).findFirst();
    }

    // --- http.sys

    /** The http.sys certificate bindings, in netsh's order. */
    public synchronized List<SslBinding> sslBindings() {
        return List.copyOf(bindings);
    }

    /** Adds or replaces the binding of {@code address:port}; a null thumbprint removes it. */
    public void setSslBinding(String address, int port, String thumbprint) {
        synchronized (this) {
            bindings.removeIf(b -> b.address().equals(address) && b.port() == port);
            if (thumbprint != null) {
                bindings.add(new SslBinding(address, port, thumbprint, SslCertEvidence.SSTP_APPLICATION_ID));
            }
        }
        changed();
    }

    /** The binding of {@code address} ({@link #IPV4_ANY} or {@link #IPV6_ANY}) on {@code port}. */
    public synchronized Optional<SslBinding> sslBinding(String address, int port) {
        return bindings.stream().filter(b -> b.address().equals(address) && b.port() == port).findFirst();
    }

    /**
     * What RRAS does when an administrator picks the SSTP certificate: binds it in http.sys on
     * 0.0.0.0:443 and [::]:443, writes both registry hashes, and restarts RemoteAccess.
     *
     * @return empty when done, else why not
     */
    public Optional<String> bindSstpCertificate(String sha1) {
        Optional<String> result;
        synchronized (this) {
            Optional<StoreCertificate> c = store.stream().filter(s -> s.sha1().equalsIgnoreCase(sha1)).findFirst();
            if (c.isEmpty()) {
                return Optional.of("No certificate with the thumbprint " + sha1
                        + " is in Cert:\\LocalMachine\\My.");
            }
            String thumbprint = c.get().sha1();
            for (String address : List.of(IPV4_ANY, IPV6_ANY)) {
                bindings.removeIf(b -> b.address().equals(address) && b.port() == HTTPS_PORT);
                bindings.add(new SslBinding(address, HTTPS_PORT, thumbprint, SslCertEvidence.SSTP_APPLICATION_ID));
            }
            registry.put("sha256certificatehash", new RegistryValue("Sha256CertificateHash", ValueKind.BINARY,
                    HexFormat.of().parseHex(c.get().sha256())));
            registry.put("sha1certificatehash", new RegistryValue("Sha1CertificateHash", ValueKind.BINARY,
                    HexFormat.of().parseHex(thumbprint)));
            ServiceState ra = services.get(REMOTE_ACCESS.toLowerCase(Locale.ROOT));
            put(ra, ServicesEvidence.State.STOPPED);
            result = startLocked(REMOTE_ACCESS);
        }
        changed();
        return result;
    }

    /** The SSTP certificate the registry names ({@code Sha1CertificateHash}), when the store has it. */
    public synchronized Optional<StoreCertificate> registryCertificate() {
        return registryHash("Sha1CertificateHash", 20)
                .flatMap(h -> store.stream().filter(c -> c.sha1().equals(h)).findFirst());
    }

    // --- firewall

    /** Whether the rules of the "Secure Socket Tunneling Protocol" group are enabled. */
    public synchronized boolean firewallGroupEnabled() {
        return firewallGroupEnabled;
    }

    public void setFirewallGroupEnabled(boolean enabled) {
        synchronized (this) {
            firewallGroupEnabled = enabled;
        }
        changed();
    }

    // --- RRAS filters

    /** The RRAS filters, in the order they were added. */
    public synchronized List<RrasFilter> rrasFilters() {
        return List.copyOf(filters);
    }

    /** The action of each interface's filter sets, by interface in the order first set. */
    public synchronized Map<String, Map<RrasFiltersEvidence.Type, RrasFiltersEvidence.Action>> rrasFilterActions() {
        Map<String, Map<RrasFiltersEvidence.Type, RrasFiltersEvidence.Action>> copy = new LinkedHashMap<>();
        filterActions.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        return copy;
    }

    /** Adds a filter to its interface's set, setting the set's action. */
    public void addRrasFilter(RrasFilter filter, RrasFiltersEvidence.Action action) {
        synchronized (this) {
            filters.add(filter);
            filterActions.computeIfAbsent(filter.interfaceName(), k -> new EnumMap<>(RrasFiltersEvidence.Type.class))
                    .put(filter.type(), action);
        }
        changed();
    }

    /** Removes a filter; false when there was no such filter. */
    public boolean removeRrasFilter(RrasFilter filter) {
        boolean removed;
        synchronized (this) {
            removed = filters.removeIf(f -> f.interfaceName().equalsIgnoreCase(filter.interfaceName())
                    && f.type() == filter.type() && f.sourceAddress().equals(filter.sourceAddress())
                    && f.sourceMask().equals(filter.sourceMask())
                    && f.destinationAddress().equals(filter.destinationAddress())
                    && f.destinationMask().equals(filter.destinationMask())
                    && f.protocol().equalsIgnoreCase(filter.protocol()) && f.sourcePort() == filter.sourcePort()
                    && f.destinationPort() == filter.destinationPort());
        }
        if (removed) {
            changed();
        }
        return removed;
    }

    /** Whether the RRAS filters drop TCP to {@code port} coming in, or from it going out. */
    public synchronized boolean filtersBlock(int port) {
        for (Map.Entry<String, Map<RrasFiltersEvidence.Type, RrasFiltersEvidence.Action>> e : filterActions
                .entrySet()) {
            List<RrasFiltersEvidence.Filter> of = filters.stream().filter(f -> f.interfaceName().equals(e.getKey()))
                    .map(RrasFilter::toEvidence).toList();
            RrasFiltersEvidence.Interface itf = new RrasFiltersEvidence.Interface(e.getKey(), e.getValue(), of);
            if (itf.blocks(RrasFiltersEvidence.Type.INPUT, port) != Verdict.NO
                    || itf.blocks(RrasFiltersEvidence.Type.OUTPUT, port) != Verdict.NO) {
                return true;
            }
        }
        return false;
    }

    // --- events

    /** The events logged, newest first (as Get-WinEvent returns them). */
    public synchronized List<LabEvent> events() {
        List<LabEvent> copy = new ArrayList<>(events);
        java.util.Collections.reverse(copy);
        return copy;
    }

    /** Logs an event in the System log. */
    public void logEvent(int id, int level, String provider, String message) {
        synchronized (this) {
            logLocked(id, level, provider, message);
        }
        changed();
    }

    private void logLocked(int id, int level, String provider, String message) {
        events.add(new LabEvent(Instant.now(), id, level, provider, "System", nextRecordId++, message));
        if (events.size() > 1000) {
            events.remove(0);
        }
    }

    /**
     * Writes what SstpSvc logs when it starts on this configuration: the RasSstp events for a
     * missing or invalid registry hash (18, 19), a missing SSTP certificate (25), no usable
     * server certificate (11), missing http.sys bindings (12, 13), bindings that differ (24), and a
     * registry thumbprint that differs from the binding (32).
     */
    public void logStartupEvents() {
        synchronized (this) {
            logStartupEventsLocked();
        }
        changed();
    }

    private void logStartupEventsLocked() {
        String source = RasSstpEvent.PROVIDER;
        int port = listenerPort();
        Optional<String> sha256 = registryHash("Sha256CertificateHash", 32);
        Optional<String> sha1 = registryHash("Sha1CertificateHash", 20);
        if (sha256.isEmpty()) {
            logLocked(18, 2, source, "The Secure Socket Tunneling Protocol service either could not read the SHA256"
                    + " certificate hash from the registry or the data is invalid. To be valid, the SHA256 certificate"
                    + " hash must be of type REG_BINARY and 32 bytes in length. SSTP connections will not be accepted"
                    + " on this server. Correct the problem and try again.");
        }
        if (sha1.isEmpty()) {
            logLocked(19, 2, source, "The Secure Socket Tunneling Protocol service either could not read the SHA1"
                    + " certificate hash from the registry or the data is invalid. To be valid, the SHA1 certificate"
                    + " hash must be of type REG_BINARY and 20 bytes in length. SSTP connections will not be accepted"
                    + " on this server. Correct the problem and try again.");
        }
        if (store.stream().noneMatch(c -> c.hasPrivateKey() && allowsServerAuth(c.certificate()))) {
            logLocked(11, 2, source, "The Secure Socket Tunneling Protocol service could not find a certificate"
                    + " with Server Authentication usage and a private key in the local computer's Personal store.");
        }
        if (sha1.isPresent() && store.stream().noneMatch(c -> c.sha1().equals(sha1.get()))) {
            logLocked(25, 2, source, "The certificate configured for the Secure Socket Tunneling Protocol (thumbprint "
                    + sha1.get() + ") is not in the local computer's Personal store.");
        }
        Optional<SslBinding> v4 = bindings.stream().filter(b -> b.address().equals(IPV4_ANY) && b.port() == port)
                .findFirst();
        Optional<SslBinding> v6 = bindings.stream().filter(b -> b.address().equals(IPV6_ANY) && b.port() == port)
                .findFirst();
        if (v4.isEmpty()) {
            logLocked(12, 2, source, "The Secure Socket Tunneling Protocol service could not configure the"
                    + " certificate for the IPv4 address " + IPV4_ANY + ":" + port + " in HTTP.SYS.");
        }
        if (v6.isEmpty()) {
            logLocked(13, 2, source, "The Secure Socket Tunneling Protocol service could not configure the"
                    + " certificate for the IPv6 address " + IPV6_ANY + ":" + port + " in HTTP.SYS.");
        }
        if (v4.isPresent() && v6.isPresent() && !v4.get().thumbprint().equals(v6.get().thumbprint())) {
            logLocked(24, 3, source, "The certificates bound in HTTP.SYS for IPv4 (" + v4.get().thumbprint()
                    + ") and IPv6 (" + v6.get().thumbprint() + ") differ.");
        }
        if (sha1.isPresent()) {
            for (Optional<SslBinding> b : List.of(v4, v6)) {
                if (b.isPresent() && !b.get().thumbprint().equals(sha1.get())) {
                    logLocked(32, 2, source, "The certificate thumbprint configured for the Secure Socket Tunneling"
                            + " Protocol (" + sha1.get() + ") differs from the one bound in HTTP.SYS on "
                            + b.get().endpoint() + " (" + b.get().thumbprint() + ").");
                    break;
                }
            }
        }
    }

    static boolean allowsServerAuth(X509Certificate c) {
        try {
            List<String> eku = c.getExtendedKeyUsage();
            return eku == null || eku.contains("1.3.6.1.5.5.7.3.1") || eku.contains("2.5.29.37.0");
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
    }

    // --- derived

    /**
     * Whether SSTP listens (through http.sys, process 4): both services run, remote access is
     * installed, and both registry hashes are valid (else SstpSvc refuses to accept connections).
     */
    public synchronized boolean sstpListening() {
        return running(REMOTE_ACCESS) && running(SSTP_SVC) && remoteAccessInstalled
                && registryHash("Sha256CertificateHash", 32).isPresent()
                && registryHash("Sha1CertificateHash", 20).isPresent();
    }

    private boolean running(String name) {
        ServiceState s = services.get(name.toLowerCase(Locale.ROOT));
        return s != null && s.running();
    }

    /** The listening TCP sockets: the server's usual ones, and SSTP's on ListenerPort when it listens. */
    public synchronized List<Listener> listeners() {
        List<Listener> out = new ArrayList<>();
        for (String address : List.of("0.0.0.0", "::")) {
            out.add(new Listener(address, 22, 2480, "sshd"));
            out.add(new Listener(address, 135, 940, "svchost"));
            out.add(new Listener(address, 445, SYSTEM_PID, "System"));
            out.add(new Listener(address, 3389, 1096, "svchost"));
            out.add(new Listener(address, 5985, SYSTEM_PID, "System"));
            if (sstpListening()) {
                out.add(new Listener(address, listenerPort(), SYSTEM_PID, "System"));
            }
        }
        return out;
    }

    /** What a client reaching the server's port 443 meets. */
    public enum Reach {
        /** Nothing listens: the connection is refused. */
        REFUSED,
        /** The firewall or an RRAS filter drops the packets: the connection times out. */
        DROPPED,
        /** http.sys listens but has no certificate for the address: the handshake is reset. */
        NO_CERTIFICATE,
        /** SSTP answers, presenting the bound certificate. */
        SSTP
    }

    /**
     * What a client reaching port 443 on {@code ipv6 ? "[::]" : "0.0.0.0"} meets, in the order
     * Windows decides it: the firewall and RRAS filters first, then whether anything listens, then
     * the http.sys certificate.
     */
    public synchronized Reach reach(boolean ipv6) {
        if (!firewallGroupEnabled || filtersBlock(HTTPS_PORT)) {
            return Reach.DROPPED;
        }
        if (!sstpListening() || listenerPort() != HTTPS_PORT) {
            return Reach.REFUSED;
        }
        Optional<StoreCertificate> bound = boundCertificate(ipv6);
        return bound.isPresent() && bound.get().hasPrivateKey() ? Reach.SSTP : Reach.NO_CERTIFICATE;
    }

    /** The store certificate http.sys presents on port 443 of the family, when bound and in the store. */
    public synchronized Optional<StoreCertificate> boundCertificate(boolean ipv6) {
        Optional<SslBinding> b = bindings.stream()
                .filter(x -> x.address().equals(ipv6 ? IPV6_ANY : IPV4_ANY) && x.port() == HTTPS_PORT).findFirst();
        return b.flatMap(x -> store.stream().filter(c -> c.sha1().equals(x.thumbprint())).findFirst());
    }

    @Override
    public synchronized String toString() {
        return "WindowsState[services=" + services.values() + ", vpn=" + remoteAccessInstalled + ", sstpPorts="
                + sstpPorts + ", inUse=" + portsInUse + ", registry=" + registry.keySet() + ", store=" + store.size()
                + ", bindings=" + bindings + ", firewall=" + firewallGroupEnabled + ", filters=" + filters + "]";
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static boolean sameBytes(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
