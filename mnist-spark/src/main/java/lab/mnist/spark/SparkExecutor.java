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

    /** Spark settings this executor decides: a run's cores, one run per JVM, no duplicate attempts. */
    private static final java.util.Set<String> OWN = java.util.Set.of("spark.task.cpus", "spark.executor.cores",
            "spark.speculation");

    SparkExecutor(SparkSettings settings, Path groupDir, int coresPerRun) {
        if (coresPerRun < 1) {
            throw new ConfigException("train.threads", "train.threads: executor spark needs it set (> 0): Spark reserves "
                    + "that many cores per trial or seed (times train.splitBatch), and a run with 0 takes every core it finds");
        }
        this.taskCpus = coresPerRun;
        for (String key : settings.conf().keySet()) {
            if (OWN.contains(key)) {
                throw new ConfigException("spark.conf." + key, "spark.conf." + key + ": set by the executor from the "
                        + "runs' train.threads and train.splitBatch (one run per executor JVM, never two attempts at once)");
            }
        }
        SparkConf conf = new SparkConf()
                .setAppName("mnist-lab " + groupDir.getFileName())
                .setMaster(settings.master())
                // A task whose executor dies is retried (4 attempts, Spark's cluster default); in
                // local mode that needs local[N,F], which the settings may also give.
                .set("spark.task.maxFailures", "4")
                // What the command lines set before ND4J loads (NativeSetup), for the executors' JVMs.
                .set("spark.executor.extraJavaOptions", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0")
                .set("spark.ui.showConsoleProgress", "false");
        settings.conf().forEach(conf::set);
        conf.set("spark.task.cpus", Integer.toString(taskCpus))
                // One run per executor JVM: ND4J's random generator and thread pools are the process's,
                // so two trainings in one JVM would disturb each other's numbers. A worker with more
                // cores starts more executors. (Spark's local mode has one JVM whatever is set here.)
                .set("spark.executor.cores", Integer.toString(taskCpus))
                // Two attempts of one run at once would write one folder; a retry comes only after a loss.
                .set("spark.speculation", "false");
        LOG.info("starting Spark: master {}, {} core(s) per task", settings.master(), taskCpus);
        JavaSparkContext context;
        try {
            context = new JavaSparkContext(conf);
        } catch (Exception e) { // a bad master URL, an unreachable cluster: SparkException is undeclared
            throw new ConfigException("spark.master", "spark.master: cannot start Spark at '" + settings.master() + "': "
                    + firstLine(e));
        }
        this.spark = context;
        try {
            awaitExecutors();
            checkSharedFolder(groupDir.toAbsolutePath().normalize());
            this.parallelism = slots();
        } catch (Throwable e) { // SparkException too, which Scala throws undeclared: never leave the context running
            spark.stop();
            throw e instanceof RuntimeException r ? r : new ConfigException("spark", "spark: " + firstLine(e));
        }
        LOG.info("Spark {} at {}: {} run(s) at once", spark.version(), spark.master(), parallelism);
        if (spark.isLocal() && parallelism > 1) {
            LOG.warn("Spark's local mode runs its {} trials at once in this one JVM, where they share ND4J's random "
                    + "generator and thread pools: their numbers may differ from in-process ones; a cluster gives each "
                    + "run a JVM of its own", parallelism);
        }
    }

    /**
     * How many runs at once: in local mode its cores over a run's; on a cluster the executors,
     * each sized to one run ({@code spark.executor.cores}).
     */
    private int slots() {
        if (spark.isLocal()) {
            return Math.max(1, spark.defaultParallelism() / taskCpus);
        }
        return Math.max(1, spark.sc().statusTracker().getExecutorInfos().length - 1); // less the driver
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m).trim();
    }

    /**
     * A cluster's executors register one by one after the context starts; how many there are
     * decides how many trials run at once. Waits until there is one and their number has held
     * still for 3 s (at most 60 s; the folder check then says what is wrong if none came); local
     * mode has its cores from the start.
     */
    private void awaitExecutors() {
        if (spark.isLocal()) {
            return;
        }
        long deadline = System.currentTimeMillis() + 60_000;
        int seen = -1;
        long stableSince = System.currentTimeMillis();
        try {
            while (System.currentTimeMillis() < deadline) {
                int now = spark.sc().statusTracker().getExecutorInfos().length;
                if (now != seen) {
                    seen = now;
                    stableSince = System.currentTimeMillis();
                } else if (now > 1 && System.currentTimeMillis() - stableSince >= 3_000) { // the driver counts as one
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
        try {
            return spark.parallelize(List.of(task), 1).map(new RunOnExecutor<R>()).collect().get(0);
        } catch (Exception e) { // SparkException, undeclared: the run failed on every attempt Spark made
            throw new ConfigException("executor", "spark: " + task.describe() + " failed on every attempt: " + firstLine(e));
        }
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
            throw e.getCause() instanceof RuntimeException r ? r
                    : new ConfigException("executor", "spark: " + firstLine(e.getCause()));
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
            List<String> blind;
            try {
                blind = spark.parallelize(IntStream.range(0, slots).boxed().toList(), slots)
                        .map(new CannotRead(probe.toString(), token)).filter(host -> !host.isEmpty()).distinct()
                        .collectAsync().get(120, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                spark.cancelAllJobs();
                throw new ConfigException("spark", "spark: no executor ran a task in 120 s at " + spark.master()
                        + "; does a worker have " + taskCpus + " free core(s) (train.threads x train.splitBatch) and "
                        + "the memory spark.executor.memory asks for?");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new ConfigException("spark", "spark: cannot check the folder from the executors: " + firstLine(e.getCause()));
            }
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
