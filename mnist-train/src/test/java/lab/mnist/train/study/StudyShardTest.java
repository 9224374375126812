package lab.mnist.train.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import lab.mnist.data.IdxFixtures;
import lab.mnist.train.Trainer;
import lab.mnist.train.config.ConfigException;
import lab.mnist.train.config.ExperimentLoader;
import lab.mnist.train.runs.InProcessExecutor;
import lab.mnist.train.runs.Shard;
import lab.mnist.train.runs.SparkSettings;

/** {@code --shard i/n} for studies: each shard runs its seeds into one folder; resume= then counts them all. */
class StudyShardTest {
    @TempDir
    Path dir;

    @Test
    void twoShardsShareAFolderAndResumeCountsEverySeed() throws Exception {
        Path data = IdxFixtures.writeIdxFolder(dir.resolve("idx"), 120, 40, 28, 3, 2);
        Path file = Files.writeString(dir.resolve("tiny.yaml"), """
                name: tiny
                data: {dataset: idx, dir: %s, validationFraction: 0.2}
                model: {name: mlp, widths: [16, 16, 16, 16]}
                optimizer: {type: adam, lr: 0.003}
                train: {epochs: 1, batchSize: 16}
                output: {dir: %s}
                """.formatted(data, dir.resolve("runs")));
        String text = Files.readString(file);
        Path shared = dir.resolve("shared");
        List<Long> seeds = List.of(1L, 2L, 3L);
        for (int i = 0; i < 2; i++) {
            StudyRunner.Outcome part = StudyRunner.run(ExperimentLoader.load(file, List.of()), text, List.of(), seeds,
                    null, InProcessExecutor.NAME, SparkSettings.defaults(), new Shard(i, 2), shared,
                    Trainer.Options.defaults().quietly());
            assertEquals(i == 0 ? 2 : 3, part.summary().counted(), "after shard " + i + "/2: seeds 1 and 3, then 2");
        }
        StudyRunner.Outcome all = StudyRunner.resume(shared, Trainer.Options.defaults().quietly());
        assertEquals(3, all.summary().counted());

        // Another study in the same folder is refused, before anything runs.
        ConfigException e = assertThrows(ConfigException.class, () -> StudyRunner.run(ExperimentLoader.load(file,
                        List.of()), text, List.of(), List.of(1L, 2L), null, InProcessExecutor.NAME, SparkSettings.defaults(),
                new Shard(0, 2), shared, Trainer.Options.defaults().quietly()));
        assertTrue(e.getMessage().contains("holds another study"), e.getMessage());
    }
}
