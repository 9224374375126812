package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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

    @Test
    void survivesTheConfigurationJsonRoundTrip() {
        ComputationGraphConfiguration conf = ModelZoo.get("lenet5").configuration(HyperParameters.defaults(),
                new HeavyBallMomentum(0.01, 0.9), 1);
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
    }
}
