package org.sstpdoctor.remote.commands;

import java.util.Optional;
import java.util.OptionalLong;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The JSON of the catalog's PowerShell forms that run a native command for which there is no
 * cmdlet ({@code netsh}) and carry its text: <code>{"ExitCode":0,"Output":"..."}</code>. The
 * script escapes every non-ASCII character, so the text survives any console code page.
 */
final class NativeOutput {

    private NativeOutput() {
    }

    /** The text the command printed; a missing or non-zero exit code is a problem. */
    static Optional<String> read(String text, String command, Problems problems) {
        Optional<JsonElement> root = Json.read(text, problems);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        if (!root.get().isJsonObject()) {
            problems.add(0, "expected an object with ExitCode and Output, found " + Json.describe(root.get()));
            return Optional.empty();
        }
        JsonObject object = root.get().getAsJsonObject();
        OptionalLong exit = Json.integer(object, "ExitCode", "$", problems);
        Optional<String> out = Json.string(object, "Output", "$", problems);
        if (exit.isEmpty()) {
            problems.add(0, "the exit code of " + command + " is missing");
        } else if (exit.getAsLong() != 0) {
            problems.add(0, command + " ended with exit code " + exit.getAsLong());
        }
        if (out.isEmpty()) {
            problems.add(0, "the output of " + command + " is missing");
        }
        return out;
    }
}
