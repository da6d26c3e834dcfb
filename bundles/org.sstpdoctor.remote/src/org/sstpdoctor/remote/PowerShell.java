package org.sstpdoctor.remote;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How SSTP Doctor hands PowerShell to a Windows server: the one function that quotes a value as
 * a PowerShell literal, and the one command line that runs a script.
 *
 * <p>Values never reach a server by being pasted into script text. A value becomes a
 * single-quoted PowerShell string by {@link #literal(String)}: inside single quotes PowerShell
 * expands nothing ({@code $}, backtick, {@code $(...)} and {@code @} are plain characters there);
 * the only special characters are the quotes themselves, and PowerShell counts five code points as
 * a single quote: {@code '} (U+0027), {@code ‘} (U+2018), {@code ’} (U+2019), {@code ‚} (U+201A)
 * and {@code ‛} (U+201B). Each of them inside a value is doubled, which PowerShell reads back as
 * one. Nothing else is changed, so the literal reads back as exactly the value.
 *
 * <p>A script is then sent as {@link #COMMAND_PREFIX}{@code <base64>}, where the base64 is the
 * UTF-16LE encoding of {@link #PREAMBLE}, a line feed and the script. The command line is only
 * letters, digits, {@code -}, spaces and the base64 alphabet, so neither cmd.exe (the default
 * shell of Windows OpenSSH) nor any other shell on the way can read anything into it.
 */
public final class PowerShell {

    /** What precedes the base64 of every script sent to a server. */
    public static final String COMMAND_PREFIX =
            "powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand ";

    /**
     * The first line of every encoded script: no progress records (which PowerShell would
     * otherwise write to stderr as CLIXML) and UTF-8 output without a byte order mark, so that the
     * output decodes the same on every server whatever its code page. Setting the console's
     * encoding fails harmlessly where there is no console.
     */
    public static final String PREAMBLE = "$ProgressPreference = 'SilentlyContinue'; "
            + "try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }";

    /**
     * The longest command line cmd.exe accepts (8,191 characters). Windows OpenSSH runs an exec
     * request as {@code cmd.exe /c <request>}, so a longer one would be cut or refused.
     */
    public static final int MAX_COMMAND_LINE = 8191;

    /** The characters PowerShell reads as a single quote. */
    private static final String SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b";

    private PowerShell() {
    }

    /**
     * {@code value} as a PowerShell single-quoted string literal that evaluates to exactly
     * {@code value}.
     *
     * @throws IllegalArgumentException when {@code value} is not well-formed UTF-16 (an unpaired
     *                                  surrogate cannot be encoded for the server and would
     *                                  arrive changed)
     */
    public static String literal(String value) {
        requireWellFormed(value);
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isSingleQuote(c)) {
                out.append(c);
            }
            out.append(c);
        }
        return out.append('\'').toString();
    }

    /** Whether PowerShell reads {@code c} as a single quote. */
    public static boolean isSingleQuote(char c) {
        return SINGLE_QUOTES.indexOf(c) >= 0;
    }

    /**
     * The command line that runs {@code script} on a server: {@link #COMMAND_PREFIX} and the
     * base64 of the UTF-16LE encoding of {@link #PREAMBLE}, a line feed and the script's text.
     *
     * @throws IllegalArgumentException when the command line would be longer than
     *                                  {@link #MAX_COMMAND_LINE}
     */
    public static String commandLine(PowerShellScript script) {
        String line = COMMAND_PREFIX + encode(PREAMBLE + "\n" + script.text());
        if (line.length() > MAX_COMMAND_LINE) {
            throw new IllegalArgumentException("the script is too long to send: its command line would have "
                    + line.length() + " characters, and cmd.exe takes at most " + MAX_COMMAND_LINE
                    + " (a script of about 3,000 characters); split it into several commands");
        }
        return line;
    }

    /** The base64 of the UTF-16LE encoding of {@code text}, as {@code -EncodedCommand} takes it. */
    public static String encode(String text) {
        requireWellFormed(text);
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_16LE));
    }

    /**
     * The script text of an {@code -EncodedCommand} argument, as powershell.exe decodes it.
     *
     * @throws IllegalArgumentException when {@code base64} is not base64 of UTF-16LE text
     */
    public static String decode(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        try {
            return StandardCharsets.UTF_16LE.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not the base64 of UTF-16LE text", e);
        }
    }

    /**
     * Refuses text that UTF-16LE cannot carry intact. The message gives the position only: a value
     * may be a secret (a certificate's password), so it is never repeated.
     */
    private static void requireWellFormed(String value) {
        if (value == null) {
            throw new IllegalArgumentException("null is not a PowerShell value");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("the value holds an unpaired surrogate at index " + i
                        + ", which cannot be sent intact");
            }
        }
    }
}
