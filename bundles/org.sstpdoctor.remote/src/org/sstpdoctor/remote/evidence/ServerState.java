package org.sstpdoctor.remote.evidence;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.sstpdoctor.remote.commands.CertStoreEvidence;
import org.sstpdoctor.remote.commands.CommandCatalog;
import org.sstpdoctor.remote.commands.EventsEvidence;
import org.sstpdoctor.remote.commands.FirewallEvidence;
import org.sstpdoctor.remote.commands.ListenersEvidence;
import org.sstpdoctor.remote.commands.ParseResult;
import org.sstpdoctor.remote.commands.RemoteAccessEvidence;
import org.sstpdoctor.remote.commands.RrasFiltersEvidence;
import org.sstpdoctor.remote.commands.ServicesEvidence;
import org.sstpdoctor.remote.commands.SslCertEvidence;
import org.sstpdoctor.remote.commands.SstpRegistryEvidence;

/**
 * What the server itself says, read once per server per check run over its management channel:
 * for each command of the catalog, the parsed result (with any parse problems) and the output
 * it came from, or why the command failed. A server without a management channel has an
 * unavailable state: checkers of the server side then have nothing to say about it.
 */
public final class ServerState {

    /** Output kept per command for evidence texts. */
    public static final int MAX_KEPT_OUTPUT = 64 * 1024;

    private final String channel;
    private final String unavailable;
    private final Map<String, ParseResult<?>> results;
    private final Map<String, String> outputs;
    private final Map<String, String> failures;

    private ServerState(String channel, String unavailable, Map<String, ParseResult<?>> results,
            Map<String, String> outputs, Map<String, String> failures) {
        this.channel = channel;
        this.unavailable = unavailable;
        this.results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    }

    /** A server whose inside cannot be looked at, and why (no channel configured). */
    public static ServerState unavailable(String why) {
        return new ServerState("", why, Map.of(), Map.of(), Map.of());
    }

    /** A builder for a state read over {@code channel} (described for people). */
    public static Builder over(String channel) {
        return new Builder(channel);
    }

    /** Whether anything was read at all. */
    public boolean isAvailable() {
        return unavailable == null;
    }

    /** Why nothing was read, or empty. */
    public String unavailableReason() {
        return unavailable == null ? "" : unavailable;
    }

    /** The channel the state was read over, e.g. "SSH to emea/vpn1 (vpn1.contoso.com:22)". */
    public String channel() {
        return channel;
    }

    /** The parsed result of command {@code id}, when it ran. */
    public <T> Optional<ParseResult<T>> result(String id, Class<T> type) {
        ParseResult<?> r = results.get(id);
        if (r == null || r.value() == null || !type.isInstance(r.value())) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        ParseResult<T> typed = (ParseResult<T>) r;
        return Optional.of(typed);
    }

    /** The output of command {@code id} (cut at {@value #MAX_KEPT_OUTPUT} characters), or empty. */
    public String output(String id) {
        return outputs.getOrDefault(id, "");
    }

    /** Why command {@code id} could not be run, or empty. */
    public Optional<String> failure(String id) {
        return Optional.ofNullable(failures.get(id));
    }

    /** Every failed command with its reason. */
    public Map<String, String> failures() {
        return failures;
    }

    public Optional<ParseResult<ServicesEvidence>> services() {
        return result(CommandCatalog.SERVICES, ServicesEvidence.class);
    }

    public Optional<ParseResult<ListenersEvidence>> listeners() {
        return result(CommandCatalog.LISTENERS, ListenersEvidence.class);
    }

    public Optional<ParseResult<SslCertEvidence>> sslCertificates() {
        return result(CommandCatalog.SSLCERT, SslCertEvidence.class);
    }

    public Optional<ParseResult<SstpRegistryEvidence>> sstpRegistry() {
        return result(CommandCatalog.SSTP_REGISTRY, SstpRegistryEvidence.class);
    }

    public Optional<ParseResult<CertStoreEvidence>> certificateStore() {
        return result(CommandCatalog.CERT_STORE, CertStoreEvidence.class);
    }

    public Optional<ParseResult<RemoteAccessEvidence>> remoteAccess() {
        return result(CommandCatalog.REMOTE_ACCESS, RemoteAccessEvidence.class);
    }

    public Optional<ParseResult<FirewallEvidence>> firewall() {
        return result(CommandCatalog.FIREWALL, FirewallEvidence.class);
    }

    public Optional<ParseResult<RrasFiltersEvidence>> rrasFilters() {
        return result(CommandCatalog.RRAS_FILTERS, RrasFiltersEvidence.class);
    }

    public Optional<ParseResult<EventsEvidence>> events() {
        return result(CommandCatalog.EVENTS, EventsEvidence.class);
    }

    /** Collects a state command by command. */
    public static final class Builder {
        private final String channel;
        private final Map<String, ParseResult<?>> results = new LinkedHashMap<>();
        private final Map<String, String> outputs = new LinkedHashMap<>();
        private final Map<String, String> failures = new LinkedHashMap<>();

        private Builder(String channel) {
            this.channel = channel;
        }

        public Builder parsed(String id, ParseResult<?> result, String output) {
            results.put(id, result);
            outputs.put(id, output.length() > MAX_KEPT_OUTPUT ? output.substring(0, MAX_KEPT_OUTPUT) + "\n[cut]" : output);
            return this;
        }

        public Builder failed(String id, String why) {
            failures.put(id, why);
            return this;
        }

        public ServerState build() {
            return new ServerState(channel, null, results, outputs, failures);
        }
    }
}
