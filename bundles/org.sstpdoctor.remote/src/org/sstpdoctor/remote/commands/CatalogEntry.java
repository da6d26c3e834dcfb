package org.sstpdoctor.remote.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One read-only diagnostic of the catalog.
 *
 * @param <T>          the evidence record both forms produce
 * @param id           the stable id ({@link CommandCatalog#SERVICES}, ...)
 * @param description  what it finds out, for people
 * @param reference    where KB947031 (or what is known beyond it) asks for this evidence
 * @param evidenceType the class of the evidence record
 * @param powerShell   the PowerShell form
 * @param legacyText   the text form of the KB's own commands, where the KB gives one
 */
public record CatalogEntry<T>(String id, String description, String reference, Class<T> evidenceType,
        CommandForm<T> powerShell, Optional<CommandForm<T>> legacyText) {

    public CatalogEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(evidenceType, "evidenceType");
        Objects.requireNonNull(powerShell, "powerShell");
        Objects.requireNonNull(legacyText, "legacyText");
        if (powerShell.kind() != FormKind.POWERSHELL || legacyText.isPresent() && legacyText.get().kind() != FormKind.LEGACY_TEXT) {
            throw new IllegalArgumentException("forms of the wrong kind for " + id);
        }
    }

    /** The forms, PowerShell first. */
    public List<CommandForm<T>> forms() {
        List<CommandForm<T>> forms = new ArrayList<>();
        forms.add(powerShell);
        legacyText.ifPresent(forms::add);
        return List.copyOf(forms);
    }

    /** The form of a kind. */
    public Optional<CommandForm<T>> form(FormKind kind) {
        return kind == FormKind.POWERSHELL ? Optional.of(powerShell) : legacyText;
    }
}
