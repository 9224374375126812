package lab.mnist.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The Java forward and backward passes of 2x2 max pooling give libnd4j's maxima and gradient bit
 * for bit, and apply only where they should.
 */
class MaxPool2x2Test {
    private static final SubsamplingLayer TWO_BY_TWO = new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
            .kernelSize(2, 2).stride(2, 2).build();

    @Test
    void gradientIsMaxpool2dBpsBitForBitOnTiesZerosNanAndInfinities() {
        int threads = Nd4j.getEnvironment().maxMasterThreads();
        MaxPool2x2 kernel = new MaxPool2x2();
        // The first shapes are small enough for one thread, the last is split between two.
        long planes = MaxPool2x2.PARALLEL_FROM / (32 * 32) + 1;
        try {
            for (int t : new int[] {1, 2}) {
                Nd4j.getEnvironment().setMaxMasterThreads(t);
                for (long[] shape : new long[][] {{4, 3, 8, 8}, {2, 5, 7, 7}, {3, 2, 6, 9}, {64, 6, 28, 28},
                        {planes, 1, 32, 32}}) {
                    INDArray input = awkward(shape, 11 + shape[3], true);
                    INDArray epsilon = Nd4j.randn(DataType.FLOAT, shape[0], shape[1], shape[2] / 2, shape[3] / 2);
                    epsilon.putScalar(0, -0f); // added to zeros it becomes +0, as in libnd4j
                    assertTrue(MaxPool2x2.applies(TWO_BY_TWO, ConvolutionMode.Truncate, input, epsilon));
                    String where = t + " threads, shape " + Arrays.toString(shape);
                    // The training forward pass against libnd4j's generic kernel, which inference runs.
                    INDArray pooled = Nd4j.createUninitialized(DataType.FLOAT, epsilon.shape());
                    kernel.forward(input, pooled);
                    INDArray maxima = GenericPooling.withoutPlatformHelpers(() -> maxpool2d(input));
                    assertArrayEquals(bits(maxima), bits(pooled), where + ", maxpool2d");
                    // The backward pass after it (the recorded positions) and without it (found again).
                    INDArray afterForward = Nd4j.createUninitialized(DataType.FLOAT, shape);
                    kernel.backward(input, epsilon, afterForward);
                    INDArray alone = Nd4j.createUninitialized(DataType.FLOAT, shape);
                    new MaxPool2x2().backward(input, epsilon, alone);
                    // libnd4j's generic kernel, what the layer falls back to.
                    INDArray generic = GenericPooling.withoutPlatformHelpers(() -> maxpool2dBp(input, epsilon));
                    // Bits, not values: the sign of a zero and the place of each gradient both count.
                    for (INDArray actual : new INDArray[] {afterForward, alone}) {
                        String pass = actual == alone ? " (backward pass alone)" : " (after the forward pass)";
                        assertArrayEquals(bits(generic), bits(actual), where + ", libnd4j's generic kernel" + pass);
                    }
                    // oneDNN's kernel agrees too, except where a window's maximum is one of the floats
                    // from -MAX_VALUE to libnd4j's start, which oneDNN's running maximum does take.
                    INDArray ordinary = awkward(shape, 11 + shape[3], false);
                    kernel.backward(ordinary, epsilon, alone);
                    assertArrayEquals(bits(maxpool2dBp(ordinary, epsilon)), bits(alone), where + ", oneDNN's kernel");
                }
            }
        } finally {
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
        }
    }

