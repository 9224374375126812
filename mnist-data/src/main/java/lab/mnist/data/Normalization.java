package lab.mnist.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * How pixel values (0..255) are normalised before they reach a model. Each maps onto one of
 * ND4J's {@link DataNormalization} classes, so a fitted normaliser can be saved with the model by
 * {@code ModelSerializer} and applied again at prediction time.
 */
public enum Normalization {
    /** Scale to [0, 1]: torchvision's {@code ToTensor()} (seeds 000, 001, 002). */
    UNIT("unit"),
    /** Scale to [-1, 1]: {@code ToTensor()} then {@code Normalize((0.5,), (0.5,))} (seeds 003, 004). */
    SYMMETRIC("symmetric"),
    /**
     * Subtract the mean and divide by the standard deviation, both fitted on the training split
     * only. On [N, 1, 28, 28] features ND4J computes the statistics per channel, which for
     * greyscale digits is one mean and one deviation, like {@code Normalize((0.1307,), (0.3081,))}.
     */
    STANDARDIZE("standardize");

    private final String key;

    Normalization(String key) {
        this.key = key;
    }

    /** The name used in experiment files. */
    public String key() {
        return key;
    }

    public static Normalization fromKey(String key) {
        for (Normalization n : values()) {
            if (n.key.equals(key.toLowerCase(Locale.ROOT))) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown normalisation '" + key + "', expected one of "
                + Arrays.stream(values()).map(Normalization::key).collect(Collectors.joining(", ")));
    }

    /** A new, unfitted normaliser. Scalers need no fitting; the standardiser must be fitted on training data. */
    public DataNormalization create() {
        return switch (this) {
            case UNIT -> new ImagePreProcessingScaler(0, 1, 8);
            case SYMMETRIC -> new ImagePreProcessingScaler(-1, 1, 8);
            case STANDARDIZE -> new NormalizerStandardize();
        };
    }
}
