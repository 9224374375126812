package lab.mnist.runtime.layers;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weight and bias gradients of a convolution with stride 1 on NCHW float arrays, in Java: the
 * backward pass of {@link InputConvolution}, which needs no input gradient.
 *
 * <p>Why: the weight gradient is a correlation of the input with the output gradient. oneDNN runs
 * it as a forward convolution with the batch as channels and a kernel as large as the image, which
 * it does slowly: on LeNet-5's first layer (64 images, 6 filters of 5x5, one thread) that
 * convolution, the copy that swaps the delta's first two axes for it and the bias gradient's sum
 * took 3.1 to 3.3 ms, and this class takes 1.7 to 2.0 ms (cnn-pad's first layer, 10 images and 32
 * filters of 3x3: 1.4 against 0.7 ms).
 *
 * <p>How: each image plane is copied into a zero-padded plane of row length {@code S = W + 2 pW},
 * and each plane of the delta into rows of the same length, zero past its own width. Then for each
 * tap (kh, kw) of the kernel the sum over all output positions is one dot product of two runs of
 * {@code oH * S} floats: the delta's, and the padded image's from {@code kh * S + kw} on (the zero
 * columns cancel the positions where a run wraps into the next row). The products are added
 * element-wise into one accumulator per tap and summed once at the end. Each tap's run of the image
 * is first copied to its own array: C2 vectorises {@code acc[j] += x[j] * d[j]} over AVX, but not
 * when any of the three is read at another offset (it cannot rule out that they overlap), and the
 * copy costs far less than the scalar loop would.
 *
 * <p>The sums run in another order than oneDNN's: the result differs from {@code conv2d_bp}'s by
 * float rounding (relative differences of about 3e-6), and it is the same on every run, on one or
 * two threads, since each output channel is summed by one thread in the same order.
 */
final class InputWeightGradient {
    /** Output channels summed together: their accumulators stay in the cache while each image is read. */
    private static final int BLOCK = 4;
    /** From this many multiply-adds on, two threads share the output channels ({@link KernelThreads}). */
    static final long PARALLEL_FROM = 1L << 20;

    private float[] image = new float[0];  // the input, as copied out of native memory
    private float[] delta = new float[0];  // the output gradient, likewise
    private float[] padded = new float[0]; // the padded image planes
    private final Worker[] workers = {new Worker(), new Worker()};

    /** Whether the arrays take this kernel: whole, dense, c-ordered float arrays on the CPU. */
    static boolean applies(INDArray input, INDArray delta) {
        return input.rank() == 4 && delta.rank() == 4 && input.size(0) == delta.size(0)
                && AxisSwap.blockCopyApplies(input) && AxisSwap.blockCopyApplies(delta);
    }

    /**
     * The gradients of a stride-1, dilation-1 convolution with explicit padding.
     *
     * @param input  [N, C, H, W], what the layer read
     * @param delta  [N, O, oH, oW], the gradient with respect to the layer's pre-activation output
     * @param weight receives [O, C, kH, kW] in c order
     * @param bias   receives [O]; null when the layer has no bias
     */
    void compute(INDArray input, INDArray delta, int kH, int kW, int pH, int pW, float[] weight, float[] bias) {
        Shape s = new Shape(input, delta, kH, kW, pH, pW);
        if (weight.length != s.o * s.c * s.taps || (bias != null && bias.length != s.o)) {
            throw new IllegalArgumentException("gradient arrays of " + weight.length + " and "
                    + (bias == null ? "no" : bias.length) + " floats for " + s.o + " filters of " + s.c + "x" + kH + "x" + kW);
        }
        if (s.oH + kH - 1 != s.h + 2 * pH || s.oW + kW - 1 != s.w + 2 * pW) {
            throw new IllegalArgumentException("a " + s.oH + "x" + s.oW + " output gradient does not fit a " + s.h + "x"
                    + s.w + " input with a " + kH + "x" + kW + " kernel, padding " + pH + "x" + pW + " and stride 1");
        }
        int inLength = (int) input.length();
        int deltaLength = (int) delta.length();
        float[] x = image = ensure(image, inLength);
        float[] d = this.delta = ensure(this.delta, deltaLength);
        AxisSwap.floats(input).get(x, 0, inLength);
        AxisSwap.floats(delta).get(d, 0, deltaLength);
        float[] p = padded = ensure(padded, s.n * s.c * s.plane);
        Arrays.fill(p, 0, s.n * s.c * s.plane, 0f);
        for (int plane = 0; plane < s.n * s.c; plane++) {
            for (int r = 0; r < s.h; r++) {
                System.arraycopy(x, (plane * s.h + r) * s.w, p, plane * s.plane + (r + pH) * s.stride + pW, s.w);
            }
        }
        long work = (long) s.n * s.o * s.c * s.taps * s.run;
        if (KernelThreads.get() > 1 && work >= PARALLEL_FROM && s.o > 1) {
            // Two halves of the output channels, this thread's and the kernels' second one's: equal
            // halves, since this thread waits for the other (LeNet-5's 6 filters: 3 each, where
            // halves of the blocks of 4 gave this thread 4).
            int half = (s.o + 1) / 2;
            KernelThreads.inTwo(part -> workers[part].channels(s, p, d, part == 0 ? 0 : half,
                    part == 0 ? half : s.o, weight, bias));
        } else {
            workers[0].channels(s, p, d, 0, s.o, weight, bias);
        }
    }

