package lab.mnist.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

import lab.mnist.data.AtomicFiles;

/**
 * Saves and loads a trained model with DL4J's {@link ModelSerializer}: the graph (and, for
 * checkpoints, its updater state), the fitted normaliser as DL4J writes it, and the provenance, a
 * plain JSON entry ({@value #PROVENANCE_ENTRY}, readable with {@code unzip -p}) with the resolved
 * configuration that made the model.
 *
 * <p>What is saved is stock DL4J ({@link FastPath#stock}): a {@link Kind#MODEL} file names only
 * DL4J's and ND4J's classes and opens in any DL4J application. A {@link Kind#CHECKPOINT} keeps the
 * updater state, and an updater DL4J lacks (heavy-ball momentum) by our class name, so that a
 * resumed run trains on exactly as before: checkpoints are for {@code resume=}.
 *
 * <p>Files are written under a temporary name and renamed, so a crash never leaves a
 * half-written model where a good one is expected.
 */
public final class ModelFiles {
    /** The entry that holds the provenance JSON inside the model's zip. */
    public static final String PROVENANCE_ENTRY = "provenance.json";

    private ModelFiles() {
    }

    /** A trained model to hand on, or a checkpoint to resume from. */
    public enum Kind { MODEL, CHECKPOINT }

    /** A loaded model: graph (as saved: stock), normaliser (may be null) and provenance JSON (may be null). */
    public record Loaded(ComputationGraph graph, DataNormalization normalizer, String provenanceJson) {
    }

    public static void save(Path file, ComputationGraph graph, DataNormalization normalizer, String provenanceJson,
                            Kind kind) {
        boolean checkpoint = kind == Kind.CHECKPOINT;
        ComputationGraph stock = FastPath.stock(graph, checkpoint);
        AtomicFiles.write(file, temp -> {
            // writeModel(model, File, updater, normalizer) fails in M2.1 ("stream is closed"):
            // write the model, then add the normaliser to the zip.
            ModelSerializer.writeModel(stock, temp.toFile(), checkpoint);
            if (normalizer != null) {
                ModelSerializer.addNormalizerToModel(temp.toFile(), normalizer);
            }
            if (provenanceJson != null) {
                // Plain UTF-8 JSON; ModelSerializer.addObjectToFile would write a Java-serialised String.
                try (FileSystem zip = FileSystems.newFileSystem(temp)) {
                    Files.writeString(zip.getPath(PROVENANCE_ENTRY), provenanceJson, StandardCharsets.UTF_8);
                }
            }
        });
    }

    public static Loaded load(Path file, boolean withUpdater) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file + ": no such model file", null);
        }
        String provenance;
        String configuration;
        boolean legacyProvenance;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("configuration.json") == null || zip.getEntry("coefficients.bin") == null) {
                throw new ModelFileException(file + ": not a DL4J model (a zip without configuration.json and "
                        + "coefficients.bin)", null);
            }
            configuration = new String(zip.getInputStream(zip.getEntry("configuration.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            ZipEntry entry = zip.getEntry(PROVENANCE_ENTRY);
            // A DL4J model saved elsewhere has no provenance, and that is fine.
            provenance = entry == null ? null : new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
            legacyProvenance = entry == null && zip.getEntry("objects/" + PROVENANCE_ENTRY) != null;
        } catch (ZipException e) {
            throw new ModelFileException(file + ": not a model file, or truncated (not a readable zip: "
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        Path readable = file;
        try {
            String current = LegacyNames.rewrite(configuration);
            if (!current.equals(configuration)) {
                readable = LegacyNames.copyWithConfiguration(file, current);
            }
            if (legacyProvenance) {
                provenance = ModelSerializer.getObjectFromFile(file.toFile(), PROVENANCE_ENTRY);
            }
            ComputationGraph graph = ModelSerializer.restoreComputationGraph(readable.toFile(), withUpdater);
            DataNormalization normalizer = ModelSerializer.restoreNormalizerFromFile(readable.toFile());
            return new Loaded(graph, normalizer, provenance);
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(file + ": not a loadable ComputationGraph model (" + e.getMessage() + ")", e);
        } finally {
            if (!readable.equals(file)) {
                try {
                    Files.deleteIfExists(readable);
                } catch (IOException e) {
                    readable.toFile().deleteOnExit();
                }
            }
        }
    }

    /**
     * Files saved before the zoo was stock DL4J (2026-12-05) name this project's classes by their
     * old packages, and keep the provenance as a Java-serialised string under {@code objects/}. They
     * still load: the names are mapped to the classes' present places (the fast classes, which
     * {@link FastPath#compile} accepts as they are), PyTorch's old weight-init class to a stock one
     * (initialisation plays no part in a trained model), in a temporary copy of the file.
     */
    static final class LegacyNames {
        private static final Map<String, String> MOVED = Map.of(
                "\"lab.mnist.models.layers.", "\"lab.mnist.runtime.layers.",
                "\"lab.mnist.train.HeavyBallMomentum\"", "\"lab.mnist.runtime.updaters.HeavyBallMomentum\"",
                "\"lab.mnist.train.FlushingAdam\"", "\"lab.mnist.runtime.updaters.FlushingAdam\"",
                "\"lab.mnist.models.TorchInit$Weights\"", "\"org.deeplearning4j.nn.weights.WeightInitXavier\"");

        private LegacyNames() {
        }

        static String rewrite(String configuration) {
            String out = configuration;
            for (Map.Entry<String, String> m : MOVED.entrySet()) {
                out = out.replace(m.getKey(), m.getValue());
            }
            return out;
        }

        static Path copyWithConfiguration(Path file, String configuration) throws IOException {
            Path copy = Files.createTempFile("mnist-lab-model-", ".zip");
            Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (FileSystem zip = FileSystems.newFileSystem(copy)) {
                Files.writeString(zip.getPath("configuration.json"), configuration, StandardCharsets.UTF_8);
            }
            return copy;
        }
    }
}
