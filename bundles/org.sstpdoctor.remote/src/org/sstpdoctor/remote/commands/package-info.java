/**
 * The read-only diagnostic command catalog: each command's PowerShell form (JSON output) and, where KB947031 gives one, its legacy text form, each with a parser that turns output into typed evidence or a clear parse problem.
 */
package org.sstpdoctor.remote.commands;
