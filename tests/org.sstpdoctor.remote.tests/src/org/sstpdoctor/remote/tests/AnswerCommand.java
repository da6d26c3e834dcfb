package org.sstpdoctor.remote.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * A command of MINA's test SSH server that prints {@code text} and exits 0, or, given null,
 * runs until destroyed.
 */
final class AnswerCommand implements Command {

    private final String text;
    private OutputStream out;
    private ExitCallback exit;

    AnswerCommand(String text) {
        this.text = text;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        exit = callback;
    }

    @Override
    public void setInputStream(InputStream in) {
        // the channel sends nothing
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        // these commands write no errors
    }

    @Override
    public void start(ChannelSession channel, Environment environment) throws IOException {
        if (text != null) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            exit.onExit(0);
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        // nothing to stop
    }
}
