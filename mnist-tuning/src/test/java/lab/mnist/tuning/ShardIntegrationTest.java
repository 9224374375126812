package lab.mnist.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import lab.mnist.data.ProjectFiles;
import lab.mnist.train.Trainer;
import lab.mnist.tuning.config.SweepLoader;

/**
 * {@code --shard 0/2} and {@code --shard 1/2} as two processes against one folder (what a Slurm
 * job array does), then {@code resume=} on it: the same trials and summary as the sweep in one
 * process, on a real MNIST subset.
 */
@Tag("integration")
class ShardIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void twoShardsThenResumeEqualOneProcess() throws Exception {
        Path file = Files.writeString(dir.resolve("sharded.yaml"), """
                name: sharded
                base: %s
                seed: 5
                overrides:
                  data.validationFraction: 0.1
                  data.trainLimit: 4000
                  train.epochs: 1
                  train.threads: 1
                  train.splitBatch: 1
                space:
                  optimizer.lr: {logUniform: [1.0e-2, 1.0e-1]}
                  train.batchSize: {choice: [32, 64]}
                budget: {trials: 4}
                output: {dir: %s}
                """.formatted(ProjectFiles.EXPERIMENTS.resolve("seed-004-lenet5.yaml").toAbsolutePath(), dir.resolve("one")));
        SweepRunner.Outcome single = SweepRunner.run(SweepLoader.load(file, List.of()), Trainer.Options.defaults().quietly());

        Path shared = dir.resolve("shared");
        List<Process> shards = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx2g", "-cp", System.getProperty("java.class.path"), TuneCli.class.getName(), file.toString(),
                    "--shard", i + "/2", "--folder", shared.toString()));
            shards.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("shard-" + i + ".log").toFile()).start());
        }
        for (int i = 0; i < 2; i++) {
            assertTrue(shards.get(i).waitFor(300, TimeUnit.SECONDS), "shard " + i + " ended");
            assertEquals(0, shards.get(i).exitValue(), Files.readString(dir.resolve("shard-" + i + ".log")));
        }
        for (TrialRecord t : TrialRecord.readAll(shared)) {
            String log = Files.readString(dir.resolve("shard-" + (t.index() % 2) + ".log"));
            assertTrue(log.contains("trial " + t.index() + " completed"), "shard " + (t.index() % 2) + " ran trial " + t.index());
        }
        SweepRunner.Outcome collected = SweepRunner.resume(shared, Trainer.Options.defaults().quietly());

        List<TrialRecord> a = TrialRecord.readAll(single.sweepDir());
        List<TrialRecord> b = TrialRecord.readAll(collected.sweepDir());
        assertEquals(4, b.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(a.get(i).params(), b.get(i).params(), "trial " + i);
            assertEquals(a.get(i).scores(), b.get(i).scores(), "trial " + i + ", bit for bit");
        }
        assertEquals(single.summary().bestTrial(), collected.summary().bestTrial());
        assertEquals(single.summary().bestScore(), collected.summary().bestScore());
        assertEquals(single.summary().bestParams(), collected.summary().bestParams());
        assertTrue(new File(shared.toFile(), "summary.json").isFile());
    }
}
