package lab.mnist.runtime;

import java.util.function.Supplier;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thread counts of ND4J's three native pools, lowered from inside a running JVM.
 *
 * <p>libnd4j's own pool, OpenBLAS's pthreads (the conv and dense GEMMs) and OpenMP (oneDNN's
 * pooling and batch norm) are all sized from {@code OMP_NUM_THREADS} when the native library
 * loads, and on 2 cores they oversubscribe: OpenBLAS workers spin-yield after every call and the
 * JVM's own threads need CPU too. {@code Environment.setMaxThreads} is a no-op in M2.1, so the
 * knobs that do work at run time are used: OpenBLAS's thread count, OpenMP's for the calling
 * thread, and libnd4j's default threads per op. Starting the JVM with {@code OMP_NUM_THREADS=n}
 * also sizes libnd4j's pool itself and remains the surest way.
 */
public final class NativeThreads {
    private static final Logger LOG = LoggerFactory.getLogger(NativeThreads.class);

    private NativeThreads() {
    }

    /** Limits the native pools to {@code threads} for work started from the calling thread (0: leave). */
    public static void limit(int threads) {
        limit(threads, 0);
    }

    /**
     * @param threads     every pool (0: leave them)
     * @param blasThreads then OpenBLAS alone (0: leave it)
     */
    public static void limit(int threads, int blasThreads) {
        if (threads > 0) {
            Nd4j.factory().blas().setMaxThreads(threads);
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
        }
        if (blasThreads > 0) {
            Nd4j.factory().blas().setMaxThreads(blasThreads);
        }
        if (threads > 0 || blasThreads > 0) {
            LOG.info("native threads: libnd4j {} per op, OpenBLAS {}", Nd4j.getEnvironment().maxMasterThreads(),
                    Nd4j.factory().blas().getMaxThreads());
        }
    }

    /**
     * OpenMP's thread count for ops started from the calling thread (0: leave it): a setting of each
     * thread's own, so a thread of ours that runs ops sets it as the main thread did ({@link BatchSplit}).
     */
    public static void limitOpenMpOfThisThread(int threads) {
        if (threads > 0) {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        }
    }

    /**
     * Runs inference with OpenMP, and so oneDNN's convolutions, on every core, then restores the
     * calling thread's setting. One thread trains the small seed models fastest, but inference on
     * batches of 1,000 spreads over both cores: LeNet-5 15,500 to 21,000 samples/s, cnn-pad 2,870
     * to 3,600 (libnd4j and OpenBLAS at 1 thread, this machine). oneDNN splits the work across
     * outputs, and the test predictions of seed 004 are the same file either way.
     */
    public static <T> T forInference(Supplier<T> work) {
        if (!Nd4j.getEnvironment().isCPU()) {
            return work.get();
        }
        int cores = Runtime.getRuntime().availableProcessors();
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int before = ops.ompGetMaxThreads();
        if (before >= cores) {
            return work.get();
        }
        ops.setOmpNumThreads(cores);
        try {
            return work.get();
        } finally {
            ops.setOmpNumThreads(before);
        }
    }
}
