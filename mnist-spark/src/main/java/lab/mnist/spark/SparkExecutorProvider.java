package lab.mnist.spark;

import java.nio.file.Path;

import lab.mnist.train.Trainer;
import lab.mnist.train.runs.RunExecutor;
import lab.mnist.train.runs.RunExecutorProvider;
import lab.mnist.train.runs.SparkSettings;

/** {@code executor: spark}, found by {@link java.util.ServiceLoader} when this module is on the class path. */
public final class SparkExecutorProvider implements RunExecutorProvider {
    @Override
    public String name() {
        return SparkExecutor.NAME;
    }

    @Override
    public RunExecutor create(SparkSettings spark, Path groupDir, int threads, Trainer.Options options) {
        return new SparkExecutor(spark, groupDir, threads);
    }
}
