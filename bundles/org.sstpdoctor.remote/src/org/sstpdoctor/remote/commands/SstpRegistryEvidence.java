package org.sstpdoctor.remote.commands;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The values of {@value #KEY} (KB947031 Scenario 8, steps 7 and 9): {@code ListenerPort} (443 when
 * absent; RemoteAccess must be restarted after it changes), {@code Sha256CertificateHash} and
 * {@code Sha1CertificateHash} (REG_BINARY of 32 and 20 bytes, else RasSstp events 18 and 19),
 * {@code UseHttps}, and whatever else the key holds.
 *
 * @param keyState whether the key exists
 * @param values   the values read, in output order
 * @param complete whether the whole output was read; an absent value means "absent" only then
 */
public record SstpRegistryEvidence(KeyState keyState, List<Value> values, boolean complete) {

    public static final String KEY = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SstpSvc\\Parameters";

    /** The port SSTP listens on when {@code ListenerPort} is absent. */
    public static final int DEFAULT_LISTENER_PORT = 443;

    public SstpRegistryEvidence {
        Objects.requireNonNull(keyState, "keyState");
        values = List.copyOf(values);
    }

    static SstpRegistryEvidence unknown() {
        return new SstpRegistryEvidence(KeyState.UNKNOWN, List.of(), false);
    }

    /** A value by its name in any case (registry names are not case-sensitive). */
    public Optional<Value> value(String name) {
        return values.stream().filter(v -> v.name().equalsIgnoreCase(name)).findFirst();
    }

    /** {@code ListenerPort} when it is a DWORD from 1 to 65535; empty when absent or anything else. */
    public OptionalInt listenerPort() {
        Optional<Value> port = value("ListenerPort");
        if (port.isEmpty() || port.get().kind() != ValueKind.DWORD || port.get().number().isEmpty()) {
            return OptionalInt.empty();
        }
        long n = port.get().number().getAsLong();
        return n >= 1 && n <= 65535 ? OptionalInt.of((int) n) : OptionalInt.empty();
    }

    /**
     * The port SSTP listens on: {@code ListenerPort} when it is a valid DWORD, 443 when the key was
     * read completely and has no {@code ListenerPort}; empty when the key is missing, the output was
     * not read completely, or {@code ListenerPort} is not a valid port (never 443 by guess).
     */
    public OptionalInt effectiveListenerPort() {
        if (keyState != KeyState.PRESENT) {
            return OptionalInt.empty();
        }
        if (value("ListenerPort").isPresent()) {
            return listenerPort();
        }
        return complete ? OptionalInt.of(DEFAULT_LISTENER_PORT) : OptionalInt.empty();
    }

    /** {@code Sha256CertificateHash} when it is REG_BINARY of 32 bytes, in upper-case hexadecimal. */
    public Optional<String> sha256CertificateHash() {
        return hash("Sha256CertificateHash", 32);
    }

    /** {@code Sha1CertificateHash} when it is REG_BINARY of 20 bytes, in upper-case hexadecimal. */
    public Optional<String> sha1CertificateHash() {
        return hash("Sha1CertificateHash", 20);
    }

    /** {@code UseHttps} when it is a DWORD: true unless 0. */
    public Optional<Boolean> useHttps() {
        return value("UseHttps").filter(v -> v.kind() == ValueKind.DWORD && v.number().isPresent())
                .map(v -> v.number().getAsLong() != 0);
    }

    private Optional<String> hash(String name, int bytes) {
        return value(name).filter(v -> v.kind() == ValueKind.BINARY && v.hex().length() == bytes * 2).map(Value::hex);
    }

    public enum KeyState {
        PRESENT, MISSING, UNKNOWN
    }

    /** The registry value types, as reg.exe names them without the {@code REG_} prefix. */
    public enum ValueKind {
        SZ, EXPAND_SZ, MULTI_SZ, DWORD, QWORD, BINARY, NONE, OTHER
    }

    /**
     * One registry value.
     *
     * @param name    the value name; empty for the default value
     * @param kind    its type
     * @param number  a DWORD or QWORD, unsigned; empty for other types or when unreadable
     * @param hex     REG_BINARY data in upper-case hexadecimal without spaces; empty otherwise
     * @param strings the string of REG_SZ and REG_EXPAND_SZ, the strings of REG_MULTI_SZ
     */
    public record Value(String name, ValueKind kind, OptionalLong number, String hex, List<String> strings) {

        public Value {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(hex, "hex");
            strings = List.copyOf(strings);
        }

        /** The length of REG_BINARY data in bytes. */
        public int byteLength() {
            return hex.length() / 2;
        }
    }
}
