package lab.mnist.runtime.layers;

import java.util.Collection;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's convolution layer for the first layer of a network, the one that reads the images: its
 * backward pass computes the weight and bias gradients only.
 *
 * <p>DL4J computes every layer's gradient with respect to its input, and libnd4j's
 * {@code conv2d_bp} cannot be told to skip it; for the first layer nothing uses it (PyTorch skips
 * it for inputs that need no gradient). On LeNet-5's first layer (1 to 6 channels, 5x5, batch
 * 64, one thread) {@code conv2d_bp} takes 11.6 ms. The weight gradient alone is a correlation of
 * the input with the output gradient, which is itself a forward convolution: the input with the
 * batch as its channels, [C, N, H, W], by the output gradient as the kernel, [O, N, oH, oW],
 * gives [C, O, kH, kW]. That takes 4.2 ms with oneDNN, and agrees with {@code conv2d_bp} to float
 * rounding. {@link InputWeightGradient} computes the same in Java (1.5 to 2.0 ms against 2.4 to
 * 3.3 for oneDNN with its copies, on an Intel Xeon), and is what dense float arrays on the CPU
 * take; the oneDNN convolution stays for the rest (views, other types). Its two permuted copies
 * are block copies ({@link AxisSwap}), and with one input channel the input and the weight
 * gradient need no copy at all. The layer returns no input
 * gradient (as DL4J's embedding layers do), so it must only read a network input; the zoo uses it
 * for exactly that and a test checks it. Settings this shortcut does not cover (stride or
 * dilation above 1, "same" mode, NHWC, dropout or weight noise on this layer) take DL4J's own
 * backward pass.
 */
public class InputConvolution extends ConvolutionLayer {

    /** For Jackson, when a saved configuration is read. */
    public InputConvolution() {
    }

    public InputConvolution(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        return RuntimeLayers.wire(new Runtime(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    /** The runtime layer: DL4J's, with a backward pass that leaves out the input gradient. */
    public static final class Runtime extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
        private final transient InputWeightGradient javaGradient = new InputWeightGradient();
        private boolean lastBackwardInJava;

        public Runtime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        /** Whether this layer's settings are ones the shortcut covers. */
        public boolean shortcut() {
            ConvolutionLayer c = layerConf();
            return c.getCnn2dDataFormat() == CNN2DFormat.NCHW && convolutionMode != ConvolutionMode.Same
                    && ones(c.getStride()) && ones(c.getDilation()) && c.getIDropout() == null
                    && c.getWeightNoise() == null;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (!shortcut()) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            assertInputSet(true);
            INDArray input = this.input.castTo(dataType);
            INDArray eps = epsilon.castTo(dataType);
            INDArray z = preOutput4d(true, true, workspaceMgr).getFirst(); // [N, O, oH, oW], as DL4J's own pass
            INDArray delta = layerConf().getActivationFn().backprop(z, eps).getFirst();

            INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY); // [O, C, kH, kW]
            INDArray biasGrad = layerConf().hasBias() ? gradientViews.get(ConvolutionParamInitializer.BIAS_KEY) : null;
            int[] pad = layerConf().getPadding();
            lastBackwardInJava = InputWeightGradient.applies(input, delta);
            if (lastBackwardInJava) {
                float[] weights = new float[(int) weightGrad.length()];
                float[] biases = biasGrad == null ? null : new float[(int) biasGrad.length()];
                javaGradient.compute(input, delta, (int) weightGrad.size(2), (int) weightGrad.size(3), pad[0], pad[1],
                        weights, biases);
                weightGrad.assign(Nd4j.create(weights, weightGrad.shape(), 'c'));
                if (biasGrad != null) {
                    biasGrad.assign(Nd4j.create(biases, biasGrad.shape(), 'c'));
                }
            } else {
                convolutionGradient(input, delta, weightGrad, biasGrad, pad);
            }

            Gradient gradient = new DefaultGradient();
            if (biasGrad != null) {
                gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
            }
            gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');
            weightNoiseParams.clear();
            return new Pair<>(gradient, null);
        }

        /** Whether the last backward pass took the Java kernel ({@link InputWeightGradient}), for tests. */
        public boolean lastBackwardInJava() {
            return lastBackwardInJava;
        }

        /** The same gradients through oneDNN, for arrays the Java kernel does not take (views, other types). */
        private void convolutionGradient(INDArray input, INDArray delta, INDArray weightGrad, INDArray biasGrad, int[] pad) {
            long channels = weightGrad.size(1);
            // With one channel (MNIST) the permuted layouts are the same memory: reshapes, no copies,
            // and the convolution writes straight into the gradient view.
            INDArray inputByBatch = channels == 1 && input.ordering() == 'c' && !input.isView()
                    ? input.reshape('c', 1, input.size(0), input.size(2), input.size(3))
                    : AxisSwap.swapLeadingAxes(input); // [C, N, H, W]
            INDArray deltaAsKernel = AxisSwap.swapLeadingAxes(delta); // [O, N, oH, oW]
            INDArray grad = channels == 1
                    ? weightGrad.reshape('c', 1, weightGrad.size(0), weightGrad.size(2), weightGrad.size(3))
                    : Nd4j.createUninitialized(dataType, channels, weightGrad.size(0), weightGrad.size(2),
                            weightGrad.size(3)); // [C, O, kH, kW]
            Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(inputByBatch, deltaAsKernel).addOutputs(grad)
                    .addIntegerArguments((int) delta.size(2), (int) delta.size(3), 1, 1, pad[0], pad[1], 1, 1,
                            0 /* explicit padding */, 0 /* NCHW */, 1 /* weights [O, I, kH, kW] */)
                    .build());
            if (channels != 1) {
                weightGrad.assign(grad.permute(1, 0, 2, 3));
            } else if (!grad.isView()) { // the reshape had to copy
                weightGrad.assign(grad.reshape(weightGrad.shape()));
            }

            if (biasGrad != null) {
                biasGrad.assign(delta.sum(0, 2, 3).reshape(biasGrad.shape()));
            }
        }

        private static boolean ones(int[] values) {
            for (int v : values) {
                if (v != 1) {
                    return false;
                }
            }
            return true;
        }
    }
}
