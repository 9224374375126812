package lab.mnist.models.zoo;

import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

import lab.mnist.models.DataShape;
import lab.mnist.models.HyperParameters;
import lab.mnist.models.ZooModel;

/**
 * Seed 003's multi-layer perceptron: 784-128-128-64-64-10 with ReLU (130,058 parameters). The
 * image is flattened by the preprocessor DL4J inserts between the convolutional input and
 * {@code dense1}. The seed's LogSoftmax + NLLLoss equals our softmax + cross-entropy.
 */
public final class Mlp implements ZooModel {
    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "seed 003: 784-128-128-64-64-10 perceptron, ReLU";
    }

    @Override
    public List<Integer> defaultWidths() {
        return List.of(128, 128, 64, 64);
    }

    @Override
    public ComputationGraphConfiguration configuration(DataShape shape, HyperParameters hp, IUpdater updater, long seed) {
        List<Integer> widths = hp.widthsOr(defaultWidths());
        Activation act = hp.activationOr(Activation.RELU);
        double drop = hp.dropoutOr(0.0);
        GraphBuilder g = Blocks.graph(shape, hp, updater, seed);
        String previous = INPUT;
        for (int i = 0; i < widths.size(); i++) {
            String name = "dense" + (i + 1);
            g.addLayer(name, Blocks.dense(widths.get(i), act, i == 0 ? 0 : drop), previous);
            previous = name;
        }
        g.addLayer(OUTPUT, Blocks.output(shape, drop), previous);
        return Blocks.build(hp, g.setOutputs(OUTPUT));
    }
}
