package org.sstpdoctor.cli.internal;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether the process talks to a person: stdout and stderr are a terminal when Java has an
 * interactive console ({@code System.console()}, and on Java 22+ {@code Console.isTerminal()}).
 * Colour is used only on a terminal and only when {@code NO_COLOR} is unset or empty.
 */
final class Terminal {

    private static final boolean INTERACTIVE = detect();

    private Terminal() {
    }

    static boolean interactive() {
        return INTERACTIVE;
    }

    static boolean colour() {
        String noColor = System.getenv("NO_COLOR");
        return INTERACTIVE && (noColor == null || noColor.isEmpty()) && !"dumb".equals(System.getenv("TERM"));
    }

    private static boolean detect() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: a console exists only when attached to a terminal
        }
    }

    /** {@code text} in the ANSI colour {@code sgr} (e.g. "31" red) when colour is on. */
    static String paint(String text, String sgr, boolean colour) {
        return colour ? "\u001b[" + sgr + "m" + text + "\u001b[0m" : text;
    }
}