    /** The sizes, and the layout of the padded copies. */
    private static final class Shape {
        final int n, c, h, w, o, oH, oW, kW, taps;
        final int stride; // row length of the padded planes and of the delta's copies
        final int run;    // floats in one tap's dot product
        final int plane;  // floats in one padded plane, with room for the last tap's run

        Shape(INDArray input, INDArray delta, int kH, int kW, int pH, int pW) {
            n = (int) input.size(0);
            c = (int) input.size(1);
            h = (int) input.size(2);
            w = (int) input.size(3);
            o = (int) delta.size(1);
            oH = (int) delta.size(2);
            oW = (int) delta.size(3);
            this.kW = kW;
            taps = kH * kW;
            stride = w + 2 * pW;
            run = oH * stride;
            plane = (h + 2 * pH) * stride + kW - 1;
        }
    }

    /** One thread's scratch arrays. */
    private static final class Worker {
        private float[][] sums = new float[0][];   // [channel in block][C * taps + 1][run]
        private float[][] deltas = new float[0][]; // [channel in block][run]
        private float[] window = new float[0];
        private int preparedStride;
        private int preparedWidth;

        /** Output channels {@code [from, to)}, in blocks of up to {@link #BLOCK}. */
        void channels(Shape s, float[] padded, float[] d, int from, int to, float[] weight, float[] bias) {
            int accumulators = BLOCK * (s.c * s.taps + 1);
            if (sums.length != accumulators || sums[0].length != s.run || preparedStride != s.stride
                    || preparedWidth != s.oW) { // new zero columns in the deltas' rows
                preparedStride = s.stride;
                preparedWidth = s.oW;
                sums = new float[accumulators][s.run];
                deltas = new float[BLOCK][s.run];
                window = new float[s.run];
            }
            int perChannel = s.c * s.taps + 1; // the last one sums the delta itself: the bias gradient
            for (int first = from; first < to; first += BLOCK) {
                int count = Math.min(BLOCK, to - first);
                for (int a = 0; a < count * perChannel; a++) {
                    Arrays.fill(sums[a], 0, s.run, 0f);
                }
                for (int i = 0; i < s.n; i++) {
                    for (int k = 0; k < count; k++) {
                        float[] row = deltas[k]; // columns oW..stride-1 stay zero
                        int src = (i * s.o + first + k) * s.oH * s.oW;
                        for (int r = 0; r < s.oH; r++) {
                            System.arraycopy(d, src + r * s.oW, row, r * s.stride, s.oW);
                        }
                        add(sums[k * perChannel + perChannel - 1], row, s.run);
                    }
                    for (int ch = 0; ch < s.c; ch++) {
                        int planeStart = (i * s.c + ch) * s.plane;
                        for (int tap = 0; tap < s.taps; tap++) {
                            System.arraycopy(padded, planeStart + (tap / s.kW) * s.stride + tap % s.kW, window, 0, s.run);
                            for (int k = 0; k < count; k++) {
                                multiplyAdd(sums[k * perChannel + ch * s.taps + tap], window, deltas[k], s.run);
                            }
                        }
                    }
                }
                for (int k = 0; k < count; k++) {
                    for (int t = 0; t < perChannel - 1; t++) {
                        weight[(first + k) * (perChannel - 1) + t] = total(sums[k * perChannel + t], s.run);
                    }
                    if (bias != null) {
                        bias[first + k] = total(sums[k * perChannel + perChannel - 1], s.run);
                    }
                }
            }
        }
    }

    private static void multiplyAdd(float[] sum, float[] x, float[] d, int length) {
        for (int j = 0; j < length; j++) {
            sum[j] += x[j] * d[j];
        }
    }

    private static void add(float[] sum, float[] d, int length) {
        for (int j = 0; j < length; j++) {
            sum[j] += d[j];
        }
    }

    private static float total(float[] values, int length) {
        double t = 0;
        for (int j = 0; j < length; j++) {
            t += values[j];
        }
        return (float) t;
    }

    private static float[] ensure(float[] scratch, int length) {
        return scratch.length >= length ? scratch : new float[length];
    }
}
