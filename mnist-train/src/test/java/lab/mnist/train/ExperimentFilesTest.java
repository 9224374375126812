package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import lab.mnist.data.ProjectFiles;
import lab.mnist.models.ModelZoo;
import lab.mnist.train.config.Experiment;
import lab.mnist.train.config.ExperimentLoader;

/**
 * Every experiment file the project ships loads and configures its model, so a renamed key or zoo
 * model fails here rather than at the start of an hour-long run.
 */
class ExperimentFilesTest {
    @Test
    void everyShippedExperimentLoadsAndConfiguresItsModel() {
        List<Path> files = new java.util.ArrayList<>(ProjectFiles.yamlFiles(ProjectFiles.EXPERIMENTS));
        files.addAll(ProjectFiles.yamlFiles(ProjectFiles.EXPERIMENTS.resolve("fashion")));
        for (Path file : files) {
            Experiment x = ExperimentLoader.load(file, List.of()).experiment();
            var conf = ModelZoo.get(x.model().name())
                    .configuration(x.model().hyperParameters(), Optimizers.updater(x.optimizer()), x.seed());
            // The configuration must build a graph whose output is the 10 classes (MNIST's and Fashion-MNIST's).
            var graph = new org.deeplearning4j.nn.graph.ComputationGraph(conf);
            graph.init();
            assertEquals(10, graph.outputSingle(org.nd4j.linalg.factory.Nd4j.zeros(2, 1, 28, 28)).size(1), file.toString());
        }
    }

    @Test
    void theFashionRecipesTrainOnFashionMnist() {
        for (Path file : ProjectFiles.yamlFiles(ProjectFiles.EXPERIMENTS.resolve("fashion"))) {
            Experiment x = ExperimentLoader.load(file, List.of()).experiment();
            assertEquals("fashion-mnist", x.data().dataset(), file.toString());
        }
    }
}
