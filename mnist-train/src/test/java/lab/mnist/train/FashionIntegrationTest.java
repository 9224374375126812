package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import lab.mnist.data.ProjectFiles;
import lab.mnist.train.config.ExperimentLoader;

/**
 * The shipped Fashion-MNIST seed-004 recipe, one epoch, on the real files (Debian's
 * dataset-fashion-mnist, which .ci/run installs, or the cache or Zalando's mirror): it trains, and
 * its outputs speak of garments by name.
 */
@Tag("integration")
class FashionIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void theSeed004RecipeTrainsOnFashionMnistAndReportsClassNames() throws Exception {
        Path recipe = ProjectFiles.EXPERIMENTS.resolve("fashion").resolve("seed-004-lenet5.yaml");
        Trainer.Outcome outcome = Trainer.run(ExperimentLoader.load(recipe, List.of("train.epochs=1",
                "output.dir=" + dir)), Trainer.Options.defaults().quietly());

        // Chance is 10%; one epoch of the seed's slow SGD reaches about 70% on the training images.
        assertTrue(outcome.summary().testAccuracy() >= 0.6, "test accuracy " + outcome.summary().testAccuracy());
        JsonNode data = Trainer.JSON.readTree(outcome.runDir().resolve("data-summary.json").toFile());
        int[] test = Trainer.JSON.convertValue(data.path("test"), int[].class);
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, test,
                "Zalando's test set: 1,000 images per class");
        JsonNode metrics = Trainer.JSON.readTree(outcome.runDir().resolve("test-metrics.json").toFile());
        assertEquals("fashion-mnist", metrics.path("dataset").asText());
        assertEquals("Ankle boot", metrics.path("classNames").path(9).asText());
        assertTrue(Files.readString(outcome.runDir().resolve("test-report.txt")).contains("Ankle boot"));
        String report = Files.readString(outcome.runDir().resolve("report.html"));
        assertTrue(report.contains("<th>Ankle boot</th>"), "the confusion matrix is headed by class names");
        assertTrue(report.contains("fashion-mnist"), "the report says which data set");
    }
}
