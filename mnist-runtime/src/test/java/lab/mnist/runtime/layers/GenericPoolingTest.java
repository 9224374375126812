package lab.mnist.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import lab.mnist.runtime.Compiled;
import lab.mnist.models.HyperParameters;


/** The zoo's pooling runs on libnd4j's own kernel, gives DL4J's numbers, and leaves oneDNN on for the rest. */
class GenericPoolingTest {

    @Test
    void theZoosPoolingLayersAreTheFastOnes() {
        for (String model : new String[] {"lenet5", "cnn-basic", "cnn-wide", "cnn-pad", "vgg-bn"}) {
            ComputationGraph g = Compiled.build(model, HyperParameters.defaults());
            long pools = java.util.Arrays.stream(g.getLayers())
                    .filter(l -> l instanceof org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer).count();
            long fast = java.util.Arrays.stream(g.getLayers()).filter(l -> l instanceof GenericPooling.Runtime).count();
            assertTrue(pools > 0, model);
            assertEquals(pools, fast, model + ": every pooling layer is GenericPooling");
        }
    }

    @Test
    void sameOutputAndGradientAsDl4jsLayerAndHelpersStayOn() {
        ComputationGraph lenet = Compiled.build("lenet5", HyperParameters.defaults());
        assertInstanceOf(GenericPooling.Runtime.class, lenet.getLayer("pool1"));
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 1, 28, 28);
        INDArray labels = Nd4j.eye(10).getRows(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5).castTo(DataType.FLOAT);
        INDArray out = lenet.outputSingle(false, x).dup();
        lenet.setInputs(x);
        lenet.setLabels(labels);
        // Twice: DL4J's first pass allocates outside its workspaces, the second inside them, as in training.
        lenet.computeGradientAndScore();
        lenet.computeGradientAndScore();
        INDArray gradient = lenet.gradient().gradient().dup();
        assertTrue(Nd4j.getEnvironment().helpersAllowed(), "oneDNN is back on after pooling");
        for (String pool : new String[] {"pool1", "pool2"}) {
            GenericPooling.Runtime layer = (GenericPooling.Runtime) lenet.getLayer(pool);
            assertEquals(2, layer.javaForwardPasses(), pool + "'s training forward pass took MaxPool2x2 both times");
            assertEquals(2, layer.javaBackwardPasses(),
                    pool + "'s backward pass took the Java kernel (MaxPool2x2) both times");
        }

        // The same graph with DL4J's own pooling layers (oneDNN pooling), the same weights.
        var conf = lenet.getConfiguration().clone();
        for (String name : new String[] {"pool1", "pool2"}) {
            var vertex = (org.deeplearning4j.nn.conf.graph.LayerVertex) conf.getVertices().get(name);
            SubsamplingLayer fast = (SubsamplingLayer) vertex.getLayerConf().getLayer();
            SubsamplingLayer plain = new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(2, 2).stride(2, 2).convolutionMode(fast.getConvolutionMode()).build();
            plain.setLayerName(name);
            vertex.getLayerConf().setLayer(plain);
        }
        ComputationGraph reference = new ComputationGraph(conf);
        reference.init(lenet.params().dup(), false);
        assertTrue(!(reference.getLayer("pool1") instanceof GenericPooling.Runtime));
        assertArrayEquals(out.dup('c').data().asFloat(), reference.outputSingle(false, x).dup('c').data().asFloat(),
                "forward, bit for bit (max pooling is exact)");
        reference.setInputs(x);
        reference.setLabels(labels);
        reference.computeGradientAndScore();
        assertEquals(0, gradient.distance1(reference.gradient().gradient()) / gradient.length(), 1e-6, "gradient");
    }
}