    @Test
    void reluOutputTakesTheShortPassAndAnythingElseTheGeneralOne() {
        MaxPool2x2 kernel = new MaxPool2x2();
        for (long[] shape : new long[][] {{4, 3, 8, 8}, {2, 5, 7, 7}, {3, 2, 6, 9}, {64, 6, 28, 28}}) {
            Random random = new Random(shape[3]);
            int planes = (int) (shape[0] * shape[1]);
            int h = (int) shape[2];
            int w = (int) shape[3];
            int windows = planes * (h / 2) * (w / 2);
            int[] relu = reluLike((int) (planes * h * w), random);
            int[] shortMaxima = new int[windows];
            int[] shortPositions = new int[windows];
            int[] maxima = new int[windows];
            int[] positions = new int[windows];
            String where = "shape " + Arrays.toString(shape);
            assertTrue(MaxPool2x2.nonNegativeWindows(relu, shortMaxima, shortPositions, 0, planes, h, w),
                    where + ": zeros, positive numbers and +inf take the short pass");
            MaxPool2x2.windows(relu, maxima, positions, 0, planes, h, w);
            assertArrayEquals(maxima, shortMaxima, where + ": the short pass's maxima");
            assertArrayEquals(positions, shortPositions, where + ": the short pass's positions");
            assertForwardIsMaxpool2d(kernel, relu, shape, where);
            // One element inside a window that is not from +0 to +inf: the general pass, the same results.
            float[] others = {-0f, -Float.MIN_VALUE, -1f, Float.NEGATIVE_INFINITY, Float.NaN,
                    Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0xffc00000)};
            for (float other : others) {
                int[] mixed = relu.clone();
                int at = random.nextInt(planes) * h * w + random.nextInt(h / 2 * 2) * w + random.nextInt(w / 2 * 2);
                mixed[at] = Float.floatToRawIntBits(other);
                String with = where + " with " + other + " (bits " + Integer.toHexString(mixed[at]) + ")";
                assertFalse(MaxPool2x2.nonNegativeWindows(mixed, shortMaxima, shortPositions, 0, planes, h, w), with);
                assertForwardIsMaxpool2d(kernel, mixed, shape, with);
            }
        }
    }

    /** ReLU's output: many +0s, ties, positive normal and subnormal numbers, the largest float and +inf. */
    private static int[] reluLike(int length, Random random) {
        float[] special = {0f, 0f, 0f, 1f, Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, Float.POSITIVE_INFINITY};
        int[] bits = new int[length];
        for (int i = 0; i < length; i++) {
            float value = random.nextDouble() < 0.5 ? special[random.nextInt(special.length)]
                    : (float) Math.abs(random.nextGaussian());
            bits[i] = Float.floatToRawIntBits(value);
        }
        return bits;
    }

    /** The forward pass of these floats (given as bits) gives libnd4j's generic maxpool2d's, bit for bit. */
    private static void assertForwardIsMaxpool2d(MaxPool2x2 kernel, int[] bits, long[] shape, String where) {
        INDArray input = Nd4j.createUninitialized(DataType.FLOAT, shape);
        AxisSwap.floatBits(input).put(bits);
        INDArray pooled = Nd4j.createUninitialized(DataType.FLOAT, MaxPool2x2.outputShape(input));
        kernel.forward(input, pooled);
        INDArray maxima = GenericPooling.withoutPlatformHelpers(() -> maxpool2d(input));
        assertArrayEquals(bits(maxima), bits(pooled), where + ": the forward pass against maxpool2d");
    }

    private static INDArray maxpool2d(INDArray input) {
        INDArray out = Nd4j.create(DataType.FLOAT, MaxPool2x2.outputShape(input));
        Nd4j.exec(DynamicCustomOp.builder("maxpool2d").addInputs(input).addOutputs(out)
                .addIntegerArguments(2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 0).build());
        return out;
    }

    @Test
    void aBackwardPassOnAnotherArrayFindsItsOwnMaxima() {
        MaxPool2x2 kernel = new MaxPool2x2();
        INDArray first = Nd4j.rand(DataType.FLOAT, 2, 3, 8, 8);
        INDArray second = Nd4j.rand(DataType.FLOAT, 2, 3, 8, 8);
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 4);
        kernel.forward(first, Nd4j.create(DataType.FLOAT, 2, 3, 4, 4));
        INDArray gradient = Nd4j.create(DataType.FLOAT, 2, 3, 8, 8);
        kernel.backward(second, epsilon, gradient);
        assertArrayEquals(bits(maxpool2dBp(second, epsilon)), bits(gradient), "the second array's maxima, not the first's");
        // The same array after forget() (a layer's new input): found again, the same gradient.
        kernel.forward(first, Nd4j.create(DataType.FLOAT, 2, 3, 4, 4));
        first.muli(-1);
        kernel.forget();
        kernel.backward(first, epsilon, gradient);
        assertArrayEquals(bits(maxpool2dBp(first, epsilon)), bits(gradient), "positions found again after forget()");
    }

    private static INDArray maxpool2dBp(INDArray input, INDArray epsilon) {
        INDArray gradIn = Nd4j.create(DataType.FLOAT, input.shape());
        Nd4j.exec(DynamicCustomOp.builder("maxpool2d_bp").addInputs(input, epsilon).addOutputs(gradIn)
                .addIntegerArguments(2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 0).build());
        return gradIn;
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
        assertFalse(MaxPool2x2.applies(TWO_BY_TWO, ConvolutionMode.Strict, odd, oddEpsilon), "Strict on an odd size");
        assertFalse(MaxPool2x2.applies(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(2, 2).stride(2, 2).dilation(2, 2).build(), ConvolutionMode.Truncate, input, epsilon), "dilation");
        assertFalse(MaxPool2x2.applies(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(2, 2).stride(2, 2).dataFormat(CNN2DFormat.NHWC).build(), ConvolutionMode.Truncate,
                input, epsilon), "NHWC");
        INDArray batchOfFour = Nd4j.rand(DataType.FLOAT, 4, 3, 8, 8);
        INDArray lastTwo = batchOfFour.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all());
        assertFalse(MaxPool2x2.applies(TWO_BY_TWO, ConvolutionMode.Truncate, lastTwo, epsilon), "a view at an offset");
    }

    /**
     * Normal values and ReLU-like zeros of both signs, a few exact ties, NaN, infinities and
     * -MAX_VALUE, and with {@code nearStart} the floats around libnd4j's starting maximum.
     */
    private static INDArray awkward(long[] shape, long seed, boolean nearStart) {
        Random random = new Random(seed);
        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, shape);
        float[] special = nearStart ? new float[] {0f, -0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
                -Float.MAX_VALUE, Math.nextUp(-Float.MAX_VALUE), MaxPool2x2.LOWEST, Math.nextUp(MaxPool2x2.LOWEST), 1f, 2f}
                : new float[] {0f, -0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -Float.MAX_VALUE, 1f, 2f};
        float[] values = new float[(int) a.length()];
        for (int i = 0; i < values.length; i++) {
            double u = random.nextDouble();
            values[i] = u < 0.35 ? special[random.nextInt(2)] : u < 0.45 ? special[random.nextInt(special.length)]
                    : (float) random.nextGaussian();
        }
        // Windows where nothing beats libnd4j's starting value: all NaN, all -inf, one where a running
        // maximum that started at -inf would move to the second element, and one of the floats
        // between -MAX_VALUE and that start; then one where the float just above the start wins.
        int w = (int) shape[3];
        int[] window = {0, 1, w, w + 1};
        float[] mixed = {Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, Float.NaN, -Float.MAX_VALUE};
        float[] belowStart = {-Float.MAX_VALUE, Math.nextUp(-Float.MAX_VALUE), MaxPool2x2.LOWEST, Float.NaN};
        float[] aboveStart = {MaxPool2x2.LOWEST, Float.NaN, Math.nextUp(MaxPool2x2.LOWEST), -Float.MAX_VALUE};
        for (int j = 0; j < 4; j++) {
            values[window[j]] = Float.NaN;
            values[2 + window[j]] = Float.NEGATIVE_INFINITY;
            values[4 + window[j]] = mixed[j];
            if (nearStart && w >= 10) {
                values[6 + window[j]] = belowStart[j];
                values[8 + window[j]] = aboveStart[j];
            }
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
