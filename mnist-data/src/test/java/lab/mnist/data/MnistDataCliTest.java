package lab.mnist.data;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class MnistDataCliTest {
    @Test
    void mavenWroteTheVersionsIntoTheProperties() {
        for (String version : new String[] {ProjectVersion.project(), ProjectVersion.dl4j()}) {
            assertFalse(version.equals("unknown") || version.contains("${"), version);
        }
    }

    @Test
    void everySubcommandPrintsItsUsageAndTheVersions() {
        CliFixtures.assertEverySubcommandHelps(MnistDataCli::new);
    }
}
