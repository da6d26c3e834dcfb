package org.sstpdoctor.cli.internal;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

import picocli.CommandLine;

/**
 * The headless application {@code org.sstpdoctor.cli.app}: parses the arguments Equinox leaves
 * to the application and runs one command. Its result is the process exit status:
 * {@link Exit#HEALTHY} 0, {@link Exit#PROBLEMS} 1, {@link Exit#ERROR} 2.
 */
public final class CliApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        Object raw = context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        String[] args = raw instanceof String[] a ? a : new String[0];
        context.applicationRunning();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return run(withoutPlatformOptions(args), out, err);
    }

    /**
     * The arguments less the Secure Storage options Equinox reads from the command line itself
     * ({@code -eclipse.keyring FILE}, {@code -eclipse.password FILE}) but leaves to the application.
     */
    static String[] withoutPlatformOptions(String[] args) {
        java.util.List<String> kept = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equalsIgnoreCase("-eclipse.keyring") || args[i].equalsIgnoreCase("-eclipse.password")) {
                i++; // and its value
                continue;
            }
            kept.add(args[i]);
        }
        return kept.toArray(String[]::new);
    }

    /** Runs the command {@code args} name, writing to {@code out} and {@code err}; the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new SstpDoctorCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(e -> Exit.ERROR);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("error: " + ex.getMessage());
            c.getErr().println("Run with --help for usage.");
            return Exit.ERROR;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (!(ex instanceof CliException)) {
                ex.printStackTrace(c.getErr());
            }
            return Exit.ERROR;
        });
        int status = cl.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    @Override
    public void stop() {
        // Commands end by themselves; nothing to interrupt.
    }
}
