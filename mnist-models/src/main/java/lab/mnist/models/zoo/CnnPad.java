package lab.mnist.models.zoo;

import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

import lab.mnist.models.DataShape;
import lab.mnist.models.HyperParameters;
import lab.mnist.models.ZooModel;

/**
 * Seed 002 (421,642 parameters): conv 32@3x3 pad 1, max-pool, conv 64@3x3 pad 1, max-pool,
 * dense 128 with no activation (the seed's {@code fcn1} is linear), output.
 *
 * <p>The seed applies softmax and then PyTorch's CrossEntropyLoss, which applies it again (a
 * double softmax). We keep the architecture and use one, correct, softmax.
 */
public final class CnnPad implements ZooModel {
    @Override
    public String name() {
        return "cnn-pad";
    }

    @Override
    public String description() {
        return "seed 002: conv 32@3x3 pad 1, conv 64@3x3 pad 1, linear dense 128";
    }

    @Override
    public List<Integer> defaultWidths() {
        return List.of(32, 64, 128);
    }

    @Override
    public ComputationGraphConfiguration configuration(DataShape shape, HyperParameters hp, IUpdater updater, long seed) {
        List<Integer> w = hp.widthsOr(defaultWidths());
        Activation act = hp.activationOr(Activation.RELU);
        double drop = hp.dropoutOr(0.0);
        return Blocks.build(hp, Blocks.graph(shape, hp, updater, seed)
                .addLayer("conv1", Blocks.inputConv(w.get(0), 3, 1, act), INPUT)
                .addLayer("pool1", Blocks.maxPool(), "conv1")
                .addLayer("conv2", Blocks.conv(w.get(1), 3, 1, act), "pool1")
                .addLayer("pool2", Blocks.maxPool(), "conv2")
                .addLayer("dense1", Blocks.dense(w.get(2), Activation.IDENTITY, drop), "pool2")
                .addLayer(OUTPUT, Blocks.output(shape, drop), "dense1")
                .setOutputs(OUTPUT));
    }
}
