package org.sstpdoctor.remote.commands;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as {@code ConvertTo-Json} writes them: Windows PowerShell 5.1 writes
 * {@code "\/Date(1764062130123)\/"} (milliseconds since 1970 UTC, the JSON text escapes the
 * slashes), PowerShell 7 writes ISO 8601 with the offset of the server
 * ({@code "2026-11-25T10:15:30.1234567+01:00"}). An ISO time without an offset (a DateTime whose
 * kind is unspecified) is taken as UTC.
 */
final class Dates {

    private static final Pattern MS_AJAX = Pattern.compile("/Date\\((-?\\d{1,15})([+-]\\d{4})?\\)/");

    private Dates() {
    }

    static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        Matcher ajax = MS_AJAX.matcher(s);
        if (ajax.matches()) {
            // the optional offset only says in which zone the value was local; the milliseconds are UTC
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(ajax.group(1))));
        }
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notIso) {
                return Optional.empty();
            }
        }
    }
}
