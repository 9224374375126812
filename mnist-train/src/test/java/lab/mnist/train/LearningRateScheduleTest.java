package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import lab.mnist.train.config.Sections;

/**
 * The learning rate of every epoch, against values worked out by hand from each schedule's
 * definition (PyTorch's StepLR, ExponentialLR and CosineAnnealingLR stepped once per epoch).
 */
class LearningRateScheduleTest {
    private static final Sections.Optimizer SGD = new Sections.Optimizer("sgd", 0.1, null, null, null, null, null);

    private static double[] rates(Sections.Schedule schedule, int epochs) {
        double[] out = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            out[e] = Optimizers.learningRate(SGD, schedule, e, epochs);
        }
        return out;
    }

    @Test
    void noneKeepsTheRate() {
        double[] r = rates(new Sections.Schedule("none", null, null, null, null), 4);
        for (double lr : r) {
            assertEquals(0.1, lr, 0.0);
        }
    }

    @Test
    void stepMultipliesEveryStepEpochs() {
        double[] r = rates(new Sections.Schedule("step", 2, 0.5, null, null), 5);
        assertEquals(0.1, r[0], 0.0);
        assertEquals(0.1, r[1], 0.0);
        assertEquals(0.05, r[2], 1e-15);
        assertEquals(0.05, r[3], 1e-15);
        assertEquals(0.025, r[4], 1e-15);
    }

    @Test
    void exponentialMultipliesEveryEpoch() {
        double[] r = rates(new Sections.Schedule("exponential", null, 0.9, null, null), 3);
        assertEquals(0.1, r[0], 0.0);
        assertEquals(0.09, r[1], 1e-15);
        assertEquals(0.081, r[2], 1e-15);
    }

    /** T_max = 4 epochs: 0.1 * (1 + cos(pi * e / 4)) / 2 for e = 0..3; the last epoch is not at minLr. */
    @Test
    void cosineEndsOneEpochAfterTheLastSoTheLastEpochStillLearns() {
        double[] r = rates(new Sections.Schedule("cosine", null, null, null, null), 4);
        assertEquals(0.1, r[0], 1e-15);
        assertEquals(0.1 * (1 + Math.sqrt(0.5)) / 2, r[1], 1e-15); // 0.085355...
        assertEquals(0.05, r[2], 1e-15);
        assertEquals(0.1 * (1 - Math.sqrt(0.5)) / 2, r[3], 1e-15); // 0.014645...
        assertTrue(r[3] > 0, "the last epoch trains above minLr 0");

        double[] floor = rates(new Sections.Schedule("cosine", null, null, 0.01, null), 4);
        assertEquals(0.01 + 0.09 * (1 - Math.sqrt(0.5)) / 2, floor[3], 1e-15);
    }

    /** Warm-up from lr/10 linearly, then the schedule over the epochs that are left. */
    @Test
    void warmUpThenCosine() {
        double[] r = rates(new Sections.Schedule("cosine", null, null, null, 2), 6);
        assertEquals(0.01, r[0], 1e-15);
        assertEquals(0.055, r[1], 1e-15);
        assertEquals(0.1, r[2], 1e-15);
        assertEquals(0.1 * (1 + Math.sqrt(0.5)) / 2, r[3], 1e-15);
        assertEquals(0.05, r[4], 1e-15);
        assertEquals(0.1 * (1 - Math.sqrt(0.5)) / 2, r[5], 1e-15);
    }

    @Test
    void oneCycleMatchesPyTorchsOneCycleLrStepByStep() {
        // PyTorch 1.13: OneCycleLR(Adam(lr=0.01), max_lr=0.01, total_steps=10, cycle_momentum=False), the lr
        // of each of the 10 steps (printed by torch, defaults pct_start 0.3, div 25, final div 1e4, cos).
        double[] torch = {0.0003999999999999993, 0.0052, 0.01, 0.009504846320134737, 0.008117456539497631,
            0.0061126202193628925, 0.003887419780637108, 0.00188258346050237, 0.0004951936798652628, 4e-08};
        Sections.Optimizer adam = new Sections.Optimizer("adam", 0.01, null, null, null, null, null);
        Sections.Schedule oneCycle = new Sections.Schedule("onecycle", null, null, null, null);
        assertTrue(oneCycle.perStep());
        for (int step = 0; step < torch.length; step++) {
            assertEquals(torch[step], Optimizers.stepLearningRate(adam, oneCycle, step, torch.length), 1e-15,
                    "step " + step);
        }
    }
}
