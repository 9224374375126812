package lab.mnist.runtime;

import java.util.HashMap;
import java.util.Map;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** For tests that compare a zoo layer with DL4J's own layer in an otherwise identical graph. */
public final class ReferenceGraphs {
    private ReferenceGraphs() {
    }

    /** Gives DL4J's {@code plain} layer the name, updaters and regularization of the zoo's {@code own}. */
    public static void copyTrainingSettings(String name, BaseLayer own, BaseLayer plain) {
        plain.setLayerName(name);
        plain.setIUpdater(own.getIUpdater());
        plain.setBiasUpdater(own.getBiasUpdater());
        plain.setRegularization(own.getRegularization());
        plain.setRegularizationBias(own.getRegularizationBias());
    }

    /** Every variable's gradient for one batch, and the whole gradient under "all", copied out of the graph. */
    public static Map<String, INDArray> gradients(ComputationGraph graph, INDArray x, INDArray labels) {
        Nd4j.getRandom().setSeed(17); // the same dropout masks for both graphs
        graph.setInputs(x);
        graph.setLabels(labels);
        graph.computeGradientAndScore();
        Map<String, INDArray> out = new HashMap<>();
        graph.gradient().gradientForVariable().forEach((key, value) -> out.put(key, value.dup()));
        out.put("all", graph.gradient().gradient().dup());
        return out;
    }
}
