package lab.mnist.runtime.layers;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

import org.nd4j.linalg.factory.Nd4j;

/**
 * How many threads the zoo's Java kernels ({@link MaxPool2x2}, {@link InputWeightGradient}) may
 * use: by default as many as libnd4j runs each op on, or a count of their own
 * ({@code train.kernelThreads}). Above one, a kernel with enough work splits it in two halves, one
 * on the calling thread and one on a second thread of this class's own ({@link #inTwo}).
 *
 * <p>Why a count of their own: small models train fastest with libnd4j, OpenMP and OpenBLAS on
 * one thread, since their pools cost more in wake-ups than two threads save on small ops (README,
 * Speed). The Java kernels split their work at the cost of one hand-off, so with 2 here and 1
 * native thread the second core, idle otherwise, takes half of the pooling's work and of the
 * first layer's weight gradient. Training each batch in two slices ({@code train.splitBatch})
 * uses that core better still, and then each slice's thread runs its kernels whole.
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

    /**
     * Runs {@code half.accept(0)} on the calling thread and {@code half.accept(1)} on the second
     * thread, and returns when both are done (rethrowing what either threw). If another caller has
     * the second thread, both halves run here, one after the other.
     *
     * <p>Why not the common fork-join pool: waking a parked thread is a futex call that, on the
     * 2-core virtual machines this project is measured on, put 3.2% of LeNet-5's training thread
     * into {@code pthread_cond_signal} (async-profiler), for two hand-offs a step (0.5% now). Here
     * each thread spins a while before it parks ({@link SecondThread#SPIN_NANOS}): pooling's
     * backward pass and the first layer's weight gradient follow each other within a millisecond,
     * so the later hand-off finds the thread awake, and the caller finds the other half done
     * without parking. They spin only where the kernels have a core that libnd4j leaves idle
     * ({@link #spins}).
     */
    public static void inTwo(IntConsumer half) {
        SecondThread second = SecondThread.INSTANCE;
        if (!second.busy.compareAndSet(false, true)) {
            half.accept(0);
            half.accept(1);
            return;
        }
        try {
            second.start(() -> half.accept(1), spins() ? SecondThread.SPIN_NANOS : 0);
            Throwable mine = null;
            try {
                half.accept(0);
            } catch (Throwable t) {
                mine = t;
            }
            Throwable theirs = second.await();
            rethrow(mine != null ? mine : theirs);
        } finally {
            second.busy.set(false);
        }
    }

    /**
     * Whether the two threads spin before they park: only when the kernels have more threads than
     * libnd4j runs each op on (LeNet-5: 2 against 1). Where libnd4j and OpenMP use every core
     * (cnn-pad), a spinning thread takes CPU from their threads: cnn-pad's training steps fell from
     * 733 to 501 samples/s with a 2 ms spin.
     */
    static boolean spins() {
        int own = threads;
        return own > 0 && own > Nd4j.getEnvironment().maxMasterThreads();
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /** One daemon thread that runs the second halves, one at a time. */
    private static final class SecondThread implements Runnable {
        static final SecondThread INSTANCE = new SecondThread();
        /** How long either side spins before it parks: longer than the gap between a step's two kernels. */
        static final long SPIN_NANOS = 2_000_000;

        final AtomicBoolean busy = new AtomicBoolean(); // a caller holds this thread
        private final Thread thread;
        private volatile Runnable task;                 // set by the caller, cleared when done
        private volatile Throwable failure;
        private volatile Thread waiter;                 // the caller, while it is parked
        private volatile long spin;                     // how long both sides spin before they park

        private SecondThread() {
            thread = new Thread(this, "mnist-lab-kernels");
            thread.setDaemon(true);
            thread.start();
        }

        void start(Runnable work, long spinNanos) {
            failure = null;
            spin = spinNanos;
            task = work;
            LockSupport.unpark(thread); // a no-op syscall-wise unless it had parked
        }

        /** Waits for the task to finish and returns what it threw, if anything. */
        Throwable await() {
            long start = System.nanoTime();
            while (task != null) {
                if (System.nanoTime() - start < spin) {
                    Thread.onSpinWait();
                } else {
                    waiter = Thread.currentThread();
                    if (task != null) {
                        LockSupport.park(this);
                    }
                    waiter = null;
                }
            }
            return failure;
        }

        @Override
        public void run() {
            while (true) {
                Runnable work = next();
                try {
                    work.run();
                } catch (Throwable t) {
                    failure = t;
                }
                task = null;
                Thread w = waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }

        private Runnable next() {
            long start = System.nanoTime();
            Runnable work;
            while ((work = task) == null) {
                if (System.nanoTime() - start < spin) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            return work;
        }
    }
}
