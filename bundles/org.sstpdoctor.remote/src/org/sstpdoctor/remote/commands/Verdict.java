package org.sstpdoctor.remote.commands;

/**
 * The answer of an evidence record to a yes/no question (is anything listening on 443? does a
 * filter block SSTP?). {@link #UNKNOWN} when the answer would rest on the absence of something in
 * output that was not read completely.
 */
public enum Verdict {
    YES, NO, UNKNOWN;

    /**
     * The verdict for a search: {@link #YES} when found, {@link #NO} when not found in output read
     * completely, {@link #UNKNOWN} when not found in output read only in part.
     */
    public static Verdict of(boolean found, boolean complete) {
        return found ? YES : complete ? NO : UNKNOWN;
    }
}
