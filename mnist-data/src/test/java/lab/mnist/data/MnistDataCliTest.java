package lab.mnist.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class MnistDataCliTest {
    @Test
    void mavenWroteTheVersionsIntoTheProperties() {
        for (String version : new String[] {ProjectVersion.project(), ProjectVersion.dl4j()}) {
            assertFalse(version.equals("unknown") || version.contains("${"), version);
        }
    }

    @Test
    void everySubcommandPrintsItsUsageAndTheVersions() {
        CommandLine top = new CommandLine(new MnistDataCli());
        assertFalse(top.getSubcommands().isEmpty());
        for (String name : top.getSubcommands().keySet()) {
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new MnistDataCli());
            cli.setOut(new PrintWriter(out));
            assertEquals(0, cli.execute(name, "--help"), name);
            assertEquals(0, cli.execute(name, "--version"), name);
            assertTrue(out.toString().startsWith("Usage: mnist-data " + name), out.toString());
            assertTrue(out.toString().contains("mnist-lab " + ProjectVersion.project() + " (DL4J " + ProjectVersion.dl4j()),
                    out.toString());
        }
    }
}
