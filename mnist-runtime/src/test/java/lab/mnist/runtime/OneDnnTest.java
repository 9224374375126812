package lab.mnist.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.junit.jupiter.api.Test;

import lab.mnist.models.ModelZoo;
import lab.mnist.models.HyperParameters;

/**
 * Fails if the fast path silently switches off: the CPU build we ship is the oneDNN one, so the
 * capability check must pass and every convolution, pooling and batch-norm layer must have a helper.
 */
class OneDnnTest {
    @Test
    void capabilityCheckPassesOnTheOneDnnBuild() {
        ModelZoo.names(); // class init sets the property
        assertTrue(OneDnn.requested(), "helpers requested");
        assertTrue(BaseMKLDNNHelper.mklDnnEnabled(), "DL4J's oneDNN check must pass (shim org.nd4j.nativeblas.Nd4jCpu)");
    }

    @Test
    void convolutionAndPoolingLayersRunThroughOneDnn() {
        ComputationGraph lenet = Compiled.build("lenet5", HyperParameters.defaults());
        for (String name : new String[] {"conv1", "pool1", "conv2", "pool2"}) {
            assertNotNull(lenet.getLayer(name).getHelper(), name + " has no oneDNN helper: the slow path is back");
        }
        ComputationGraph vgg = Compiled.build("vgg-bn", HyperParameters.defaults());
        assertNotNull(vgg.getLayer("bn1").getHelper(), "batch norm helper");
        assertEquals(4, OneDnn.helperCount(lenet) - countHelpersOfDense(lenet));
    }

    private static int countHelpersOfDense(ComputationGraph graph) {
        int n = 0;
        for (String name : new String[] {"dense1", "dense2", "output"}) {
            if (graph.getLayer(name).getHelper() != null) {
                n++;
            }
        }
        return n;
    }
}
