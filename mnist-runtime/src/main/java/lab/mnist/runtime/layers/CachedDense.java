package lab.mnist.runtime.layers;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's dense layer, keeping its pre-activation from the forward pass for the backward pass, as
 * {@code CacheMode} makes convolutions do, instead of computing it again there.
 *
 * <p>Why: DL4J's {@code BaseLayer.backpropGradient} (M2.1) recomputes {@code z = xW + b}, a matrix
 * product, a copy and a bias add, only to take the activation's derivative at z. In a LeNet-5
 * training step that recomputation was 4.5% of the training thread's time (async-profiler, two
 * dense layers), and for the MLP it is a third of its matrix products. Here the forward pass writes
 * ReLU(z) to a new array instead of over z and keeps z: the same op count, the same outputs bit for
 * bit, and the backward pass is DL4J's with that z, except that it writes its two matrix products
 * into c-ordered arrays (3 to 4 times faster in libnd4j than DL4J's f-ordered ones). Those come from
 * other BLAS kernels, so the gradients differ from DL4J's by float rounding (up to 6e-7 relative,
 * {@code CachedDenseTest}).
 *
 * <p>It applies to layers with {@link ReluActivation} (the zoo's ReLU), no layer normalisation and
 * no mask, and only when the backward pass follows a training forward pass on the same input.
 * Identity layers (cnn-pad's dense layer) need no z: their backward pass is this one with the
 * output gradient as delta, where DL4J's recomputes z only to pass it by. Anything else runs
 * DL4J's own code. z lives in the activations workspace, like the layer's
 * output, which DL4J keeps open from the forward pass through the backward pass. {@code FastPath}
 * puts it in place of DL4J's dense layer at run time and back for saving, so no saved model names it.
 */
public class CachedDense extends DenseLayer {

    /** For Jackson, when a saved configuration is read. */
    public CachedDense() {
    }

    /**
     * The same layer as {@code built}: DL4J's constructor from a builder is private, so the built
     * layer's settings are copied field by field (all of them, from DenseLayer up to DL4J's Layer).
     */
    public CachedDense(DenseLayer built) {
        for (Class<?> type = DenseLayer.class; type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    field.set(this, field.get(built));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot copy DenseLayer." + field.getName(), e);
                }
            }
        }
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        return RuntimeLayers.wire(new Runtime(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    /** The runtime layer: DL4J's, with the training forward pass keeping z and the backward pass using it. */
    public static final class Runtime extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {
        /** z from this step's training forward pass, and the input it was computed from. */
        private INDArray preActivation;
        private INDArray preActivationInput;
        private boolean lastBackwardReused;
        private boolean lastBackwardOwn;

        public Runtime(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        /** Whether this layer's settings are ones whose z can be kept. */
        public boolean keepsPreActivation() {
            return layerConf().getActivationFn() instanceof ReluActivation && !hasLayerNorm() && maskArray == null;
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            forget();
            if (!training || !keepsPreActivation()) {
                return super.activate(training, workspaceMgr);
            }
            INDArray z = preOutput(true, workspaceMgr); // BaseLayer.activate's first step, dropout included
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, z.dataType(), z.shape(), z.ordering());
            // ReluActivation.getActivation is this op with z as its output too.
            Nd4j.getExecutioner().exec(new RectifiedLinear(z, out));
            preActivation = z;
            preActivationInput = input;
            return out;
        }

        /**
         * Whether the backward pass needs no z at all: an identity layer's derivative is 1, and
         * DL4J's recomputes z (a matrix product and a bias add) only to pass it by.
         */
        public boolean needsNoPreActivation() {
            return layerConf().getActivationFn() instanceof ActivationIdentity && !hasLayerNorm() && maskArray == null;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            INDArray z = preActivation;
            lastBackwardReused = z != null && input == preActivationInput && keepsPreActivation();
            forget();
            lastBackwardOwn = lastBackwardReused || needsNoPreActivation();
            if (!lastBackwardOwn) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            assertInputSet(true);
            // BaseLayer.backpropGradient from here on, less its layer-norm and mask branches.
            INDArray delta = lastBackwardReused ? layerConf().getActivationFn().backprop(z, epsilon).getFirst() : epsilon;
            Gradient gradient = new DefaultGradient();
            if (hasBias()) {
                INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
                delta.sum(biasGrad, 0);
                gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
            }
            // Both products are written into c-ordered arrays: libnd4j's gemm takes 3 to 4 times as long
            // to write an f-ordered one (LeNet-5's first layer: 250 to 340 us against 60 to 90 us, one
            // thread), which is how DL4J writes both.
            INDArray weights = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
            INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    new long[] {delta.size(0), weights.size(0)}, 'c');
            Nd4j.gemm(delta, weights, epsilonNext, false, true, 1.0, 0.0); // delta W^T
            // The f-ordered [nIn, nOut] gradient view is a c-ordered [nOut, nIn] one, transposed.
            INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
            Nd4j.gemm(delta, input.castTo(weightGrad.dataType()), weightGrad.transpose(), true, false, 1.0, 0.0);
            gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
            weightNoiseParams.clear();
            return new Pair<>(gradient, backpropDropOutIfPresent(epsilonNext));
        }

        /** Whether the last backward pass used the forward pass's z, for tests. */
        public boolean lastBackwardReused() {
            return lastBackwardReused;
        }

        /** Whether the last backward pass was this class's (z kept or not needed), for tests. */
        public boolean lastBackwardOwn() {
            return lastBackwardOwn;
        }

        @Override
        public void clear() {
            super.clear();
            forget();
        }

        private void forget() {
            preActivation = null;
            preActivationInput = null;
        }
    }
}
