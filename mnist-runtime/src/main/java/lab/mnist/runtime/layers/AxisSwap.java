package lab.mnist.runtime.layers;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code x.permute(1, 0, ...).dup('c')}: a c-ordered copy of {@code x} with its first two axes
 * swapped, for example [N, C, H, W] to [C, N, H, W].
 *
 * <p>For a contiguous float array on the CPU the copy is N x C block copies of H x W floats each
 * (memcpy through direct buffers). libnd4j's generic strided assign computes an index for every
 * element: on [64, 6, 28, 28] it takes 1.0 ms where the block copies take 0.06 ms (one thread).
 * Anything else (other types, views, other orders, the CUDA backend) takes ND4J's own permute.
 */
final class AxisSwap {
    private AxisSwap() {
    }

    static INDArray swapLeadingAxes(INDArray x) {
        if (!blockCopyApplies(x)) {
            return permuted(x).dup('c');
        }
        long[] shape = x.shape();
        long[] swapped = shape.clone();
        swapped[0] = shape[1];
        swapped[1] = shape[0];
        INDArray out = Nd4j.createUninitialized(x.dataType(), swapped, 'c');
        int a = (int) shape[0];
        int b = (int) shape[1];
        int block = (int) (x.length() / ((long) a * b));
        FloatBuffer from = floats(x);
        FloatBuffer to = floats(out);
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                int start = (i * b + j) * block;
                from.limit(start + block).position(start);
                to.position((j * a + i) * block);
                to.put(from);
            }
        }
        return out;
    }

    private static INDArray permuted(INDArray x) {
        int[] order = new int[x.rank()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        order[0] = 1;
        order[1] = 0;
        return x.permute(order);
    }

    /** A whole, c-ordered float buffer in host memory that the copy can address from element 0. */
    static boolean blockCopyApplies(INDArray x) {
        return Nd4j.getEnvironment().isCPU() && x.dataType() == DataType.FLOAT && x.rank() >= 2
                && denseInCOrder(x) && x.offset() == 0
                && x.data().offset() == 0 && x.length() < Integer.MAX_VALUE
                && x.data().pointer().capacity() >= x.length();
    }

    /** Whether the elements lie densely in c order (axes of size 1 may carry any stride). */
    private static boolean denseInCOrder(INDArray x) {
        long expected = 1;
        for (int axis = x.rank() - 1; axis >= 0; axis--) {
            if (x.size(axis) != 1 && x.stride(axis) != expected) {
                return false;
            }
            expected *= x.size(axis);
        }
        return true;
    }

    static FloatBuffer floats(INDArray x) {
        return x.data().pointer().asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** The same memory as {@link #floats}, read as the floats' bits. */
    static IntBuffer floatBits(INDArray x) {
        return x.data().pointer().asByteBuffer().order(ByteOrder.nativeOrder()).asIntBuffer();
    }
}
