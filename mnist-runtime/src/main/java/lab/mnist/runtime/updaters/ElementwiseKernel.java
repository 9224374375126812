package lab.mnist.runtime.updaters;

import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs an element-wise update over up to three float arrays in Java, chunk by chunk: each chunk is
 * copied from ND4J's native buffers into small heap arrays, where the JIT compiles the loop to
 * SIMD instructions (it does not for loops over {@code FloatBuffer}s), and copied back.
 *
 * <p>Used by the optimizers, whose state decays towards zero and, in float, ends in denormals,
 * which the CPU computes on a slow path: the kernels here flush them to zero (docs/speed.md).
 */
final class ElementwiseKernel {
    /** Floats per chunk: three chunks of 16 KiB stay in the L1 and L2 caches. */
    static final int CHUNK = 4096;

    /** One chunk's work, in place on {@code a}, {@code b} and {@code c} (unused ones are null). */
    interface Body {
        void apply(float[] a, float[] b, float[] c, int n);
    }

    private final float[] a = new float[CHUNK];
    private final float[] b = new float[CHUNK];
    private final float[] c = new float[CHUNK];

    /**
     * Whether the arrays can take the Java path: the CPU backend, floats, one element after the
     * other in memory and the same length. Anything else stays on ND4J's ops.
     */
    static boolean supports(INDArray... arrays) {
        if (!Nd4j.getEnvironment().isCPU()) {
            return false;
        }
        long length = arrays[0].length();
        for (INDArray x : arrays) {
            // A vector is laid out the same in either order; a matrix only if the orders agree.
            if (x.dataType() != DataType.FLOAT || x.length() != length || x.elementWiseStride() != 1
                    || x.length() > Integer.MAX_VALUE || x.isEmpty()
                    || (!x.isVectorOrScalar() && x.ordering() != arrays[0].ordering())) {
                return false;
            }
        }
        return true;
    }

    /** Applies {@code body} to the arrays (two or three, as {@link #supports} allowed), in place. */
    void run(Body body, INDArray x, INDArray y, INDArray z) {
        FloatBuffer fx = buffer(x);
        FloatBuffer fy = buffer(y);
        FloatBuffer fz = z == null ? null : buffer(z);
        int length = (int) x.length();
        for (int start = 0; start < length; start += CHUNK) {
            int n = Math.min(CHUNK, length - start);
            fx.get(start, a, 0, n);
            fy.get(start, b, 0, n);
            if (fz != null) {
                fz.get(start, c, 0, n);
            }
            body.apply(a, b, fz == null ? null : c, n);
            fx.put(start, a, 0, n);
            fy.put(start, b, 0, n);
            if (fz != null) {
                fz.put(start, c, 0, n);
            }
        }
    }

    /** The array's elements as a buffer that starts at its first element. */
    private static FloatBuffer buffer(INDArray x) {
        FloatBuffer whole = x.data().asNioFloat();
        return whole.slice((int) x.offset(), (int) x.length());
    }

    /** {@code x}, or 0 where {@code x} is a denormal (or a zero of either sign). */
    static float flushDenormal(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }
}
