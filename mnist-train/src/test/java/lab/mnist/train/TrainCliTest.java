package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import lab.mnist.data.ProjectVersion;
import picocli.CommandLine;

class TrainCliTest {
    @Test
    void everySubcommandPrintsItsUsageAndTheVersions() {
        CommandLine top = new CommandLine(new TrainCli());
        assertFalse(top.getSubcommands().isEmpty());
        for (String name : top.getSubcommands().keySet()) {
            StringWriter help = new StringWriter();
            CommandLine cli = new CommandLine(new TrainCli());
            cli.setOut(new PrintWriter(help));
            assertEquals(0, cli.execute(name, "--help"), name);
            assertTrue(help.toString().startsWith("Usage: mnist-train " + name), help.toString());

            StringWriter version = new StringWriter();
            cli.setOut(new PrintWriter(version));
            assertEquals(0, cli.execute(name, "--version"), name);
            assertTrue(version.toString().contains("DL4J " + ProjectVersion.dl4j()), version.toString());
        }
        assertFalse(ProjectVersion.dl4j().equals("unknown"), "Maven wrote the versions into mnist-lab.properties");
    }

    @Test
    void theTopCommandsOwnOptionsStayItsOwn() {
        CommandLine top = new CommandLine(new TrainCli());
        assertTrue(top.getCommandSpec().findOption("--quiet") != null);
        top.getSubcommands().forEach((name, sub) ->
                assertNull(sub.getCommandSpec().findOption("--quiet"), name + " took the top command's --quiet"));
    }
}
