package lab.mnist.models;

import org.junit.jupiter.api.Test;

import lab.mnist.data.CliFixtures;

class ModelsCliTest {
    @Test
    void everySubcommandPrintsItsUsageAndTheVersions() {
        CliFixtures.assertEverySubcommandHelps(ModelsCli::new);
    }
}
