package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import lab.mnist.data.ProjectFiles;
import lab.mnist.train.config.Experiment;
import lab.mnist.train.config.ExperimentLoader;

/** The bench measures each seed model with its experiment file's batch size, optimizer and threads. */
class BenchSettingTest {
    private static final Path EXPERIMENTS = ProjectFiles.EXPERIMENTS;

    /** torch_ref.py warms up with a whole epoch; the bench, by default, with as much as it times. */
    @Test
    void warmsUpAsLongAsItTimes() {
        assertEquals(60_000, Benchmark.defaultWarmup(20_000, 3, 64));
        assertEquals(320, Benchmark.defaultWarmup(10, 3, 64), "at least five batches");
    }

    @Test
    void everySeedExperimentIsPackagedAndMatchesItsFile() {
        List<String> files = ProjectFiles.yamlFiles(EXPERIMENTS).stream().map(p -> p.getFileName().toString())
                .filter(n -> n.matches("seed-\\d+-.*\\.yaml")).toList();
        assertEquals(files, Benchmark.SEED_EXPERIMENTS.stream().sorted().toList(),
                "Benchmark.SEED_EXPERIMENTS lists the seed files in experiments/");
        for (String file : files) {
            Experiment onDisk = ExperimentLoader.load(EXPERIMENTS.resolve(file), List.of()).experiment();
            assertEquals(onDisk, Benchmark.seedExperiment(file), file + ": the packaged copy is the file in experiments/");

            Benchmark.Setting s = Benchmark.seedSetting(onDisk.model().name());
            assertEquals("experiments/" + file, s.source());
            assertEquals(onDisk.train().batchSize(), s.batch(), file + ": batch");
            assertEquals(onDisk.train().threads(), s.threads(), file + ": threads");
            assertEquals(onDisk.train().blasThreads(), s.blasThreads(), file + ": blasThreads");
            assertEquals(onDisk.train().kernelThreads(), s.kernelThreads(), file + ": kernelThreads");
            assertEquals(onDisk.train().splitBatch(), s.splitBatch(), file + ": splitBatch");
            assertEquals(Optimizers.updater(onDisk.optimizer()), s.optimizer(), file + ": optimizer");
            assertEquals(onDisk.model().hyperParameters(), s.hyperParameters(), file + ": hyper-parameters");
        }
    }

    @Test
    void otherModelsGetDefaultsAndOverridesWin() {
        Benchmark.Setting vgg = Benchmark.seedSetting("vgg-bn");
        assertEquals("defaults", vgg.source());
        assertEquals(Benchmark.OTHER_BATCH, vgg.batch());

        Benchmark.Setting lenet = Benchmark.seedSetting("lenet5");
        Benchmark.Setting kept = lenet.with(null, 0, 0, 0, 0);
        assertEquals(lenet, kept, "no overrides: the file's setting");
        Benchmark.Setting overridden = lenet.with(7, 0, 2, 0, 0);
        assertEquals(7, overridden.batch());
        assertEquals(0, overridden.threads(), "a native thread override replaces all of the file's thread settings");
        assertEquals(2, overridden.blasThreads());
        assertEquals(0, overridden.kernelThreads());
        assertEquals(lenet.splitBatch(), overridden.splitBatch(), "but not the split");
        Benchmark.Setting kernelsOnly = lenet.with(null, 0, 0, 3, 0);
        assertEquals(3, kernelsOnly.kernelThreads());
        assertEquals(lenet.threads(), kernelsOnly.threads(), "a kernel override alone keeps the file's native threads");
        assertEquals(lenet.blasThreads(), kernelsOnly.blasThreads());
        assertEquals(3, lenet.with(null, 1, 0, 3, 0).kernelThreads(), "both overrides: each its own");

        Benchmark.Setting mlp = Benchmark.seedSetting("mlp").with(null, 0, 0, 0, 1);
        Benchmark.Setting split = mlp.with(null, 0, 0, 0, 2);
        assertEquals(2, split.splitBatch());
        assertEquals(1, split.kernelThreads(), "split without a kernel override: one kernel thread per slice");
        assertEquals(mlp.threads(), split.threads());
        assertEquals(2, mlp.with(null, 0, 0, 2, 2).kernelThreads(), "a kernel override still wins");
        assertEquals(1, lenet.with(null, 0, 0, 0, 1).splitBatch());
        assertTrue(assertThrows(RuntimeException.class, () -> Benchmark.seedSetting("no-such-model")).getMessage()
                .contains("no-such-model"));
    }
}
