package lab.mnist.runtime.layers;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain ReLU, max(0, x), whose backward pass on large arrays is two vectorised ND4J ops (a step
 * function, then a multiply by the incoming gradient) instead of libnd4j's {@code relu_bp}.
 *
 * <p>Why: {@code relu_bp} in M2.1 calls a {@code std::function} per element. On a LeNet-5 conv
 * output ([64, 6, 28, 28], one thread) it takes 1.50 ms against 0.37 ms for step and multiply,
 * with the same numbers (a zero gradient may be -0 where relu_bp gives +0, which adds alike); a JVM
 * profile of LeNet-5 training had put 6.5% of the time there.
 * Each ND4J op also costs some 15 microseconds of fixed overhead, so small arrays (dense
 * layers) keep the single {@code relu_bp} call. The forward pass is DL4J's own.
 */
public class ReluActivation extends ActivationReLU {
    private static final long serialVersionUID = 1L;

    /** Below this many elements one op beats two (measured crossover: about 20,000). */
    static final long VECTORISED_FROM = 32_768;

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        if (in.length() < VECTORISED_FROM) {
            return super.backprop(in, epsilon);
        }
        assertShape(in, epsilon);
        INDArray dLdz = Nd4j.getExecutioner().exec(new Step(in, in.ulike(), 0.0)); // 1 where x > 0, else 0
        return new Pair<>(dLdz.muli(epsilon), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReluActivation;
    }

    @Override
    public int hashCode() {
        return ReluActivation.class.hashCode();
    }
}
