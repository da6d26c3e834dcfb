package org.sstpdoctor.remote.commands;

/**
 * Reads the output of one form of a command into its evidence record. Never throws: whatever the
 * output, the result holds the evidence that could be read and a problem for everything else.
 *
 * @param <T> the evidence record
 */
@FunctionalInterface
public interface CommandParser<T> {

    ParseResult<T> parse(String output);
}
