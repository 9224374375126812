package lab.mnist.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Supplier;

import picocli.CommandLine;

/** Checks every module's command line makes alike; shared through mnist-data's test jar. */
public final class CliFixtures {
    private CliFixtures() {
    }

    /**
     * Every subcommand of the command answers --help with its usage, without a warning, and
     * --version with the versions.
     */
    public static void assertEverySubcommandHelps(Supplier<Object> command) {
        CommandLine top = new CommandLine(command.get());
        assertFalse(top.getSubcommands().isEmpty(), "no subcommands");
        for (String name : top.getSubcommands().keySet()) {
            StringWriter help = new StringWriter();
            CommandLine cli = new CommandLine(command.get());
            cli.setOut(new PrintWriter(help));
            Outcome helped = capturingStderr(() -> cli.execute(name, "--help"));
            assertEquals(0, helped.code(), name + " --help");
            // Picocli formats descriptions with String.format: a lone % breaks the help, with only a warning.
            assertFalse(helped.stderr().contains("picocli WARN"), name + " --help: " + helped.stderr());
            assertTrue(help.toString().startsWith("Usage: " + top.getCommandName() + " " + name), help.toString());

            StringWriter version = new StringWriter();
            cli.setOut(new PrintWriter(version));
            assertEquals(0, cli.execute(name, "--version"), name + " --version");
            assertTrue(version.toString().startsWith("mnist-lab " + ProjectVersion.project() + " (DL4J "
                    + ProjectVersion.dl4j()), version.toString());
        }
    }

    /** What a command line printed on stderr, and its exit code. */
    public record Outcome(int code, String stderr) {
    }

    /** Runs {@code command} with stderr captured (a command line's {@code run(args)}). */
    public static Outcome capturingStderr(java.util.function.IntSupplier command) {
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int code = command.getAsInt();
            return new Outcome(code, err.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            System.setErr(before);
        }
    }
}
