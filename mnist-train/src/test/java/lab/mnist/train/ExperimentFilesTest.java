package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import lab.mnist.models.ModelZoo;
import lab.mnist.train.config.Experiment;
import lab.mnist.train.config.ExperimentLoader;

/**
 * Every experiment file the project ships loads and configures its model, so a renamed key or zoo
 * model fails here rather than at the start of an hour-long run.
 */
class ExperimentFilesTest {
    private static final Path EXPERIMENTS = Path.of("..", "experiments");

    @Test
    void everyShippedExperimentLoadsAndConfiguresItsModel() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(EXPERIMENTS)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no experiment files in " + EXPERIMENTS.toAbsolutePath());
        for (Path file : files) {
            Experiment x = ExperimentLoader.load(file, List.of()).experiment();
            assertNotNull(ModelZoo.get(x.model().name())
                    .configuration(x.model().hyperParameters(), Optimizers.updater(x.optimizer()), x.seed()), file.toString());
        }
    }
}
