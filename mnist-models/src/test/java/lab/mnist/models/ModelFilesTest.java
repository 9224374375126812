package lab.mnist.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.learning.config.Adam;

import lab.mnist.data.IdxFixtures;
import lab.mnist.data.MnistDataSets;
import lab.mnist.data.Normalization;

class ModelFilesTest {
    @TempDir
    Path dir;

    @Test
    void roundTripGivesIdenticalOutputsNormaliserAndProvenance() throws Exception {
        MnistDataSets data = MnistDataSets.prepare(IdxFixtures.raw(40, 10, 2),
                new MnistDataSets.Options(Normalization.STANDARDIZE, 0, 1, 0, 0, 0));
        ComputationGraph graph = ModelZoo.build("cnn-pad", HyperParameters.defaults(), new Adam(1e-3), 1);
        graph.fit(data.train());
        Path file = dir.resolve("model.zip");

        ModelFiles.save(file, graph, data.normalizer(), "{\"seed\":1}", true);
        ModelFiles.Loaded loaded = ModelFiles.load(file, true);

        INDArray x = data.test().getFeatures();
        assertEquals(graph.outputSingle(x), loaded.graph().outputSingle(x));
        assertEquals(graph.getUpdater().getStateViewArray(), loaded.graph().getUpdater().getStateViewArray());
        assertEquals(((NormalizerStandardize) data.normalizer()).getMean(),
                ((NormalizerStandardize) loaded.normalizer()).getMean());
        assertEquals("{\"seed\":1}", loaded.provenanceJson());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void notAModelIsAClearError() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(text, false));
        assertTrue(e.getMessage().startsWith(text + ": not a model file"), e.getMessage());
        ModelFileException missing = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir.resolve("x"), false));
        assertTrue(missing.getMessage().endsWith("no such model file"), missing.getMessage());
    }

    @Test
    void truncatedModelIsAClearError() throws Exception {
        ComputationGraph graph = ModelZoo.build("lenet5", HyperParameters.defaults());
        Path file = dir.resolve("model.zip");
        ModelFiles.save(file, graph, null, null, false);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(cut, false));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    }
}
