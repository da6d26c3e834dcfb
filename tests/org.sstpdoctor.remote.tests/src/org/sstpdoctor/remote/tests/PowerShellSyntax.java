package org.sstpdoctor.remote.tests;

import java.util.ArrayList;
import java.util.List;

/**
 * What the tests know of PowerShell's grammar, written from PowerShell's own tokenizer
 * (PowerShell/PowerShell, {@code src/System.Management.Automation/engine/parser/tokenizer.cs},
 * {@code ScanStringLiteral}, and {@code CharExtensions.IsSingleQuote}), not from SSTP Doctor's
 * code: a single-quoted string ends at a single quote unless another single quote follows, in
 * which case the second one is taken literally; five code points are single quotes. Nothing
 * else is special inside it.
 */
final class PowerShellSyntax {

    /** U+0027, U+2018, U+2019, U+201A, U+201B: the characters IsSingleQuote accepts. */
    static final String SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b";

    /** A string literal read from a text, and where the text continues after it. */
    record Literal(String value, int end) {
    }

    /** One token of a cmdlet call as SSTP Doctor writes it. */
    record Token(String kind, String text) {

        @Override
        public String toString() {
            return kind + "(" + text + ")";
        }
    }

    private PowerShellSyntax() {
    }

    static boolean isSingleQuote(char c) {
        return SINGLE_QUOTES.indexOf(c) >= 0;
    }

    /** Reads the single-quoted string that starts at {@code start}, as PowerShell's tokenizer does. */
    static Literal readLiteral(String text, int start) {
        if (!isSingleQuote(text.charAt(start))) {
            throw new AssertionError("no single quote at " + start + " of " + text);
        }
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (true) {
            if (i >= text.length()) {
                throw new AssertionError("unterminated string in " + text);
            }
            char c = text.charAt(i);
            if (isSingleQuote(c)) {
                if (i + 1 < text.length() && isSingleQuote(text.charAt(i + 1))) {
                    value.append(text.charAt(i + 1));
                    i += 2;
                    continue;
                }
                return new Literal(value.toString(), i + 1);
            }
            value.append(c);
            i++;
        }
    }

    /** The value of {@code text} when it is exactly one single-quoted string. */
    static String parseLiteral(String text) {
        Literal literal = readLiteral(text, 0);
        if (literal.end() != text.length()) {
            throw new AssertionError("text after the string: " + text.substring(literal.end()));
        }
        return literal.value();
    }

    /**
     * The tokens of a statement made of cmdlet names, parameters, string literals, arrays of
     * string literals, numbers and pipes; anything else fails the test. A value that escaped
     * its quotes would show up as a token of another kind or as an unexpected character.
     */
    static List<Token> tokenize(String statement) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < statement.length()) {
            char c = statement.charAt(i);
            if (c == ' ') {
                i++;
            } else if (isSingleQuote(c)) {
                Literal literal = readLiteral(statement, i);
                tokens.add(new Token("string", literal.value()));
                i = literal.end();
            } else if (statement.startsWith("@(", i)) {
                tokens.add(new Token("array", "@("));
                i += 2;
            } else if (c == ')' || c == ',' || c == '|' || c == '=') {
                tokens.add(new Token("punct", String.valueOf(c)));
                i++;
            } else if (c == '(' && statement.indexOf(')', i) > i) {
                int close = statement.indexOf(')', i);
                String number = statement.substring(i + 1, close);
                if (!number.matches("-?[0-9]+")) {
                    throw new AssertionError("unexpected parenthesis in " + statement);
                }
                tokens.add(new Token("number", number));
                i = close + 1;
            } else if (c == '-' && i + 1 < statement.length() && Character.isLetter(statement.charAt(i + 1))) {
                int end = i + 1;
                while (end < statement.length() && Character.isLetterOrDigit(statement.charAt(end))) {
                    end++;
                }
                String name = statement.substring(i, end);
                if (statement.startsWith(":$false", end)) {
                    name += ":$false";
                    end += 7;
                }
                tokens.add(new Token("parameter", name));
                i = end;
            } else if (c == '$') {
                int end = i + 1;
                while (end < statement.length() && (Character.isLetterOrDigit(statement.charAt(end))
                        || statement.charAt(end) == '_')) {
                    end++;
                }
                tokens.add(new Token("variable", statement.substring(i, end)));
                i = end;
            } else if (Character.isLetterOrDigit(c)) {
                int end = i;
                while (end < statement.length()
                        && (Character.isLetterOrDigit(statement.charAt(end)) || statement.charAt(end) == '-')) {
                    end++;
                }
                tokens.add(new Token(Character.isDigit(c) ? "number" : "word", statement.substring(i, end)));
                i = end;
            } else {
                throw new AssertionError("unexpected character U+" + Integer.toHexString(c) + " at " + i + " of "
                        + statement);
            }
        }
        return tokens;
    }
}
