package lab.mnist.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import lab.mnist.data.IdxFixtures;
import lab.mnist.train.Trainer;
import lab.mnist.tuning.SweepRunner;
import lab.mnist.tuning.TrialRecord;
import lab.mnist.tuning.config.SweepLoader;

/**
 * A sweep with {@code executor: spark} on Spark's local mode, with generated data and no network:
 * the executor is found through the ServiceLoader, trials travel as serialised tasks, two run at
 * once, and the budget holds (Arbiter alone would start a third trial while two are under way).
 */
class SparkExecutorTest {
    @TempDir
    Path dir;

    @Test
    void aLocalModeSweepRunsItsTrialsAsSparkTasksWithinTheBudget() throws Exception {
        Path data = IdxFixtures.writeIdxFolder(dir.resolve("idx"), 200, 50, 28, 4, 3);
        Files.writeString(dir.resolve("base.yaml"), """
                name: tiny
                seed: 3
                data: {dataset: idx, dir: %s, normalization: symmetric, validationFraction: 0.2}
                model: {name: mlp, widths: [16, 16, 16, 16]}
                optimizer: {type: adam, lr: 0.003}
                train: {epochs: 1, batchSize: 16, threads: 1}
                """.formatted(data));
        Path file = Files.writeString(dir.resolve("sweep.yaml"), """
                name: spark-local
                base: base.yaml
                seed: 1
                space: {optimizer.lr: {logUniform: [1.0e-3, 1.0e-1]}}
                budget: {trials: 3}
                output: {dir: %s}
                executor: spark
                spark: {master: "local[2]"}
                """.formatted(dir.resolve("sweeps")));

        SweepRunner.Outcome out = SweepRunner.run(SweepLoader.load(file, List.of()), Trainer.Options.defaults().quietly());

        assertEquals(3, out.summary().trials(), "the budget, not one trial more");
        assertEquals(3, out.summary().completed());
        List<TrialRecord> trials = TrialRecord.readAll(out.sweepDir());
        assertEquals(List.of(0, 1, 2), trials.stream().map(TrialRecord::index).toList());
        String log = Files.readString(out.sweepDir().resolve("sweep.log"));
        assertTrue(log.contains("executor spark (local[2]) (2 trial(s) at once)"), "the sweep log names the executor");
    }
}
