package lab.mnist.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import lab.mnist.runtime.Compiled;
import lab.mnist.runtime.ReferenceGraphs;
import lab.mnist.models.ModelZoo;
import lab.mnist.models.ZooModel;
import lab.mnist.models.HyperParameters;


/**
 * The first convolution skips the input gradient, gives DL4J's weight gradients (through the Java kernel),
 * and only ever reads the images.
 */
class InputConvolutionTest {

    @Test
    void everyZooModelReadsTheImagesThroughIt() {
        for (String model : ModelZoo.names()) {
            ComputationGraphConfiguration conf = Compiled.build(model, HyperParameters.defaults()).getConfiguration();
            ComputationGraphConfiguration restored = ComputationGraphConfiguration.fromJson(conf.toJson());
            int found = 0;
            for (var entry : restored.getVertices().entrySet()) {
                if (entry.getValue() instanceof LayerVertex v && v.getLayerConf().getLayer() instanceof InputConvolution) {
                    assertEquals(List.of(ZooModel.INPUT), restored.getVertexInputs().get(entry.getKey()),
                            model + " " + entry.getKey() + " must read the network input: it returns no input gradient");
                    found++;
                }
            }
            if (!model.equals("mlp")) {
                assertEquals(1, found, model + ": its first convolution is an InputConvolution");
            }
        }
    }

    @Test
    void sameGradientsAsDl4jsLayer() {
        for (String model : new String[] {"lenet5", "cnn-pad", "vgg-bn"}) {
            ComputationGraph fast = Compiled.build(model, HyperParameters.defaults());
            String first = firstConvolution(fast.getConfiguration());
            InputConvolution.Runtime runtime = assertInstanceOf(InputConvolution.Runtime.class, fast.getLayer(first));
            assertTrue(runtime.shortcut(), model + ": the shortcut applies to the zoo's settings");

            // The same graph with DL4J's own convolution layer, the same weights.
            ComputationGraphConfiguration conf = fast.getConfiguration().clone();
            LayerVertex vertex = (LayerVertex) conf.getVertices().get(first);
            ConvolutionLayer own = (ConvolutionLayer) vertex.getLayerConf().getLayer();
            ConvolutionLayer plain = new ConvolutionLayer.Builder(own.getKernelSize()).stride(own.getStride())
                    .padding(own.getPadding()).nIn(own.getNIn()).nOut(own.getNOut()).activation(own.getActivationFn())
                    .convolutionMode(own.getConvolutionMode()).build();
            ReferenceGraphs.copyTrainingSettings(first, own, plain);
            vertex.getLayerConf().setLayer(plain);
            ComputationGraph reference = new ComputationGraph(conf);
            reference.init(fast.params().dup(), false);

            Nd4j.getRandom().setSeed(5);
            INDArray batch = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28);
            // A view into a larger array takes oneDNN's path instead of the Java kernel: both are checked.
            INDArray view = Nd4j.rand(DataType.FLOAT, 12, 1, 28, 28).get(NDArrayIndex.interval(3, 11));
            for (INDArray x : List.of(batch, view)) {
                checkGradients(model, first, runtime, reference, fast, x, x == batch);
            }
        }
    }

    private static void checkGradients(String model, String first, InputConvolution.Runtime runtime,
                                       ComputationGraph reference, ComputationGraph fast, INDArray x, boolean java) {
        INDArray labels = Nd4j.eye(10).getRows(0, 1, 2, 3, 4, 5, 6, 7).castTo(DataType.FLOAT);
        Map<String, INDArray> expected = ReferenceGraphs.gradients(reference, x, labels);
        Map<String, INDArray> actual = ReferenceGraphs.gradients(fast, x, labels);
        assertEquals(java, runtime.lastBackwardInJava(), model + ": the weight gradient took the Java kernel");
        // The whole gradient, then the first layer's own weights and bias on their own (a small
        // part of the whole, which a lost bias gradient would hardly move). The bias is measured
        // against the layer's whole gradient: where batch norm follows (vgg-bn) it cannot move the
        // loss, its true gradient is zero, and both layers compute float noise (which differed by
        // 0.38 relative to itself on an Intel Xeon).
        double layerNorm = Math.hypot(expected.get(first + "_W").norm2Number().doubleValue(),
                expected.get(first + "_b").norm2Number().doubleValue());
        for (String key : List.of("all", first + "_W", first + "_b")) {
            double scale = key.endsWith("_b") ? layerNorm : expected.get(key).norm2Number().doubleValue();
            double relative = actual.get(key).distance2(expected.get(key)) / scale;
            assertTrue(relative < 1e-5, model + " " + key + ": relative gradient difference " + relative);
            assertTrue(expected.get(key).norm2Number().doubleValue() > 0, key + ": a gradient that is not zero");
        }
    }

    private static String firstConvolution(ComputationGraphConfiguration conf) {
        return conf.getVertexInputs().entrySet().stream().filter(e -> e.getValue().equals(List.of(ZooModel.INPUT)))
                .map(java.util.Map.Entry::getKey).findFirst().orElseThrow();
    }
}
