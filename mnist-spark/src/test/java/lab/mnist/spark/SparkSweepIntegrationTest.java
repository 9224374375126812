package lab.mnist.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import lab.mnist.data.ProjectFiles;
import lab.mnist.train.Trainer;
import lab.mnist.tuning.SweepRunner;
import lab.mnist.tuning.TrialRecord;
import lab.mnist.tuning.config.SweepLoader;

/**
 * Sweeps on a real multi-process Spark cluster (a standalone master and a worker on 127.0.0.1,
 * executors in JVMs of their own), on a real MNIST subset: they end with the same trials, bit for
 * bit, as the same sweep in this process, and an executor killed with SIGKILL in the middle of a
 * trial loses nothing: Spark retries the task and the trial resumes from its checkpoint.
 */
@Tag("integration")
class SparkSweepIntegrationTest {
    @TempDir
    static Path dir;

    private static LocalSparkCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new LocalSparkCluster(dir.resolve("spark-home"), 1, 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Seed 004's LeNet-5, one thread per trial (so that results do not depend on the cores), on a subset. */
    private static SweepLoader.Loaded sweep(String name, int trials, int trainLimit, int epochs, boolean onSpark)
            throws Exception {
        String conf = cluster.conf().entrySet().stream().map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
                .collect(Collectors.joining(", "));
        Path file = Files.writeString(dir.resolve(name + ".yaml"), """
                name: %s
                base: %s
                seed: 11
                overrides:
                  data.validationFraction: 0.1
                  data.trainLimit: %d
                  train.epochs: %d
                  train.threads: 1
                  train.splitBatch: 1
                space:
                  optimizer.lr: {logUniform: [1.0e-2, 1.0e-1]}
                  train.batchSize: {choice: [32, 64]}
                generator: {type: random}
                budget: {trials: %d}
                pruning: {type: none}
                output: {dir: %s}
                executor: %s
                spark: {master: "%s", conf: {%s}}
                """.formatted(name, ProjectFiles.EXPERIMENTS.resolve("seed-004-lenet5.yaml").toAbsolutePath(), trainLimit,
                epochs, trials, dir.resolve(name), onSpark ? "spark" : "in-process", cluster.masterUrl(), conf));
        return SweepLoader.load(file, List.of());
    }

    private static void assertSameTrials(Path expected, Path actual) {
        List<TrialRecord> a = TrialRecord.readAll(expected);
        List<TrialRecord> b = TrialRecord.readAll(actual);
        assertEquals(a.size(), b.size(), "trials");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).params(), b.get(i).params(), "trial " + i + ": the same candidate");
            assertEquals(a.get(i).status(), b.get(i).status(), "trial " + i);
            assertEquals(a.get(i).scores(), b.get(i).scores(), "trial " + i + ": validation accuracy per epoch, bit for bit");
            assertEquals(a.get(i).testAccuracy(), b.get(i).testAccuracy(), "trial " + i + ": test accuracy, bit for bit");
        }
    }

    @Test
    void aSweepOnTheClusterEndsWithTheSameTrialsAsInProcess() throws Exception {
        Trainer.Options options = Trainer.Options.defaults().quietly();
        SweepRunner.Outcome local = SweepRunner.run(sweep("local", 4, 4000, 1, false), options);
        SweepRunner.Outcome spark = SweepRunner.run(sweep("cluster", 4, 4000, 1, true), options);

        assertSameTrials(local.sweepDir(), spark.sweepDir());
        assertEquals(local.summary().bestTrial(), spark.summary().bestTrial());
        assertEquals(local.summary().bestScore(), spark.summary().bestScore());
        assertEquals(4, spark.summary().completed());
        String log = Files.readString(spark.sweepDir().resolve("sweep.log"));
        assertTrue(log.contains("executor spark (" + cluster.masterUrl() + ")"), "the sweep ran on the cluster");
        String report = Files.readString(spark.sweepDir().resolve("report.html"));
        for (TrialRecord t : TrialRecord.readAll(local.sweepDir())) {
            assertTrue(report.contains(String.format(java.util.Locale.ROOT, "%.4f", t.score())), "trial " + t.index());
        }
    }

    @Test
    void anExecutorKilledDuringATrialLosesNothing() throws Exception {
        Trainer.Options options = Trainer.Options.defaults().quietly();
        SweepRunner.Outcome reference = SweepRunner.run(sweep("undisturbed", 2, 20000, 2, false), options);

        SweepLoader.Loaded faulty = sweep("killed", 2, 20000, 2, true);
        CompletableFuture<SweepRunner.Outcome> running = CompletableFuture.supplyAsync(() -> SweepRunner.run(faulty, options));
        Path sweeps = dir.resolve("killed");
        long deadline = System.currentTimeMillis() + 240_000;
        boolean killed = false;
        while (!killed && System.currentTimeMillis() < deadline && !running.isDone()) {
            // A trial past its first epoch (its checkpoint written) and still running: kill every executor now.
            boolean midTrial = false;
            if (Files.isDirectory(sweeps)) {
                try (var files = Files.walk(sweeps)) {
                    midTrial = files.filter(p -> p.endsWith(TrialRecord.FILE)).map(TrialRecord::read)
                            .anyMatch(t -> t.status().equals("running") && t.scores().size() == 1);
                }
            }
            if (midTrial && !cluster.executors().isEmpty()) {
                cluster.executors().forEach(ProcessHandle::destroyForcibly); // SIGKILL
                killed = true;
            } else {
                Thread.sleep(100);
            }
        }
        assertTrue(killed, "an executor was killed during a trial");
        SweepRunner.Outcome outcome = running.get(300, TimeUnit.SECONDS);

        assertSameTrials(reference.sweepDir(), outcome.sweepDir());
        assertEquals(2, outcome.summary().completed());
        long resumed = TrialRecord.readAll(outcome.sweepDir()).stream().filter(t -> {
            try {
                return Files.readString(outcome.sweepDir().resolve(t.runDir()).resolve("run.log"))
                        .contains("resumed after epoch 1");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).count();
        assertTrue(resumed >= 1, "the killed trial resumed from its epoch-1 checkpoint, not from scratch");
        assertEquals(0, outcome.summary().failed(), "no trial failed: a lost executor is retried, not a failure");
    }
}
