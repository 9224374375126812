package lab.mnist.train.runs;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

import lab.mnist.train.Trainer;
import lab.mnist.train.config.ConfigException;

/** Picks the executor a sweep or study asks for: in this process, or one a module provides. */
public final class RunExecutors {
    /** The values {@code executor} takes. */
    public static final List<String> NAMES = List.of(InProcessExecutor.NAME, "spark");

    private RunExecutors() {
    }

    public static void check(String executor, String key) {
        if (!NAMES.contains(executor)) {
            throw ConfigException.invalid(key, "expected one of " + String.join(", ", NAMES) + ", got '" + executor + "'");
        }
    }

    /**
     * The cores one run keeps busy: its native threads, times its batch slices (each slice trains
     * on a thread pool of its own); 0 when it takes every core it finds.
     */
    public static int coresPerRun(lab.mnist.train.config.Experiment x) {
        return x.train().threads() > 0 ? x.train().threads() * Math.max(1, x.train().splitBatch()) : 0;
    }

    public static RunExecutor create(String executor, SparkSettings spark, Path groupDir, int threads,
                                     Trainer.Options options) {
        if (executor.equals(InProcessExecutor.NAME)) {
            return new InProcessExecutor(options);
        }
        for (RunExecutorProvider p : ServiceLoader.load(RunExecutorProvider.class)) {
            if (p.name().equals(executor)) {
                return p.create(spark, groupDir, threads, options);
            }
        }
        throw new ConfigException("executor", "executor: " + executor + " runs from the mnist-" + executor
                + " module, which has the engine on its class path: mvn -pl mnist-" + executor
                + " exec:java -Dexec.args=\"sweep FILE executor=" + executor + "\" (or \"study FILE ...\")");
    }
}
