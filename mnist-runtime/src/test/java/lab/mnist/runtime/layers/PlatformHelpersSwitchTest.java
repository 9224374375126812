package lab.mnist.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** GenericPooling's global oneDNN switch, used from two threads at once. */
class PlatformHelpersSwitchTest {

    @Test
    void helpersStayOffUntilTheLastThreadLeavesThenComeBack() throws Exception {
        assertTrue(Nd4j.getEnvironment().helpersAllowed());
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> first = other.submit(() -> GenericPooling.withoutPlatformHelpers(() -> {
                inside.countDown();
                try {
                    return leave.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertTrue(inside.await(30, TimeUnit.SECONDS));
            // This thread enters second, and is still inside when the first one leaves.
            boolean offAfterTheFirstLeft = GenericPooling.withoutPlatformHelpers(() -> {
                leave.countDown();
                try {
                    first.get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return !Nd4j.getEnvironment().helpersAllowed();
            });
            assertTrue(offAfterTheFirstLeft, "still off while a thread is inside");
            assertTrue(Nd4j.getEnvironment().helpersAllowed(), "back on once both have left");
        } finally {
            leave.countDown();
            other.shutdownNow();
        }
    }

    @Test
    void helpersSwitchedOffBeforeStayOff() {
        Nd4j.getEnvironment().allowHelpers(false);
        try {
            GenericPooling.withoutPlatformHelpers(() -> null);
            assertFalse(Nd4j.getEnvironment().helpersAllowed());
        } finally {
            Nd4j.getEnvironment().allowHelpers(true);
        }
    }
}
