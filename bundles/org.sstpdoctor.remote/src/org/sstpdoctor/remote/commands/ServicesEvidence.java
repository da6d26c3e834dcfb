package org.sstpdoctor.remote.commands;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The state of the services SSTP needs (KB947031 Scenario 2, step 1, and Scenario 8, steps 1 and
 * 2): Routing and Remote Access ({@code RemoteAccess}) and the Secure Socket Tunneling Protocol
 * service ({@code SstpSvc}).
 *
 * @param services one entry per service asked about, in the order asked, then any other service
 *                 the output had; a service whose entry could not be read is
 *                 {@link State#UNKNOWN}
 */
public record ServicesEvidence(List<Service> services) {

    /** The services the catalog asks about, in the order its commands ask. */
    public static final List<String> SSTP_SERVICES = List.of("RemoteAccess", "SstpSvc");

    public ServicesEvidence {
        services = List.copyOf(services);
    }

    /** What is known of the services when nothing could be read. */
    static ServicesEvidence unknown(List<String> names) {
        return new ServicesEvidence(names.stream().map(Service::unknown).toList());
    }

    /** The entry of a service by its name in any case; {@link State#UNKNOWN} when the output had none. */
    public Service service(String name) {
        for (Service service : services) {
            if (service.name().equalsIgnoreCase(name)) {
                return service;
            }
        }
        return Service.unknown(name);
    }

    /**
     * The state of a service, as {@code sc query} prints it (code and name) and as
     * {@code ServiceControllerStatus} numbers it; {@link #NOT_INSTALLED} when Windows reports no such
     * service (sc error 1060), {@link #UNKNOWN} when the state could not be read.
     */
    public enum State {
        STOPPED(1), START_PENDING(2), STOP_PENDING(3), RUNNING(4), CONTINUE_PENDING(5), PAUSE_PENDING(6),
        PAUSED(7), NOT_INSTALLED(-1), UNKNOWN(0);

        private final int code;

        State(int code) {
            this.code = code;
        }

        /** The SERVICE_* state code (1 to 7); 0 for {@link #UNKNOWN}, -1 for {@link #NOT_INSTALLED}. */
        public int code() {
            return code;
        }

        static Optional<State> ofCode(long code) {
            for (State state : values()) {
                if (state.code == code && code > 0) {
                    return Optional.of(state);
                }
            }
            return Optional.empty();
        }
    }

    /** How a service starts ({@code ServiceStartMode}); {@link #UNKNOWN} when not reported ({@code sc query} does not). */
    public enum StartType {
        BOOT, SYSTEM, AUTOMATIC, AUTOMATIC_DELAYED, MANUAL, DISABLED, UNKNOWN
    }

    /**
     * One service.
     *
     * @param name          the service name as the output wrote it, or as asked when it had none
     * @param displayName   the display name, when the output had it
     * @param state         the state
     * @param startType     the start type, {@link StartType#UNKNOWN} from {@code sc query}
     * @param win32ExitCode the Win32 exit code of a stopped service (1077: never started since boot)
     * @param processId     the process, when the output had it
     */
    public record Service(String name, Optional<String> displayName, State state, StartType startType,
            OptionalInt win32ExitCode, OptionalInt processId) {

        public Service {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(startType, "startType");
            Objects.requireNonNull(win32ExitCode, "win32ExitCode");
            Objects.requireNonNull(processId, "processId");
        }

        static Service unknown(String name) {
            return new Service(name, Optional.empty(), State.UNKNOWN, StartType.UNKNOWN, OptionalInt.empty(),
                    OptionalInt.empty());
        }

        /** Whether the service was read as running; never true for a state that could not be read. */
        public boolean isRunning() {
            return state == State.RUNNING;
        }
    }
}
