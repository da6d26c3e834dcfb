/**
 * The read-only diagnostic command catalog: each command's PowerShell form (JSON output) and, where
 * KB947031 gives one, its legacy text form, each with a parser that turns output into typed evidence
 * or a clear parse problem.
 * <p>
 * {@link org.sstpdoctor.remote.commands.CommandCatalog} lists the commands by stable id. Every
 * parser returns a {@link org.sstpdoctor.remote.commands.ParseResult}: an immutable evidence
 * record and the problems of the output, with their lines. The rules all parsers keep:
 * </p>
 * <ul>
 * <li>Nothing escapes: empty, cut off, garbled or oversized output (more than 16 MiB, a text line
 * over 64 KiB, JSON nested deeper than 32) gives problems, never an exception.</li>
 * <li>No guessed verdict: a healthy state is reported only from output read intact (a
 * {@code sc query} entry without its last lines is not RUNNING, an unreadable port is not 443), and
 * an absence is evidence only in output read completely, which the
 * {@link org.sstpdoctor.remote.commands.Verdict} methods of the records take into account.</li>
 * <li>Localized output is read by its structure and the English labels Windows writes; a label or
 * state name in another language is a problem, not a guess. The PowerShell forms do not depend on
 * the server's language.</li>
 * <li>Both shapes of {@code ConvertTo-Json}: Windows PowerShell 5.1 and PowerShell 7 (a single
 * object for a list of one, {@code \/Date(ms)\/} or ISO 8601, enums by number or name).</li>
 * <li>Numbers grouped in any locale's way ({@code 1 234}, {@code 1.234}, {@code 1,234}) are read
 * where a number is expected; hashes are upper-case hexadecimal without spaces.</li>
 * </ul>
 */
package org.sstpdoctor.remote.commands;
