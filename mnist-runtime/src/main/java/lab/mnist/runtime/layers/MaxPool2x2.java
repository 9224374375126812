package lab.mnist.runtime.layers;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max pooling with a 2x2 window and stride 2 on NCHW float arrays, in Java: the training forward
 * pass, which records where each window's maximum is, and the backward pass, which sends each
 * window's gradient there.
 *
 * <p>Why: libnd4j's generic {@code maxpool2d_bp} finds each window's maximum again with a
 * data-dependent branch and computes every address from four strides: 1.6 ms on LeNet-5's
 * [64, 6, 28, 28], where PyTorch's takes 0.14 ms, the largest gap left in a LeNet-5 training step
 * (docs/speed.md). Here each float is mapped to an int that orders the same way, so the running
 * maximum and its position are integer selects that the JIT compiles to conditional moves: 0.64 ms
 * (one thread, this machine). Inputs of numbers from +0 to +inf only, such as the ReLU output
 * before every pooling layer of the zoo, need no keys: their bits order as they do
 * ({@link #nonNegativeWindows}). The training forward pass computes the same maxima, so it records
 * their positions and the backward pass is a scatter: libnd4j's forward op (8.3% of a LeNet-5
 * step's training thread, with its output-shape call) is left out of training. The forward pass
 * runs on the calling thread: split in two it took less of the training thread, but its extra
 * hand-off kept the second thread spinning while the JIT compiler and the garbage collector need
 * that core, and whole seed-004 runs were no faster (1.04, 0.89 and 0.88 times the runs without it).
 * Inference keeps libnd4j's forward op, on every core.
 *
 * <p>The results are libnd4j's bit for bit: the running maximum starts at {@link #LOWEST}, just
 * above {@code -Float.MAX_VALUE}, and moves only on a strictly greater value, so the first of tied
 * values wins (zeros of either sign tie) and NaN, -inf and the floats from -MAX_VALUE to LOWEST
 * never do; a window holding only those pools to LOWEST and sends its gradient to its first
 * element; the output gradient is added to zeros.
 * {@code MaxPool2x2Test} compares both passes with libnd4j's generic {@code maxpool2d} and
 * {@code maxpool2d_bp} on data full of such cases, and the backward pass with oneDNN's too, which
 * differs only on the floats from -MAX_VALUE to LOWEST.
 *
 * <p>Only whole, dense, c-ordered float arrays on the CPU, with the layer set to MAX, kernel and
 * stride 2, no padding or dilation, NCHW, and not Same or Strict mode on an odd size take this path
 * ({@link #applies}); everything else runs DL4J's own code. An instance keeps its scratch arrays
 * and the last forward pass's positions between calls: a runtime layer is used by one thread at a
 * time, like the rest of a DL4J network.
 */
final class MaxPool2x2 {
    /**
     * Where libnd4j's running maximum starts: {@code -DataTypeUtils::max<float>()}, which is not
     * {@code -Float.MAX_VALUE} but two units in the last place above it (-3.4028230e38).
     */
    static final float LOWEST = Float.intBitsToFloat(0xff7ffffd);
    private static final int LOWEST_BITS = Float.floatToRawIntBits(LOWEST);
    /** Its order key. */
    private static final int START = key(LOWEST);
    /** The bits of +infinity: from 0 to these, floats' bits order as the floats do. */
    private static final int INFINITY_BITS = 0x7f800000;
    /**
     * From this many input elements on, two threads share the planes ({@link KernelThreads}):
     * LeNet-5's first pooling, [64, 6, 28, 28], and cnn-pad's [10, 32, 28, 28] split, their second
     * ones (a third of that) stay on one thread.
     */
    static final int PARALLEL_FROM = 1 << 17;

    private int[] input = new int[0];     // the input's float bits
    private int[] pooled = new int[0];    // the maxima's float bits
    private float[] epsilon = new float[0];
    private float[] gradient = new float[0];
    private int[] argmax = new int[0];    // per window, the index of its maximum in the input
    private INDArray recordedInput;       // the array whose maxima argmax holds, or null

    /** Whether the layer's settings and this input take this kernel. */
    static boolean applies(SubsamplingLayer conf, ConvolutionMode mode, INDArray input) {
        int[] kernel = conf.getKernelSize();
        int[] stride = conf.getStride();
        int[] padding = conf.getPadding();
        int[] dilation = conf.getDilation();
        if (conf.getPoolingType() != PoolingType.MAX || conf.getCnn2dDataFormat() != CNN2DFormat.NCHW
                || kernel[0] != 2 || kernel[1] != 2 || stride[0] != 2 || stride[1] != 2
                || padding[0] != 0 || padding[1] != 0 || dilation[0] != 1 || dilation[1] != 1
                || input.rank() != 4) {
            return false;
        }
        // Same mode pads the bottom and right of an odd size and Strict rejects it: both go to DL4J.
        if (mode != ConvolutionMode.Truncate && (input.size(2) % 2 != 0 || input.size(3) % 2 != 0)) {
            return false;
        }
        return AxisSwap.blockCopyApplies(input);
    }

    /**
     * Whether the layer's settings and these arrays take this kernel's backward pass: the pooling's
     * input and the gradient with respect to its output (the array for the result is checked by
     * {@link #backward}).
     */
    static boolean applies(SubsamplingLayer conf, ConvolutionMode mode, INDArray input, INDArray epsilon) {
        return applies(conf, mode, input) && Arrays.equals(epsilon.shape(), outputShape(input))
                && AxisSwap.blockCopyApplies(epsilon);
    }

    /** [N, C, H/2, W/2]: an odd last row or column is left out (Truncate). */
    static long[] outputShape(INDArray input) {
        return new long[] {input.size(0), input.size(1), input.size(2) / 2, input.size(3) / 2};
    }

    /**
     * Writes into {@code out} [N, C, H/2, W/2] each window's maximum of {@code in} [N, C, H, W],
     * and records where each is, for a backward pass on the same input array.
     */
    void forward(INDArray in, INDArray out) {
        if (!Arrays.equals(out.shape(), outputShape(in)) || !AxisSwap.blockCopyApplies(out)) {
            throw new IllegalArgumentException("the output must be a whole c-ordered float array of shape "
                    + Arrays.toString(outputShape(in)) + ", got " + out.shapeInfoToString());
        }
        recordedInput = null;
        locateMaxima(in, false);
        AxisSwap.floatBits(out).put(pooled, 0, (int) out.length());
        recordedInput = in;
    }

    /** Forgets the recorded positions: the layer has a new input. */
    void forget() {
        recordedInput = null;
    }

    /**
     * Writes into {@code gradIn} [N, C, H, W] the gradient of the loss with respect to the pooling's
     * {@code in}put: each window's {@code eps} [N, C, H/2, W/2] goes to the position of its maximum,
     * zero elsewhere (and on the last row and column of an odd size, which no window covers). The
     * positions are the forward pass's if it ran on this same array, else found here.
     */
    void backward(INDArray in, INDArray eps, INDArray gradIn) {
        if (!Arrays.equals(gradIn.shape(), in.shape()) || !AxisSwap.blockCopyApplies(gradIn)) {
            throw new IllegalArgumentException("the input gradient must be a whole c-ordered float array of shape "
                    + Arrays.toString(in.shape()) + ", got " + gradIn.shapeInfoToString());
        }
        if (recordedInput != in) {
            locateMaxima(in, true);
        }
        recordedInput = null;
        int planes = (int) (in.size(0) * in.size(1));
        int h = (int) in.size(2);
        int w = (int) in.size(3);
        int length = (int) in.length();
        float[] e = epsilon = ensure(epsilon, (int) eps.length());
        float[] g = gradient = ensure(gradient, length);
        int[] arg = argmax;
        AxisSwap.floats(eps).get(e, 0, (int) eps.length());
        inParts(planes, length, (from, to) -> scatter(e, g, arg, from, to, h, w));
        AxisSwap.floats(gradIn).put(g, 0, length);
    }

    /**
     * Fills {@code argmax} and {@code pooled} for every window of {@code in}, on two threads if
     * {@code split} and there is enough work.
     */
    private void locateMaxima(INDArray in, boolean split) {
        int planes = (int) (in.size(0) * in.size(1));
        int h = (int) in.size(2);
        int w = (int) in.size(3);
        int length = (int) in.length();
        int windows = planes * (h / 2) * (w / 2);
        int[] x = input = ensure(input, length);
        int[] maxima = pooled = ensure(pooled, windows);
        int[] arg = argmax = ensure(argmax, windows);
        AxisSwap.floatBits(in).get(x, 0, length);
        if (split) {
            inParts(planes, length, (from, to) -> locate(x, maxima, arg, from, to, h, w));
        } else {
            locate(x, maxima, arg, 0, planes, h, w);
        }
    }

    /** The windows of planes [from, to): the short pass if they hold only numbers from +0 to +inf, else the general one. */
    private static void locate(int[] x, int[] maxima, int[] arg, int from, int to, int h, int w) {
        if (!nonNegativeWindows(x, maxima, arg, from, to, h, w)) {
            windows(x, maxima, arg, from, to, h, w);
        }
    }

    /** Runs {@code part} over planes [0, planes), in two halves on two threads when there is enough work. */
    private static void inParts(int planes, int length, PlaneRange part) {
        if (KernelThreads.get() > 1 && length >= PARALLEL_FROM) {
            int half = planes / 2;
            KernelThreads.inTwo(i -> part.run(i == 0 ? 0 : half, i == 0 ? half : planes));
        } else {
            part.run(0, planes);
        }
    }

    private interface PlaneRange {
        void run(int from, int to);
    }

    /**
     * {@link #windows} for inputs such as ReLU's output, in under half its time (0.32 ms against
     * 0.80 ms on LeNet-5's [64, 6, 28, 28], this machine). The bits of the floats from +0 to +inf,
     * read as ints, order as the floats do, no two of them tie, and each is above {@link #LOWEST}:
     * so libnd4j's running maximum takes each window's first element and then every strictly
     * greater one, which is this comparison of bits, with no keys to compute. Returns false, with
     * the results to be discarded, if any element is negative (a sign bit: -0, NaN with a sign,
     * negative numbers) or NaN (bits above +inf's, which would then be some window's maximum).
     */
    static boolean nonNegativeWindows(int[] x, int[] maxima, int[] arg, int from, int to, int h, int w) {
        int oh = h / 2;
        int ow = w / 2;
        int signs = 0;
        int highest = 0;
        for (int p = from; p < to; p++) {
            for (int oy = 0; oy < oh; oy++) {
                int top = p * h * w + 2 * oy * w;
                int bottom = top + w;
                int o = (p * oh + oy) * ow;
                for (int ox = 0; ox < ow; ox++) {
                    int i0 = top + 2 * ox;
                    int i2 = bottom + 2 * ox;
                    int a = x[i0];
                    int b = x[i0 + 1];
                    int c = x[i2];
                    int d = x[i2 + 1];
                    int best = a;
                    int at = i0;
                    at = b > best ? i0 + 1 : at;
                    best = Math.max(b, best);
                    at = c > best ? i2 : at;
                    best = Math.max(c, best);
                    at = d > best ? i2 + 1 : at;
                    best = Math.max(d, best);
                    signs |= (a | b) | (c | d);
                    highest = Math.max(highest, best);
                    arg[o + ox] = at;
                    maxima[o + ox] = best;
                }
            }
        }
        return signs >= 0 && highest <= INFINITY_BITS;
    }

    /**
     * The maximum of each window of planes [from, to) of the N x C planes of H x W, as bits, and its
     * position, for any floats.
     */
    static void windows(int[] x, int[] maxima, int[] arg, int from, int to, int h, int w) {
        int oh = h / 2;
        int ow = w / 2;
        for (int p = from; p < to; p++) {
            for (int oy = 0; oy < oh; oy++) {
                int top = p * h * w + 2 * oy * w;
                int bottom = top + w;
                int o = (p * oh + oy) * ow;
                for (int ox = 0; ox < ow; ox++) {
                    int i0 = top + 2 * ox;
                    int i2 = bottom + 2 * ox;
                    int best = START;
                    int at = i0;
                    int k = keyOfBits(x[i0]);
                    at = k > best ? i0 : at;
                    best = Math.max(k, best);
                    k = keyOfBits(x[i0 + 1]);
                    at = k > best ? i0 + 1 : at;
                    best = Math.max(k, best);
                    k = keyOfBits(x[i2]);
                    at = k > best ? i2 : at;
                    best = Math.max(k, best);
                    k = keyOfBits(x[i2 + 1]);
                    at = k > best ? i2 + 1 : at;
                    best = Math.max(k, best);
                    arg[o + ox] = at;
                    maxima[o + ox] = best > START ? x[at] : LOWEST_BITS;
                }
            }
        }
    }

    /** The input gradient of planes [from, to): zeros, plus each window's gradient at its maximum. */
    private static void scatter(float[] e, float[] g, int[] arg, int from, int to, int h, int w) {
        int perPlane = (h / 2) * (w / 2);
        Arrays.fill(g, from * h * w, to * h * w, 0f);
        for (int o = from * perPlane; o < to * perPlane; o++) {
            g[arg[o]] += e[o]; // 0 + e, as libnd4j: a -0 gradient becomes +0
        }
    }

    /**
     * An int that orders as the float does, with -0 equal to +0 (IEEE comparison) and NaN below
     * everything, so that a NaN is never taken, as in libnd4j's {@code value > max}.
     */
    static int key(float value) {
        return keyOfBits(Float.floatToRawIntBits(value));
    }

    private static int keyOfBits(int bits) {
        int magnitude = bits & 0x7fffffff;
        int sign = bits >> 31;
        int key = (magnitude ^ sign) - sign;
        return magnitude > INFINITY_BITS ? Integer.MIN_VALUE : key;
    }

    private static float[] ensure(float[] scratch, int length) {
        return scratch.length >= length ? scratch : new float[length];
    }

    private static int[] ensure(int[] scratch, int length) {
        return scratch.length >= length ? scratch : new int[length];
    }
}
