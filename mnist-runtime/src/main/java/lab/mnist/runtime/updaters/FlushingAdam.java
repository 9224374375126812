package lab.mnist.runtime.updaters;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DL4J's Adam with its update computed in Java and the moment estimates flushed to zero where
 * they would be denormal.
 *
 * <p>Why: a parameter whose gradient stays zero (a dead ReLU unit's weights) has its first moment
 * multiplied by 0.9 every step, and in float it ends as a denormal that never reaches zero
 * (0.9 times the smallest denormal rounds back to it). CPUs compute denormals on a slow path: on
 * cnn-pad, 115,000 of the 421,642 first moments were denormal after 500 steps and a training step
 * went from 21.9 to 29.6 ms. Flushing them changes no parameter: the update such a moment gives is
 * below 1e-30, far under half a unit in the last place of any weight it would be subtracted from.
 *
 * <p>Otherwise the arithmetic is libnd4j's {@code adam_updater}, operation for operation, including
 * the fused multiply-adds its CPU build uses, so that every other element is bit for bit what DL4J's
 * Adam gives (a test compares the two). The Java loop also runs in about 60% of the op's time on
 * cnn-pad's parameters, before any denormal appears. Other backends and layouts take DL4J's op.
 */
public class FlushingAdam extends Adam {
    private static final long serialVersionUID = 1L;

    /** For Jackson, which reads the fields through the setters. */
    public FlushingAdam() {
    }

    /** DL4J's default betas and epsilon. */
    public FlushingAdam(double learningRate) {
        super(learningRate);
    }

    public FlushingAdam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        // As DL4J's Adam does it: the flat state holds m and v, each the gradient's length.
        Updater u = new Updater(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        u.setStateViewArray(flat, new long[] {flat.length() / 2}, flat.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Updater u = new Updater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public FlushingAdam clone() {
        return new FlushingAdam(getLearningRate(), getBeta1(), getBeta2(), getEpsilon());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlushingAdam && super.equals(o);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof FlushingAdam;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 1;
    }

    @Override
    public String toString() {
        return "Flushing" + super.toString();
    }

    static final class Updater extends AdamUpdater {
        private final ElementwiseKernel kernel = new ElementwiseKernel();

        Updater(Adam config) {
            super(config);
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            INDArray m = getM();
            INDArray v = getV();
            if (m == null || v == null || !ElementwiseKernel.supports(gradient, v, m)) {
                super.applyUpdater(gradient, iteration, epoch);
                return;
            }
            Adam c = getConfig();
            // As libnd4j computes them: the constants in float, the bias correction folded into the step.
            float lr = (float) c.getLearningRate(iteration, epoch);
            float beta1 = (float) c.getBeta1();
            float beta2 = (float) c.getBeta2();
            float epsilon = (float) c.getEpsilon();
            // The powers from libnd4j's own pow (glibc's powf): Java's Math.pow differs from it by a
            // unit in the last place now and then (at step 3,606 of cnn-pad's Adam, for one), and
            // one different step size sends the whole run down another path.
            float[] powers = Transforms.pow(Nd4j.createFromArray(beta1, beta2), iteration + 1f, false).toFloatVector();
            float beta1T = powers[0];
            float beta2T = powers[1];
            float step = (float) (lr * (float) Math.sqrt((float) (1.0 - beta2T)) / (1.0 - beta1T));
            if (Float.isNaN(step) || Float.isInfinite(step) || step == 0) {
                step = epsilon;
            }
            float stepSize = step;
            float keep1 = 1 - beta1;
            float keep2 = 1 - beta2;
            kernel.run((g, vs, ms, n) -> {
                for (int i = 0; i < n; i++) {
                    float gi = g[i];
                    float mi = ElementwiseKernel.flushDenormal(Math.fma(beta1, ms[i], gi * keep1));
                    float vi = ElementwiseKernel.flushDenormal(Math.fma(beta2, vs[i], gi * gi * keep2));
                    ms[i] = mi;
                    vs[i] = vi;
                    g[i] = mi * stepSize / ((float) Math.sqrt(vi) + epsilon);
                }
            }, gradient, v, m);
        }
    }
}
