package lab.mnist.models.zoo;

import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

import lab.mnist.models.DataShape;
import lab.mnist.models.HyperParameters;
import lab.mnist.models.ZooModel;

/**
 * A small residual network: a 3x3 stem, then three stages of two basic blocks (32, 64, 128
 * filters at 28x28, 14x14 and 7x7), global average pooling and the output layer. Each block is
 * conv-bn-relu-conv-bn plus its input through an {@link ElementWiseVertex} (Add), then ReLU; the
 * first block of a stage halves the size with stride 2 and projects its shortcut with a 1x1
 * convolution. He, Zhang, Ren and Sun, "Deep Residual Learning for Image Recognition", CVPR 2016
 * (the CIFAR variant of section 4.2). The skip connections are why the zoo is built from
 * ComputationGraphs; block names follow deeplearning4j-zoo's ResNet50 scheme
 * ({@code stage2_block1_conv1}).
 */
public final class ResNetSmall implements ZooModel {
    @Override
    public String name() {
        return "resnet-small";
    }

    @Override
    public String description() {
        return "ResNet (He et al. 2016), 3 stages x 2 basic blocks, global average pooling";
    }

    @Override
    public List<Integer> defaultWidths() {
        return List.of(32, 64, 128);
    }

    @Override
    public ComputationGraphConfiguration configuration(DataShape shape, HyperParameters hp, IUpdater updater, long seed) {
        List<Integer> w = hp.widthsOr(defaultWidths());
        Activation act = hp.activationOr(Activation.RELU);
        GraphBuilder g = Blocks.graph(shape, hp, updater, seed);
        g.addLayer("stem_conv", Blocks.inputConv(w.get(0), 3, 1, Activation.IDENTITY), INPUT);
        g.addLayer("stem_bn", Blocks.batchNorm(act), "stem_conv");
        String previous = "stem_bn";
        int inWidth = w.get(0);
        for (int stage = 1; stage <= w.size(); stage++) {
            for (int block = 1; block <= 2; block++) {
                boolean down = stage > 1 && block == 1;
                previous = basicBlock(g, "stage" + stage + "_block" + block, previous, w.get(stage - 1),
                        inWidth != w.get(stage - 1) || down, down ? 2 : 1, act);
                inWidth = w.get(stage - 1);
            }
        }
        g.addLayer("avgpool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), previous);
        g.addLayer(OUTPUT, Blocks.output(shape, hp.dropoutOr(0.0)), "avgpool");
        return Blocks.build(hp, g.setOutputs(OUTPUT));
    }

    private static String basicBlock(GraphBuilder g, String name, String input, int filters, boolean project,
                                     int stride, Activation act) {
        g.addLayer(name + "_conv1", strided(filters, 3, 1, stride), input);
        g.addLayer(name + "_bn1", Blocks.batchNorm(act), name + "_conv1");
        g.addLayer(name + "_conv2", Blocks.conv(filters, 3, 1, Activation.IDENTITY), name + "_bn1");
        g.addLayer(name + "_bn2", Blocks.batchNorm(Activation.IDENTITY), name + "_conv2");
        String shortcut = input;
        if (project) {
            g.addLayer(name + "_proj", strided(filters, 1, 0, stride), input);
            g.addLayer(name + "_proj_bn", Blocks.batchNorm(Activation.IDENTITY), name + "_proj");
            shortcut = name + "_proj_bn";
        }
        g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), name + "_bn2", shortcut);
        g.addLayer(name + "_out", new ActivationLayer.Builder().activation(Blocks.function(act)).build(), name + "_add");
        return name + "_out";
    }

    private static ConvolutionLayer strided(int filters, int kernel, int padding, int stride) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).padding(padding, padding)
                .nOut(filters).activation(Activation.IDENTITY).build();
    }
}
