package lab.mnist.runtime.layers;

import java.util.Collection;
import java.util.function.Supplier;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's subsampling (pooling) layer, run with libnd4j's own pooling kernels instead of oneDNN's,
 * and for 2x2 max pooling with stride 2 (every pooling layer in the zoo) with a training forward
 * pass and a faster backward pass of its own ({@link MaxPool2x2}).
 *
 * <p>Measured on this project's CPU with M2.1's {@code onednn-avx2} build, one thread: oneDNN's
 * {@code maxpool2d} takes 3.65 ms for a [64, 6, 28, 28] input, libnd4j's generic kernel 0.41 ms,
 * while oneDNN's {@code conv2d} is 9x faster than the generic one. libnd4j picks oneDNN for every
 * op while platform helpers are allowed, so this layer switches them off for the duration of its
 * own forward op and of DL4J's backward op where {@link MaxPool2x2} does not apply (CPU only).
 * Max pooling is exact, so the numbers do not change. The switch is global: while it is off, ops on
 * other threads run without oneDNN too. Training on several threads at once (a batch in slices)
 * takes {@link MaxPool2x2} in every pooling layer of the zoo, so only inference, on one thread,
 * uses the switch there; a count of the threads inside keeps it off until the last one leaves.
 * {@code FastPath} puts it in place of DL4J's layer at run time and back for saving, so no saved
 * model names it.
 */
public class GenericPooling extends SubsamplingLayer {

    /** For Jackson, when a saved configuration is read. */
    public GenericPooling() {
    }

    public GenericPooling(SubsamplingLayer.Builder builder) {
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

    private static final Object SWITCH = new Object();
    private static int threadsWithHelpersOff; // guarded by SWITCH
    private static boolean helpersWereAllowed; // guarded by SWITCH: what the last thread to leave restores

    /** Runs {@code work} with libnd4j's platform helpers (oneDNN) off on the CPU backend, then restores them. */
    static <T> T withoutPlatformHelpers(Supplier<T> work) {
        Environment env = Nd4j.getEnvironment();
        if (!env.isCPU()) {
            return work.get();
        }
        synchronized (SWITCH) {
            if (threadsWithHelpersOff++ == 0) {
                helpersWereAllowed = env.helpersAllowed();
                env.allowHelpers(false);
            }
        }
        try {
            return work.get();
        } finally {
            synchronized (SWITCH) {
                if (--threadsWithHelpersOff == 0 && helpersWereAllowed) {
                    env.allowHelpers(true);
                }
            }
        }
    }

    /**
     * The runtime layer: DL4J's, with its two native calls wrapped, and its training forward pass
     * and backward pass replaced where they can be.
     */
    public static final class Runtime extends org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer {
        private final MaxPool2x2 maxPool2x2 = new MaxPool2x2();
        private long javaForwardPasses;
        private long javaBackwardPasses;

        public Runtime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
            maxPool2x2.forget();
            super.setInput(input, workspaceMgr);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            maxPool2x2.forget();
            assertInputSet(false);
            // Training: the Java pass, which records the maxima's positions for the backward pass.
            // Inference: libnd4j's op, which runs on every core there (NativeThreads.forInference).
            if (training && dataType == DataType.FLOAT && MaxPool2x2.applies(layerConf(), convolutionMode, input)) {
                INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                        MaxPool2x2.outputShape(input), 'c');
                maxPool2x2.forward(input, output);
                javaForwardPasses++;
                return output;
            }
            return withoutPlatformHelpers(() -> super.activate(training, workspaceMgr));
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(true);
            // DL4J's layer casts to the layer's type; this path takes float layers given float arrays.
            if (dataType == DataType.FLOAT && MaxPool2x2.applies(layerConf(), convolutionMode, input, epsilon)) {
                INDArray gradIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                        input.shape(), 'c');
                maxPool2x2.backward(input, epsilon, gradIn);
                javaBackwardPasses++;
                return new Pair<>(new DefaultGradient(), gradIn);
            }
            return withoutPlatformHelpers(() -> super.backpropGradient(epsilon, workspaceMgr));
        }

        /** How many training forward passes took {@link MaxPool2x2}: tests check that the zoo's layers do. */
        public long javaForwardPasses() {
            return javaForwardPasses;
        }

        /** How many backward passes took {@link MaxPool2x2}: tests check that the zoo's layers do. */
        public long javaBackwardPasses() {
            return javaBackwardPasses;
        }

        @Override
        public void clear() {
            super.clear();
            maxPool2x2.forget();
        }
    }
}
