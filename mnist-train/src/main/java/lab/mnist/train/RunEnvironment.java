package lab.mnist.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.nd4j.linalg.factory.Nd4j;

import lab.mnist.data.ProjectVersion;
import lab.mnist.runtime.OneDnn;

/**
 * What produced a run, for provenance: backend and device, CPU, threads, DL4J version, Java, and
 * the git commit of the code (with a mark when the working tree had uncommitted changes).
 */
public record RunEnvironment(String backend, String device, String cpu, int cores, int threads, String dl4jVersion,
                             String javaVersion, String os, String gitCommit, String hostname,
                             boolean oneDnnHelpers, int opThreads, int blasThreads, int kernelThreads) {

    public static RunEnvironment capture() {
        String backendClass = Nd4j.getBackend().getClass().getSimpleName();
        String backend = backendClass.contains("Cuda") || backendClass.contains("JCublas") ? "cuda" : "cpu";
        Map<String, Object> info = new LinkedHashMap<>();
        try {
            Nd4j.getExecutioner().getEnvironmentInformation().forEach((k, v) -> info.put(k.toString(), v));
        } catch (RuntimeException ignored) {
            // environment information is optional
        }
        String device = backend.equals("cuda") ? String.valueOf(info.getOrDefault("cuda.devicesInformation", "cuda device"))
                : "cpu (" + info.getOrDefault("blas.vendor", "blas") + ")";
        return new RunEnvironment(backend + " (" + backendClass + ")", device, cpuModel(),
                Runtime.getRuntime().availableProcessors(), threadCount(),
                ProjectVersion.dl4j(), System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), currentGitCommit(), hostName(),
                OneDnn.requested() && org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled(),
                safely(() -> Nd4j.getEnvironment().maxMasterThreads()), safely(() -> Nd4j.factory().blas().getMaxThreads()),
                safely(lab.mnist.runtime.layers.KernelThreads::get));
    }

    /** A thread count the backend may not report (CUDA): -1 then. */
    private static int safely(java.util.function.IntSupplier count) {
        try {
            return count.getAsInt();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The threads libnd4j runs its ops on (OpenMP), as the backend reports them. */
    static int threadCount() {
        try {
            return Nd4j.getEnvironment().maxThreads();
        } catch (RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        return h != null ? h : "unknown";
    }

    /** {@code git rev-parse HEAD}, with {@code -dirty} when files differ from it; "unknown" outside git. */
    static String currentGitCommit() {
        String head = run("git", "rev-parse", "HEAD");
        if (head == null || head.isBlank()) {
            return "unknown";
        }
        String status = run("git", "status", "--porcelain", "--untracked-files=no");
        return head.strip() + (status != null && !status.isBlank() ? "-dirty" : "");
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
