package org.sstpdoctor.remote.commands;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.sstpdoctor.remote.commands.FirewallEvidence.Action;
import org.sstpdoctor.remote.commands.FirewallEvidence.Direction;
import org.sstpdoctor.remote.commands.FirewallEvidence.Profile;
import org.sstpdoctor.remote.commands.FirewallEvidence.Rule;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Reads the JSON of the catalog's firewall script ({@code Get-NetFirewallRule -Group} with each
 * rule's port filter): {@code Name}, {@code DisplayName}, {@code Group}, {@code Enabled}
 * ({@code "True"}/{@code "False"}, or 1/2 as the NetSecurity enum numbers them),
 * {@code Direction} (Inbound = 1, Outbound = 2), {@code Action} (NotConfigured = 0, Allow = 2,
 * Block = 4), {@code Profile} ({@code "Any"}, {@code "Domain, Private"}, or the bit mask Domain =
 * 1, Private = 2, Public = 4, Any = 0), {@code Protocol} and {@code LocalPort}. There is no text
 * form: the KB uses the Windows Firewall control panel.
 */
public final class FirewallParser {

    private static final Map<Long, String> ENABLED_NUMBERS = Map.of(1L, "True", 2L, "False");
    private static final Map<Long, String> DIRECTION_NUMBERS = Map.of(1L, "Inbound", 2L, "Outbound");
    private static final Map<Long, String> ACTION_NUMBERS = Map.of(0L, "NotConfigured", 2L, "Allow", 4L, "Block");

    private FirewallParser() {
    }

    public static ParseResult<FirewallEvidence> parseJson(String output) {
        return Output.guard(output, FirewallEvidence.unknown(), (text, problems) -> {
            Optional<JsonElement> root = Json.read(text, problems);
            if (root.isEmpty()) {
                return FirewallEvidence.unknown();
            }
            List<Rule> rules = new ArrayList<>();
            List<JsonObject> items = Json.items(root.get(), "$", problems);
            for (int i = 0; i < items.size(); i++) {
                Rule rule = rule(items.get(i), "$[" + i + "]", problems);
                if (rule != null) {
                    rules.add(rule);
                }
            }
            return new FirewallEvidence(rules, problems.isEmpty());
        });
    }

    private static Rule rule(JsonObject item, String path, Problems problems) {
        Optional<String> name = Json.string(item, "Name", path, problems);
        if (name.isEmpty()) {
            problems.add(0, "the rule at " + path + " has no Name");
            return null;
        }
        String label = "the rule " + name.get();
        boolean enabled = false;
        Optional<String> enabledName = Json.enumName(item, "Enabled", path, ENABLED_NUMBERS, problems);
        if (enabledName.isEmpty()) {
            problems.add(0, label + " does not say whether it is enabled; taken as disabled");
        } else if (enabledName.get().equalsIgnoreCase("True")) {
            enabled = true;
        } else if (!enabledName.get().equalsIgnoreCase("False")) {
            problems.add(0, label + ": unknown Enabled " + Output.quote(enabledName.get()) + "; taken as disabled");
        }
        Direction direction = Json.enumName(item, "Direction", path, DIRECTION_NUMBERS, problems)
                .map(d -> switch (Json.key(d)) {
                case "inbound" -> Direction.INBOUND;
                case "outbound" -> Direction.OUTBOUND;
                default -> Direction.UNKNOWN;
                }).orElse(Direction.UNKNOWN);
        if (direction == Direction.UNKNOWN) {
            problems.add(0, label + ": its Direction is missing or unknown");
        }
        Action action = Json.enumName(item, "Action", path, ACTION_NUMBERS, problems)
                .map(a -> switch (Json.key(a)) {
                case "allow" -> Action.ALLOW;
                case "block" -> Action.BLOCK;
                case "notconfigured" -> Action.NOT_CONFIGURED;
                default -> Action.UNKNOWN;
                }).orElse(Action.UNKNOWN);
        if (action == Action.UNKNOWN) {
            problems.add(0, label + ": its Action is missing or unknown");
        }
        Set<Profile> profiles = profiles(item, path, label, problems);
        Optional<String> protocol = Json.string(item, "Protocol", path, problems).filter(s -> !s.isBlank());
        List<String> ports = Json.strings(item, "LocalPort", path, problems);
        return new Rule(name.get(), Json.string(item, "DisplayName", path, problems).orElse(""),
                Json.string(item, "Group", path, problems).orElse(""), enabled, direction, action, profiles, protocol,
                ports);
    }

    private static Set<Profile> profiles(JsonObject item, String path, String label, Problems problems) {
        JsonElement value = Json.member(item, "Profile");
        Set<Profile> profiles = EnumSet.noneOf(Profile.class);
        if (value == null || value.isJsonNull()) {
            problems.add(0, label + " has no Profile");
            return profiles;
        }
        if (value.isJsonPrimitive() && ((JsonPrimitive) value).isNumber()) {
            OptionalLong mask = Json.integer(item, "Profile", path, problems);
            if (mask.isEmpty() || mask.getAsLong() < 0 || mask.getAsLong() > 7) {
                problems.add(0, label + ": unknown Profile " + value);
                return profiles;
            }
            long m = mask.getAsLong();
            if (m == 0) {
                return EnumSet.allOf(Profile.class);
            }
            if ((m & 1) != 0) {
                profiles.add(Profile.DOMAIN);
            }
            if ((m & 2) != 0) {
                profiles.add(Profile.PRIVATE);
            }
            if ((m & 4) != 0) {
                profiles.add(Profile.PUBLIC);
            }
            return profiles;
        }
        Optional<String> text = Json.string(item, "Profile", path, problems);
        for (String part : text.orElse("").split(",")) {
            switch (Json.key(part.strip())) {
            case "any" -> profiles.addAll(EnumSet.allOf(Profile.class));
            case "domain" -> profiles.add(Profile.DOMAIN);
            case "private" -> profiles.add(Profile.PRIVATE);
            case "public" -> profiles.add(Profile.PUBLIC);
            default -> problems.add(0, label + ": unknown Profile " + Output.quote(part));
            }
        }
        return profiles;
    }
}
