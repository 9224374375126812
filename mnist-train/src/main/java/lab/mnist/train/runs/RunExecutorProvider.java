package lab.mnist.train.runs;

import java.nio.file.Path;

import lab.mnist.train.Trainer;

/**
 * An executor that lives in a module of its own (Spark's in mnist-spark), found with
 * {@link java.util.ServiceLoader} so that its engine's jars stay off the class path of those who
 * do not use it.
 */
public interface RunExecutorProvider {

    /** The {@code executor} value that picks it, e.g. {@code spark}. */
    String name();

    /**
     * @param groupDir the sweep or study folder the runs write into (executors must reach it)
     * @param threads  cores each run keeps busy ({@link RunExecutors#coresPerRun}; 0 = all it finds)
     */
    RunExecutor create(SparkSettings spark, Path groupDir, int threads, Trainer.Options options);
}
