package lab.mnist.models.zoo;

import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

import lab.mnist.models.DataShape;
import lab.mnist.models.HyperParameters;
import lab.mnist.models.ZooModel;

/**
 * Seed 000, the CNN of pytorch/examples' MNIST example (1,199,882 parameters): conv 32@3x3,
 * conv 64@3x3, max-pool, Dropout2d(0.25), dense 128, dropout 0.5, output. Dropout2d drops whole
 * feature maps, which DL4J calls spatial dropout.
 */
public final class CnnBasic implements ZooModel {
    @Override
    public String name() {
        return "cnn-basic";
    }

    @Override
    public String description() {
        return "seed 000: pytorch/examples MNIST CNN, 2 conv + spatial dropout + dense 128";
    }

    @Override
    public List<Integer> defaultWidths() {
        return List.of(32, 64, 128);
    }

    @Override
    public ComputationGraphConfiguration configuration(DataShape shape, HyperParameters hp, IUpdater updater, long seed) {
        List<Integer> w = hp.widthsOr(defaultWidths());
        Activation act = hp.activationOr(Activation.RELU);
        return Blocks.build(hp, Blocks.graph(shape, hp, updater, seed)
                .addLayer("conv1", Blocks.inputConv(w.get(0), 3, 0, act), INPUT)
                .addLayer("conv2", Blocks.conv(w.get(1), 3, 0, act), "conv1")
                .addLayer("pool1", Blocks.maxPool(), "conv2")
                .addLayer("drop1", Blocks.spatialDropout(hp.convDropoutOr(0.25)), "pool1")
                .addLayer("dense1", Blocks.dense(w.get(2), act, 0), "drop1")
                .addLayer(OUTPUT, Blocks.output(shape, hp.dropoutOr(0.5)), "dense1")
                .setOutputs(OUTPUT));
    }
}
