package lab.mnist.runtime.updaters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;

import lab.mnist.models.HyperParameters;
import lab.mnist.models.ModelZoo;

class HeavyBallMomentumTest {
    @Test
    void updatesLikeTorchOptimSgd() {
        HeavyBallMomentum config = new HeavyBallMomentum(0.1, 0.9);
        INDArray state = Nd4j.zeros(1, 2);
        GradientUpdater<HeavyBallMomentum> u = config.instantiate(state, true);
        INDArray g1 = Nd4j.createFromArray(1f, -2f).reshape(1, 2);
        u.applyUpdater(g1, 0, 0);                       // v = g1 = (1, -2); step = lr * v
        assertEquals(0.1, g1.getDouble(0), 1e-6);
        INDArray g2 = Nd4j.createFromArray(1f, 0f).reshape(1, 2);
        u.applyUpdater(g2, 1, 0);                       // v = 0.9 * (1, -2) + (1, 0) = (1.9, -1.8)
        assertEquals(0.19, g2.getDouble(0), 1e-6);
        assertEquals(-0.18, g2.getDouble(1), 1e-6);
    }

    /** The Java path computes what ND4J's ops computed before it, bit for bit, on a [1, n] view. */
    @Test
    void javaPathGivesNd4jsOpsBitForBit() {
        int n = 10_000;
        HeavyBallMomentum config = new HeavyBallMomentum(0.003, 0.9);
        INDArray state = Nd4j.zeros(DataType.FLOAT, 1, n + 5);
        GradientUpdater<HeavyBallMomentum> u = config.instantiate(
                state.get(NDArrayIndex.point(0), NDArrayIndex.interval(5, n + 5)).reshape(1, n), true);
        INDArray v = Nd4j.zeros(DataType.FLOAT, 1, n);
        Nd4j.getRandom().setSeed(5);
        for (int step = 0; step < 5; step++) {
            INDArray g = Nd4j.randn(DataType.FLOAT, 1, n).muli(0.01);
            INDArray expected = g.dup();
            v.muli(config.getMomentum()).addi(expected);
            expected.assign(v).muli(config.getLearningRate());
            u.applyUpdater(g, step, 0);
            assertArrayEquals(expected.toFloatVector(), g.toFloatVector(), 0f, "step " + step);
        }
    }

    @Test
    void flushesADenormalVelocityToZero() {
        HeavyBallMomentum config = new HeavyBallMomentum(0.01, 0.9);
        INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 4).assign(Float.MIN_VALUE);
        GradientUpdater<HeavyBallMomentum> u = config.instantiate(state, false);
        INDArray g = Nd4j.zeros(DataType.FLOAT, 1, 4);
        u.applyUpdater(g, 0, 0);
        assertEquals(0f, state.amaxNumber().floatValue(), "0.9 times the smallest denormal would round back to it");
        assertEquals(0f, g.amaxNumber().floatValue());
    }

    @Test
    void survivesTheConfigurationJsonRoundTrip() {
        ComputationGraphConfiguration conf = ModelZoo.get("lenet5").configuration(HyperParameters.defaults(),
                new HeavyBallMomentum(0.01, 0.9), 1);
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
    }
}
