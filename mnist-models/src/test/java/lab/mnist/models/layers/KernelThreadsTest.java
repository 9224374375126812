package lab.mnist.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The Java kernels follow libnd4j's thread count until given their own. */
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
}
