package org.sstpdoctor.core.tests.contract;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;
import org.sstpdoctor.core.checks.ICheckContext;
import org.sstpdoctor.core.inventory.Server;

/**
 * A check context with evidence given by the test, for checker tests that need no engine: put
 * the evidence objects a provider would have produced, or the failure it would have reported.
 */
public final class EvidenceContext implements ICheckContext {

    private final Server server;
    private final Map<String, Object> evidence = new HashMap<>();
    private final Map<String, String> failures = new HashMap<>();

    public EvidenceContext(Server server) {
        this.server = server;
    }

    /** This context, with {@code value} as the evidence {@code id}. */
    public EvidenceContext with(String id, Object value) {
        evidence.put(id, value);
        return this;
    }

    /** This context, where gathering {@code id} failed with {@code message}. */
    public EvidenceContext failing(String id, String message) {
        failures.put(id, message);
        return this;
    }

    @Override
    public Server server() {
        return server;
    }

    @Override
    public <T> T evidence(String evidenceId, Class<T> type) throws CoreException {
        if (failures.containsKey(evidenceId)) {
            throw new CoreException(Status.error(failures.get(evidenceId)));
        }
        Object value = evidence.get(evidenceId);
        if (value == null) {
            throw new IllegalStateException("the test gave no evidence '" + evidenceId + "'");
        }
        return type.cast(value);
    }
}
