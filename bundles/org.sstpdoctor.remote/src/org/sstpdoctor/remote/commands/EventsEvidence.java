package org.sstpdoctor.remote.commands;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Recent events of the RemoteAccess, RasSstp and Schannel sources from the System and Application
 * logs (KB947031 Scenario 8, step 12), newest first as the log returns them.
 *
 * @param events   the events read
 * @param complete whether the whole output was read; an absent event is evidence only then
 */
public record EventsEvidence(List<Event> events, boolean complete) {

    public EventsEvidence {
        events = List.copyOf(events);
    }

    static EventsEvidence unknown() {
        return new EventsEvidence(List.of(), false);
    }

    /** The RasSstp events of one kind. */
    public List<Event> rasSstp(RasSstpEvent kind) {
        return events.stream().filter(e -> e.rasSstp().filter(kind::equals).isPresent()).toList();
    }

    /** Whether a RasSstp event of this kind was logged in the time window asked for. */
    public Verdict contains(RasSstpEvent kind) {
        return Verdict.of(!rasSstp(kind).isEmpty(), complete);
    }

    /** The level of an event; the numbers are those of the event log. */
    public enum Level {
        LOG_ALWAYS(0), CRITICAL(1), ERROR(2), WARNING(3), INFORMATION(4), VERBOSE(5), UNKNOWN(-1);

        private final int value;

        Level(int value) {
            this.value = value;
        }

        public int value() {
            return value;
        }

        static Level of(long value) {
            for (Level level : values()) {
                if (level.value == value && value >= 0) {
                    return level;
                }
            }
            return UNKNOWN;
        }
    }

    /**
     * One event.
     *
     * @param timeCreated when it was logged
     * @param id          its event ID
     * @param level       its level
     * @param provider    its source ({@code Microsoft-Windows-RasSstp}, {@code RemoteAccess},
     *                    {@code Schannel})
     * @param logName     its log
     * @param recordId    its record number in the log, when reported
     * @param message     its message in the server's language; empty when the source's messages
     *                    are not installed
     */
    public record Event(Instant timeCreated, int id, Level level, String provider, String logName,
            OptionalLong recordId, String message) {

        public Event {
            Objects.requireNonNull(timeCreated, "timeCreated");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(logName, "logName");
            Objects.requireNonNull(recordId, "recordId");
            Objects.requireNonNull(message, "message");
        }

        /** What it means, when it is a RasSstp event listed in {@link RasSstpEvent}. */
        public Optional<RasSstpEvent> rasSstp() {
            return RasSstpEvent.isProvider(provider) ? RasSstpEvent.of(id) : Optional.empty();
        }

        /** What it means, when it is a Schannel event listed in {@link SchannelEvent}. */
        public Optional<SchannelEvent> schannel() {
            return provider.equalsIgnoreCase(SchannelEvent.PROVIDER) ? SchannelEvent.of(id) : Optional.empty();
        }
    }
}
