package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import lab.mnist.train.config.ExperimentLoader;

/** LeNet-5 on a real MNIST subset: at least 95% test accuracy. */
@Tag("integration")
class LeNetIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void lenet5ReachesNinetyFivePercentOnRealMnist() throws Exception {
        Path file = Files.writeString(dir.resolve("lenet.yaml"), """
                name: lenet-integration
                seed: 1
                data: {normalization: symmetric, validationFraction: 0.1, trainLimit: 12000, validationLimit: 2000}
                model: {name: lenet5}
                optimizer: {type: adam, lr: 0.002}
                train: {epochs: 2, batchSize: 64}
                output: {dir: %s}
                """.formatted(dir));
        Summary s = Trainer.run(ExperimentLoader.load(file, List.of()), Trainer.Options.defaults().quietly()).summary();
        assertTrue(s.testAccuracy() >= 0.95, "LeNet-5 test accuracy " + s.testAccuracy());
    }
}
