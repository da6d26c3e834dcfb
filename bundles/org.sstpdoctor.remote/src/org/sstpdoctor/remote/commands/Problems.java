package org.sstpdoctor.remote.commands;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one parse. Garbage can have a problem on every line; after
 * {@value #MAX} the rest are counted, not kept.
 */
final class Problems {

    static final int MAX = 100;

    private final List<ParseProblem> problems = new ArrayList<>();
    private int dropped;

    void add(int line, String message) {
        if (problems.size() < MAX) {
            problems.add(new ParseProblem(line, message));
        } else {
            dropped++;
        }
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<ParseProblem> list() {
        if (dropped == 0) {
            return List.copyOf(problems);
        }
        List<ParseProblem> all = new ArrayList<>(problems);
        all.add(new ParseProblem(0, dropped + " further problems not listed"));
        return List.copyOf(all);
    }
}
