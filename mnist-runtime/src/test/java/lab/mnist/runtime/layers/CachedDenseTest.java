package lab.mnist.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import lab.mnist.runtime.Compiled;
import lab.mnist.runtime.ReferenceGraphs;
import lab.mnist.models.HyperParameters;


/**
 * The zoo's dense layers keep their pre-activation for the backward pass, and give DL4J's own dense
 * layer's outputs bit for bit and its gradients up to float rounding (their products are written
 * in another order, which libnd4j computes with other kernels).
 */
class CachedDenseTest {

    @Test
    void sameGradientsAsDl4jsDenseLayer() {
        // LeNet-5 and the MLP with and without dropout, cnn-pad (an identity dense layer: no z needed).
        List<Map.Entry<String, HyperParameters>> cases = List.of(Map.entry("lenet5", HyperParameters.defaults()),
                Map.entry("mlp", HyperParameters.defaults()), Map.entry("mlp", HyperParameters.defaults().withDropout(0.3)),
                Map.entry("cnn-pad", HyperParameters.defaults()));
        for (var c : cases) {
            String model = c.getKey();
            ComputationGraph fast = Compiled.build(model, c.getValue());
            List<String> dense = denseLayers(fast.getConfiguration());
            assertFalse(dense.isEmpty(), model + " has dense layers");

            ComputationGraph reference = withDl4jsDenseLayers(fast);
            Nd4j.getRandom().setSeed(5);
            INDArray x = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28).subi(0.3);
            INDArray labels = Nd4j.eye(10).getRows(0, 1, 2, 3, 4, 5, 6, 7).castTo(DataType.FLOAT);
            Map<String, INDArray> expected = ReferenceGraphs.gradients(reference, x, labels);
            Map<String, INDArray> actual = ReferenceGraphs.gradients(fast, x, labels);
            for (String name : dense) {
                CachedDense.Runtime runtime = assertInstanceOf(CachedDense.Runtime.class, fast.getLayer(name));
                boolean relu = runtime.keepsPreActivation();
                assertEquals(relu, runtime.lastBackwardReused(), model + " " + name + ": z kept exactly for ReLU layers");
                assertEquals(!model.equals("cnn-pad"), relu, model + " " + name + ": the zoo's ReLU is ReluActivation");
                assertTrue(runtime.lastBackwardOwn(), model + " " + name
                        + ": the layer's own backward pass (z kept, or not needed by an identity layer)");
            }
            assertEquals(expected.keySet(), actual.keySet());
            for (String key : expected.keySet()) {
                assertClose(expected.get(key), actual.get(key), model + " " + key);
                assertTrue(expected.get(key).norm2Number().doubleValue() > 0, key + ": a gradient that is not zero");
            }
            // Inference takes DL4J's own forward pass: the same outputs too.
            assertArrayEquals(reference.outputSingle(x).data().asFloat(), fast.outputSingle(x).data().asFloat(),
                    model + ": the same output");
        }
    }

    @Test
    void aNewInputBeforeTheBackwardPassTakesDl4jsPath() {
        ComputationGraph graph = Compiled.build("mlp", HyperParameters.defaults());
        graph.initGradientsView(); // the layers' gradient arrays, which a fit would make
        String name = denseLayers(graph.getConfiguration()).get(0);
        CachedDense.Runtime layer = (CachedDense.Runtime) graph.getLayer(name);
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        long inputs = layer.getParam("W").size(0);
        Nd4j.getRandom().setSeed(3);
        INDArray first = Nd4j.randn(DataType.FLOAT, 4, inputs);
        INDArray second = Nd4j.randn(DataType.FLOAT, 4, inputs);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, 4, layer.getParam("W").size(1));

        layer.activate(first, true, noWorkspaces);
        layer.setInput(second, noWorkspaces); // z belongs to the first input now
        INDArray fromKept = layer.backpropGradient(epsilon, noWorkspaces).getSecond().dup();
        assertFalse(layer.lastBackwardReused(), "z of another input must not be used");

        layer.activate(second, true, noWorkspaces);
        INDArray reused = layer.backpropGradient(epsilon, noWorkspaces).getSecond().dup();
        assertTrue(layer.lastBackwardReused());
        assertClose(fromKept, reused, "both passes give the gradient for the second input:");

        layer.activate(second, false, noWorkspaces); // inference keeps nothing
        layer.backpropGradient(epsilon, noWorkspaces);
        assertFalse(layer.lastBackwardReused());
    }

    @Test
    void keepsEveryDl4jSettingAndSurvivesJson() {
        DenseLayer built = new DenseLayer.Builder().nIn(7).nOut(3).hasBias(false).dropOut(0.8).biasInit(0.25)
                .activation(new lab.mnist.runtime.layers.ReluActivation()).name("d").build();
        CachedDense copy = new CachedDense(built);
        assertEquals(built, copy, "every field copied");
        ComputationGraph graph = Compiled.build("lenet5", HyperParameters.defaults());
        ComputationGraphConfiguration restored = ComputationGraphConfiguration.fromJson(graph.getConfiguration().toJson());
        for (String name : denseLayers(graph.getConfiguration())) {
            assertInstanceOf(CachedDense.class, ((LayerVertex) restored.getVertices().get(name)).getLayerConf().getLayer());
        }
    }

    /**
     * Equal up to float rounding: relative differences of up to 6e-7 on an Intel Xeon (LeNet-5's
     * conv2 bias, downstream of the dense layers), 1e-5 allowed as for {@code InputConvolutionTest};
     * a gradient computed from another input or left unwritten differs by order 1.
     */
    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double relative = actual.distance2(expected) / expected.norm2Number().doubleValue();
        assertTrue(relative < 1e-5, what + ": relative gradient difference " + relative);
    }

    /** The same graph and weights with each CachedDense replaced by DL4J's DenseLayer of the same settings. */
    private static ComputationGraph withDl4jsDenseLayers(ComputationGraph fast) {
        ComputationGraphConfiguration conf = fast.getConfiguration().clone();
        for (String name : denseLayers(conf)) {
            LayerVertex vertex = (LayerVertex) conf.getVertices().get(name);
            CachedDense own = (CachedDense) vertex.getLayerConf().getLayer();
            DenseLayer plain = new DenseLayer.Builder().nIn(own.getNIn()).nOut(own.getNOut())
                    .activation(own.getActivationFn()).hasBias(own.hasBias()).build();
            plain.setIDropout(own.getIDropout());
            ReferenceGraphs.copyTrainingSettings(name, own, plain);
            vertex.getLayerConf().setLayer(plain);
        }
        ComputationGraph reference = new ComputationGraph(conf);
        reference.init(fast.params().dup(), false);
        for (String name : denseLayers(conf)) {
            Layer layer = reference.getLayer(name);
            assertFalse(layer instanceof CachedDense.Runtime);
        }
        return reference;
    }

    private static List<String> denseLayers(ComputationGraphConfiguration conf) {
        List<String> names = new ArrayList<>();
        conf.getVertices().forEach((name, vertex) -> {
            if (vertex instanceof LayerVertex v && v.getLayerConf().getLayer() instanceof DenseLayer) {
                names.add(name);
            }
        });
        return names;
    }
}
