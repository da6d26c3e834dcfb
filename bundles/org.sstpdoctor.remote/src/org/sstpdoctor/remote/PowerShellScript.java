package org.sstpdoctor.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.sstpdoctor.remote.internal.Messages;

/**
 * A PowerShell script built from typed values. Script text is written by SSTP Doctor's authors
 * ({@link #fixed(String)}); every value that comes from a user, an inventory file or a server
 * enters as a typed parameter or variable and is quoted by {@link PowerShell#literal(String)}:
 *
 * <pre>
 * PowerShellScript.cmdlet("Start-Service").param("Name", "SstpSvc")
 *     // Start-Service -Name 'SstpSvc'
 * PowerShellScript.cmdlet("Get-Service").param("Name", new String[] {"RemoteAccess", "SstpSvc"})
 *     .pipe(PowerShellScript.cmdlet("ConvertTo-Json").param("Depth", 3))
 *     // Get-Service -Name @('RemoteAccess', 'SstpSvc') | ConvertTo-Json -Depth 3
 * PowerShellScript.assign("Thumbprint", value).then(PowerShellScript.fixed("Get-Item \"Cert:\\LocalMachine\\My\\$Thumbprint\""))
 *     // $Thumbprint = '...'
 *     // Get-Item "Cert:\LocalMachine\My\$Thumbprint"
 * </pre>
 *
 * Instances are immutable; each method returns a new script.
 */
public final class PowerShellScript {

    private static final Pattern CMDLET = Pattern.compile("[A-Za-z]+-[A-Za-z0-9]+");
    private static final Pattern PARAMETER = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final List<String> CONSTANTS = List.of("true", "false", "null");

    /** One element of a pipeline: fixed text, or a cmdlet call that still takes parameters. */
    private record Element(String text, boolean cmdlet) {
    }

    /** Statements, each a pipeline of elements, run one after the other. */
    private final List<List<Element>> statements;

    private PowerShellScript(List<List<Element>> statements) {
        this.statements = statements;
    }

    /**
     * A script of fixed text, as SSTP Doctor's authors wrote it. Never build {@code text} from
     * values: bind them with {@link #assign(String, String)} or pass them as parameters.
     */
    public static PowerShellScript fixed(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a script needs text");
        }
        PowerShell.encode(text); // refuses text that cannot be sent intact
        return single(new Element(text.strip(), false));
    }

    /**
     * A call of the cmdlet {@code name}, a Verb-Noun name such as {@code Get-Service}, to which
     * {@link #param} adds parameters.
     */
    public static PowerShellScript cmdlet(String name) {
        if (name == null || !CMDLET.matcher(name).matches()) {
            throw new IllegalArgumentException("not a cmdlet name (Verb-Noun, letters and digits): "
                    + Messages.quote(name));
        }
        return single(new Element(name, true));
    }

    /** The statement {@code $variable = '<value>'}. */
    public static PowerShellScript assign(String variable, String value) {
        return assignment(variable, PowerShell.literal(Objects.requireNonNull(value, "value")));
    }

    /** The statement {@code $variable = <value>}. */
    public static PowerShellScript assign(String variable, int value) {
        return assignment(variable, number(value));
    }

    /** The statement {@code $variable = $true} or {@code $false}. */
    public static PowerShellScript assign(String variable, boolean value) {
        return assignment(variable, value ? "$true" : "$false");
    }

    /** The statement {@code $variable = @('<value>', ...)}. */
    public static PowerShellScript assign(String variable, String[] values) {
        return assignment(variable, array(values));
    }

    /** This cmdlet call with {@code -name '<value>'}. */
    public PowerShellScript param(String name, String value) {
        return withParameter(name, " " + PowerShell.literal(Objects.requireNonNull(value, "value")));
    }

    /** This cmdlet call with {@code -name <value>}. */
    public PowerShellScript param(String name, int value) {
        return withParameter(name, " " + number(value));
    }

    /** This cmdlet call with the switch {@code -name} when {@code on}, else {@code -name:$false}. */
    public PowerShellScript param(String name, boolean on) {
        return withParameter(name, on ? "" : ":$false");
    }

    /** This cmdlet call with {@code -name @('<value>', ...)}. */
    public PowerShellScript param(String name, String[] values) {
        return withParameter(name, " " + array(values));
    }

    /**
     * This script with its last statement's output piped into {@code next}, which must be a
     * single command ({@code ConvertTo-Json -Depth 3}).
     */
    public PowerShellScript pipe(PowerShellScript next) {
        if (next.statements.size() != 1 || next.statements.get(0).size() != 1) {
            throw new IllegalArgumentException("only a single command can be piped into: " + next.text());
        }
        List<List<Element>> copy = copy();
        List<Element> last = new ArrayList<>(copy.get(copy.size() - 1));
        last.add(next.statements.get(0).get(0));
        copy.set(copy.size() - 1, List.copyOf(last));
        return new PowerShellScript(List.copyOf(copy));
    }

    /** This script followed by {@code next}, on the next line. */
    public PowerShellScript then(PowerShellScript next) {
        List<List<Element>> copy = copy();
        copy.addAll(next.statements);
        return new PowerShellScript(List.copyOf(copy));
    }

    /** The script's text: one statement a line, pipelines joined by {@code " | "}. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (List<Element> pipeline : statements) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            for (int i = 0; i < pipeline.size(); i++) {
                out.append(i == 0 ? "" : " | ").append(pipeline.get(i).text());
            }
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PowerShellScript script && script.text().equals(text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return text();
    }

    private PowerShellScript withParameter(String name, String rendered) {
        if (name == null || !PARAMETER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a parameter name (a letter, then letters and digits): "
                    + Messages.quote(name));
        }
        List<List<Element>> copy = copy();
        List<Element> last = new ArrayList<>(copy.get(copy.size() - 1));
        Element call = last.get(last.size() - 1);
        if (!call.cmdlet()) {
            throw new IllegalStateException("parameters go to a cmdlet call, not to fixed text: " + call.text());
        }
        last.set(last.size() - 1, new Element(call.text() + " -" + name + rendered, true));
        copy.set(copy.size() - 1, List.copyOf(last));
        return new PowerShellScript(List.copyOf(copy));
    }

    private List<List<Element>> copy() {
        return new ArrayList<>(statements);
    }

    private static PowerShellScript single(Element element) {
        return new PowerShellScript(List.of(List.of(element)));
    }

    private static PowerShellScript assignment(String variable, String rendered) {
        if (variable == null || !VARIABLE.matcher(variable).matches()
                || CONSTANTS.contains(variable.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("not a variable name (a letter, then letters, digits and _; "
                    + "not true, false or null): " + Messages.quote(variable));
        }
        return single(new Element("$" + variable + " = " + rendered, false));
    }

    /** A negative number in parentheses, so that it cannot read as a parameter name. */
    private static String number(int value) {
        return value < 0 ? "(" + value + ")" : Integer.toString(value);
    }

    private static String array(String[] values) {
        Objects.requireNonNull(values, "values");
        StringBuilder out = new StringBuilder("@(");
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ", ").append(PowerShell.literal(Objects.requireNonNull(values[i], "values[" + i + "]")));
        }
        return out.append(')').toString();
    }
}
