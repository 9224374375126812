package lab.mnist.models.zoo;

import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

import lab.mnist.models.DataShape;
import lab.mnist.models.HyperParameters;
import lab.mnist.models.ZooModel;

/**
 * LeNet-5 as seed 004 writes it (61,706 parameters): conv 6@5x5 pad 2, max-pool, conv 16@5x5,
 * max-pool, dense 120, 84, 10, with ReLU and max pooling in place of the original's sigmoid-like
 * squashing and average pooling. LeCun, Bottou, Bengio and Haffner, "Gradient-based learning
 * applied to document recognition", Proc. IEEE 86(11), 1998.
 */
public final class LeNet5 implements ZooModel {
    @Override
    public String name() {
        return "lenet5";
    }

    @Override
    public String description() {
        return "seed 004: LeNet-5 (LeCun et al. 1998) with ReLU and max pooling";
    }

    @Override
    public List<Integer> defaultWidths() {
        return List.of(6, 16, 120, 84);
    }

    @Override
    public ComputationGraphConfiguration configuration(DataShape shape, HyperParameters hp, IUpdater updater, long seed) {
        List<Integer> w = hp.widthsOr(defaultWidths());
        Activation act = hp.activationOr(Activation.RELU);
        double drop = hp.dropoutOr(0.0);
        return Blocks.build(hp, Blocks.graph(shape, hp, updater, seed)
                .addLayer("conv1", Blocks.inputConv(w.get(0), 5, 2, act), INPUT)
                .addLayer("pool1", Blocks.maxPool(), "conv1")
                .addLayer("conv2", Blocks.conv(w.get(1), 5, 0, act), "pool1")
                .addLayer("pool2", Blocks.maxPool(), "conv2")
                .addLayer("dense1", Blocks.dense(w.get(2), act, drop), "pool2")
                .addLayer("dense2", Blocks.dense(w.get(3), act, drop), "dense1")
                .addLayer(OUTPUT, Blocks.output(shape, drop), "dense2")
                .setOutputs(OUTPUT));
    }
}
