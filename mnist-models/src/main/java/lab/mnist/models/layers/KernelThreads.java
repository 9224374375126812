package lab.mnist.models.layers;

import org.nd4j.linalg.factory.Nd4j;

/**
 * How many threads the zoo's Java kernels ({@link MaxPool2x2}, {@link InputWeightGradient}) may
 * use: by default as many as libnd4j runs each op on, or a count of their own
 * ({@code train.kernelThreads}). Above one, a kernel with enough work splits it in two halves, one
 * on the calling thread and one on the common fork-join pool.
 *
 * <p>Why a count of their own: small models train fastest with libnd4j, OpenMP and OpenBLAS on
 * one thread, since their pools cost more in wake-ups than two threads save on small ops (README,
 * Speed). The Java kernels split their work at the cost of one fork-join task, so on LeNet-5 the
 * second core, idle otherwise, takes half of the pooling's and the first layer's backward work.
 */
public final class KernelThreads {
    private static volatile int threads; // 0: as libnd4j

    private KernelThreads() {
    }

    /** Sets the count (0: as many as libnd4j runs each op on). */
    public static void set(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("kernel threads must be >= 0 (0 = as libnd4j), got " + count);
        }
        threads = count;
    }

    /** The threads a kernel may use now. */
    public static int get() {
        int t = threads;
        return t > 0 ? t : Nd4j.getEnvironment().maxMasterThreads();
    }
}
