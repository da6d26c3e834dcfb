package org.sstpdoctor.lab;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.sstpdoctor.lab.WindowsState.LabEvent;
import org.sstpdoctor.lab.WindowsState.Listener;
import org.sstpdoctor.lab.WindowsState.RegistryValue;
import org.sstpdoctor.lab.WindowsState.RrasFilter;
import org.sstpdoctor.lab.WindowsState.ServiceState;
import org.sstpdoctor.lab.WindowsState.SslBinding;
import org.sstpdoctor.lab.WindowsState.StoreCertificate;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence;
import org.sstpdoctor.remote.commands.ServicesEvidence;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * What Windows prints for the lab's commands, from a {@link WindowsState}: the texts of
 * {@code sc query}, {@code netstat -aon}, {@code netsh http show sslcert}, {@code reg query} and
 * {@code netsh routing ip dump} in their English formats with CRLF line ends, and the JSON the
 * catalog's PowerShell scripts print ({@code ConvertTo-Json -Compress}, non-ASCII escaped).
 */
final class WindowsText {

    static final String CRLF = "\r\n";
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    private static final DateTimeFormatter POWERSHELL_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter EVENT_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSxxx");
    static final String REGISTRY_KEY = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SstpSvc\\Parameters";

    private WindowsText() {
    }

    // --- sc query

    /** {@code sc query <name>} as typed; the exit code is 0, or 1060 for no such service. */
    static CommandAnswer scQuery(WindowsState state, String typedName) {
        Optional<ServiceState> s = state.service(typedName);
        if (s.isEmpty()) {
            return new CommandAnswer(1060, "[SC] EnumQueryServicesStatus:OpenService FAILED 1060:" + CRLF + CRLF
                    + "The specified service does not exist as an installed service." + CRLF + CRLF, "");
        }
        boolean running = s.get().running();
        StringBuilder out = new StringBuilder(CRLF);
        out.append("SERVICE_NAME: ").append(typedName).append(CRLF);
        out.append("        TYPE               : 20  WIN32_SHARE_PROCESS").append(CRLF);
        if (running) {
            out.append("        STATE              : 4  RUNNING").append(CRLF);
            out.append(s.get().name().equals(WindowsState.REMOTE_ACCESS)
                    ? "                                (STOPPABLE, PAUSABLE, ACCEPTS_SHUTDOWN)"
                    : "                                (STOPPABLE, NOT_PAUSABLE, IGNORES_SHUTDOWN)").append(CRLF);
            out.append("        WIN32_EXIT_CODE    : 0  (0x0)").append(CRLF);
        } else {
            out.append("        STATE              : 1  STOPPED").append(CRLF);
            out.append("        WIN32_EXIT_CODE    : 1077  (0x435)").append(CRLF);
        }
        out.append("        SERVICE_EXIT_CODE  : 0  (0x0)").append(CRLF);
        out.append("        CHECKPOINT         : 0x0").append(CRLF);
        out.append("        WAIT_HINT          : 0x0").append(CRLF);
        return CommandAnswer.ok(out.toString());
    }

    /** The services script's JSON. */
    static String servicesJson(WindowsState state) {
        JsonArray array = new JsonArray();
        for (String name : ServicesEvidence.SSTP_SERVICES) {
            JsonObject o = new JsonObject();
            Optional<ServiceState> s = state.service(name);
            o.addProperty("Name", s.map(ServiceState::name).orElse(name));
            o.add("DisplayName", s.<JsonElement>map(x -> new JsonPrimitive(x.displayName())).orElse(JsonNull.INSTANCE));
            o.addProperty("Status", s.map(x -> x.running() ? "Running" : "Stopped").orElse("NotFound"));
            o.add("StartType", s.<JsonElement>map(x -> new JsonPrimitive(startType(x.startType())))
                    .orElse(JsonNull.INSTANCE));
            array.add(o);
        }
        return json(array);
    }

    private static String startType(ServicesEvidence.StartType t) {
        return switch (t) {
        case AUTOMATIC, AUTOMATIC_DELAYED -> "Automatic";
        case MANUAL -> "Manual";
        case DISABLED -> "Disabled";
        case BOOT -> "Boot";
        case SYSTEM -> "System";
        case UNKNOWN -> "Manual";
        };
    }

    // --- listeners

