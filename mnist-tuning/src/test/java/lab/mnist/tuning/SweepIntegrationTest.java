package lab.mnist.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import lab.mnist.train.Trainer;
import lab.mnist.tuning.config.SweepLoader;

/** A 3-trial LeNet-5 sweep on a small subset of the real MNIST completes and names its best trial. */
@Tag("integration")
class SweepIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void aThreeTrialSweepOnRealMnistNamesItsBestTrial() throws Exception {
        Files.writeString(dir.resolve("base.yaml"), """
                name: lenet-sweep-base
                seed: 2
                data: {normalization: symmetric, validationFraction: 0.1, trainLimit: 4000, validationLimit: 1000, testLimit: 2000}
                model: {name: lenet5}
                optimizer: {type: adam, lr: 0.001}
                train: {epochs: 2, batchSize: 64}
                """);
        Path file = Files.writeString(dir.resolve("sweep.yaml"), """
                name: lenet-integration-sweep
                base: base.yaml
                seed: 4
                space:
                  optimizer.lr: {choice: [0.002, 0.0005, 0.00001]}
                generator: {type: grid}
                pruning: {type: halving, minEpochs: 1, eta: 2}
                output: {dir: %s}
                """.formatted(dir.resolve("sweeps")));
        SweepRunner.Outcome out = SweepRunner.run(SweepLoader.load(file, List.of()), Trainer.Options.defaults().quietly());
        SweepSummary s = out.summary();
        assertEquals(3, s.trials());
        assertEquals(0, s.failed());
        assertNotNull(s.bestTrial());
        // lr 1e-5 (the last trial) barely learns: it is not the best, and halving stops it after epoch 1
        assertTrue(s.bestTrial() != 2, "best trial " + s.bestTrial());
        assertTrue(s.bestScore() > 0.85, "best validation accuracy " + s.bestScore());
        assertEquals("pruned", TrialRecord.readAll(out.sweepDir()).get(2).status());
        assertTrue(Files.isRegularFile(out.sweepDir().resolve("best-model.zip")));
    }
}
