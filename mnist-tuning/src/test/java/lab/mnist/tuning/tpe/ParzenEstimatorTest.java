package lab.mnist.tuning.tpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Kernel widths and densities worked out by hand from Optuna's rules. */
class ParzenEstimatorTest {
    @Test
    void bandwidthsFollowOptunasUnivariateRuleAndMagicClip() {
        // low 0, high 10, centres {2, 3, 7} and the prior's 5: sorted 2 3 5 7.
        // 2 is outermost: distance to its inner neighbour 3 = 1 (the bound 0 is no neighbour:
        // consider_endpoints=False); 3: max(3-2, 5-3) = 2; 7 outermost: 7-5 = 2 (with the bound 10
        // as neighbour it would be 3). Clip: 4 kernels, min = 10 / min(100, 1+4) = 2, max = 10.
        assertArrayEquals(new double[] {2, 2, 2}, ParzenEstimator.bandwidths(new double[] {2, 3, 7}, 0, 10, 0), 1e-12);

        // low 0, high 100, centres {60, 10, 95, 12} and the prior's 50: sorted 10 12 50 60 95.
        // 10: 12-10 = 2; 12: max(2, 38) = 38; 60: max(10, 35) = 35; 95: 95-60 = 35.
        // Clip: 5 kernels, min = 100/6 = 16.67: only 10's width is raised.
        assertArrayEquals(new double[] {35, 100.0 / 6, 35, 38},
                ParzenEstimator.bandwidths(new double[] {60, 10, 95, 12}, 0, 100, 0), 1e-12);

        // An int key 1..5 (step 1), centres {1, 2} and the prior's 3: 1: 2-1 = 1, 2: max(1, 1) = 1.
        // Clip: range 5 - 1 + 1 = 5, 3 kernels, min = 5/4 = 1.25.
        assertArrayEquals(new double[] {1.25, 1.25}, ParzenEstimator.bandwidths(new double[] {1, 2}, 1, 5, 1), 1e-12);
    }

    @Test
    void theMagicClipsFloorStopsAtOneHundredthOfTheRange() {
        // 199 observations at 0 on [0, 100] and the prior at 50: all widths 0 but the last 0's,
        // 50 - 0 = 50 (a stable sort keeps it last); 200 kernels, so min = 100 / min(100, 201) = 1.
        double[] sigmas = ParzenEstimator.bandwidths(new double[199], 0, 100, 0);
        double[] expected = new double[199];
        Arrays.fill(expected, 1.0);
        expected[198] = 50;
        assertArrayEquals(expected, sigmas, 1e-12);
    }

    @Test
    void categoricalProbabilitiesAreOptunasKernelMixture() {
        // 3 choices, observations {0, 0, 2}, weights 1, prior weight 1: mixture weights 1/4 each.
        // 4 kernels: an observation's kernel is 1/4 everywhere + 1 on its choice, over 1.75:
        // 5/7 on it, 1/7 elsewhere; the prior's is 1/3 each.
        // p(0) = (5/7 + 5/7 + 1/7)/4 + 1/12 = 10/21; p(1) = (3/7)/4 + 1/12 = 4/21; p(2) = 7/21.
        ParzenEstimator e = ParzenEstimator.categorical(new int[] {0, 0, 2}, new double[] {1, 1, 1}, 3);
        assertEquals(10.0 / 21, Math.exp(e.logPdf(0)), 1e-12);
        assertEquals(4.0 / 21, Math.exp(e.logPdf(1)), 1e-12);
        assertEquals(7.0 / 21, Math.exp(e.logPdf(2)), 1e-12);
    }

    @Test
    void densitiesAreNormalisedOnTheSpace() {
        ParzenEstimator continuous = ParzenEstimator.numerical(new double[] {0.5, 9.9, 3}, new double[] {1, 0.5, 1}, 0, 10, 0);
        int steps = 100_000;
        double integral = 0;
        for (int i = 0; i < steps; i++) {
            integral += Math.exp(continuous.logPdf((i + 0.5) * 10.0 / steps)) * 10.0 / steps;
        }
        assertEquals(1, integral, 1e-6);

        ParzenEstimator discrete = ParzenEstimator.numerical(new double[] {1, 1, 5}, new double[] {1, 1, 1}, 1, 5, 1);
        double mass = 0;
        for (int k = 1; k <= 5; k++) {
            mass += Math.exp(discrete.logPdf(k));
        }
        assertEquals(1, mass, 1e-12);
    }
}
