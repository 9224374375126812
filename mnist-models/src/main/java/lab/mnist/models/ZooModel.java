package lab.mnist.models;

import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * One architecture of the zoo. Implementations are stateless: they turn hyper-parameters into a
 * plain DL4J {@link ComputationGraphConfiguration} whose layers and vertices are named by a
 * scheme ({@code conv1}, {@code pool1}, {@code dense1}, {@code output}).
 *
 * <p>Every model takes MNIST as it comes: input {@code [N, 1, 28, 28]}, output {@code [N, 10]}
 * class probabilities (softmax with multi-class cross-entropy).
 */
public interface ZooModel {
    int IMAGE_HEIGHT = 28;
    int IMAGE_WIDTH = 28;
    int CHANNELS = 1;
    int NUM_CLASSES = 10;
    String INPUT = "input";
    String OUTPUT = "output";

    /** The registry name, e.g. {@code lenet5}. */
    String name();

    /** One line: what it is and where it comes from. */
    String description();

    /** The default widths, in the order {@code model.widths} sets them. */
    List<Integer> defaultWidths();

    /**
     * The configuration for these hyper-parameters, training with {@code updater}, initialised from
     * {@code seed}.
     *
     * @throws InvalidHyperParameterException naming the key of a value this model cannot take
     */
    ComputationGraphConfiguration configuration(HyperParameters hp, IUpdater updater, long seed);
}
