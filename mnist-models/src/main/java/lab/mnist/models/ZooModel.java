package lab.mnist.models;

import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * One architecture of the zoo. Implementations are stateless: they turn hyper-parameters into a
 * plain DL4J {@link ComputationGraphConfiguration} whose layers and vertices are named by a
 * scheme ({@code conv1}, {@code pool1}, {@code dense1}, {@code output}).
 *
 * <p>Every model takes images as they come, input {@code [N, channels, height, width]}, and gives
 * {@code [N, classes]} class probabilities (softmax with multi-class cross-entropy), for the
 * {@link DataShape} of its data: MNIST's 28x28x1 and 10 classes unless told otherwise.
 */
public interface ZooModel {
    String INPUT = "input";
    String OUTPUT = "output";

    /** The registry name, e.g. {@code lenet5}. */
    String name();

    /** One line: what it is and where it comes from. */
    String description();

    /** The default widths, in the order {@code model.widths} sets them. */
    List<Integer> defaultWidths();

    /**
     * The configuration for data of this shape and these hyper-parameters, training with
     * {@code updater}, initialised from {@code seed}.
     *
     * @throws InvalidHyperParameterException naming the key of a value this model cannot take
     */
    ComputationGraphConfiguration configuration(DataShape shape, HyperParameters hp, IUpdater updater, long seed);

    /** The configuration for MNIST-shaped data. */
    default ComputationGraphConfiguration configuration(HyperParameters hp, IUpdater updater, long seed) {
        return configuration(DataShape.MNIST, hp, updater, seed);
    }
}
