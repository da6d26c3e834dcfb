package org.sstpdoctor.cli.internal;

/** The exit statuses of every command. */
final class Exit {
    /** Everything checked is healthy, or the command did what was asked. */
    static final int HEALTHY = 0;
    /** Problems were found (a finding of severity error or warning, a server not checked). */
    static final int PROBLEMS = 1;
    /** A usage error or a failure of the run itself. */
    static final int ERROR = 2;

    private Exit() {
    }
}
