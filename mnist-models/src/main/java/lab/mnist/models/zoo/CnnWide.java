package lab.mnist.models.zoo;

import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

import lab.mnist.models.DataShape;
import lab.mnist.models.HyperParameters;
import lab.mnist.models.ZooModel;

/**
 * Seed 001 (3,973,762 parameters): conv 150@5x5 pad 2, max-pool, conv 64@5x5 pad 2, max-pool,
 * dense 1024 and 500 each followed by dropout 0.5 ({@code F.dropout}'s default), output.
 */
public final class CnnWide implements ZooModel {
    @Override
    public String name() {
        return "cnn-wide";
    }

    @Override
    public String description() {
        return "seed 001: conv 150@5x5, conv 64@5x5, dense 1024-500 with dropout 0.5";
    }

    @Override
    public List<Integer> defaultWidths() {
        return List.of(150, 64, 1024, 500);
    }

    @Override
    public ComputationGraphConfiguration configuration(DataShape shape, HyperParameters hp, IUpdater updater, long seed) {
        List<Integer> w = hp.widthsOr(defaultWidths());
        Activation act = hp.activationOr(Activation.RELU);
        double drop = hp.dropoutOr(0.5);
        return Blocks.build(hp, Blocks.graph(shape, hp, updater, seed)
                .addLayer("conv1", Blocks.inputConv(w.get(0), 5, 2, act), INPUT)
                .addLayer("pool1", Blocks.maxPool(), "conv1")
                .addLayer("conv2", Blocks.conv(w.get(1), 5, 2, act), "pool1")
                .addLayer("pool2", Blocks.maxPool(), "conv2")
                .addLayer("dense1", Blocks.dense(w.get(2), act, 0), "pool2")
                .addLayer("dense2", Blocks.dense(w.get(3), act, drop), "dense1") // dropout after dense1
                .addLayer(OUTPUT, Blocks.output(shape, drop), "dense2")                  // dropout after dense2
                .setOutputs(OUTPUT));
    }
}
