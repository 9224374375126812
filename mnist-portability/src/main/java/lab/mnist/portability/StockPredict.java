package lab.mnist.portability;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What any DL4J application would do with a model file of ours, and nothing more: restore the
 * graph and its normaliser with {@link ModelSerializer}, normalise raw images, and predict.
 *
 * <p>{@code StockPredict MODEL.zip FEATURES.bin OUT_DIR}: reads {@code [n, 1, 28, 28]} raw grey values
 * written with {@code Nd4j.write}, and writes {@code probabilities.bin} and {@code params.bin}
 * (the restored parameters) the same way. Compiled and run with deeplearning4j-nn and the ND4J
 * backend alone on the class path.
 */
public final class StockPredict {
    private StockPredict() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: StockPredict MODEL.zip FEATURES.bin OUT_DIR");
            System.exit(2);
        }
        File model = new File(args[0]);
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(model, false);
        DataNormalization normalizer = ModelSerializer.restoreNormalizerFromFile(model);
        INDArray features;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(Path.of(args[1]))))) {
            features = Nd4j.read(in);
        }
        if (normalizer != null) {
            normalizer.transform(features);
        }
        INDArray probabilities = graph.outputSingle(false, features);
        Path out = Path.of(args[2]);
        write(probabilities, out.resolve("probabilities.bin"));
        write(graph.params(), out.resolve("params.bin"));
    }

    private static void write(INDArray array, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            Nd4j.write(array, out);
        }
    }
}
