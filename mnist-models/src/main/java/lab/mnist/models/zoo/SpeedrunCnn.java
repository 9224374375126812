package lab.mnist.models.zoo;

import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

import lab.mnist.models.DataShape;
import lab.mnist.models.HyperParameters;
import lab.mnist.models.ZooModel;

/**
 * The small CNN of the PyTorch MNIST speedrun (tuomaso/train_mnist_fast): conv 24@5x5, max-pool,
 * conv 32@3x3, max-pool, dense 256, 10; no dropout (215,194 parameters, as PyTorch counts them).
 * The speedrun pools before its ReLUs to save work; ReLU is monotonic, so pooling after it is the
 * same function, and this keeps DL4J's usual order.
 */
public final class SpeedrunCnn implements ZooModel {
    @Override
    public String name() {
        return "speedrun-cnn";
    }

    @Override
    public String description() {
        return "the PyTorch MNIST speedrun's CNN: conv 24@5x5, conv 32@3x3, dense 256 (tuomaso/train_mnist_fast)";
    }

    @Override
    public List<Integer> defaultWidths() {
        return List.of(24, 32, 256);
    }

    @Override
    public ComputationGraphConfiguration configuration(DataShape shape, HyperParameters hp, IUpdater updater, long seed) {
        List<Integer> w = hp.widthsOr(defaultWidths());
        Activation act = hp.activationOr(Activation.RELU);
        double drop = hp.dropoutOr(0.0);
        return Blocks.build(hp, Blocks.graph(shape, hp, updater, seed)
                .addLayer("conv1", Blocks.inputConv(w.get(0), 5, 0, act), INPUT)
                .addLayer("pool1", Blocks.maxPool(), "conv1")
                .addLayer("conv2", Blocks.conv(w.get(1), 3, 0, act), "pool1")
                .addLayer("pool2", Blocks.maxPool(), "conv2")
                .addLayer("dense1", Blocks.dense(w.get(2), act, drop), "pool2")
                .addLayer(OUTPUT, Blocks.output(shape, drop), "dense1")
                .setOutputs(OUTPUT));
    }
}
