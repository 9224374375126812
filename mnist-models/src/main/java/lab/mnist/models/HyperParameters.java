package lab.mnist.models;

import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * The knobs of a zoo model, as an experiment file sets them under {@code model:}. A null field
 * means "the model's default", which for the seed models is exactly the seed's architecture.
 * Everything is validated here, so a bad value fails before any array is allocated.
 *
 * @param widths      filters of each convolution and units of each hidden dense layer, in order
 *                    (the model's {@code summary} shows which); null for the defaults
 * @param dropout     probability to DROP a unit before each hidden dense layer and the output
 *                    layer where the model has dropout (PyTorch's convention; DL4J's is the
 *                    probability to keep, converted in {@link #keepProbability})
 * @param convDropout probability to drop whole feature maps after the convolution blocks, for
 *                    models that have it (PyTorch's {@code Dropout2d})
 * @param activation  hidden activation: relu, leakyrelu, elu, tanh, gelu, swish
 * @param weightInit  {@code torch} (PyTorch's default: uniform in +-1/sqrt(fan_in), weights and
 *                    biases), {@code xavier}, {@code relu} (He), or {@code lecun}
 * @param l2          L2 regularisation coefficient of the weights, >= 0
 */
public record HyperParameters(List<Integer> widths, Double dropout, Double convDropout, String activation,
                              String weightInit, double l2) {
    public static final String PREFIX = "model.";

    public HyperParameters {
        if (widths != null) {
            widths = List.copyOf(widths);
            for (int i = 0; i < widths.size(); i++) {
                if (widths.get(i) == null || widths.get(i) <= 0) {
                    throw new InvalidHyperParameterException(PREFIX + "widths[" + i + "]",
                            "must be a positive integer, got " + widths.get(i));
                }
            }
        }
        checkProbability("dropout", dropout);
        checkProbability("convDropout", convDropout);
        if (activation != null) {
            activation(activation);
        }
        if (weightInit != null) {
            checkWeightInit(weightInit);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new InvalidHyperParameterException(PREFIX + "l2", "must be a finite number >= 0, got " + l2);
        }
    }

    /** All defaults: the model as its seed (or its paper) defines it. */
    public static HyperParameters defaults() {
        return new HyperParameters(null, null, null, null, null, 0.0);
    }

    public HyperParameters withWidths(List<Integer> newWidths) {
        return new HyperParameters(newWidths, dropout, convDropout, activation, weightInit, l2);
    }

    public HyperParameters withDropout(Double newDropout) {
        return new HyperParameters(widths, newDropout, convDropout, activation, weightInit, l2);
    }

    public HyperParameters withWeightInit(String newWeightInit) {
        return new HyperParameters(widths, dropout, convDropout, activation, newWeightInit, l2);
    }

    /** The widths, or the model's defaults; the count must match what the model has. */
    public List<Integer> widthsOr(List<Integer> defaults) {
        if (widths == null) {
            return defaults;
        }
        if (widths.size() != defaults.size()) {
            throw new InvalidHyperParameterException(PREFIX + "widths", "this model has " + defaults.size()
                    + " widths " + defaults + ", got " + widths.size() + " " + widths);
        }
        return widths;
    }

    public double dropoutOr(double defaultDropout) {
        return dropout == null ? defaultDropout : dropout;
    }

    public double convDropoutOr(double defaultDropout) {
        return convDropout == null ? defaultDropout : convDropout;
    }

    public Activation activationOr(Activation defaultActivation) {
        return activation == null ? defaultActivation : activation(activation);
    }

    /** The weight-init name, or {@code torch} (every zoo model defaults to PyTorch's initialisation). */
    public String weightInitName() {
        return weightInit == null ? "torch" : weightInit.toLowerCase(Locale.ROOT);
    }

    /**
     * DL4J's weight initialisation for this setting; null for {@code torch}, whose bounds are set
     * per layer once the layer sizes are known ({@link TorchInit}).
     */
    public IWeightInit weightInitScheme() {
        return switch (weightInitName()) {
            case "torch" -> null;
            case "xavier" -> WeightInit.XAVIER.getWeightInitFunction();
            case "relu", "he" -> WeightInit.RELU.getWeightInitFunction();
            case "lecun" -> WeightInit.LECUN_NORMAL.getWeightInitFunction();
            default -> throw new IllegalStateException("validated in the constructor");
        };
    }

    /** DL4J's dropout argument is the probability to KEEP an activation; ours is PyTorch's, to drop. */
    public static double keepProbability(double dropProbability) {
        return 1.0 - dropProbability;
    }

    private static void checkProbability(String key, Double p) {
        if (p != null && !(p >= 0 && p < 1)) {
            throw new InvalidHyperParameterException(PREFIX + key,
                    "is the probability to drop a unit and must be in [0, 1), got " + p);
        }
    }

    private static void checkWeightInit(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "torch", "xavier", "relu", "he", "lecun" -> { }
            default -> throw new InvalidHyperParameterException(PREFIX + "weightInit",
                    "unknown scheme '" + name + "', expected one of torch, xavier, relu, lecun");
        }
    }

    private static Activation activation(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "relu" -> Activation.RELU;
            case "leakyrelu" -> Activation.LEAKYRELU;
            case "elu" -> Activation.ELU;
            case "tanh" -> Activation.TANH;
            case "gelu" -> Activation.GELU;
            case "swish" -> Activation.SWISH;
            case "sigmoid" -> Activation.SIGMOID;
            default -> throw new InvalidHyperParameterException(PREFIX + "activation",
                    "unknown activation '" + name + "', expected one of relu, leakyrelu, elu, tanh, gelu, swish, sigmoid");
        };
    }
}
