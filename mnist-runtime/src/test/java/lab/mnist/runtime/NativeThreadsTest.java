package lab.mnist.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/** The in-JVM thread limits take effect (M2.1's own setMaxThreads does not: these are the knobs that do). */
class NativeThreadsTest {
    private static int opThreads;
    private static int blasThreads;

    @BeforeAll
    static void remember() {
        opThreads = Nd4j.getEnvironment().maxMasterThreads();
        blasThreads = Nd4j.factory().blas().getMaxThreads();
    }

    @AfterAll
    static void restore() {
        NativeThreads.limit(opThreads, blasThreads);
    }

    @Test
    void oneThreadEverywhereThenOpenBlasAlone() {
        NativeThreads.limit(1);
        assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
        assertEquals(1, Nd4j.factory().blas().getMaxThreads());
        NativeThreads.limit(0, 2);
        assertEquals(1, Nd4j.getEnvironment().maxMasterThreads(), "0 leaves the op threads");
        assertEquals(2, Nd4j.factory().blas().getMaxThreads());
    }

    @Test
    void inferenceRunsOpenMpOnEveryCoreThenGivesTheTrainingSettingBack() {
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        NativeThreads.limit(1);
        assertEquals(1, ops.ompGetMaxThreads());
        int during = NativeThreads.forInference(ops::ompGetMaxThreads);
        assertEquals(Runtime.getRuntime().availableProcessors(), during);
        assertEquals(1, ops.ompGetMaxThreads(), "restored");
        assertEquals(1, Nd4j.getEnvironment().maxMasterThreads(), "libnd4j's own threads untouched");
        assertThrows(IllegalStateException.class, () -> NativeThreads.forInference(() -> {
            throw new IllegalStateException("inference failed");
        }));
        assertEquals(1, ops.ompGetMaxThreads(), "restored after a failure too");
    }
}
