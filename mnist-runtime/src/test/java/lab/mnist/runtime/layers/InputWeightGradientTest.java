package lab.mnist.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The Java weight and bias gradients agree with libnd4j's {@code conv2d_bp} on many shapes, on one and two threads. */
class InputWeightGradientTest {

    @Test
    void agreesWithConv2dBp() {
        int threads = Nd4j.getEnvironment().maxMasterThreads();
        InputWeightGradient kernel = new InputWeightGradient();
        // {N, C, H, W, O, kH, kW, pH, pW}: LeNet-5's and cnn-pad's first layers, odd and non-square
        // sizes, several channels, filters that do not fill a block, and one big enough for two threads.
        int[][] cases = {{64, 1, 28, 28, 6, 5, 5, 2, 2}, {10, 1, 28, 28, 32, 3, 3, 1, 1}, {3, 2, 7, 9, 5, 3, 2, 0, 1},
                {2, 3, 5, 5, 1, 5, 5, 2, 2}, {1, 1, 6, 4, 7, 1, 1, 0, 0}, {4, 1, 8, 8, 9, 3, 3, 3, 0},
                {50, 1, 28, 28, 32, 5, 5, 2, 2}};
        try {
            for (int t : new int[] {1, 2}) {
                Nd4j.getEnvironment().setMaxMasterThreads(t);
                for (int[] c : cases) {
                    check(kernel, c, true);
                    check(kernel, c, false);
                }
            }
        } finally {
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
        }
        long work = 50L * 32 * 25 * 28 * 32;
        assertTrue(work >= InputWeightGradient.PARALLEL_FROM, "the last case must take the two-thread split");
    }

    private static void check(InputWeightGradient kernel, int[] c, boolean withBias) {
        int n = c[0], channels = c[1], h = c[2], w = c[3], o = c[4], kH = c[5], kW = c[6], pH = c[7], pW = c[8];
        int oH = h + 2 * pH - kH + 1;
        int oW = w + 2 * pW - kW + 1;
        String name = java.util.Arrays.toString(c) + (withBias ? "" : " without bias") + " on "
                + Nd4j.getEnvironment().maxMasterThreads() + " threads";
        Nd4j.getRandom().setSeed(c[0] * 31L + c[4]);
        INDArray input = Nd4j.randn(DataType.FLOAT, n, channels, h, w);
        INDArray delta = Nd4j.randn(DataType.FLOAT, n, o, oH, oW);
        assertTrue(InputWeightGradient.applies(input, delta), name);

        float[] weight = new float[o * channels * kH * kW];
        float[] bias = withBias ? new float[o] : null;
        kernel.compute(input, delta, kH, kW, pH, pW, weight, bias);

        INDArray weights = Nd4j.randn(DataType.FLOAT, o, channels, kH, kW);
        INDArray expectedWeight = Nd4j.create(DataType.FLOAT, o, channels, kH, kW);
        INDArray expectedBias = Nd4j.create(DataType.FLOAT, o);
        INDArray inputGradient = Nd4j.create(DataType.FLOAT, n, channels, h, w);
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(input, weights, Nd4j.zeros(DataType.FLOAT, o), delta)
                .addOutputs(inputGradient, expectedWeight, expectedBias)
                .addIntegerArguments(kH, kW, 1, 1, pH, pW, 1, 1, 0 /* explicit padding */, 0 /* NCHW */,
                        1 /* weights [O, I, kH, kW] */)
                .build());
        assertClose(expectedWeight, Nd4j.create(weight, expectedWeight.shape(), 'c'), name + ": weights");
        if (withBias) {
            assertClose(expectedBias, Nd4j.create(bias, expectedBias.shape(), 'c'), name + ": bias");
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double relative = actual.distance2(expected) / expected.norm2Number().doubleValue();
        assertTrue(relative < 1e-5, what + ": relative difference " + relative);
    }

    @Test
    void sameResultOnOneAndTwoThreads() {
        int threads = Nd4j.getEnvironment().maxMasterThreads();
        Nd4j.getRandom().setSeed(9);
        INDArray input = Nd4j.randn(DataType.FLOAT, 50, 1, 28, 28);
        INDArray delta = Nd4j.randn(DataType.FLOAT, 50, 32, 28, 28);
        float[][] weights = new float[2][32 * 25];
        float[][] biases = new float[2][32];
        try {
            for (int t = 1; t <= 2; t++) {
                Nd4j.getEnvironment().setMaxMasterThreads(t);
                new InputWeightGradient().compute(input, delta, 5, 5, 2, 2, weights[t - 1], biases[t - 1]);
            }
        } finally {
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(weights[0], weights[1]);
        org.junit.jupiter.api.Assertions.assertArrayEquals(biases[0], biases[1]);
    }

    @Test
    void onlyWholeDenseFloatArrays() {
        INDArray input = Nd4j.rand(DataType.FLOAT, 4, 1, 8, 8);
        INDArray delta = Nd4j.rand(DataType.FLOAT, 4, 3, 8, 8);
        assertTrue(InputWeightGradient.applies(input, delta));
        assertFalse(InputWeightGradient.applies(input.get(NDArrayIndex.interval(1, 3)), delta.get(NDArrayIndex.interval(1, 3))),
                "a view starting inside its buffer");
        assertFalse(InputWeightGradient.applies(input.castTo(DataType.DOUBLE), delta.castTo(DataType.DOUBLE)), "doubles");
        assertFalse(InputWeightGradient.applies(input.permute(0, 1, 3, 2), delta), "not in c order");
        assertFalse(InputWeightGradient.applies(input, Nd4j.rand(DataType.FLOAT, 3, 3, 8, 8)), "batch sizes differ");
    }

    @Test
    void rejectsAnOutputGradientThatDoesNotFit() {
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 1, 8, 8);
        INDArray delta = Nd4j.rand(DataType.FLOAT, 2, 3, 6, 6); // 3x3 with padding 1 gives 8x8, not 6x6
        assertThrows(IllegalArgumentException.class,
                () -> new InputWeightGradient().compute(input, delta, 3, 3, 1, 1, new float[27], new float[3]));
    }
}
