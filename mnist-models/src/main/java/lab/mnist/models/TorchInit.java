package lab.mnist.models;

import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PyTorch's default initialisation of {@code Conv2d} and {@code Linear}: weights and biases
 * uniform in +-1/sqrt(fan_in) (kaiming_uniform with a = sqrt(5) gives exactly that bound), so
 * that a seed reproduction starts where the seed started.
 *
 * <p>Both halves are stock DL4J, so a saved configuration names no class of ours: the weights
 * through DL4J's {@link WeightInitDistribution} with a {@link UniformDistribution} whose bounds
 * are each layer's ({@link #weights}), drawn from the generator DL4J seeds with the
 * configuration's seed; the biases, which DL4J initialises to a constant, by {@link #initBiases}
 * once after {@code ComputationGraph.init()}, into the parameters themselves.
 */
public final class TorchInit {
    private TorchInit() {
    }

    /**
     * Gives every convolution, dense and output layer of {@code conf} uniform weights in
     * +-1/sqrt(fan_in), fan_in as DL4J computes it (nIn times the kernel area for a convolution).
     * The layers' nIn must be known: call it on a built configuration.
     */
    public static ComputationGraphConfiguration weights(ComputationGraphConfiguration conf) {
        for (GraphVertex vertex : conf.getVertices().values()) {
            if (vertex instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof FeedForwardLayer layer
                    && !(layer instanceof BatchNormalization)) {
                long fanIn = layer.getNIn();
                if (layer instanceof ConvolutionLayer conv) {
                    fanIn *= (long) conv.getKernelSize()[0] * conv.getKernelSize()[1];
                }
                double bound = 1.0 / Math.sqrt(fanIn);
                layer.setWeightInitFn(new WeightInitDistribution(new UniformDistribution(-bound, bound)));
            }
        }
        return conf;
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
            Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.random.impl.UniformDistribution(b, -bound, bound),
                    random);
        }
    }
}
