package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

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
}
