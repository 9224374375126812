package lab.mnist.models;

import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PyTorch's default initialisation of {@code Conv2d} and {@code Linear}: weights and biases
 * uniform in +-1/sqrt(fan_in) (kaiming_uniform with a = sqrt(5) gives exactly that bound), so
 * that a seed reproduction starts where the seed started.
 *
 * <p>DL4J initialises biases to a constant, so weights go through {@link Weights} (an
 * {@link IWeightInit} that is part of the saved configuration) and biases through
 * {@link #initBiases}, called once after {@code ComputationGraph.init()}.
 */
public final class TorchInit {
    private TorchInit() {
    }

    /** Weights uniform in +-1/sqrt(fan_in). DL4J passes fan_in = nIn * kernel area for convolutions. */
    public static final class Weights implements IWeightInit {
        private static final long serialVersionUID = 1L;

        @Override
        public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
            double bound = 1.0 / Math.sqrt(fanIn);
            // Nd4j.getRandom() is the generator DL4J seeds with the configuration's seed before init.
            Nd4j.getExecutioner().exec(new UniformDistribution(paramView, -bound, bound), Nd4j.getRandom());
            return paramView.reshape(order, shape);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Weights;
        }

        @Override
        public int hashCode() {
            return Weights.class.hashCode();
        }

        @Override
        public String toString() {
            return "TorchInit.Weights";
        }
    }

    /**
     * Biases of convolution, dense and output layers uniform in +-1/sqrt(fan_in), fan_in read off
     * the weight's shape (dense [nIn, nOut]; convolution [nOut, nIn, kH, kW]).
     */
    public static void initBiases(ComputationGraph graph, long seed) {
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        for (Layer layer : graph.getLayers()) {
            Map<String, INDArray> params = layer.paramTable();
            INDArray w = params.get("W");
            INDArray b = params.get("b");
            if (w == null || b == null) {
                continue; // batch norm and friends keep their own initialisation
            }
            long[] s = w.shape();
            long fanIn = s.length == 4 ? s[1] * s[2] * s[3] : s[0];
            double bound = 1.0 / Math.sqrt(fanIn);
            Nd4j.getExecutioner().exec(new UniformDistribution(b, -bound, bound), random);
        }
    }
}
