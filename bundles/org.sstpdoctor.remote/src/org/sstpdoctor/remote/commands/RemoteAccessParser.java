package org.sstpdoctor.remote.commands;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.sstpdoctor.remote.commands.RemoteAccessEvidence.InstallState;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Reads the JSON of the catalog's remote access script (there is no text form: the KB uses the
 * Routing and Remote Access snap-in): one object with {@code VpnStatus}, {@code RoutingStatus},
 * {@code DAStatus}, {@code VpnS2SStatus} ({@code "Installed"} or {@code "Uninstalled"}),
 * {@code UseHttp}, {@code SslCertificateThumbprint}, {@code SstpPorts}, {@code Ikev2Ports},
 * {@code L2tpPorts}, {@code GrePorts} and {@code Errors}, the messages of the cmdlets that failed
 * (each one a problem: what it would have said is not known).
 */
public final class RemoteAccessParser {

    private RemoteAccessParser() {
    }

    public static ParseResult<RemoteAccessEvidence> parseJson(String output) {
        return Output.guard(output, RemoteAccessEvidence.unknown(), (text, problems) -> {
            Optional<JsonElement> root = Json.read(text, problems);
            if (root.isEmpty()) {
                return RemoteAccessEvidence.unknown();
            }
            List<JsonObject> items = Json.items(root.get(), "$", problems);
            if (items.size() != 1) {
                problems.add(0, "expected one object, found " + items.size());
                return RemoteAccessEvidence.unknown();
            }
            JsonObject item = items.get(0);
            if (Json.member(item, "VpnStatus") == null || Json.member(item, "SstpPorts") == null) {
                problems.add(0, "the object lacks VpnStatus or SstpPorts: it is not the output of the remote access script");
                return RemoteAccessEvidence.unknown();
            }
            for (String error : Json.strings(item, "Errors", "$", problems)) {
                problems.add(0, "the server reported: " + Output.quote(error));
            }
            Optional<String> thumbprint = Json.string(item, "SslCertificateThumbprint", "$", problems)
                    .filter(s -> !s.isBlank());
            Optional<String> normalized = thumbprint.flatMap(Hex::normalize).filter(h -> h.length() == 40);
            if (thumbprint.isPresent() && normalized.isEmpty()) {
                problems.add(0, "SslCertificateThumbprint " + Output.quote(thumbprint.get()) + " is not a SHA-1 thumbprint");
            }
            return new RemoteAccessEvidence(state(item, "VpnStatus", problems), state(item, "RoutingStatus", problems),
                    state(item, "DAStatus", problems), state(item, "VpnS2SStatus", problems),
                    Json.bool(item, "UseHttp", "$", problems), normalized, ports(item, "SstpPorts", problems),
                    ports(item, "Ikev2Ports", problems), ports(item, "L2tpPorts", problems),
                    ports(item, "GrePorts", problems));
        });
    }

    private static InstallState state(JsonObject item, String name, Problems problems) {
        Optional<String> value = Json.string(item, name, "$", problems);
        if (value.isEmpty()) {
            return InstallState.UNKNOWN;
        }
        return switch (Json.key(value.get())) {
        case "installed" -> InstallState.INSTALLED;
        case "uninstalled" -> InstallState.UNINSTALLED;
        default -> {
            problems.add(0, "unknown " + name + " " + Output.quote(value.get()));
            yield InstallState.UNKNOWN;
        }
        };
    }

    private static OptionalInt ports(JsonObject item, String name, Problems problems) {
        OptionalLong count = Json.integer(item, name, "$", problems);
        if (count.isEmpty()) {
            return OptionalInt.empty();
        }
        if (count.getAsLong() < 0 || count.getAsLong() > Integer.MAX_VALUE) {
            problems.add(0, name + " " + count.getAsLong() + " is not a number of ports");
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) count.getAsLong());
    }
}
