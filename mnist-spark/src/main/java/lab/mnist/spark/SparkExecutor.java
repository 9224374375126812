package lab.mnist.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import lab.mnist.train.Trainer;
import lab.mnist.train.config.ConfigException;
import lab.mnist.train.runs.RunExecutor;
import lab.mnist.train.runs.RunTask;
import lab.mnist.train.runs.SparkSettings;

/**
 * Runs each trial or seed as a Spark task: a job of one partition whose function runs the
 * {@link RunTask} in the executor's JVM, where it reads and writes the group folder on a file
 * system every executor reaches. Spark does the rest: scheduling on free executor slots, and
 * retrying a task whose executor died, which then resumes the run from its last checkpoint
 * (a run is safe to start twice: a finished one is kept, a stopped one resumes). A run that fails
 * for its own reasons returns a failed record rather than throwing, so Spark does not retry it.
 *
 * <p>{@code spark.task.cpus} and {@code spark.executor.cores} are the cores one run keeps busy, so
 * each run has an executor JVM to itself (ND4J's random generator and thread pools are per
 * process) and a worker starts as many executors as it has room for; the sweep keeps as many
 * trials under way as the cluster has slots.
 */
public final class SparkExecutor implements RunExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(SparkExecutor.class);
    public static final String NAME = "spark";

    private final JavaSparkContext spark;
    private final int taskCpus;
    private final int parallelism;

    SparkExecutor(SparkSettings settings, Path groupDir, int coresPerRun) {
        this.taskCpus = Math.max(1, coresPerRun);
        SparkConf conf = new SparkConf()
                .setAppName("mnist-lab " + groupDir.getFileName())
                .setMaster(settings.master())
                .set("spark.task.cpus", Integer.toString(taskCpus))
                // One run per executor JVM: ND4J's random generator and thread pools are the process's,
                // so two trainings in one JVM would disturb each other's numbers. A worker with more
                // cores starts more executors. (Spark's local mode has one JVM whatever is set here.)
                .set("spark.executor.cores", Integer.toString(taskCpus))
                // A task whose executor dies is retried (4 attempts, Spark's cluster default); in
                // local mode that needs local[N,F], which the settings may also give.
                .set("spark.task.maxFailures", "4")
                // What the command lines set before ND4J loads (NativeSetup), for the executors' JVMs.
                .set("spark.executor.extraJavaOptions", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0")
                .set("spark.ui.showConsoleProgress", "false");
        settings.conf().forEach(conf::set);
        LOG.info("starting Spark: master {}, {} core(s) per task", settings.master(), taskCpus);
        this.spark = new JavaSparkContext(conf);
        try {
            checkSharedFolder(groupDir.toAbsolutePath().normalize());
            awaitExecutors();
            this.parallelism = Math.max(1, spark.defaultParallelism() / taskCpus);
        } catch (RuntimeException e) {
            spark.stop();
            throw e;
        }
        LOG.info("Spark {} at {}: {} run(s) at once", spark.version(), spark.master(), parallelism);
    }

    /**
     * A cluster's executors register one by one after the context starts; the cores they bring
     * decide how many trials run at once. Waits until their number has held still for 3 s (at
     * most 30 s); local mode has its cores from the start.
     */
    private void awaitExecutors() {
        long deadline = System.currentTimeMillis() + 30_000;
        int seen = -1;
        long stableSince = System.currentTimeMillis();
        try {
            while (System.currentTimeMillis() < deadline) {
                int now = spark.sc().statusTracker().getExecutorInfos().length;
                if (now != seen) {
                    seen = now;
                    stableSince = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - stableSince >= 3_000) {
                    return;
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String name() {
        return NAME + " (" + spark.master() + ")";
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public <R extends Serializable> R run(RunTask<R> task) {
        spark.setJobDescription(task.describe());
        return spark.parallelize(List.of(task), 1).map(new RunOnExecutor<R>()).collect().get(0);
    }

    /** Every task at once, up to the cluster's slots; {@code whenDone} hears of each result as it comes, one at a time. */
    @Override
    public <R extends Serializable> List<R> runAll(List<? extends RunTask<R>> tasks, Consumer<R> whenDone) {
        ExecutorService submitters = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, tasks.size())));
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (RunTask<R> t : tasks) {
                futures.add(submitters.submit(() -> {
                    R r = run(t);
                    synchronized (whenDone) {
                        whenDone.accept(r);
                    }
                    return r;
                }));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the runs were under way", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            submitters.shutdownNow();
        }
    }

    @Override
    public void close() {
        spark.stop();
    }

    /**
     * Runs on an executor: the task with this JVM's own options (its data loaded there, quietly).
     * A class of its own, not a lambda, so that it serialises with nothing of the driver's.
     */
    static final class RunOnExecutor<R extends Serializable> implements
            org.apache.spark.api.java.function.Function<RunTask<R>, R> {
        @Override
        public R call(RunTask<R> task) {
            lab.mnist.runtime.NativeSetup.beforeNd4j();
            return task.run(Trainer.Options.defaults().quietly());
        }
    }

    /**
     * Every executor must read what the driver writes into the group folder, at the same path:
     * the runs' files are the only channel between them. Checked at start with a file the driver
     * writes and one task per slot reads, so a folder that is not shared is one clear error before
     * any training.
     */
    private void checkSharedFolder(Path dir) {
        String token = UUID.randomUUID().toString();
        Path probe = dir.resolve(".spark-shared-check-" + token);
        try {
            Files.writeString(probe, token);
            int slots = Math.max(1, spark.defaultParallelism());
            List<String> blind = spark.parallelize(IntStream.range(0, slots).boxed().toList(), slots)
                    .map(new CannotRead(probe.toString(), token)).filter(host -> !host.isEmpty()).distinct().collect();
            if (!blind.isEmpty()) {
                throw new ConfigException("spark", "spark: executors on " + String.join(", ", blind) + " cannot read "
                        + dir + "; the sweep or study folder must be on a file system every executor reaches at the same "
                        + "path (NFS, a shared volume): set output.dir to such a folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + probe + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // a stray probe file is harmless
            }
        }
    }

    /** On an executor: its host name if it cannot read the probe file as the driver wrote it, else "". */
    private record CannotRead(String probe, String token) implements
            org.apache.spark.api.java.function.Function<Integer, String> {
        @Override
        public String call(Integer slot) throws IOException {
            Path p = Path.of(probe);
            boolean ok = Files.isRegularFile(p) && Files.readString(p).equals(token);
            return ok ? "" : InetAddress.getLocalHost().getHostName();
        }
    }
}
