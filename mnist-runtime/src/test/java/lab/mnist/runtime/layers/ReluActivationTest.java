package lab.mnist.runtime.layers;

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


/** The zoo's ReLU layers use the faster backward pass, which gives DL4J's numbers exactly. */
class ReluActivationTest {

    @Test
    void backwardPassEqualsDl4jsOnLargeAndSmallArrays() {
        Nd4j.getRandom().setSeed(11);
        for (long[] shape : new long[][] {{64, 6, 28, 28}, {64, 120}}) {
            INDArray in = Nd4j.rand(DataType.FLOAT, shape).subi(0.5);
            INDArray epsilon = Nd4j.randn(DataType.FLOAT, shape);
            INDArray expected = new ActivationReLU().backprop(in.dup(), epsilon.dup()).getFirst();
            INDArray actual = new ReluActivation().backprop(in.dup(), epsilon.dup()).getFirst();
            assertEquals(expected, actual, java.util.Arrays.toString(shape));
            assertTrue(actual.sumNumber().doubleValue() != 0, "a gradient that is not all zero");
            assertEquals(new ActivationReLU().getActivation(in.dup(), true), new ReluActivation().getActivation(in.dup(), true));
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
}
