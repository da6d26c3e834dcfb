package org.sstpdoctor.ui.internal.lab;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;

/**
 * Servers &gt; Start Practice Lab: starts the simulated RRAS servers (or rewrites their entries
 * when they run) and puts them back into the inventory's site {@code Practice lab (simulated)}.
 */
public final class StartPracticeLabHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        PracticeLab.start();
        return null;
    }
}
