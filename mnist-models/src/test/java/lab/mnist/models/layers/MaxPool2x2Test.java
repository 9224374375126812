package lab.mnist.models.layers;

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

/** The Java backward pass of 2x2 max pooling gives libnd4j's gradient bit for bit, and applies only where it should. */
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
                    INDArray input = awkward(shape, 11 + shape[3]);
                    INDArray epsilon = Nd4j.randn(DataType.FLOAT, shape[0], shape[1], shape[2] / 2, shape[3] / 2);
                    epsilon.putScalar(0, -0f); // added to zeros it becomes +0, as in libnd4j
                    assertTrue(MaxPool2x2.applies(TWO_BY_TWO, ConvolutionMode.Truncate, input, epsilon));
                    INDArray actual = Nd4j.createUninitialized(DataType.FLOAT, shape);
                    kernel.backward(input, epsilon, actual);
                    // libnd4j's generic kernel (what the layer falls back to), then oneDNN's.
                    INDArray generic = GenericPooling.withoutPlatformHelpers(() -> maxpool2dBp(input, epsilon));
                    INDArray oneDnn = maxpool2dBp(input, epsilon);
                    // Bits, not values: the sign of a zero and the place of each gradient both count.
                    String where = t + " threads, shape " + Arrays.toString(shape);
                    assertArrayEquals(bits(generic), bits(actual), where + ", libnd4j's generic kernel");
                    assertArrayEquals(bits(oneDnn), bits(actual), where + ", oneDNN's kernel");
                }
            }
        } finally {
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
        }
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
        // Windows where nothing beats the starting -MAX_VALUE: all NaN, all -inf, and one where a
        // running maximum that started at -inf would move to the second element.
        int w = (int) shape[3];
        int[] window = {0, 1, w, w + 1};
        float[] mixed = {Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, Float.NaN, -Float.MAX_VALUE};
        for (int j = 0; j < 4; j++) {
            values[window[j]] = Float.NaN;
            values[2 + window[j]] = Float.NEGATIVE_INFINITY;
            values[4 + window[j]] = mixed[j];
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
