package lab.mnist.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The Java kernels follow libnd4j's thread count until given their own, and split work in two halves. */
class KernelThreadsTest {

    @Test
    void followsLibnd4jUntilSet() {
        int libnd4j = Nd4j.getEnvironment().maxMasterThreads();
        try {
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            assertEquals(1, KernelThreads.get(), "unset: as libnd4j");
            KernelThreads.set(2);
            assertEquals(2, KernelThreads.get(), "their own count, whatever libnd4j has");
            KernelThreads.set(0);
            Nd4j.getEnvironment().setMaxMasterThreads(2);
            assertEquals(2, KernelThreads.get(), "0: as libnd4j again");
            assertThrows(IllegalArgumentException.class, () -> KernelThreads.set(-1));
        } finally {
            KernelThreads.set(0);
            Nd4j.getEnvironment().setMaxMasterThreads(libnd4j);
        }
    }

    @Test
    void spinOnlyWhereLibnd4jLeavesACoreIdle() {
        int libnd4j = Nd4j.getEnvironment().maxMasterThreads();
        try {
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            KernelThreads.set(2);
            assertTrue(KernelThreads.spins(), "2 kernel threads, libnd4j on 1 (LeNet-5)");
            KernelThreads.set(0);
            assertFalse(KernelThreads.spins(), "following libnd4j");
            Nd4j.getEnvironment().setMaxMasterThreads(2);
            KernelThreads.set(2);
            assertFalse(KernelThreads.spins(), "libnd4j on both cores too (cnn-pad)");
        } finally {
            KernelThreads.set(0);
            Nd4j.getEnvironment().setMaxMasterThreads(libnd4j);
        }
    }

    @Test
    void inTwoRunsTheSecondHalfOnAnotherThreadAndWaitsForIt() throws Exception {
        int libnd4j = Nd4j.getEnvironment().maxMasterThreads();
        try {
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            for (int kernels : new int[] {2, 1}) { // spinning, then parking at once
                KernelThreads.set(kernels);
                assertEquals(kernels == 2, KernelThreads.spins());
                handOffs();
            }
        } finally {
            KernelThreads.set(0);
            Nd4j.getEnvironment().setMaxMasterThreads(libnd4j);
        }
    }

    private static void handOffs() throws InterruptedException {
        for (int round = 0; round < 50; round++) { // spinning and parked hand-offs alike
            Thread[] ran = new Thread[2];
            long delay = round % 2 * 3_000_000L;
            KernelThreads.inTwo(half -> {
                if (half == 1) {
                    LockSupport.parkNanos(delay); // sometimes outlasts the caller's spin
                }
                ran[half] = Thread.currentThread();
            });
            assertSame(Thread.currentThread(), ran[0], "the first half on the caller");
            assertNotEquals(null, ran[1], "the second half done before inTwo returns");
            assertNotEquals(Thread.currentThread(), ran[1], "the second half on the second thread");
            if (round % 10 == 0) {
                Thread.sleep(5); // the second thread parks
            }
        }
    }

    @Test
    void inTwoRethrowsWhatEitherHalfThrew() {
        for (int failing = 0; failing < 2; failing++) {
            int f = failing;
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelThreads.inTwo(half -> {
                if (half == f) {
                    throw new IllegalStateException("half " + f);
                }
            }));
            assertEquals("half " + f, e.getMessage());
        }
        int[] after = new int[2];
        KernelThreads.inTwo(half -> after[half]++);
        assertArrayEquals(new int[] {1, 1}, after, "usable after a failure");
    }

    @Test
    void aSecondCallerWhileTheThreadIsTakenRunsBothHalvesItself() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> KernelThreads.inTwo(half -> {
            if (half == 1) {
                inside.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        holder.start();
        inside.await(10, TimeUnit.SECONDS);
        var threads = new ConcurrentHashMap<Integer, Thread>();
        AtomicReference<Thread> caller = new AtomicReference<>(Thread.currentThread());
        KernelThreads.inTwo(half -> threads.put(half, Thread.currentThread()));
        release.countDown();
        holder.join(10_000);
        assertSame(caller.get(), threads.get(0));
        assertSame(caller.get(), threads.get(1), "the second thread was taken: both halves here");
    }
}