    /** {@code netstat -aon}. */
    static String netstat(WindowsState state) {
        StringBuilder out = new StringBuilder(CRLF).append("Active Connections").append(CRLF).append(CRLF);
        out.append("  Proto  Local Address          Foreign Address        State           PID").append(CRLF);
        for (Listener l : state.listeners()) {
            boolean v6 = l.address().contains(":");
            String local = (v6 ? "[" + l.address() + "]" : l.address()) + ":" + l.port();
            String foreign = v6 ? "[::]:0" : "0.0.0.0:0";
            out.append(String.format(Locale.ROOT, "  %-7s%-23s%-23s%-16s%d", "TCP", local, foreign, "LISTENING",
                    l.processId())).append(CRLF);
        }
        out.append(String.format(Locale.ROOT, "  %-7s%-23s%-39s%d", "UDP", "0.0.0.0:500", "*:*", 3012)).append(CRLF);
        return out.toString();
    }

    /** The listeners script's JSON. */
    static String listenersJson(WindowsState state, boolean withNames) {
        JsonArray array = new JsonArray();
        for (Listener l : state.listeners()) {
            JsonObject o = new JsonObject();
            o.addProperty("LocalAddress", l.address());
            o.addProperty("LocalPort", l.port());
            o.addProperty("State", "Listen");
            o.addProperty("OwningProcess", l.processId());
            if (withNames) {
                o.addProperty("ProcessName", l.processName());
            } else {
                o.add("ProcessName", JsonNull.INSTANCE);
            }
            array.add(o);
        }
        return json(array);
    }

    // --- http.sys

