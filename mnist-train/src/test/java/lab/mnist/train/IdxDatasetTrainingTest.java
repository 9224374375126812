package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import com.fasterxml.jackson.databind.JsonNode;

import lab.mnist.data.IdxFixtures;
import lab.mnist.data.fetch.SourceOptions;
import lab.mnist.train.config.ConfigException;
import lab.mnist.train.config.ExperimentLoader;

/**
 * An IDX data set of the user's own, shaped unlike MNIST (32x32 images, 5 named classes), trains
 * through the same pipeline: the model follows the data, and the outputs use the class names.
 */
class IdxDatasetTrainingTest {
    @TempDir
    Path dir;

    private Path experiment(String data) throws Exception {
        return Files.writeString(dir.resolve("five.yaml"), """
                name: five-bands
                seed: 3
                data: %s
                model: {name: lenet5}
                optimizer: {type: adam, lr: 0.003}
                train: {epochs: 2, batchSize: 16}
                output: {dir: %s}
                """.formatted(data, dir.resolve("runs")));
    }

    @Test
    void aThirtyTwoPixelFiveClassDataSetTrainsAndReportsItsClassNames() throws Exception {
        Path files = IdxFixtures.writeIdxFolder(dir.resolve("idx"), 400, 100, 32, 5, 7);
        Path file = experiment("{dataset: idx, dir: " + files + ", classNames: [north, north-east, east, south, west], "
                + "validationFraction: 0.2}");

        Trainer.Outcome outcome = Trainer.run(ExperimentLoader.load(file, List.of()),
                new Trainer.Options(true, SourceOptions.defaults(), null, 0));

        // Each class lights its own band of rows: chance is 20%, a working pipeline nearly always right.
        assertTrue(outcome.summary().testAccuracy() >= 0.9, "test accuracy " + outcome.summary().testAccuracy());
        assertTrue(Files.readString(outcome.runDir().resolve("model-summary.txt")).contains("1x32x32"));
        JsonNode metrics = Trainer.JSON.readTree(outcome.runDir().resolve("test-metrics.json").toFile());
        assertEquals("idx", metrics.path("dataset").asText());
        assertEquals(5, metrics.path("confusion").size());
        assertEquals("north-east", metrics.path("perClass").path(1).path("name").asText());
        assertTrue(Files.readString(outcome.runDir().resolve("test-report.txt")).contains("north-east"));
        assertTrue(Files.readString(outcome.runDir().resolve("report.html")).contains("<th>north-east</th>"));

        // The saved model is plain DL4J, and answers in the data's five classes.
        ComputationGraph stock = ModelSerializer.restoreComputationGraph(outcome.runDir().resolve("best.zip").toFile(), false);
        assertArrayEquals(new long[] {3, 5}, stock.outputSingle(Nd4j.rand(DataType.FLOAT, 3, 1, 32, 32)).shape());
    }

    @Test
    void anIdxDataSetWithoutFilesIsOneErrorBeforeAnythingIsWritten() throws Exception {
        Path file = experiment("{dataset: idx}");
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentLoader.load(file, List.of()));
        assertTrue(e.getMessage().contains("data.dataset: idx needs its files: data.dir"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("runs")));
    }

    @Test
    void anUnknownDataSetNamesTheKnownOnes() throws Exception {
        Path file = experiment("{dataset: cifar10}");
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentLoader.load(file, List.of()));
        assertTrue(e.getMessage().contains("data.dataset: expected one of mnist, fashion-mnist, idx, got 'cifar10'"),
                e.getMessage());
    }

    @Test
    void checksumsAreForTheUsersOwnDataSetsOnly() throws Exception {
        Path file = experiment("{dataset: fashion-mnist, sha256: {trainImages: " + "a".repeat(64) + "}}");
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentLoader.load(file, List.of()));
        assertTrue(e.getMessage().contains("data.sha256: only for data.dataset idx"), e.getMessage());
    }
}
