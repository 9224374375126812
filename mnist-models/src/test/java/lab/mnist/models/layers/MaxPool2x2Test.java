package lab.mnist.models.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** The Java backward pass of 2x2 max pooling gives libnd4j's gradient bit for bit, and applies only where it should. */
class MaxPool2x2Test {
    private static final SubsamplingLayer TWO_BY_TWO = new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
            .kernelSize(2, 2).stride(2, 2).build();

    @Test
    void gradientIsLibnd4jsBitForBitOnTiesZerosNanAndInfinities() {
        int threads = Nd4j.getEnvironment().maxMasterThreads();
        MaxPool2x2 kernel = new MaxPool2x2();
        try {
            for (int t : new int[] {1, 2}) {
                Nd4j.getEnvironment().setMaxMasterThreads(t);
                // [32, 32, 32, 32] is large enough to be split between two threads.
                for (long[] shape : new long[][] {{4, 3, 8, 8}, {2, 5, 7, 7}, {3, 2, 6, 9}, {64, 6, 28, 28},
                        {32, 32, 32, 32}}) {
                    INDArray input = awkward(shape, 11 + shape[3]);
                    INDArray epsilon = Nd4j.randn(DataType.FLOAT, shape[0], shape[1], shape[2] / 2, shape[3] / 2);
                    assertTrue(MaxPool2x2.applies(TWO_BY_TWO, ConvolutionMode.Truncate, input, epsilon));
                    INDArray expected = Nd4j.create(DataType.FLOAT, shape);
                    Nd4j.exec(DynamicCustomOp.builder("maxpool2d_bp").addInputs(input, epsilon).addOutputs(expected)
                            .addIntegerArguments(2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 0).build());
                    INDArray actual = Nd4j.createUninitialized(DataType.FLOAT, shape);
                    kernel.backward(input, epsilon, actual);
                    // Bits, not values: the sign of a zero and the place of each gradient both count.
                    assertArrayEquals(bits(expected), bits(actual), t + " threads, shape " + Arrays.toString(shape));
                }
            }
        } finally {
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
        }
    }

    @Test
    void keysOrderAsFloatsDo() {
        float[] ascending = {Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, -1.5f, -Float.MIN_VALUE, -0f,
                Float.MIN_VALUE, 1f, 1.0000001f, Float.MAX_VALUE, Float.POSITIVE_INFINITY};
        for (int i = 0; i < ascending.length; i++) {
            for (int j = 0; j < ascending.length; j++) {
                assertTrue(Integer.compare(MaxPool2x2.key(ascending[i]), MaxPool2x2.key(ascending[j]))
                        == Float.compare(ascending[i] + 0f, ascending[j] + 0f), ascending[i] + " vs " + ascending[j]);
            }
        }
        assertTrue(MaxPool2x2.key(-0f) == MaxPool2x2.key(0f), "zeros of both signs tie");
        assertTrue(MaxPool2x2.key(Float.NaN) < MaxPool2x2.key(Float.NEGATIVE_INFINITY), "NaN is never the maximum");
    }

    @Test
    void otherSettingsAndArraysGoToDl4j() {
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 3, 8, 8);
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 4);
        INDArray odd = Nd4j.rand(DataType.FLOAT, 2, 3, 7, 7);
        INDArray oddEpsilon = Nd4j.rand(DataType.FLOAT, 2, 3, 3, 3);
        assertTrue(MaxPool2x2.applies(TWO_BY_TWO, ConvolutionMode.Same, input, epsilon));
        assertTrue(MaxPool2x2.applies(TWO_BY_TWO, ConvolutionMode.Truncate, odd, oddEpsilon));
        assertFalse(MaxPool2x2.applies(TWO_BY_TWO, ConvolutionMode.Same, odd, oddEpsilon), "Same pads an odd size");
        assertFalse(MaxPool2x2.applies(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG)
                .kernelSize(2, 2).stride(2, 2).build(), ConvolutionMode.Truncate, input, epsilon), "average pooling");
        assertFalse(MaxPool2x2.applies(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(3, 3).stride(2, 2).build(), ConvolutionMode.Truncate, input, epsilon), "3x3 window");
        assertFalse(MaxPool2x2.applies(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(2, 2).stride(2, 2).padding(1, 1).build(), ConvolutionMode.Truncate, input, epsilon), "padding");
        assertFalse(MaxPool2x2.applies(TWO_BY_TWO, ConvolutionMode.Truncate, input.castTo(DataType.DOUBLE),
                epsilon.castTo(DataType.DOUBLE)), "doubles");
        assertFalse(MaxPool2x2.applies(TWO_BY_TWO, ConvolutionMode.Truncate, input.dup('f'), epsilon), "f order");
        assertFalse(MaxPool2x2.applies(TWO_BY_TWO, ConvolutionMode.Truncate, input, oddEpsilon), "wrong gradient shape");
    }

    /** Normal values and ReLU-like zeros of both signs, a few exact ties, NaN, infinities and -MAX_VALUE. */
    private static INDArray awkward(long[] shape, long seed) {
        Random random = new Random(seed);
        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, shape);
        float[] special = {0f, -0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
                -Float.MAX_VALUE, 1f, 2f};
        float[] values = new float[(int) a.length()];
        for (int i = 0; i < values.length; i++) {
            double u = random.nextDouble();
            values[i] = u < 0.35 ? special[random.nextInt(2)] : u < 0.45 ? special[random.nextInt(special.length)]
                    : (float) random.nextGaussian();
        }
        // Whole windows of NaN and of -inf, where neither beats the starting -MAX_VALUE.
        int w = (int) shape[3];
        for (int i : new int[] {0, 1, w, w + 1}) {
            values[i] = Float.NaN;
            values[2 + i] = Float.NEGATIVE_INFINITY;
        }
        AxisSwap.floats(a).put(values);
        return a;
    }

    private static int[] bits(INDArray a) {
        float[] f = a.data().asFloat();
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = Float.floatToRawIntBits(f[i]);
        }
        return b;
    }
}
