package lab.mnist.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import lab.mnist.runtime.Compiled;
import lab.mnist.models.ModelZoo;
import lab.mnist.models.HyperParameters;


/**
 * The zoo's ReLU layers use the faster backward pass, which gives DL4J's numbers exactly as floats
 * compare: every element equal, where a zero may carry the other sign (the step function times a
 * negative incoming gradient gives -0 where {@code relu_bp} gives +0; the two add alike).
 */
class ReluActivationTest {

    @Test
    void backwardPassEqualsDl4jsOnLargeAndSmallArrays() {
        Nd4j.getRandom().setSeed(11);
        for (long[] shape : new long[][] {{64, 6, 28, 28}, {64, 120}}) {
            INDArray in = Nd4j.rand(DataType.FLOAT, shape).subi(0.5);
            INDArray epsilon = Nd4j.randn(DataType.FLOAT, shape);
            INDArray expected = new ActivationReLU().backprop(in.dup(), epsilon.dup()).getFirst();
            INDArray actual = new ReluActivation().backprop(in.dup(), epsilon.dup()).getFirst();
            assertSameNumbers(bits(expected), bits(actual), java.util.Arrays.toString(shape));
            assertTrue(actual.sumNumber().doubleValue() != 0, "a gradient that is not all zero");
            assertArrayEquals(bits(new ActivationReLU().getActivation(in.dup(), true)),
                    bits(new ReluActivation().getActivation(in.dup(), true)), "forward, bit for bit");
        }
    }

    @Test
    void everyReluLayerOfTheZooUsesItAndItSurvivesJson() {
        for (String model : ModelZoo.names()) {
            ComputationGraphConfiguration conf = Compiled.build(model, HyperParameters.defaults()).getConfiguration();
            ComputationGraphConfiguration restored = ComputationGraphConfiguration.fromJson(conf.toJson());
            int relus = 0;
            for (var entry : restored.getVertices().entrySet()) {
                if (entry.getValue() instanceof LayerVertex v && v.getLayerConf().getLayer() instanceof BaseLayer layer) {
                    IActivation fn = layer.getActivationFn();
                    if (fn instanceof ActivationReLU) {
                        assertInstanceOf(ReluActivation.class, fn, model + " " + entry.getKey());
                        relus++;
                    }
                }
            }
            assertTrue(relus > 0, model + " has ReLU layers");
        }
    }

    /** Every element equal as IEEE floats ({@code ==}: -0 equals +0, nothing else may differ). */
    private static void assertSameNumbers(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", DL4J's " + expected[i]);
            }
        }
    }

    /** The values in row-major order: {@code INDArray.equals} allows differences up to 1e-5. */
    private static float[] bits(INDArray a) {
        return a.dup('c').data().asFloat();
    }
}