    /** {@code netsh http show sslcert}. */
    static String sslcert(WindowsState state) {
        StringBuilder out = new StringBuilder(CRLF).append("SSL Certificate bindings:").append(CRLF)
                .append("-------------------------").append(CRLF).append(CRLF);
        for (SslBinding b : state.sslBindings()) {
            line(out, "IP:port", b.endpoint());
            line(out, "Certificate Hash", b.thumbprint().toLowerCase(Locale.ROOT));
            line(out, "Application ID", b.applicationId());
            line(out, "Certificate Store Name", "MY");
            line(out, "Verify Client Certificate Revocation", "Enabled");
            line(out, "Verify Revocation Using Cached Client Certificate Only", "Disabled");
            line(out, "Usage Check", "Enabled");
            line(out, "Revocation Freshness Time", "0");
            line(out, "URL Retrieval Timeout", "0");
            line(out, "Ctl Identifier", "(null)");
            line(out, "Ctl Store Name", "(null)");
            line(out, "DS Mapper Usage", "Disabled");
            line(out, "Negotiate Client Certificate", "Disabled");
            line(out, "Reject Connections", "Disabled");
            out.append(CRLF);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append("    ").append(String.format(Locale.ROOT, "%-28s", label)).append(" : ").append(value).append(CRLF);
    }

    /** The JSON of the scripts that carry a program's text: {@code {"ExitCode":n,"Output":"..."}}. */
    static String textJson(int exitCode, String output) {
        JsonObject o = new JsonObject();
        o.addProperty("ExitCode", exitCode);
        o.addProperty("Output", output);
        return json(o);
    }

    // --- registry

    /** {@code reg query "HKLM\...\SstpSvc\Parameters"}. */
    static String regQuery(WindowsState state) {
        StringBuilder out = new StringBuilder(CRLF).append(REGISTRY_KEY).append(CRLF);
        for (RegistryValue v : state.registryValues()) {
            String data = switch (v.kind()) {
            case DWORD -> "0x" + Long.toHexString((Long) v.value());
            case BINARY -> WindowsState.hex(v.bytes());
            default -> v.value().toString();
            };
            out.append("    ").append(v.name()).append("    REG_").append(v.kind().name()).append("    ").append(data)
                    .append(CRLF);
        }
        return out.append(CRLF).toString();
    }

    /** The sstpregistry script's JSON. */
    static String registryJson(WindowsState state) {
        JsonObject o = new JsonObject();
        o.addProperty("Path", "HKLM:\\SYSTEM\\CurrentControlSet\\Services\\SstpSvc\\Parameters");
        o.addProperty("Exists", true);
        JsonArray values = new JsonArray();
        for (RegistryValue v : state.registryValues()) {
            JsonObject value = new JsonObject();
            value.addProperty("Name", v.name());
            switch (v.kind()) {
            case DWORD -> {
                value.addProperty("Kind", "DWord");
                value.addProperty("Value", (Long) v.value());
            }
            case BINARY -> {
                value.addProperty("Kind", "Binary");
                JsonArray bytes = new JsonArray();
                for (byte b : v.bytes()) {
                    bytes.add(b & 0xFF);
                }
                value.add("Value", bytes);
            }
            case EXPAND_SZ -> {
                value.addProperty("Kind", "ExpandString");
                value.addProperty("Value", v.value().toString());
            }
            default -> {
                value.addProperty("Kind", "String");
                value.addProperty("Value", v.value().toString());
            }
            }
            values.add(value);
        }
        o.add("Values", values);
        return json(o);
    }

    // --- certificate store

    /** The certstore script's JSON. */
    static String certStoreJson(WindowsState state) {
        JsonArray array = new JsonArray();
        for (StoreCertificate c : state.certificates()) {
            JsonObject o = new JsonObject();
            o.addProperty("Subject", windowsName(c.certificate().getSubjectX500Principal()));
            o.addProperty("Issuer", windowsName(c.certificate().getIssuerX500Principal()));
            o.addProperty("Thumbprint", c.sha1());
            o.addProperty("Sha256", c.sha256());
            o.addProperty("NotBefore", date(c.certificate().getNotBefore().toInstant()));
            o.addProperty("NotAfter", date(c.certificate().getNotAfter().toInstant()));
            o.addProperty("HasPrivateKey", c.hasPrivateKey());
            o.addProperty("FriendlyName", c.friendlyName());
            JsonArray ekus = new JsonArray();
            try {
                List<String> list = c.certificate().getExtendedKeyUsage();
                if (list != null) {
                    list.forEach(ekus::add);
                }
            } catch (java.security.cert.CertificateParsingException e) {
                // an EKU extension the JDK cannot read: reported as none, the parser reads the bytes
            }
            o.add("EnhancedKeyUsages", ekus);
            try {
                o.addProperty("RawData", Base64.getEncoder().encodeToString(c.certificate().getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException("a store certificate cannot be encoded", e);
            }
            array.add(o);
        }
        return json(array);
    }

    /** A distinguished name as Windows writes it: RFC 2253 order reversed, ", " between. */
    private static String windowsName(javax.security.auth.x500.X500Principal principal) {
        try {
            javax.naming.ldap.LdapName name = new javax.naming.ldap.LdapName(principal.getName());
            List<javax.naming.ldap.Rdn> rdns = new java.util.ArrayList<>(name.getRdns());
            java.util.Collections.reverse(rdns);
            return String.join(", ", rdns.stream().map(Object::toString).toList());
        } catch (javax.naming.InvalidNameException e) {
            return principal.getName();
        }
    }

    private static String date(Instant instant) {
        return POWERSHELL_DATE.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    // --- remote access

    /** The remoteaccess script's JSON. */
    static String remoteAccessJson(WindowsState state) {
        JsonObject o = new JsonObject();
        boolean installed = state.remoteAccessInstalled();
        o.addProperty("VpnStatus", installed ? "Installed" : "Uninstalled");
        o.addProperty("RoutingStatus", "Uninstalled");
        o.addProperty("DAStatus", "Uninstalled");
        o.addProperty("VpnS2SStatus", "Uninstalled");
        o.addProperty("UseHttp", false);
        Optional<StoreCertificate> c = installed ? state.registryCertificate() : Optional.empty();
        o.add("SslCertificateThumbprint", c.<JsonElement>map(x -> new JsonPrimitive(x.sha1())).orElse(JsonNull.INSTANCE));
        JsonArray errors = new JsonArray();
        if (installed) {
            o.addProperty("SstpPorts", state.sstpPorts());
            o.addProperty("Ikev2Ports", 128);
            o.addProperty("L2tpPorts", 128);
            o.addProperty("GrePorts", 0);
        } else {
            for (String port : List.of("SstpPorts", "Ikev2Ports", "L2tpPorts", "GrePorts")) {
                o.add(port, JsonNull.INSTANCE);
            }
            errors.add("Get-VpnServerConfiguration: The Remote Access service is not configured.");
        }
        o.add("Errors", errors);
        return json(o);
    }

    // --- firewall

    /** The firewall script's JSON: the one rule Windows ships in the group. */
    static String firewallJson(WindowsState state) {
        JsonObject o = new JsonObject();
        o.addProperty("Name", "SSTP-IN-TCP");
        o.addProperty("DisplayName", "Secure Socket Tunneling Protocol (SSTP-In)");
        o.addProperty("Group", "@sstpsvc.dll,-35001");
        o.addProperty("DisplayGroup", WindowsState.FIREWALL_GROUP);
        o.addProperty("Enabled", state.firewallGroupEnabled() ? "True" : "False");
        o.addProperty("Direction", "Inbound");
        o.addProperty("Action", "Allow");
        o.addProperty("Profile", "Any");
        o.addProperty("Protocol", "TCP");
        JsonArray ports = new JsonArray();
        ports.add("443");
        o.add("LocalPort", ports);
        JsonArray array = new JsonArray();
        array.add(o);
        return json(array);
    }

    // --- RRAS filters

    /** {@code netsh routing ip dump}: the exit code and text (1 when remote access is not installed). */
    static CommandAnswer routingDump(WindowsState state) {
        if (!state.remoteAccessInstalled()) {
            return new CommandAnswer(1, "The following command was not found: routing ip dump." + CRLF, "");
        }
        StringBuilder out = new StringBuilder(CRLF);
        out.append("# ----------------------------------").append(CRLF).append("# IP Configuration").append(CRLF)
                .append("# ----------------------------------").append(CRLF).append("pushd routing ip").append(CRLF)
                .append("reset").append(CRLF).append("set loglevel error").append(CRLF);
        Map<String, Map<RrasFiltersEvidence.Type, RrasFiltersEvidence.Action>> actions = state.rrasFilterActions();
        List<String> interfaces = new java.util.ArrayList<>(List.of("Internal", "Loopback", "Internet"));
        actions.keySet().stream().filter(n -> !interfaces.contains(n)).forEach(interfaces::add);
        for (String itf : interfaces) {
            out.append("set filter name=\"").append(itf).append("\" fragcheck=disable").append(CRLF);
        }
        List<RrasFilter> filters = state.rrasFilters();
        for (String itf : interfaces) {
            for (RrasFiltersEvidence.Type type : RrasFiltersEvidence.Type.values()) {
                RrasFiltersEvidence.Action action = actions.getOrDefault(itf, Map.of()).get(type);
                boolean any = false;
                for (RrasFilter f : filters) {
                    if (f.interfaceName().equals(itf) && f.type() == type) {
                        any = true;
                        out.append("add filter name=\"").append(itf).append("\" filtertype=").append(type.name())
                                .append(" srcaddr=").append(f.sourceAddress()).append(" srcmask=")
                                .append(f.sourceMask()).append(" dstaddr=").append(f.destinationAddress())
                                .append(" dstmask=").append(f.destinationMask()).append(" proto=")
                                .append(f.protocol()).append(" srcport=").append(f.sourcePort()).append(" dstport=")
                                .append(f.destinationPort()).append(CRLF);
                    }
                }
                if (action != null && (any || action == RrasFiltersEvidence.Action.DROP)) {
                    out.append("set filter name=\"").append(itf).append("\" filtertype=").append(type.name())
                            .append(" action=").append(action.name()).append(CRLF);
                }
            }
        }
        out.append(CRLF).append(CRLF).append("popd").append(CRLF).append("# End of IP configuration").append(CRLF)
                .append(CRLF);
        return new CommandAnswer(0, out.toString(), "");
    }

    // --- events

    /** The events script's JSON: the events of the last {@code hours}, at most {@code max}. */
    static String eventsJson(WindowsState state, long hours, int max) {
        Instant since = Instant.now().minus(hours, ChronoUnit.HOURS);
        JsonArray array = new JsonArray();
        for (LabEvent e : state.events()) {
            if (e.timeCreated().isBefore(since) || array.size() >= max) {
                continue;
            }
            JsonObject o = new JsonObject();
            o.addProperty("TimeCreated", EVENT_DATE.format(e.timeCreated().atOffset(ZoneOffset.UTC)));
            o.addProperty("Id", e.id());
            o.addProperty("Level", e.level());
            o.addProperty("LevelDisplayName", switch (e.level()) {
            case 1 -> "Critical";
            case 2 -> "Error";
            case 3 -> "Warning";
            default -> "Information";
            });
            o.addProperty("ProviderName", e.provider());
            o.addProperty("LogName", e.logName());
            o.addProperty("RecordId", e.recordId());
            o.addProperty("Message", e.message());
            array.add(o);
        }
        return json(array);
    }

    // --- JSON

    /** {@code ConvertTo-Json -Compress} output through the prologue's ASCII escaping, with its line end. */
    static String json(JsonElement element) {
        String text = GSON.toJson(element);
        StringBuilder out = new StringBuilder(text.length() + 2);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0x7F) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(CRLF).toString();
    }
}
