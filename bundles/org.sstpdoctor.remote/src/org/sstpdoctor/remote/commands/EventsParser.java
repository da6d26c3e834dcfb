package org.sstpdoctor.remote.commands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.sstpdoctor.remote.commands.EventsEvidence.Event;
import org.sstpdoctor.remote.commands.EventsEvidence.Level;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Reads the JSON of the catalog's {@code Get-WinEvent} script: one object per event with
 * {@code TimeCreated} (PowerShell 5.1 {@code \/Date(ms)\/}, 7 ISO 8601), {@code Id},
 * {@code Level} (a number; {@code LevelDisplayName} is localized and not read),
 * {@code ProviderName}, {@code LogName}, {@code RecordId} and {@code Message}. There is no text
 * form: the KB uses Event Viewer. An event without a readable time, ID or source is dropped with
 * a problem.
 */
public final class EventsParser {

    private EventsParser() {
    }

    public static ParseResult<EventsEvidence> parseJson(String output) {
        return Output.guard(output, EventsEvidence.unknown(), (text, problems) -> {
            Optional<JsonElement> root = Json.read(text, problems);
            if (root.isEmpty()) {
                return EventsEvidence.unknown();
            }
            List<Event> events = new ArrayList<>();
            List<JsonObject> items = Json.items(root.get(), "$", problems);
            for (int i = 0; i < items.size(); i++) {
                Event event = event(items.get(i), "$[" + i + "]", problems);
                if (event != null) {
                    events.add(event);
                }
            }
            return new EventsEvidence(events, problems.isEmpty());
        });
    }

    private static Event event(JsonObject item, String path, Problems problems) {
        Optional<Instant> time = Json.date(item, "TimeCreated", path, problems);
        OptionalLong id = Json.integer(item, "Id", path, problems);
        Optional<String> provider = Json.string(item, "ProviderName", path, problems).filter(s -> !s.isBlank());
        if (time.isEmpty() || id.isEmpty() || provider.isEmpty()) {
            problems.add(0, "the event at " + path + " lacks its TimeCreated, Id or ProviderName; it is not used");
            return null;
        }
        if (id.getAsLong() < 0 || id.getAsLong() > 65535) {
            problems.add(0, "the event ID " + id.getAsLong() + " at " + path + " is out of range; it is not used");
            return null;
        }
        OptionalLong level = Json.integer(item, "Level", path, problems);
        Level parsedLevel = level.isPresent() ? Level.of(level.getAsLong()) : Level.UNKNOWN;
        if (level.isPresent() && parsedLevel == Level.UNKNOWN) {
            problems.add(0, "unknown Level " + level.getAsLong() + " at " + path);
        }
        return new Event(time.get(), (int) id.getAsLong(), parsedLevel, provider.get(),
                Json.string(item, "LogName", path, problems).orElse(""), Json.integer(item, "RecordId", path, problems),
                Json.string(item, "Message", path, problems).orElse(""));
    }
}
