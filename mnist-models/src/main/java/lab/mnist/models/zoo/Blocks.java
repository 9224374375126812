package lab.mnist.models.zoo;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.SpatialDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import lab.mnist.models.DataShape;
import lab.mnist.models.HyperParameters;
import lab.mnist.models.TorchInit;
import lab.mnist.models.ZooModel;

/**
 * Small builders shared by the zoo, so each model reads as its architecture: one call per layer,
 * named by the scheme. PyTorch terms in the arguments (padding, drop probability) are converted
 * to DL4J's here, once. Every builder makes a stock DL4J layer: the speed work is a step applied
 * to the built graph later ({@code lab.mnist.runtime.FastPath}), never part of a configuration.
 */
final class Blocks {
    private Blocks() {
    }

    /** A graph builder with the common settings, its input {@code [N, channels, height, width]} named {@code input}. */
    static GraphBuilder graph(DataShape shape, HyperParameters hp, IUpdater updater, long seed) {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .convolutionMode(ConvolutionMode.Truncate);
        if (hp.weightInitScheme() != null) {
            base.weightInit(hp.weightInitScheme());
        }
        if (hp.l2() > 0) {
            base.l2(hp.l2());
        }
        return base.graphBuilder()
                .addInputs(ZooModel.INPUT)
                .setInputTypes(InputType.convolutional(shape.height(), shape.width(), shape.channels()));
    }

    /**
     * The configuration of a finished builder, with PyTorch's weight initialisation on every layer
     * for {@code weightInit: torch}: its bounds depend on each layer's fan-in, known only once the
     * builder has inferred the layers' input sizes.
     */
    static ComputationGraphConfiguration build(HyperParameters hp, GraphBuilder finished) {
        ComputationGraphConfiguration conf = finished.build();
        return "torch".equals(hp.weightInitName()) ? TorchInit.weights(conf) : conf;
    }

    /** DL4J's activation function, a new instance per layer. */
    static IActivation function(Activation activation) {
        return activation.getActivationFunction();
    }

    /** A square convolution with stride 1, like {@code nn.Conv2d(in, filters, kernel, padding=padding)}. */
    static ConvolutionLayer conv(int filters, int kernel, int padding, Activation activation) {
        return convBuilder(filters, kernel, padding, activation).build();
    }

    /** The first convolution, on the images; a plain {@link #conv} (the fast path treats it apart). */
    static ConvolutionLayer inputConv(int filters, int kernel, int padding, Activation activation) {
        return conv(filters, kernel, padding, activation);
    }

    private static ConvolutionLayer.Builder convBuilder(int filters, int kernel, int padding, Activation activation) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(1, 1).padding(padding, padding)
                .nOut(filters).activation(function(activation));
    }

    /** 2x2 max pooling with stride 2, like {@code F.max_pool2d(x, 2)}. */
    static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    /** A fully connected layer, like {@code nn.Linear(in, units)} and its activation. */
    static DenseLayer dense(int units, Activation activation, double dropProbability) {
        DenseLayer.Builder b = new DenseLayer.Builder().nOut(units).activation(function(activation));
        if (dropProbability > 0) {
            b.dropOut(HyperParameters.keepProbability(dropProbability)); // applied to this layer's input
        }
        return b.build();
    }

    /** Softmax over the classes with multi-class cross-entropy (PyTorch's CrossEntropyLoss). */
    static OutputLayer output(DataShape shape, double dropProbability) {
        OutputLayer.Builder b = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(shape.classes()).activation(Activation.SOFTMAX);
        if (dropProbability > 0) {
            b.dropOut(HyperParameters.keepProbability(dropProbability));
        }
        return b.build();
    }

    /** Drops whole feature maps, like PyTorch's {@code Dropout2d(p)}. */
    static DropoutLayer spatialDropout(double dropProbability) {
        return new DropoutLayer.Builder(new SpatialDropout(HyperParameters.keepProbability(dropProbability))).build();
    }

    static BatchNormalization batchNorm(Activation activation) {
        return new BatchNormalization.Builder().activation(function(activation)).build();
    }
}
