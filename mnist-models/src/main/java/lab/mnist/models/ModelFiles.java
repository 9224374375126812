package lab.mnist.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

import lab.mnist.data.AtomicFiles;

/**
 * Saves and loads a trained model with DL4J's {@link ModelSerializer}: the graph (and, for
 * checkpoints, its updater state), the fitted normaliser, and the provenance, a JSON document
 * with the resolved configuration that made the model.
 *
 * <p>Files are written under a temporary name and renamed, so a crash never leaves a
 * half-written model where a good one is expected.
 */
public final class ModelFiles {
    /** The entry that holds the provenance JSON inside the model's zip. */
    public static final String PROVENANCE_ENTRY = "provenance.json";

    static {
        OneDnn.enable();
    }

    private ModelFiles() {
    }

    /** A loaded model: graph, normaliser (may be null) and provenance JSON (may be null). */
    public record Loaded(ComputationGraph graph, DataNormalization normalizer, String provenanceJson) {
    }

    public static void save(Path file, ComputationGraph graph, DataNormalization normalizer, String provenanceJson,
                            boolean withUpdater) {
        AtomicFiles.write(file, temp -> {
            // writeModel(model, File, updater, normalizer) fails in M2.1 ("stream is closed"):
            // write the model, then add the normaliser to the zip.
            ModelSerializer.writeModel(graph, temp.toFile(), withUpdater);
            if (normalizer != null) {
                ModelSerializer.addNormalizerToModel(temp.toFile(), normalizer);
            }
            if (provenanceJson != null) {
                ModelSerializer.addObjectToFile(temp.toFile(), PROVENANCE_ENTRY, provenanceJson);
            }
        });
    }

    public static Loaded load(Path file, boolean withUpdater) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file + ": no such model file", null);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("configuration.json") == null || zip.getEntry("coefficients.bin") == null) {
                throw new ModelFileException(file + ": not a DL4J model (a zip without configuration.json and "
                        + "coefficients.bin)", null);
            }
        } catch (ZipException e) {
            throw new ModelFileException(file + ": not a model file, or truncated (not a readable zip: "
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        try {
            ComputationGraph graph = ModelSerializer.restoreComputationGraph(file.toFile(), withUpdater);
            DataNormalization normalizer = ModelSerializer.restoreNormalizerFromFile(file.toFile());
            String provenance = null;
            try {
                provenance = ModelSerializer.getObjectFromFile(file.toFile(), PROVENANCE_ENTRY);
            } catch (RuntimeException e) {
                // a DL4J model saved elsewhere: it has no provenance, and that is fine
            }
            // Only a graph loaded for more training gets the updater: installing one allocates its
            // state, which prediction and evaluation never use.
            return new Loaded(withUpdater ? DirectGradientUpdater.install(graph) : graph, normalizer, provenance);
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(file + ": not a loadable ComputationGraph model (" + e.getMessage() + ")", e);
        }
    }
}
