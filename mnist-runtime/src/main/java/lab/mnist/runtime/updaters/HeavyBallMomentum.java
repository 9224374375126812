package lab.mnist.runtime.updaters;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * SGD with classical (heavy-ball) momentum exactly as PyTorch's {@code torch.optim.SGD}
 * computes it: {@code v = momentum * v + g; w -= lr * v}. DL4J ships only Nesterov momentum, which
 * the seeds did not use; their reproductions run this.
 */
public final class HeavyBallMomentum implements IUpdater {
    private static final long serialVersionUID = 1L;

    private double learningRate;
    private double momentum;

    public HeavyBallMomentum(@JsonProperty("learningRate") double learningRate, @JsonProperty("momentum") double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public double getMomentum() {
        return momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater<HeavyBallMomentum> instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        u.setStateViewArray(flat, flat.shape(), flat.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater<HeavyBallMomentum> instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Updater u = new Updater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public HeavyBallMomentum clone() {
        return new HeavyBallMomentum(learningRate, momentum);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        if (lrSchedule != null) {
            throw new UnsupportedOperationException("the learning rate is set per epoch by the trainer");
        }
        this.learningRate = lr;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeavyBallMomentum h && h.learningRate == learningRate && h.momentum == momentum;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum);
    }

    @Override
    public String toString() {
        return "HeavyBallMomentum(lr=" + learningRate + ", momentum=" + momentum + ")";
    }

    /** The state is the velocity v, one value per parameter. */
    static final class Updater implements GradientUpdater<HeavyBallMomentum> {
        static final String V_STATE = "V";
        private final HeavyBallMomentum config;
        private final ElementwiseKernel kernel = new ElementwiseKernel();
        private INDArray v;

        Updater(HeavyBallMomentum config) {
            this.config = config;
        }

        @Override
        public HeavyBallMomentum getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> stateMap, boolean initialize) {
            if (!stateMap.containsKey(V_STATE) || stateMap.size() != 1) {
                throw new IllegalStateException("state should hold only [" + V_STATE + "], has " + stateMap.keySet());
            }
            v = stateMap.get(V_STATE);
            if (initialize) {
                v.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            return Collections.singletonMap(V_STATE, v);
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            if (initialize) {
                viewArray.assign(0);
            }
            v = Shape.newShapeNoCopy(viewArray, gradientShape, gradientOrder == 'f');
            if (v == null) {
                throw new IllegalStateException("cannot reshape the updater state to the gradient's shape");
            }
        }

        /**
         * DL4J subtracts the returned gradient from the parameters: return lr * v. In Java where
         * the arrays allow it, with v flushed to zero where it would be denormal (as in
         * {@link FlushingAdam}: a velocity that only decays ends as a denormal that 0.9 times it
         * rounds back to), else with ND4J's ops; both compute the same floats otherwise.
         */
        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            INDArray g = gradient.reshape(v.shape());
            if (!ElementwiseKernel.supports(g, v)) {
                v.muli(config.momentum).addi(g);
                g.assign(v).muli(config.learningRate);
                return;
            }
            float momentum = (float) config.momentum;
            float lr = (float) config.learningRate;
            kernel.run((gs, vs, unused, n) -> {
                for (int i = 0; i < n; i++) {
                    float vi = ElementwiseKernel.flushDenormal(vs[i] * momentum + gs[i]);
                    vs[i] = vi;
                    gs[i] = vi * lr;
                }
            }, g, v, null);
        }
    }
}
