package lab.mnist.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipFile;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.learning.config.Adam;

import lab.mnist.data.IdxFixtures;
import lab.mnist.data.MnistDataSets;
import lab.mnist.data.Normalization;
import lab.mnist.models.HyperParameters;

class ModelFilesTest {
    @TempDir
    Path dir;

    @Test
    void roundTripGivesIdenticalOutputsNormaliserAndProvenance() throws Exception {
        MnistDataSets data = MnistDataSets.prepare(IdxFixtures.raw(40, 10, 2),
                new MnistDataSets.Options(Normalization.STANDARDIZE, 0, 1, 0, 0, 0));
        ComputationGraph graph = Compiled.build("cnn-pad", HyperParameters.defaults(), new Adam(1e-3), 1);
        graph.fit(data.train());
        Path file = dir.resolve("model.zip");

        ModelFiles.save(file, graph, data.normalizer(), "{\"seed\":1}", ModelFiles.Kind.CHECKPOINT);
        ModelFiles.Loaded loaded = ModelFiles.load(file, true);

        INDArray x = data.test().getFeatures();
        assertArrayEquals(graph.outputSingle(x).dup('c').data().asFloat(), loaded.graph().outputSingle(x).dup('c').data().asFloat(),
                "outputs, bit for bit");
        assertArrayEquals(graph.getUpdater().getStateViewArray().dup('c').data().asFloat(),
                loaded.graph().getUpdater().getStateViewArray().dup('c').data().asFloat(), "updater state, bit for bit");
        assertArrayEquals(((NormalizerStandardize) data.normalizer()).getMean().dup('c').data().asFloat(),
                ((NormalizerStandardize) loaded.normalizer()).getMean().dup('c').data().asFloat(), "normaliser, bit for bit");
        assertEquals("{\"seed\":1}", loaded.provenanceJson());
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertEquals("{\"seed\":1}", new String(zip.getInputStream(zip.getEntry(ModelFiles.PROVENANCE_ENTRY))
                    .readAllBytes(), StandardCharsets.UTF_8), "provenance as plain JSON, as unzip -p shows it");
        }
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
        ComputationGraph graph = Compiled.build("lenet5", HyperParameters.defaults());
        Path file = dir.resolve("model.zip");
        ModelFiles.save(file, graph, null, null, ModelFiles.Kind.MODEL);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(cut, false));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    }

    /**
     * A file saved before the zoo was stock (our classes under their old packages, the provenance a
     * Java-serialised string under objects/) still loads, with the same outputs and provenance.
     */
    @Test
    void aFileSavedBeforeTheStockZooStillLoads() throws Exception {
        ComputationGraph graph = Compiled.build("lenet5", HyperParameters.defaults(),
                new lab.mnist.runtime.updaters.HeavyBallMomentum(0.01, 0.9), 1);
        Path old = dir.resolve("old.zip");
        org.deeplearning4j.util.ModelSerializer.writeModel(graph, old.toFile(), false); // the fast classes, as before
        String configuration;
        try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(old)) {
            configuration = Files.readString(zip.getPath("configuration.json"))
                    .replace("\"lab.mnist.runtime.layers.", "\"lab.mnist.models.layers.")
                    .replace("\"lab.mnist.runtime.updaters.HeavyBallMomentum\"", "\"lab.mnist.train.HeavyBallMomentum\"");
            Files.writeString(zip.getPath("configuration.json"), configuration);
        }
        org.deeplearning4j.util.ModelSerializer.addObjectToFile(old.toFile(), ModelFiles.PROVENANCE_ENTRY, "{\"seed\":1}");
        assertTrue(configuration.contains("lab.mnist.models.layers.GenericPooling")
                && configuration.contains("lab.mnist.train.HeavyBallMomentum"), "an old-style file");

        ModelFiles.Loaded loaded = ModelFiles.load(old, false);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 1, 28, 28);
        assertArrayEquals(graph.outputSingle(x).dup('c').data().asFloat(),
                FastPath.compile(loaded.graph(), FastPath.Use.INFERENCE).outputSingle(x).dup('c').data().asFloat());
        assertEquals("{\"seed\":1}", loaded.provenanceJson());
    }
}
