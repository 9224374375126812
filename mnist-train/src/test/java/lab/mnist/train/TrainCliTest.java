package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import lab.mnist.data.CliFixtures;
import picocli.CommandLine;

class TrainCliTest {
    @Test
    void everySubcommandPrintsItsUsageAndTheVersions() {
        CliFixtures.assertEverySubcommandHelps(TrainCli::new);
    }

    @Test
    void theTopCommandsOwnOptionsStayItsOwn() {
        CommandLine top = new CommandLine(new TrainCli());
        assertTrue(top.getCommandSpec().findOption("--quiet") != null);
        top.getSubcommands().forEach((name, sub) ->
                assertNull(sub.getCommandSpec().findOption("--quiet"), name + " took the top command's --quiet"));
    }
}
