package lab.mnist.models.layers;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward pass of max pooling with a 2x2 window and stride 2 on NCHW float arrays, in Java.
 *
 * <p>Why: libnd4j's generic {@code maxpool2d_bp} finds each window's maximum with a data-dependent
 * branch and computes every address from four strides: 1.6 ms on LeNet-5's [64, 6, 28, 28], where
 * PyTorch's takes 0.14 ms, the largest gap left in a LeNet-5 training step (README, Speed). Here each
 * float is mapped to an int that orders the same way, so the running maximum and its position are
 * integer selects that the JIT compiles to conditional moves: 0.64 ms (one thread, this machine).
 * libnd4j's forward kernel is as fast as a Java one, so the forward pass stays libnd4j's.
 *
 * <p>The gradient is libnd4j's bit for bit: the running maximum starts at {@code -Float.MAX_VALUE}
 * and moves only on a strictly greater value, so the first of tied values wins (zeros of either sign
 * tie) and NaN, -inf and -MAX_VALUE never do; a window holding only those sends its gradient to its
 * first element; the output gradient is added to zeros. {@code MaxPool2x2Test} compares it with
 * {@code maxpool2d_bp}, libnd4j's generic kernel and oneDNN's, on data full of such cases.
 *
 * <p>Only whole, dense, c-ordered float arrays on the CPU, with the layer set to MAX, kernel and
 * stride 2, no padding or dilation, NCHW, and not Same or Strict mode on an odd size take this path
 * ({@link #applies}); everything else runs DL4J's own code. An instance keeps its scratch arrays
 * between calls: a runtime layer is used by one thread at a time, like the rest of a DL4J network.
 */
final class MaxPool2x2 {
    /** The order key of {@code -Float.MAX_VALUE}, where libnd4j's running maximum starts. */
    private static final int START = key(-Float.MAX_VALUE);
    /**
     * From this many input elements on, two threads share the planes ({@link KernelThreads}):
     * LeNet-5's first pooling, [64, 6, 28, 28], and cnn-pad's [10, 32, 28, 28] split, their second
     * ones (a third of that) stay on one thread.
     */
    static final int PARALLEL_FROM = 1 << 17;

    private float[] input = new float[0];
    private float[] epsilon = new float[0];
    private float[] gradient = new float[0];

    /**
     * Whether the layer's settings and these arrays take this kernel: the pooling's input and the
     * gradient with respect to its output (the array for the result is checked by {@link #backward}).
     */
    static boolean applies(SubsamplingLayer conf, ConvolutionMode mode, INDArray input, INDArray epsilon) {
        int[] kernel = conf.getKernelSize();
        int[] stride = conf.getStride();
        int[] padding = conf.getPadding();
        int[] dilation = conf.getDilation();
        if (conf.getPoolingType() != PoolingType.MAX || conf.getCnn2dDataFormat() != CNN2DFormat.NCHW
                || kernel[0] != 2 || kernel[1] != 2 || stride[0] != 2 || stride[1] != 2
                || padding[0] != 0 || padding[1] != 0 || dilation[0] != 1 || dilation[1] != 1
                || input.rank() != 4 || epsilon.rank() != 4) {
            return false;
        }
        long h = input.size(2);
        long w = input.size(3);
        // Same mode pads the bottom and right of an odd size and Strict rejects it: both go to DL4J.
        if (mode != ConvolutionMode.Truncate && (h % 2 != 0 || w % 2 != 0)) {
            return false;
        }
        return Arrays.equals(epsilon.shape(), new long[] {input.size(0), input.size(1), h / 2, w / 2})
                && AxisSwap.blockCopyApplies(input) && AxisSwap.blockCopyApplies(epsilon);
    }

    /**
     * Writes into {@code gradIn} [N, C, H, W] the gradient of the loss with respect to the pooling's
     * {@code in}put: each window's {@code eps} [N, C, H/2, W/2] goes to the position of its maximum,
     * zero elsewhere (and on the last row and column of an odd size, which no window covers).
     */
    void backward(INDArray in, INDArray eps, INDArray gradIn) {
        if (!Arrays.equals(gradIn.shape(), in.shape()) || !AxisSwap.blockCopyApplies(gradIn)) {
            throw new IllegalArgumentException("the input gradient must be a whole c-ordered float array of shape "
                    + Arrays.toString(in.shape()) + ", got " + gradIn.shapeInfoToString());
        }
        int planes = (int) (in.size(0) * in.size(1));
        int h = (int) in.size(2);
        int w = (int) in.size(3);
        int length = (int) in.length();
        float[] x = input = ensure(input, length);
        float[] e = epsilon = ensure(epsilon, (int) eps.length());
        float[] g = gradient = ensure(gradient, length);
        AxisSwap.floats(in).get(x, 0, length);
        AxisSwap.floats(eps).get(e, 0, (int) eps.length());
        if (KernelThreads.get() > 1 && length >= PARALLEL_FROM) {
            // Two halves of the planes: this thread and the kernels' second one.
            int half = planes / 2;
            KernelThreads.inTwo(part -> planes(x, e, g, part == 0 ? 0 : half, part == 0 ? half : planes, h, w));
        } else {
            planes(x, e, g, 0, planes, h, w);
        }
        AxisSwap.floats(gradIn).put(g, 0, length);
    }

    /** The gradient of planes [from, to) of the N x C planes of H x W. */
    private static void planes(float[] x, float[] e, float[] g, int from, int to, int h, int w) {
        int oh = h / 2;
        int ow = w / 2;
        Arrays.fill(g, from * h * w, to * h * w, 0f);
        for (int p = from; p < to; p++) {
            for (int oy = 0; oy < oh; oy++) {
                int top = p * h * w + 2 * oy * w;
                int bottom = top + w;
                int o = (p * oh + oy) * ow;
                for (int ox = 0; ox < ow; ox++) {
                    int i0 = top + 2 * ox;
                    int i2 = bottom + 2 * ox;
                    int best = START;
                    int arg = i0;
                    int k = key(x[i0]);
                    arg = k > best ? i0 : arg;
                    best = Math.max(k, best);
                    k = key(x[i0 + 1]);
                    arg = k > best ? i0 + 1 : arg;
                    best = Math.max(k, best);
                    k = key(x[i2]);
                    arg = k > best ? i2 : arg;
                    best = Math.max(k, best);
                    k = key(x[i2 + 1]);
                    arg = k > best ? i2 + 1 : arg;
                    g[arg] += e[o + ox];
                }
            }
        }
    }

    /**
     * An int that orders as the float does, with -0 equal to +0 (IEEE comparison) and NaN below
     * everything, so that a NaN is never taken, as in libnd4j's {@code value > max}.
     */
    static int key(float value) {
        int bits = Float.floatToRawIntBits(value);
        int magnitude = bits & 0x7fffffff;
        int sign = bits >> 31;
        int key = (magnitude ^ sign) - sign;
        return magnitude > 0x7f800000 ? Integer.MIN_VALUE : key;
    }

    private static float[] ensure(float[] scratch, int length) {
        return scratch.length >= length ? scratch : new float[length];
    }
}
