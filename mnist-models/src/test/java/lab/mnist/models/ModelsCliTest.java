package lab.mnist.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class ModelsCliTest {
    @Test
    void everySubcommandPrintsItsUsage() {
        CommandLine top = new CommandLine(new ModelsCli());
        assertFalse(top.getSubcommands().isEmpty());
        for (String name : top.getSubcommands().keySet()) {
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new ModelsCli());
            cli.setOut(new PrintWriter(out));
            assertEquals(0, cli.execute(name, "--help"), name);
            assertTrue(out.toString().startsWith("Usage: mnist-models " + name), out.toString());
        }
    }
}
