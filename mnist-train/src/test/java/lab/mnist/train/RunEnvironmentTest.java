package lab.mnist.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import lab.mnist.runtime.layers.KernelThreads;

/** What environment.json says: the backend this process runs, the Java kernels' threads as set, and the git commit. */
class RunEnvironmentTest {
    @Test
    void describesThisProcess() throws Exception {
        int saved = KernelThreads.get();
        try {
            KernelThreads.set(3);
            RunEnvironment env = RunEnvironment.capture();
            assertTrue(env.backend().startsWith("cpu (CpuBackend)"), env.backend());
            assertEquals(3, env.kernelThreads());
            assertTrue(env.dl4jVersion().startsWith("1.0.0-M2"), env.dl4jVersion());
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            assertTrue(git.waitFor(30, TimeUnit.SECONDS));
            String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(0, git.exitValue(), "the build runs in the repository: " + head);
            assertTrue(env.gitCommit().startsWith(head), env.gitCommit() + " is not HEAD " + head);
        } finally {
            KernelThreads.set(saved);
        }
    }
}
