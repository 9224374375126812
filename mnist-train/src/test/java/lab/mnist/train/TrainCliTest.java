package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;

class TrainCliTest {
    @ParameterizedTest
    @ValueSource(strings = {"predict", "ensemble", "bench"})
    void everySubcommandPrintsItsUsageOnHelp(String subcommand) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new TrainCli());
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute(subcommand, "--help"));
        assertTrue(out.toString().startsWith("Usage: mnist-train " + subcommand), out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"predict", "ensemble", "bench"})
    void theTopCommandsOwnOptionsStayItsOwn(String subcommand) {
        CommandLine cli = new CommandLine(new TrainCli());
        cli.setErr(new PrintWriter(new StringWriter()));
        assertNotEquals(0, cli.execute(subcommand, "--quiet"));
    }
}
