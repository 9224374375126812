package lab.mnist.portability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import lab.mnist.data.IdxFixtures;
import lab.mnist.data.MnistDataSets;
import lab.mnist.data.MnistRaw;
import lab.mnist.data.fetch.SourceOptions;
import lab.mnist.runtime.FastPath;
import lab.mnist.runtime.ModelFiles;
import lab.mnist.runtime.Predictor;
import lab.mnist.train.Trainer;
import lab.mnist.train.config.ExperimentLoader;

/**
 * A model saved by a real training run (fast path on, a batch in two slices) opens in a JVM whose
 * class path is deeplearning4j-nn and the ND4J backend alone ({@code target/stock-classpath.txt},
 * this module's runtime scope, and {@link StockPredict}), and predicts what the framework predicts.
 *
 * <p>The parameters it restores are the framework's bit for bit, and so are the MLP's
 * probabilities (on the same native thread count: OpenBLAS may round a product differently on
 * another). For models with convolutions the probabilities agree to 1e-5, not bit for bit, and the
 * predicted classes are the same: a plain DL4J 1.0.0-M2.1 application convolves with im2col and
 * GEMM (its oneDNN helpers are off by default, and cannot be switched on without our shim), the
 * framework with oneDNN, and the two round differently.
 */
class StockLoadTest {
    private static final MnistRaw DATA = IdxFixtures.raw(512, 100, 21);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
            "lenet5, 'optimizer: {type: sgd, lr: 0.01, momentum: 0.9}', 'train: {epochs: 2, batchSize: 32, splitBatch: 2, threads: 1}', 1e-5",
            "mlp, 'optimizer: {type: adam, lr: 0.003}', 'train: {epochs: 2, batchSize: 32}', 0",
    })
    void aSavedModelOpensInPlainDl4jAndPredictsTheSame(String model, String optimizer, String train, double tolerance)
            throws Exception {
        Path file = Files.writeString(dir.resolve(model + ".yaml"), """
                name: portable
                seed: 5
                data: {normalization: symmetric}
                model: {name: %s}
                %s
                %s
                output: {dir: %s}
                """.formatted(model, optimizer, train, dir.resolve("runs")));
        Trainer.Outcome outcome = Trainer.run(ExperimentLoader.load(file, List.of()),
                new Trainer.Options(true, SourceOptions.defaults(), DATA, 0));
        Path best = outcome.runDir().resolve("best.zip");

        try (ZipFile zip = new ZipFile(best.toFile())) {
            String configuration = new String(zip.getInputStream(zip.getEntry("configuration.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertFalse(configuration.contains("lab.mnist"), "configuration.json names a class of ours");
            JsonNode provenance = JSON.readTree(zip.getInputStream(zip.getEntry(ModelFiles.PROVENANCE_ENTRY)));
            assertEquals("portable", provenance.path("experiment").asText(), "provenance.json is plain JSON");
        }

        INDArray images = MnistDataSets.readAll(DATA.testImages(), DATA.testLabels(), DATA.numClasses()).getFeatures();
        ModelFiles.Loaded loaded = ModelFiles.load(best, false);
        ComputationGraph framework = FastPath.compile(loaded.graph(), FastPath.Use.INFERENCE);
        INDArray expected = Predictor.probabilities(framework, loaded.normalizer(), images);

        Path features = dir.resolve("features.bin");
        write(images, features);
        runStockPredict(best, features, dir);
        INDArray params = read(dir.resolve("params.bin"));
        INDArray probabilities = read(dir.resolve("probabilities.bin"));

        assertArrayEquals(framework.params().dup('c').data().asFloat(), params.dup('c').data().asFloat(),
                "parameters, bit for bit");
        assertArrayEquals(expected.argMax(1).toLongVector(), probabilities.argMax(1).toLongVector(), "predicted classes");
        if (tolerance == 0) {
            assertArrayEquals(expected.dup('c').data().asFloat(), probabilities.dup('c').data().asFloat(),
                    "probabilities, bit for bit");
        } else {
            double largest = expected.sub(probabilities).amaxNumber().doubleValue();
            assertTrue(largest <= tolerance, "probabilities within " + tolerance + ", largest difference " + largest);
        }
    }

    /** Starts StockPredict in a JVM of its own, on the plain DL4J class path. */
    private static void runStockPredict(Path model, Path features, Path out) throws IOException, InterruptedException {
        String stockClasspath = Files.readString(Path.of(System.getProperty("stock.classpath.file"))).trim();
        String classpath = System.getProperty("stock.classes") + File.pathSeparator + stockClasspath;
        assertFalse(classpath.contains("mnist-models") || classpath.contains("mnist-runtime")
                || classpath.contains("mnist-train"), "the plain class path holds no module of ours: " + classpath);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, StockPredict.class.getName(), model.toString(), features.toString(), out.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.resolve("stock-predict.log").toFile());
        // The same native thread count as this JVM's: a GEMM may round differently on another count.
        builder.environment().put("OMP_NUM_THREADS", Integer.toString(Nd4j.factory().blas().getMaxThreads()));
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "StockPredict finished");
        assertEquals(0, process.exitValue(), () -> "StockPredict failed:\n" + readQuietly(out.resolve("stock-predict.log")));
    }

    private static void write(INDArray array, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            Nd4j.write(array, out);
        }
    }

    private static INDArray read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return Nd4j.read(in);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
